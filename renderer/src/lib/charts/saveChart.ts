// Saving a chart: its picture as PNG and its numbers as CSV, named after the chart and the day.
import { saveText, type SaveOutcome } from '../saveText.ts';
import { notify } from '../toasts.svelte.ts';
import { messageOf } from '../api.ts';

/** What chartPng needs of a chart.js chart. */
type DrawnChart = { canvas: HTMLCanvasElement; options: { devicePixelRatio?: number }; resize(): void };

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * A chart as a PNG data URL for a report: drawn again at twice the screen's resolution, with its title
 * above it, on white.
 */
export function chartPng(chart: DrawnChart, title: string): string {
  const before = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
  chart.resize();
  try {
    const source = chart.canvas;
    const scale = source.width / (source.clientWidth || source.width);
    const pad = Math.round(16 * scale);
    const titleHeight = Math.round(30 * scale);
    const out = document.createElement('canvas');
    out.width = source.width + pad * 2;
    out.height = source.height + titleHeight + pad * 2;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the picture.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = '#1c2128';
    ctx.font = `600 ${Math.round(15 * scale)}px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(title, pad, pad + titleHeight / 2 - 4 * scale);
    ctx.drawImage(source, pad, pad + titleHeight);
    return out.toDataURL('image/png');
  } finally {
    chart.options.devicePixelRatio = before;
    chart.resize();
  }
}

export function chartFileName(name: string, extension: 'png' | 'csv'): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `framelens-${slug || 'chart'}-${new Date().toISOString().slice(0, 10)}.${extension}`;
}

function tell(outcome: SaveOutcome, fileName: string) {
  if (!outcome.saved) return;
  notify('success', outcome.downloaded ? `Saved ${fileName} (see your downloads).` : `Saved ${outcome.path ?? fileName}.`);
}

export async function saveCsv(fileName: string, csv: string): Promise<void> {
  try {
    tell(await saveText(fileName, csv), fileName);
  } catch (e) {
    notify('error', messageOf(e));
  }
}

/** A PNG from a data URL (canvas.toDataURL or chart.toBase64Image): a save dialog on the desktop, a download in a browser. */
export async function savePng(fileName: string, dataUrl: string): Promise<void> {
  // The desktop window may not start downloads, so a picture goes through the native save dialog.
  const desktop = window.framelensDesktop;
  if (desktop) {
    try {
      tell(await desktop.savePng(fileName, dataUrl.slice(dataUrl.indexOf(',') + 1)), fileName);
    } catch (e) {
      notify('error', messageOf(e));
    }
    return;
  }
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  tell({ saved: true, downloaded: true }, fileName);
}
