// The main process's half of the bridge: one ipcMain.handle per contract method, on a channel named from
// the contract, each refusing any sender that is not the app's own top-level page. The renderer's input
// stays `unknown` until dispatch parses it against the contract.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { methods, type Envelope } from '../api/contract.ts';
import type { AsyncDispatch } from '../api/dispatch.ts';
import { apiChannel, isTrustedSender, safeFileName, saveFilters, SAVE_PNG_CHANNEL, SAVE_TEXT_CHANNEL, SAVE_ZIP_CHANNEL } from './policy.ts';

const REFUSED: Envelope<never> = {
  ok: false,
  error: { code: 'UNSUPPORTED', message: 'Only the Framelens window itself may use the project.' },
};

const UNAVAILABLE: Envelope<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'No Framelens project is open. Choose one with File › Open Project….' },
};

function trusted(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(event.senderFrame);
}

/** `currentDispatch` is read on every call, so switching projects needs no re-registration. */
export function registerApi(currentDispatch: () => AsyncDispatch): void {
  for (const method of methods) {
    ipcMain.handle(apiChannel(method), async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) return REFUSED;
      try {
        return await currentDispatch()(method, input);
      } catch (error) {
        // dispatch never throws; this is for "no project open", so the renderer still gets an envelope.
        console.error(error);
        return UNAVAILABLE;
      }
    });
  }
}

/** Exports can be large, but not unbounded: a string past this is a bug, not a CSV. */
const MAX_SAVE_CHARS = 512 * 1024 * 1024;

/** Asks where to save, then writes; a failure to write is shown to the analyst, not thrown. */
async function saveWithDialog(event: IpcMainInvokeEvent, defaultName: unknown, data: string | Buffer): Promise<{ saved: boolean; path?: string }> {
  const name = safeFileName(defaultName);
  const owner = BrowserWindow.fromWebContents(event.sender);
  const options = { title: 'Save export', defaultPath: path.join(app.getPath('documents'), name), filters: saveFilters(name) };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    await writeFile(choice.filePath, data);
    return { saved: true, path: choice.filePath };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Framelens could not save the file', `${choice.filePath}\n\n${reason}`);
    return { saved: false };
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** base64 data from the renderer with the signature it must start with, or null. */
function signed(base64: unknown, signature: Buffer): Buffer | null {
  if (typeof base64 !== 'string' || base64.length > MAX_SAVE_CHARS || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return null;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.subarray(0, signature.length).equals(signature) ? bytes : null;
}

export function registerSaveText(): void {
  ipcMain.handle(SAVE_TEXT_CHANNEL, async (event, defaultName: unknown, text: unknown) => {
    if (!trusted(event) || typeof text !== 'string' || text.length > MAX_SAVE_CHARS) return { saved: false };
    return saveWithDialog(event, defaultName, text);
  });
  // Charts arrive as base64; only a real PNG is written.
  ipcMain.handle(SAVE_PNG_CHANNEL, async (event, defaultName: unknown, base64: unknown) => {
    const png = trusted(event) ? signed(base64, PNG_SIGNATURE) : null;
    return png ? saveWithDialog(event, defaultName, png) : { saved: false };
  });
  // A REFI-QDA project (.qdpx) is a zip; only a zip is written.
  ipcMain.handle(SAVE_ZIP_CHANNEL, async (event, defaultName: unknown, base64: unknown) => {
    const zip = trusted(event) ? signed(base64, ZIP_SIGNATURE) : null;
    return zip ? saveWithDialog(event, defaultName, zip) : { saved: false };
  });
}
