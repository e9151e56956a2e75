// Runs sandboxed beside the renderer and gives it exactly two objects: `framelens`, one function per
// contract method, and `framelensDesktop`, the native save dialogs. The renderer never names a channel and
// never touches ipcRenderer itself.
//
// build.mjs swaps the contract import below for the bare method list, so zod stays out of this bundle.
import { contextBridge, ipcRenderer } from 'electron';
import { methods, type Envelope, type Input, type Method, type Output } from '../api/contract.ts';
import type { DesktopBridge } from '../api/desktop.ts';
import { apiChannel, SAVE_PNG_CHANNEL, SAVE_TEXT_CHANNEL, SAVE_ZIP_CHANNEL } from './channels.ts';

/** What `window.framelens` holds: every method answers with the dispatch envelope, never a thrown error. */
export type DesktopApi = { [M in Method]: (input: Input<M>) => Promise<Envelope<Output<M>>> };

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of methods) {
  const channel = apiChannel(method);
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

const desktop: DesktopBridge = {
  saveText: (defaultName, text) => ipcRenderer.invoke(SAVE_TEXT_CHANNEL, defaultName, text),
  savePng: (defaultName, base64) => ipcRenderer.invoke(SAVE_PNG_CHANNEL, defaultName, base64),
  saveZip: (defaultName, base64) => ipcRenderer.invoke(SAVE_ZIP_CHANNEL, defaultName, base64),
};

contextBridge.exposeInMainWorld('framelens', Object.freeze(api) as DesktopApi);
contextBridge.exposeInMainWorld('framelensDesktop', Object.freeze(desktop));
