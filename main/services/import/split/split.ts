// Splitting a news database's file of many articles into one article each, by the layouts in
// layouts.ts or by a delimiter line the analyst types. Pure: text in, articles out.
//
// The file is read line by line and only whole lines mark boundaries, so "End of Document" quoted in a
// sentence never cuts. Each article's text is its body alone (the header lines become title and
// metadata), with LF line endings, blank lines between paragraphs and no Unicode normalisation.
import { invalid } from '../../errors.ts';
import { normaliseLineEndings } from '../../text/decode.ts';
import type { ConvertedArticle, FoundMeta } from '../types.ts';
import { LAYOUTS, type Boundary, type Header, type Layout } from './layouts.ts';

export { LAYOUTS, type Layout } from './layouts.ts';

/** The analyst's own delimiter: a whole line, such as "*****" or "----- NEW ARTICLE -----". */
export type Delimiter = { delimiter: string };

/** What the Import dialog shows before asking whether to import the file as many articles. */
export type SplitPreview = {
  /** The layout's id ("nexis-uni", "delimiter"), or null when the file is imported as one article. */
  layout: string | null;
  label: string | null;
  count: number;
  /** The first five articles. */
  first: { title?: string; source?: string; publishedAt?: string }[];
};

const PREVIEWED = 5;

/** LF line endings, no byte-order mark, page breaks (form feeds from RTF and DOC) as line breaks. */
function prepare(text: string): string {
  const lf = text.includes('\r') ? normaliseLineEndings(text) : text;
  return (lf.includes('\f') ? lf.replace(/\f/g, '\n') : lf).replace(/^\uFEFF/, '');
}

/** The layout the file is in, or null when none of the known ones recognises it. */
export function detectLayout(text: string): Layout | null {
  const source = prepare(text);
  return LAYOUTS.find((layout) => layout.detect(source)) ?? null;
}

/**
 * The file's articles in the given layout, or split at the analyst's delimiter. Throws INVALID_INPUT,
 * naming the file, when the delimiter is empty or never stands on a line of its own, or when no
 * article comes out.
 */
export function splitArticles(text: string, layout: Layout | Delimiter, name: string): ConvertedArticle[] {
  const chosen = 'delimiter' in layout ? delimiterLayout(layout.delimiter, name) : layout;
  const source = prepare(text);
  if ('delimiter' in layout && !chosen.detect(source)) {
    throw invalid(`${name} has no line that reads “${layout.delimiter.trim()}” on its own, so it cannot be split there.`);
  }
  const articles = articlesOf(source, chosen);
  if (articles.length === 0) throw invalid(`${name} has no articles Framelens could read as ${chosen.label}.`);
  return articles;
}

/**
 * The file's articles when it is in a known layout (detected unless given) and holds at least two;
 * null otherwise, so the caller imports the file as one article.
 */
export function trySplit(text: string, layout: Layout | null = detectLayout(text)): ConvertedArticle[] | null {
  if (!layout) return null;
  const articles = articlesOf(prepare(text), layout);
  return articles.length >= 2 ? articles : null;
}

/** Count and first titles for the confirm-before-import step; with a choice, as the analyst chose. */
export function previewSplit(text: string, name: string, choice?: Layout | Delimiter): SplitPreview {
  const layout = choice ? ('delimiter' in choice ? delimiterLayout(choice.delimiter, name) : choice) : detectLayout(text);
  const articles = choice ? splitArticles(text, choice, name) : trySplit(text, layout);
  if (!layout || !articles) return { layout: null, label: null, count: 0, first: [] };
  const first = articles.slice(0, PREVIEWED).map(({ title, meta }) => present({ title, source: meta.source, publishedAt: meta.publishedAt }));
  return { layout: layout.id, label: layout.label, count: articles.length, first };
}

// ---------------------------------------------------------------------------------------------------
// The engine

function articlesOf(text: string, layout: Layout): ConvertedArticle[] {
  const lines = text.split('\n').map((line) => line.trim());
  const parts = typeof layout.boundary === 'function' ? layout.boundary(lines) : cut(lines, layout.boundary);
  const articles: ConvertedArticle[] = [];
  for (const part of parts) {
    const header = layout.header(part);
    const article = header && toArticle(header);
    if (article) articles.push({ ...article, part: `article ${articles.length + 1}` });
  }
  return articles;
}

/** A boundary's pattern as a test of the whole line, whatever anchors or flags it was written with. */
function wholeLine(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gmy]/g, ''));
}

/** The file's lines cut into parts at the boundary's lines. */
function cut(lines: string[], boundary: Boundary): string[][] {
  const marks = wholeLine(boundary.line);
  const parts: string[][] = [];
  // With markers that open articles, whatever precedes the first one is the file's cover.
  let current: string[] | null = boundary.keep === 'start' ? null : [];
  for (const line of lines) {
    if (!marks.test(line)) {
      current?.push(line);
      continue;
    }
    if (boundary.keep === 'end') current!.push(line);
    if (current) parts.push(current);
    current = boundary.keep === 'start' ? [line] : [];
  }
  if (current) parts.push(current);
  return boundary.opens ? rejoin(parts, boundary.opens) : parts;
}

/** Parts that do not begin like an article go back onto the one before: the cut there was no boundary. */
function rejoin(parts: string[][], opens: (lines: string[]) => boolean): string[][] {
  const kept: string[][] = [];
  for (const part of parts) {
    const previous = kept.at(-1);
    // Line by line: a spread of a very long part would overflow the call's arguments.
    if (previous && !opens(part)) for (const line of part) previous.push(line);
    else kept.push(part);
  }
  return kept;
}

/** Body lines as text: paragraphs kept, runs of blank lines made one. */
const bodyText = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Only the fields the file had, so metadata never carries empty strings. */
function present<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value.trim() !== '')) as Partial<T>;
}

function toArticle(header: Header): Omit<ConvertedArticle, 'part'> | null {
  const text = bodyText(header.body);
  if (!text) return null;
  const { title, source, publishedAt, author, url, language } = header;
  const meta: FoundMeta = present({ source, publishedAt, author, url, language });
  return title?.trim() ? { text, title: title.trim(), meta } : { text, meta };
}

// ---------------------------------------------------------------------------------------------------
// The analyst's delimiter

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function delimiterLayout(delimiter: string, name: string): Layout {
  const line = delimiter.trim();
  if (!line) throw invalid(`Give the line that separates the articles in ${name}, such as *****.`);
  return {
    id: 'delimiter',
    label: `articles separated by “${line}”`,
    detect: (text) => text.split('\n').some((l) => l.trim() === line),
    boundary: { line: new RegExp(escapeRegExp(line)), keep: 'drop' },
    header: firstLineTitle,
  };
}

/** Each part's first line is its title, the rest its text. */
function firstLineTitle(lines: string[]): Header {
  const first = lines.findIndex(Boolean);
  return { title: first >= 0 ? lines[first] : undefined, body: lines.slice(first + 1) };
}
