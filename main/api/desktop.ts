// Extra abilities the desktop app's preload offers beside the contract (native dialogs).
// The web host has none of these; the renderer checks for `window.framelensDesktop` before using them.
export type DesktopBridge = {
  /** Shows a native save dialog and writes the text there. */
  saveText(defaultName: string, text: string): Promise<{ saved: boolean; path?: string }>;
  /** The same for a picture (a chart), given as base64 PNG data. */
  savePng(defaultName: string, base64: string): Promise<{ saved: boolean; path?: string }>;
  /** The same for a zip file (a REFI-QDA project), given as base64. */
  saveZip(defaultName: string, base64: string): Promise<{ saved: boolean; path?: string }>;
};
