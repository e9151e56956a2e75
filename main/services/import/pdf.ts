// PDF files to plain-text articles. pdf.js reads the file in this thread (its "fake worker"): nothing is
// downloaded or fetched, no script in the file runs and no font is installed. Only the text layer is
// read, and paragraphs are rebuilt from where the text sits: runs of text become lines by their
// baseline, a two-column page is read column by column, running headers, footers and page numbers are
// left out, and a word hyphenated at a line end is joined again when the spelling dictionaries know the
// whole word.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { loadLexicon, type Lexicon } from '../entities/detect/lexicon.ts';
import { AppError, invalid } from '../errors.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';

const MAX_PAGES = 2_000;

export async function convertPdf(bytes: Uint8Array, name: string): Promise<ConvertedArticle[]> {
  refuseNonPdf(bytes, name);
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument(documentParams(bytes));
  try {
    const doc = await openDocument(task, name);
    if (doc.numPages > MAX_PAGES) {
      throw invalid(`${name} has ${doc.numPages.toLocaleString('en-US')} pages; Framelens imports PDFs of up to 2,000 pages. Split it and import the parts.`);
    }
    const pages = await readPages(doc, name, pdfjs.Util.transform);
    if (!pages.some(hasText)) throw noTextLayer(name);
    dropRunningLines(pages);
    const text = composeText(pages);
    if (!text) throw noTextLayer(name);
    const meta = await readMeta(doc);
    return [{ text, ...(meta.title === undefined ? {} : { title: meta.title }), meta: meta.found }];
  } finally {
    await task.destroy();
  }
}

// --- Refusals -------------------------------------------------------------------------------------

const noTextLayer = (name: string) =>
  invalid(`${name} has no text layer (it looks like a scan); Framelens cannot read the text of images. Run it through OCR and import the result.`);
const damaged = (name: string) => invalid(`${name} is damaged or not a complete PDF; Framelens could not read it.`);

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(Math.max(0, from), Math.max(0, to)));

function refuseNonPdf(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  // Readers accept the header anywhere in the first kilobyte, after junk some mail gateways prepend.
  if (!ascii(bytes, 0, 1024).includes('%PDF-')) throw invalid(`${name} is not a PDF.`);
  // A complete file ends with %%EOF (past trailing white space or padding); a cut-off download does not,
  // and pdf.js would quietly rebuild what it can and hand back part of the text.
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1]! <= 0x20 || bytes[end - 1] === 0x7f)) end--;
  if (!ascii(bytes, end - 1024, end).includes('%%EOF')) throw damaged(name);
}

async function openDocument(task: PDFDocumentLoadingTask, name: string): Promise<PDFDocumentProxy> {
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) throw damaged(name);
    return doc;
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw invalid(`${name} is password-protected; open it, save a copy without the password and import that.`);
    }
    if (error instanceof AppError) throw error;
    throw damaged(name);
  }
}

// --- pdf.js ---------------------------------------------------------------------------------------

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoading: Promise<Pdfjs> | undefined;

/**
 * pdf.js, loaded on first use. In Node it never starts a Worker; it runs the worker's code in this
 * thread behind a loopback port, taking that code from `globalThis.pdfjsWorker` when set and otherwise
 * importing "./pdf.worker.mjs" by path at run time, which a bundled app would not find. So the worker
 * module is imported here, where a bundler sees it, and put where pdf.js looks first.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    ensureDomMatrix();
    // @ts-expect-error -- pdfjs-dist ships no type declarations for its worker module.
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })().catch((error: unknown) => {
    pdfjsLoading = undefined;
    throw error;
  });
  return pdfjsLoading;
}

/**
 * pdf.js builds a DOMMatrix as it loads, for drawing pages, and in Node takes the class from the native
 * @napi-rs/canvas package. Where that package cannot be found (a bundle shipped without it) loading
 * would fail, so a bare class stands in: reading text never draws, and never uses it.
 */
function ensureDomMatrix(): void {
  if ('DOMMatrix' in globalThis) return;
  try {
    createRequire(import.meta.url).resolve('@napi-rs/canvas');
  } catch {
    (globalThis as { DOMMatrix?: unknown }).DOMMatrix = class DOMMatrixForTextOnly {};
  }
}

