// The application menu. File holds the project commands; Edit keeps the standard roles so copy, paste and
// undo in text fields work on every platform (macOS needs them in the menu).
import path from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuActions = {
  newProject(): void;
  openProject(): void;
  openRecent(file: string): void;
  mergeProject(): void;
  recent: readonly string[];
  currentPath: string | null;
  /** Developer tools only in a development run, never in the packaged app. */
  developer: boolean;
};

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent = actions.recent.filter((file) => file !== actions.currentPath);

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newProject() },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      {
        label: 'Open Recent',
        enabled: recent.length > 0,
        submenu: recent.map((entry) => ({
          label: `${path.basename(entry)} — ${path.dirname(entry)}`,
          click: () => actions.openRecent(entry),
        })),
      },
      { type: 'separator' },
      { label: 'Merge Project…', enabled: actions.currentPath !== null, click: () => actions.mergeProject() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(actions.developer ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const template: MenuItemConstructorOptions[] = [...(isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
  return Menu.buildFromTemplate(template);
}
