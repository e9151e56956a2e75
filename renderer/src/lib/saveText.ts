// Saves exported text: the desktop app shows its native save dialog; a browser downloads a file.
export type SaveOutcome = { saved: boolean; path?: string; downloaded?: boolean };

export async function saveText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): Promise<SaveOutcome> {
  if (window.framelensDesktop) return window.framelensDesktop.saveText(fileName, text);
  return download(fileName, new Blob([text], { type: mimeType }));
}

/** A zip file (a REFI-QDA project) that arrived as base64. */
export async function saveZip(fileName: string, base64: string): Promise<SaveOutcome> {
  if (window.framelensDesktop) return window.framelensDesktop.saveZip(fileName, base64);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return download(fileName, new Blob([bytes], { type: 'application/zip' }));
}

function download(fileName: string, blob: Blob): SaveOutcome {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return { saved: true, downloaded: true };
}
