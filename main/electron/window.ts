// The one Framelens window, with every renderer setting pinned to the secure choice (even where it is
// Electron's default, so a future default change cannot loosen it).
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './policy.ts';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Framelens',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A crashed renderer is reloaded, but not in a loop if it crashes again at once.
  let lastReload = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`The Framelens window's renderer stopped (${details.reason}).`);
    if (details.reason === 'clean-exit' || win.isDestroyed() || Date.now() - lastReload < 10_000) return;
    lastReload = Date.now();
    win.webContents.reload();
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
