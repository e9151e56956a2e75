// IPC channel names, shared by the preload and the main process. No imports: the sandboxed preload can
// bundle nothing that needs Node.

/** The IPC channel of a contract method. Channels come from the contract, never from the renderer. */
export function apiChannel(method: string): string {
  return `api:${method}`;
}

/** The native save dialog behind DesktopBridge.saveText. */
export const SAVE_TEXT_CHANNEL = 'desktop:saveText';

/** The native save dialog behind DesktopBridge.savePng. */
export const SAVE_PNG_CHANNEL = 'desktop:savePng';

/** The native save dialog behind DesktopBridge.saveZip. */
export const SAVE_ZIP_CHANNEL = 'desktop:saveZip';
