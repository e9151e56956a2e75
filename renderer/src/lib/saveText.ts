// Saves exported text: the desktop app shows its native save dialog; a browser downloads a file.
export type SaveOutcome = { saved: boolean; path?: string; downloaded?: boolean };

export async function saveText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): Promise<SaveOutcome> {
  if (window.framelensDesktop) return window.framelensDesktop.saveText(fileName, text);
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
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
