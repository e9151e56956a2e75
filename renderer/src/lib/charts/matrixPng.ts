// A table of coloured cells as a PNG for a report (a co-occurrence matrix, a crosstab), drawn on a
// canvas because the on-screen version is an HTML table, not a chart.js chart. Same look as the
// entities × tags matrix.

export type MatrixCell = { text: string; background: string; color: string; bold?: boolean };

export type MatrixPicture = {
  title: string;
  /** Lines of small print under the title: the test result, what the colours mean. */
  notes?: string[];
  columns: { label: string; color?: string }[];
  rows: { label: string; color?: string }[];
  cell: (row: number, column: number) => MatrixCell;
  /** Colour keys drawn under the table. */
  legend?: { color: string; label: string }[];
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

export function matrixPng(m: MatrixPicture, scale = 2): string {
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser cannot draw the picture.');
  const widthOf = (text: string, font: string) => {
    measure.font = font;
    return measure.measureText(text).width;
  };
  // Every column as wide as the widest heading or cell (within reason), so the grid stays even.
  const headings = m.columns.map((c) => widthOf(c.label, `600 12px ${FONT}`) + (c.color ? 34 : 18));
  const cells = m.rows.flatMap((_, r) => m.columns.map((_, c) => widthOf(m.cell(r, c).text, `600 12px ${FONT}`) + 16));
  const cellW = Math.min(200, Math.max(72, ...headings, ...cells));
  const rowHead = Math.min(240, Math.max(110, ...m.rows.map((r) => widthOf(r.label, `13px ${FONT}`) + (r.color ? 30 : 14))));
  const legendW = (m.legend ?? []).reduce((w, key) => w + 38 + widthOf(key.label, `12px ${FONT}`), 0);
  const pad = 16;
  const cellH = 30;
  const titleH = 30;
  const notesH = (m.notes?.length ?? 0) * 18;
  const colHead = 28;
  const legendH = m.legend?.length ? 28 : 0;
  const width = Math.ceil(
    Math.max(
      pad * 2 + rowHead + cellW * Math.max(1, m.columns.length),
      pad * 2 + legendW,
      pad * 2 + widthOf(m.title, `600 15px ${FONT}`),
      ...(m.notes ?? []).map((n) => pad * 2 + widthOf(n, `12px ${FONT}`)),
      360,
    ),
  );
  const height = pad * 2 + titleH + notesH + colHead + cellH * Math.max(1, m.rows.length) + legendH;

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
  ctx.fillText(fit(ctx, m.title, width - pad * 2), pad, pad + 10);
  ctx.font = `12px ${FONT}`;
  ctx.fillStyle = '#59636e';
  (m.notes ?? []).forEach((note, i) => ctx.fillText(fit(ctx, note, width - pad * 2), pad, pad + titleH + i * 18 + 4));

  const top = pad + titleH + notesH;
  const left = pad + rowHead;
  m.columns.forEach((column, i) => {
    const x = left + i * cellW;
    const y = top + colHead - 12;
    let textX = x + 6;
    if (column.color) {
      ctx.fillStyle = column.color;
      ctx.fillRect(x + 6, y - 5, 10, 10);
      textX = x + 21;
    }
    ctx.fillStyle = '#59636e';
    ctx.font = `600 12px ${FONT}`;
    ctx.fillText(fit(ctx, column.label, cellW - (textX - x) - 4), textX, y);
  });

  m.rows.forEach((row, r) => {
    const y = top + colHead + r * cellH;
    let textX = pad;
    if (row.color) {
      ctx.fillStyle = row.color;
      ctx.fillRect(pad, y + cellH / 2 - 5, 10, 10);
      textX = pad + 16;
    }
    ctx.fillStyle = '#1c2128';
    ctx.font = `13px ${FONT}`;
    ctx.textAlign = 'left';
    ctx.fillText(fit(ctx, row.label, rowHead - (textX - pad) - 8), textX, y + cellH / 2);
    m.columns.forEach((_, c) => {
      const x = left + c * cellW;
      const cell = m.cell(r, c);
      ctx.fillStyle = cell.background === 'transparent' ? '#f6f7f9' : cell.background;
      ctx.fillRect(x + 2, y + 2, cellW - 4, cellH - 4);
      ctx.fillStyle = cell.color;
      ctx.textAlign = 'center';
      ctx.font = `${cell.bold ? '600 ' : ''}12px ${FONT}`;
      ctx.fillText(fit(ctx, cell.text, cellW - 8), x + cellW / 2, y + cellH / 2);
      ctx.textAlign = 'left';
    });
  });

  if (m.legend?.length) {
    let x = pad;
    const y = top + colHead + cellH * Math.max(1, m.rows.length) + legendH / 2 + 2;
    ctx.font = `12px ${FONT}`;
    for (const key of m.legend) {
      ctx.fillStyle = key.color;
      ctx.fillRect(x, y - 5, 14, 10);
      ctx.fillStyle = '#59636e';
      ctx.fillText(key.label, x + 20, y);
      x += 20 + ctx.measureText(key.label).width + 18;
    }
  }
  return canvas.toDataURL('image/png');
}