/** What pdf.js opens a document with: from bytes only, with nothing run, installed or fetched. */
export function documentParams(bytes: Uint8Array) {
  return {
    // pdf.js hands the buffer to its worker and detaches it; `new Uint8Array` copies (Buffer#slice would not).
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: 0, // errors only: a damaged file is refused, not logged about
    ...localAssets(),
  };
}

/** The folder of a package's file `entry` (resolved as Node would), holding `marker`. */
function packageDir(entry: string, marker: string): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(dirname(createRequire(import.meta.url).resolve(entry)));
  } catch {
    // Not resolvable from a bundle: the working directory's node_modules below.
  }
  candidates.push(join(process.cwd(), 'node_modules', entry.split('/')[0]!));
  return candidates.find((dir) => existsSync(join(dir, marker)));
}

let assets: { cMapUrl?: string; standardFontDataUrl?: string } | undefined;

/**
 * The character maps (for CJK fonts without a ToUnicode table) and the standard fonts (for
 * non-embedded fonts) that ship in pdfjs-dist. pdf.js in Node reads them with fs from a plain path,
 * which must end in a slash; left out when the package folder cannot be found.
 */
function localAssets(): { cMapUrl?: string; standardFontDataUrl?: string } {
  if (!assets) {
    const root = packageDir('pdfjs-dist/package.json', 'cmaps');
    assets =
      root && existsSync(join(root, 'standard_fonts')) ? { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` } : {};
  }
  return assets;
}

// --- Pages ----------------------------------------------------------------------------------------

/** A piece of text on the page, turned so its lines run left to right; y is the baseline, growing downwards. */
type Run = { text: string; x: number; y: number; width: number; size: number; rtl: boolean };

type Page = {
  runs: Run[];
  /** Text at an angle to the page's lines (stamps, margin notes), in the order of the file. */
  aside: string[];
  width: number;
  height: number;
};

type Matrix = number[];
type Transform = (m1: Matrix, m2: Matrix) => Matrix;

const hasText = (page: Page) => page.runs.length > 0 || page.aside.length > 0;

async function readPages(doc: PDFDocumentProxy, name: string, transform: Transform): Promise<Page[]> {
  const pages: Page[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let read;
    try {
      const page = await doc.getPage(n);
      // Normalisation off: the text is kept as the file encodes it (ligatures such as "ﬁ" included).
      read = { viewport: page.getViewport({ scale: 1 }), content: await page.getTextContent({ disableNormalization: true }) };
      page.cleanup();
    } catch {
      throw damaged(name);
    }
    const items = read.content.items.filter((item): item is TextItem => 'str' in item);
    pages.push(layOut(items, read.viewport.transform, read.viewport.width, read.viewport.height, transform));
  }
  return pages;
}

// eslint-disable-next-line no-control-regex -- control characters are what is taken out
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const cleanRun = (text: string) => text.replace(/[\t\n\v\f\r]/g, ' ').replace(CONTROL, '');

/** The quarter turn (0–3) that most of the page's text runs at, weighted by its length. */
function mainTurn(directions: (number | null)[], items: TextItem[]): number {
  const weight = [0, 0, 0, 0];
  directions.forEach((turn, i) => {
    if (turn !== null) weight[turn]! += items[i]!.str.length;
  });
  return weight.indexOf(Math.max(...weight));
}

/** How far (in radians, about 10°) text may lean and still count as running along a page's lines. */
const LEAN = 0.18;

/** The quarter turn of a text direction, or null for text at another angle (a diagonal watermark). */
function quarterTurn(m: Matrix): number | null {
  const angle = Math.atan2(m[1]!, m[0]!);
  const turn = Math.round(angle / (Math.PI / 2));
  return Math.abs(angle - turn * (Math.PI / 2)) < LEAN ? (turn + 4) % 4 : null;
}

/** The page's text items in a frame where its main text runs left to right from the top left corner. */
function layOut(items: TextItem[], viewportTransform: Matrix, width: number, height: number, transform: Transform): Page {
  const placed = items.map((item) => transform(viewportTransform, item.transform));
  const directions = placed.map(quarterTurn);
  const turn = mainTurn(directions, items);
  const cos = [1, 0, -1, 0][turn]!;
  const sin = [0, 1, 0, -1][turn]!;
  const back: Matrix = [cos, -sin, sin, cos, 0, 0];
  // The page box turned the same way, so its corner can become the origin again.
  const corners = [
    transform(back, [1, 0, 0, 1, 0, 0]),
    transform(back, [1, 0, 0, 1, width, 0]),
    transform(back, [1, 0, 0, 1, 0, height]),
    transform(back, [1, 0, 0, 1, width, height]),
  ];
  const minX = Math.min(...corners.map((c) => c[4]!));
  const minY = Math.min(...corners.map((c) => c[5]!));
  const page: Page = { runs: [], aside: [], width: turn % 2 ? height : width, height: turn % 2 ? width : height };
  items.forEach((item, i) => {
    const text = cleanRun(item.str);
    if (!text.trim()) return;
    if (directions[i] !== turn) {
      page.aside.push(text.trim());
      return;
    }
    const m = transform(back, placed[i]!);
    const size = Math.hypot(m[2]!, m[3]!) || item.height || 1;
    page.runs.push({ text, x: m[4]! - minX, y: m[5]! - minY, width: Math.max(0, item.width), size, rtl: item.dir === 'rtl' });
  });
  return page;
}

// --- Lines ----------------------------------------------------------------------------------------

/** Runs grouped by their baseline, top to bottom, each group ordered left to right. */
function groupLines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: Run[][] = [];
  let current: Run[] = [];
  let baseline = 0;
  let size = 0;
  for (const run of sorted) {
    // Superscripts and small shifts stay on their line; the next line is a whole line height away.
    if (current.length > 0 && Math.abs(run.y - baseline) <= 0.45 * Math.max(size, run.size)) {
      current.push(run);
      if (run.size > size) [size, baseline] = [run.size, run.y];
      continue;
    }
    current = [run];
    lines.push(current);
    [size, baseline] = [run.size, run.y];
  }
  for (const line of lines) line.sort((p, q) => p.x - q.x);
  return lines;
}

/** A gap between runs wider than this share of the font size is a space between words. */
const WORD_GAP = 0.15;

/** The runs of one line as text, with a space wherever the gap between two runs is a word space. */
function joinRuns(runs: Run[]): string {
  const rtl = runs.filter((r) => r.rtl).length * 2 > runs.length;
  const ordered = rtl ? [...runs].reverse() : runs;
  let text = '';
  let prev: Run | undefined;
  for (const run of ordered) {
    if (prev) {
      // Fake bold: the same text printed twice, a hair apart.
      if (run.text === prev.text && Math.abs(run.x - prev.x) < 0.2 * run.size) continue;
      const gap = rtl ? prev.x - (run.x + run.width) : run.x - (prev.x + prev.width);
      if (gap > WORD_GAP * Math.min(run.size, prev.size) && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    }
    text += run.text;
    prev = run;
  }
  return text.replace(/[ \t]+/g, ' ').trim();
}

// --- Running headers, footers and page numbers ----------------------------------------------------

/** The share of the page height, at the top and at the bottom, where headers and footers sit. */
const BAND = 0.1;
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:(?:sida|sid\.?|side|seite|page|pag\.?|p\.|s\.)\s*)?\d{1,4}(?:\s*(?:av|of|von|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;

/** A header's text with its numbers blanked, so "Sida 3 av 9" and "Sida 10 av 12" match. */
const repeatKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

type Piece = { runs: Run[]; text: string };

/** Pieces of the lines in a page's top and bottom bands, split where runs stand far apart. */
function bandPieces(page: Page): Piece[] {
  const inBand = page.runs.filter((r) => r.y < page.height * BAND || r.y > page.height * (1 - BAND));
  const pieces: Run[][] = [];
  for (const line of groupLines(inBand)) {
    let piece: Run[] = [];
    for (const run of line) {
      const last = piece.at(-1);
      if (last && run.x - (last.x + last.width) > 2 * Math.max(run.size, last.size)) {
        pieces.push(piece);
        piece = [];
      }
      piece.push(run);
    }
    if (piece.length > 0) pieces.push(piece);
  }
  return pieces.map((runs) => ({ runs, text: joinRuns(runs) }));
}

/**
 * Leaves out the lines in the top and bottom bands that repeat on at least half of the pages (two at
 * least), numbers aside, and lines there that are only a page number. Text at an angle that repeats
 * so (a watermark, a stamp) goes too.
 */
function dropRunningLines(pages: Page[]): void {
  const pieces = pages.map(bandPieces);
  const pagesWith = new Map<string, Set<number>>();
  const note = (key: string, page: number) => {
    const set = pagesWith.get(key) ?? new Set();
    set.add(page);
    pagesWith.set(key, set);
  };
  pieces.forEach((list, page) => list.forEach((piece) => note(repeatKey(piece.text), page)));
  pages.forEach((page, n) => page.aside.forEach((text) => note(`aside:${repeatKey(text)}`, n)));
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const repeated = (key: string) => pages.length >= 2 && (pagesWith.get(key)?.size ?? 0) >= needed;
  pages.forEach((page, n) => {
    const dropped = new Set<Run>();
    for (const { runs, text } of pieces[n]!) {
      if (PAGE_NUMBER.test(text) || repeated(repeatKey(text))) for (const run of runs) dropped.add(run);
    }
    page.runs = page.runs.filter((run) => !dropped.has(run));
    page.aside = page.aside.filter((text) => !repeated(`aside:${repeatKey(text)}`));
  });
}

// --- Columns --------------------------------------------------------------------------------------

type Gutter = { from: number; to: number };

/** Rows that may cross a gutter (a title over both columns, a caption): this share of all rows. */
const GUTTER_CROSSINGS = 0.15;
/** Lines the fuller of two columns needs; the other may be down to its last line. */
const MIN_COLUMN_LINES = 3;
const MAX_COLUMN_SPLITS = 3;

// Loops rather than Math.min(...values): a page can hold more runs than a call takes arguments.
const minOf = (values: number[]) => values.reduce((a, b) => (b < a ? b : a), Infinity);
const maxOf = (values: number[]) => values.reduce((a, b) => (b > a ? b : a), -Infinity);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/** How many rows have text over each 1-point slice of the width (a row counted once per slice). */
function coverage(rows: Run[][], left: number, bins: number, step: number): Int32Array {
  const diff = new Int32Array(bins + 2);
  for (const row of rows) {
    let start = -1;
    let end = -1;
    for (const run of row) {
      const a = Math.max(0, Math.floor((run.x - left) / step));
      const b = Math.min(bins, Math.ceil((run.x + run.width - left) / step));
      if (start >= 0 && a <= end) end = Math.max(end, b);
      else {
        if (start >= 0) [diff[start], diff[end]] = [diff[start]! + 1, diff[end]! - 1];
        [start, end] = [a, b];
      }
    }
    if (start >= 0) [diff[start], diff[end]] = [diff[start]! + 1, diff[end]! - 1];
  }
  for (let i = 1; i < diff.length; i++) diff[i]! += diff[i - 1]!;
  return diff;
}

/**
 * A vertical strip in the middle of the text that (nearly) no row crosses, with text on both sides over
 * a shared stretch of the page: the space between two columns.
 */
function findGutter(rows: Run[][]): Gutter | undefined {
  const runs = rows.flat();
  const left = minOf(runs.map((r) => r.x));
  const right = maxOf(runs.map((r) => r.x + r.width));
  if (rows.length < MIN_COLUMN_LINES + 1 || right - left <= 0) return undefined;
  const bins = Math.min(2000, Math.ceil(right - left));
  const step = (right - left) / bins;
  const cover = coverage(rows, left, bins, step);
  const allowed = Math.floor(rows.length * GUTTER_CROSSINGS);
  const minWidth = Math.max(4, 0.8 * median(runs.map((r) => r.size)));
  let best: Gutter | undefined;
  for (let i = Math.floor(bins * 0.2), start = -1; i <= Math.ceil(bins * 0.8); i++) {
    const free = i < Math.ceil(bins * 0.8) && cover[i]! <= allowed;
    if (free && start < 0) start = i;
    if (!free && start >= 0) {
      const gutter = { from: left + start * step, to: left + i * step };
      if (gutter.to - gutter.from >= minWidth && (!best || gutter.to - gutter.from > best.to - best.from)) best = gutter;
      start = -1;
    }
  }
  return best && sidesOverlap(rows, best) ? best : undefined;
}

/**
 * Whether there are lines on both sides of the gutter, beside each other: the shorter side (a last
 * column may hold a line or two) within the height of the longer for at least half its own height.
 */
function sidesOverlap(rows: Run[][], gutter: Gutter): boolean {
  const side = (test: (r: Run) => boolean) => rows.filter((row) => row.some(test)).map((row) => row[0]!.y);
  const leftYs = side((r) => r.x + r.width <= gutter.to && !crosses(r, gutter));
  const rightYs = side((r) => r.x >= gutter.from && !crosses(r, gutter));
  if (Math.min(leftYs.length, rightYs.length) < 1 || Math.max(leftYs.length, rightYs.length) < MIN_COLUMN_LINES) return false;
  const [lTop, lBottom, rTop, rBottom] = [minOf(leftYs), maxOf(leftYs), minOf(rightYs), maxOf(rightYs)];
  const shared = Math.min(lBottom, rBottom) - Math.max(lTop, rTop);
  return shared >= 0 && shared >= 0.5 * Math.min(lBottom - lTop, rBottom - rTop);
}

/** A run laid over the whole gutter (one that merely reaches into it belongs to its side). */
const crosses = (run: Run, gutter: Gutter) => run.x < gutter.from && run.x + run.width > gutter.to;

/**
 * The page's text as blocks in reading order, each a list of lines. Rows that cross the gutter (a
 * title over both columns) stand as blocks of their own; between them, the left column is read before
 * the right, each split again if it has columns of its own.
 */
function readingOrder(runs: Run[], depth = 0): Run[][][] {
  const rows = groupLines(runs);
  const gutter = depth < MAX_COLUMN_SPLITS ? findGutter(rows) : undefined;
  if (!gutter) return rows.length > 0 ? [rows] : [];
  const blocks: Run[][][] = [];
  let beside: Run[] = [];
  let across: Run[][] = [];
  const middle = (gutter.from + gutter.to) / 2;
  const flushBeside = () => {
    const left = beside.filter((r) => r.x + r.width / 2 < middle);
    const right = beside.filter((r) => r.x + r.width / 2 >= middle);
    blocks.push(...readingOrder(left, depth + 1), ...readingOrder(right, depth + 1));
    beside = [];
  };
  for (const row of rows) {
    if (row.some((run) => crosses(run, gutter))) {
      if (beside.length > 0) flushBeside();
      across.push(row);
    } else {
      if (across.length > 0) blocks.push(across);
      across = [];
      beside.push(...row);
    }
  }
  if (across.length > 0) blocks.push(across);
  if (beside.length > 0) flushBeside();
  return blocks;
}

// --- Paragraphs -----------------------------------------------------------------------------------

type Line = {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  /** The width the line's first word takes, to tell whether it would have fitted on the line before. */
  firstWord: number;
  page: number;
};

type Block = {
  lines: Line[];
  left: number;
  right: number;
  /** Baseline step as a share of the font size. */
  spacing: number;
  /** Set flush right (most lines reach the right edge), so any line ending short ends a paragraph. */
  justified: boolean;
};

/** A line's font size: that of the run holding most of its text. */
const lineSize = (runs: Run[]) => runs.reduce((big, r) => (r.text.length > big.text.length ? r : big)).size;

function toLine(runs: Run[], page: number): Line {
  const first = runs[0]!;
  const word = /^\S+/.exec(first.text.trimStart())?.[0] ?? '';
  return {
    text: joinRuns(runs),
    x: minOf(runs.map((r) => r.x)),
    right: maxOf(runs.map((r) => r.x + r.width)),
    y: median(runs.map((r) => r.y)),
    size: lineSize(runs),
    firstWord: first.text.length > 0 ? (first.width * word.length) / first.text.length : 0,
    page,
  };
}

/** Line spacing in a block, or undefined when it has too few lines to tell. */
function blockSpacing(lines: Line[]): number | undefined {
  const steps = lines.slice(1).flatMap((line, i) => {
    const step = line.y - lines[i]!.y;
    return step > 0.5 * line.size && step < 3 * line.size ? [step / line.size] : [];
  });
  return steps.length >= 3 ? median(steps) : undefined;
}

const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
/** An indent of this many font sizes starts a paragraph. */
const INDENT = 0.8;
/** A step between baselines this many times the usual line spacing is a gap between paragraphs. */
const GAP = 1.5;

/** Whether `next` starts a paragraph after `prev`; `block` is the block `next` belongs to. */
function startsParagraph(prev: Line, prevBlock: Block, next: Line, block: Block, sameBlock: boolean): boolean {
  const size = next.size;
  // A heading, or body text after one.
  if (Math.abs(next.size - prev.size) > 0.15 * Math.max(next.size, prev.size)) return true;
  // Lines on a page further apart than usual; from one column to the next the step goes back up.
  if (prev.page === next.page && next.y - prev.y > GAP * block.spacing * size) return true;
  if (next.x - block.left > INDENT * size && (!sameBlock || next.x - prev.x > INDENT * size)) return true;
  // Short: in justified text any line ending well before the edge; set ragged, one the next line's first
  // word would have fitted on.
  const room = prevBlock.right - prev.right;
  const short = room > 2 * size && (prevBlock.justified || room > next.firstWord + 0.5 * size);
  return short && SENTENCE_END.test(prev.text);
}

/** Whether most of the lines reach the block's right edge. */
const isJustified = (lines: Line[], right: number) => lines.filter((l) => right - l.right < 0.5 * l.size).length * 2 >= lines.length;

function toBlock(rows: Run[][], page: number): Block {
  const lines = rows.map((runs) => toLine(runs, page));
  const right = maxOf(lines.map((l) => l.right));
  return { lines, left: minOf(lines.map((l) => l.x)), right, spacing: blockSpacing(lines) ?? Number.NaN, justified: isJustified(lines, right) };
}

/**
 * Measures a block of too few lines to tell by the rest: the usual line spacing, and at least the
 * usual column width (a lone last line otherwise reaches its own right edge and never looks short).
 */
function measureByOthers(blocks: Block[]): void {
  const full = blocks.filter((b) => b.lines.length >= MIN_COLUMN_LINES);
  const measured = blocks.map((b) => b.spacing).filter((s) => !Number.isNaN(s));
  const spacing = measured.length > 0 ? median(measured) : 1.2;
  const width = full.length > 0 ? median(full.map((b) => b.right - b.left)) : 0;
  for (const block of blocks) {
    if (Number.isNaN(block.spacing)) block.spacing = spacing;
    if (block.lines.length < MIN_COLUMN_LINES && block.left + width > block.right) {
      block.right = block.left + width;
      block.justified = isJustified(block.lines, block.right);
    }
  }
}

/** The body text's paragraphs, in reading order over all pages. */
function paragraphsOf(pages: Page[]): string[] {
  const blocks = pages.flatMap((page, n) => readingOrder(page.runs).map((rows) => toBlock(rows, n)));
  measureByOthers(blocks);
  const paragraphs: string[] = [];
  let prev: { line: Line; block: Block } | undefined;
  for (const block of blocks) {
    block.lines.forEach((line, i) => {
      if (!prev || startsParagraph(prev.line, prev.block, line, block, i > 0)) paragraphs.push(line.text);
      else paragraphs[paragraphs.length - 1] = joinLines(paragraphs.at(-1)!, line.text);
      prev = { line, block };
    });
  }
  return paragraphs;
}

/**
 * The article's text: the body's paragraphs, then any text set at an angle to it (margin notes,
 * stamps), a paragraph per page, so it never breaks into a paragraph running over a page end.
 */
function composeText(pages: Page[]): string {
  const asides = pages.map((page) => page.aside.join(' '));
  return [...paragraphsOf(pages), ...asides]
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

// --- Hyphenation ----------------------------------------------------------------------------------

const LINE_END_HYPHEN = /([\p{L}\p{N}]+)([-\u2010\u00ad])$/u;
/** Longer than any word the dictionaries look up. */
const MAX_WORD = 64;
/** Words after which a hyphen at a line end is a suspended one ("höger- och vänsterpartier"). */
const CONJUNCTIONS = new Set(['och', 'eller', 'samt', 'respektive', 'resp', 'som', 'till', 'and', 'or', 'nor', 'to']);

/** `next` appended to the paragraph text `text`: with a space, or straight after a line-end hyphen. */
function joinLines(text: string, next: string): string {
  // Only the paragraph's end is looked at: the regex run over the whole of a growing paragraph is quadratic.
  const hyphen = /[-\u2010\u00ad]$/u.test(text) ? LINE_END_HYPHEN.exec(text.slice(-(MAX_WORD + 1))) : null;
  if (!hyphen) return `${text} ${next}`;
  const head = hyphen[1]!;
  const mark = hyphen[2]!;
  const before = text.slice(0, -1);
  // A soft hyphen marks only where a word may break.
  if (mark === '\u00ad') return before + next;
  const tail = /^\p{L}+/u.exec(next)?.[0];
  if (tail && CONJUNCTIONS.has(tail.toLowerCase())) return `${text} ${next}`;
  const keep = !tail || !/^\p{Ll}/u.test(tail) || /\p{N}$/u.test(head) || isAcronym(head) || !isKnownWord(head + tail);
  return keep ? text + next : before + next;
}

/** "EU", "FN", "USA": compounds with them keep their hyphen ("EU-kommissionen"). */
const isAcronym = (word: string) => word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);

let lexicons: Lexicon[] | undefined;

/** Whether the Swedish or English dictionary knows the word, as an ordinary word or a name. */
function isKnownWord(word: string): boolean {
  lexicons ??= (['sv', 'en'] as const).flatMap((lang) => {
    const dir = packageDir(`dictionary-${lang}`, 'index.dic');
    return dir ? [loadLexicon(dir, { compounds: lang === 'sv' })] : [];
  });
  const lower = word.toLowerCase();
  return lexicons.some((lexicon) => lexicon.isCommon(lower) || lexicon.isProper(word));
}

// --- Metadata -------------------------------------------------------------------------------------

const stringOf = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : typeof value === 'string' ? value : '');

/** A value worth keeping: not blank, and for a title not the file name a converter wrote in. */
function usable(value: unknown, isTitle = false): string | undefined {
  const text = stringOf(value).trim();
  if (!text) return undefined;
  if (isTitle && (/^(untitled|unknown|microsoft word\s*-)/i.test(text) || /\.(docx?|odt|rtf|pdf|txt|indd|pages|qxp)$/i.test(text))) return undefined;
  return text;
}

/** YYYY-MM-DD from a PDF date ("D:20240312093000+01'00'") or an XMP one ("2024-03-12T09:30:00+01:00"). */
function isoDate(value: unknown): string | undefined {
  const text = stringOf(value).trim();
  const m = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Title, author and creation date, from XMP when the file has it (what current tools keep up to date), else from the info dictionary. */
async function readMeta(doc: PDFDocumentProxy): Promise<{ title?: string; found: FoundMeta }> {
  let info: Record<string, unknown> = {};
  let xmp: { get(name: string): unknown } | null = null;
  try {
    const data = await doc.getMetadata();
    info = (data.info ?? {}) as Record<string, unknown>;
    xmp = data.metadata;
  } catch {
    // Metadata is optional; a broken info dictionary does not stop the import.
  }
  const title = usable(xmp?.get('dc:title'), true) ?? usable(info.Title, true);
  const author = usable(xmp?.get('dc:creator')) ?? usable(info.Author);
  const publishedAt = isoDate(xmp?.get('xmp:createdate')) ?? isoDate(info.CreationDate);
  return {
    ...(title === undefined ? {} : { title }),
    found: { ...(author === undefined ? {} : { author }), ...(publishedAt === undefined ? {} : { publishedAt }) },
  };
}
