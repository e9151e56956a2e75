// Hardening that applies to every session and every web contents the app ever creates, following
// Electron's security checklist. Framelens is offline: the window has no reason to reach the network,
// ask for a permission, open a window, or navigate anywhere but its own app:// pages.
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, safeExternalUrl } from './policy.ts';

/** Opens an https link in the analyst's browser; anything else is dropped. */
export function openExternalIfSafe(raw: string): void {
  const url = safeExternalUrl(raw);
  if (url) shell.openExternal(url).catch((error: unknown) => console.error('Framelens could not open a link in the browser:', error));
}

export function hardenSession(ses: Session): void {
  // Every permission the web platform might ask for (camera, notifications, clipboard read, …) is refused.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Saving goes through the native dialog in the main process; a page-started download is never wanted.
  ses.on('will-download', (event) => event.preventDefault());
  // The UI is served from app://; any network request would be a bug or an injected resource.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => callback({ cancel: true }));
}

export function hardenWebContents(contents: WebContents): void {
  // window.open and target=_blank: never a new Electron window; a safe https link opens in the browser.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  // Following a link would replace the app: keep the window on app://, hand https links to the browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalIfSafe(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // The UI uses no <webview>; refuse any attempt to attach one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Installs the hardening; call once the app is ready. */
export function installSecurity(): void {
  hardenSession(session.defaultSession);
  app.on('session-created', hardenSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
