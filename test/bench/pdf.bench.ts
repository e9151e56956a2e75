// PDF import: a 20-page, two-column article (running header, page numbers, words hyphenated at line
// ends) read with convertPdf, beside a baseline measured in the same run: pdf.js opening the same bytes
// and calling getTextContent on every page, which is the floor for any importer built on it. Figures
// are the median of five runs; loading pdf.js and the first run (which loads the spelling
// dictionaries) are reported apart.
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { convertPdf, documentParams, loadPdfjs } from '../../main/services/import/pdf.ts';
import { article, fmt, median, random, vocabulary, zipfPicker } from './corpus.ts';

const PAGES = 20;
const RUNS = 5;
const TARGET_PAGES_PER_SECOND = 10;
const SIZE = 9;
const LEADING = 11.5;
const COLUMN_WIDTH = 240;

/** Lines of at most the column's width; a long word at a line end is split with a hyphen now and then. */
function wrap(text: string, font: PDFFont, rnd: () => number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, SIZE) <= COLUMN_WIDTH;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    const cut = Math.floor(word.length / 2);
    if (word.length >= 8 && rnd() < 0.3 && fits(`${line} ${word.slice(0, cut)}-`)) {
      lines.push(`${line} ${word.slice(0, cut)}-`);
      line = word.slice(cut);
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

async function buildPdf(): Promise<Uint8Array> {
  const rnd = random(31);
  const pick = zipfPicker(vocabulary(8_000, rnd), rnd);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const perColumn = Math.floor(740 / LEADING);
  const lines = article(pick, rnd, PAGES * 2 * perColumn * 55)
    .split('\n\n')
    .flatMap((p) => [...wrap(p, font, rnd), '']);
  let next = 0;
  for (let n = 0; n < PAGES; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText('Nyhetsbladet – Utrikes', { x: 45, y: 810, size: 8, font });
    page.drawText(`${n + 1}`, { x: 295, y: 30, size: 8, font });
    for (const x of [45, 310]) {
      for (let i = 0; i < perColumn; i++) {
        const text = lines[next++];
        if (text) page.drawText(text, { x, y: 780 - i * LEADING, size: SIZE, font });
      }
    }
  }
  return doc.save();
}

type Pdfjs = Awaited<ReturnType<typeof loadPdfjs>>;

/** pdf.js alone: open, getTextContent on every page, close; the same options as the importer. */
async function textContentOnly(pdfjs: Pdfjs, bytes: Uint8Array): Promise<number> {
  const task = pdfjs.getDocument(documentParams(bytes));
  let items = 0;
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      items += (await page.getTextContent({ disableNormalization: true })).items.length;
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return items;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function runPdfBench(log: (line: string) => void = console.log): Promise<void> {
  const bytes = await buildPdf();
  log(`fixture: ${PAGES} pages, two columns, ${fmt(bytes.length / 1024)} kB`);
  let pdfjs: Pdfjs | undefined;
  const load = await time(async () => (pdfjs = await loadPdfjs()));
  const first = await time(() => convertPdf(bytes, 'bench.pdf'));
  const chars = (await convertPdf(bytes, 'bench.pdf'))[0]!.text.length;
  await textContentOnly(pdfjs!, bytes);
  const convert: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    convert.push(await time(() => convertPdf(bytes, 'bench.pdf')));
    baseline.push(await time(() => textContentOnly(pdfjs!, bytes)));
  }
  const perSecond = (ms: number) => (PAGES * 1000) / ms;
  log(`loading pdf.js and its worker code: ${fmt(load)} ms (slower under tsx, which transforms the files, than from the app's bundle)`);
  log(`first convertPdf (loads the spelling dictionaries): ${fmt(first)} ms`);
  log(
    `convertPdf: ${fmt(median(convert))} ms, ${fmt(perSecond(median(convert)), 1)} pages/s (target ≥ ${TARGET_PAGES_PER_SECOND}), ${fmt(chars)} characters | ` +
      `pdf.js getTextContent alone ${fmt(median(baseline))} ms, ${fmt(perSecond(median(baseline)), 1)} pages/s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runPdfBench();
