// The entities × framing tags matrix: cell shading shared by the HTML table and its PNG, and the PNG
// itself, drawn on a canvas because the on-screen version is a table, not a chart.js chart.
import type { Output } from '../../../../main/api/contract.ts';
import { typeColors } from './entityTypes.ts';

export type EntityTagData = Output<'charts.entityTags'>;

const ACCENT = [43, 89, 195] as const;

/** A cell's fill and text colour: deeper blue for more mentions, relative to the fullest cell. */
export function cellShade(count: number, max: number): { background: string; color: string } {
  if (count <= 0 || max <= 0) return { background: 'transparent', color: '#818b96' };
  const alpha = 0.12 + 0.88 * Math.min(1, count / max);
  return { background: `rgba(${ACCENT.join(', ')}, ${alpha.toFixed(3)})`, color: alpha > 0.55 ? '#ffffff' : '#1e429a' };
}

export function countsOf(data: EntityTagData): Map<string, number> {
  return new Map(data.cells.map((c) => [`${c.entityId}:${c.tagId}`, c.mentions]));
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The matrix as a PNG data URL, with a title, row and column labels and the counts in the cells. */
export function heatmapPng(data: EntityTagData, title: string, scale = 2): string {
  const counts = countsOf(data);
  const max = Math.max(0, ...data.cells.map((c) => c.mentions));
  const columns = data.tags.map((tag) => {
    const parts = tag.path.split(' > ');
    return { tag, name: parts[parts.length - 1] ?? tag.path, parents: parts.slice(0, -1).join(' › ') };
  });

  // Columns as wide as their names (within reason), so a tag name is read whole.
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser cannot draw the picture.');
  measure.font = `600 12px ${FONT}`;
  const cellW = Math.min(170, Math.max(64, ...columns.map((c) => measure.measureText(c.name).width + 34)));
  const pad = 16;
  const rowHead = 190;
  const cellH = 30;
  const titleH = 34;
  const colHead = columns.some((c) => c.parents) ? 44 : 28;
  const width = pad * 2 + rowHead + cellW * Math.max(1, columns.length);
  const height = pad * 2 + titleH + colHead + cellH * Math.max(1, data.entities.length);

  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the picture.');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';

  ctx.fillStyle = '#1c2128';
  ctx.font = `600 15px ${FONT}`;
  ctx.fillText(fit(ctx, title, width - pad * 2), pad, pad + 10);

  const top = pad + titleH;
  const left = pad + rowHead;
  columns.forEach((column, i) => {
    const x = left + i * cellW;
    const nameY = top + colHead - 12;
    if (column.parents) {
      ctx.font = `12px ${FONT}`;
      ctx.fillStyle = '#818b96';
      ctx.fillText(fit(ctx, `${column.parents} ›`, cellW - 12), x + 6, nameY - 17);
    }
    ctx.fillStyle = column.tag.color;
    ctx.fillRect(x + 6, nameY - 5, 10, 10);
    ctx.fillStyle = '#59636e';
    ctx.font = `600 12px ${FONT}`;
    ctx.fillText(fit(ctx, column.name, cellW - 26), x + 21, nameY);
  });

  data.entities.forEach((entity, r) => {
    const y = top + colHead + r * cellH;
    ctx.fillStyle = typeColors[entity.type];
    ctx.beginPath();
    ctx.arc(pad + 5, y + cellH / 2, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1c2128';
    ctx.font = `13px ${FONT}`;
    ctx.textAlign = 'left';
    ctx.fillText(fit(ctx, entity.name, rowHead - 24), pad + 16, y + cellH / 2);
    columns.forEach((column, c) => {
      const x = left + c * cellW;
      const n = counts.get(`${entity.id}:${column.tag.id}`) ?? 0;
      const shade = cellShade(n, max);
      ctx.fillStyle = n ? shade.background : '#f6f7f9';
      ctx.fillRect(x + 2, y + 2, cellW - 4, cellH - 4);
      ctx.fillStyle = shade.color;
      ctx.textAlign = 'center';
      ctx.font = `${n ? '600 ' : ''}12px ${FONT}`;
      ctx.fillText(n ? String(n) : '–', x + cellW / 2, y + cellH / 2);
      ctx.textAlign = 'left';
    });
  });
  return canvas.toDataURL('image/png');
}
