// Which column of a spreadsheet holds what: guessed from the headers the common exports use (English
// and Swedish), remembered per set of headers so the next export from the same service maps itself,
// and applied to turn rows into articles and variable values.
import type { ConvertedArticle } from '../types.ts';
import { invalid } from '../../errors.ts';
import { languageCode } from '../language-code.ts';
import { parseDate, slashOrder, type DateOrder } from './dates.ts';

export const SHEET_FIELDS = ['text', 'title', 'source', 'publishedAt', 'author', 'url', 'language'] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];

/** Column indices per field (null: none), and further columns that become article variables by name. */
export type SheetMapping = { [F in SheetField]?: number | null } & { variables?: { column: number; name: string }[] };

const HEADER_WORDS: Record<SheetField, RegExp> = {
  text: /^(text|body|content|full ?text|article( ?text)?|brödtext|artikeltext|innehåll|texten)$/,
  title: /^(title|headline|rubrik|titel|heading)$/,
  source: /^(source|outlet|publication|medium|media|newspaper|källa|tidning|publikation|kanal)$/,
  publishedAt: /^(date|published|published ?(at|date|on)|pub ?date|publication ?date|datum|publicerad|publiceringsdatum)$/,
  author: /^(author|authors|byline|writer|by|författare|skribent|reporter)$/,
  url: /^(url|link|links|address|länk|adress|webbadress)$/,
  language: /^(language|lang|språk)$/,
};

const normalHeader = (header: string) => header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');

/** The settings key under which a mapping is remembered: the headers, as written, in order. */
export const mappingKey = (columns: readonly string[]) => `sheetMapping:${JSON.stringify(columns.map(normalHeader))}`;

/** A first guess from the headers; without a text column named as such, the column with the longest cells. */
export function guessMapping(columns: readonly string[], rows: readonly { cells: readonly string[] }[]): SheetMapping {
  const mapping: SheetMapping = {};
  columns.forEach((header, i) => {
    const field = SHEET_FIELDS.find((f) => HEADER_WORDS[f].test(normalHeader(header)));
    if (field && mapping[field] === undefined) mapping[field] = i;
  });
  if (mapping.text === undefined) {
    const sample = rows.slice(0, 50);
    let best = -1;
    let longest = 0;
    columns.forEach((_, i) => {
      if (Object.values(mapping).includes(i)) return;
      const length = sample.reduce((n, r) => n + (r.cells[i]?.length ?? 0), 0) / Math.max(1, sample.length);
      if (length > longest) [best, longest] = [i, length];
    });
    if (best >= 0 && longest >= 200) mapping.text = best;
  }
  return mapping;
}

/** Checks a mapping against the sheet's columns: a text column, each column used once, indices in range. */
export function checkMapping(mapping: SheetMapping, columns: readonly string[], name: string): void {
  if (mapping.text === undefined || mapping.text === null) throw invalid(`Choose the column of ${name} that holds the articles' text.`);
  const used = [...SHEET_FIELDS.map((f) => mapping[f]), ...(mapping.variables ?? []).map((v) => v.column)].filter(
    (c): c is number => c !== undefined && c !== null,
  );
  for (const c of used) if (c < 0 || c >= columns.length) throw invalid(`${name} has no column ${c + 1}; it has ${columns.length}.`);
  const twice = used.find((c, i) => used.indexOf(c) !== i);
  if (twice !== undefined) throw invalid(`The column “${columns[twice]}” is chosen twice; each column can go to one place.`);
}

export type MappedRow = { article: ConvertedArticle; variables: { name: string; value: string }[]; problems: string[] };

/** Each row as an article, with its variable values and what could not be read; `line` is the row's line in the file. */
export function mapRows(rows: readonly { cells: readonly string[]; line: number }[], mapping: SheetMapping, order?: DateOrder): MappedRow[] {
  const cell = (row: readonly string[], field: SheetField) => {
    const c = mapping[field];
    const value = c === undefined || c === null ? '' : (row[c] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const dates = mapping.publishedAt == null ? [] : rows.slice(0, 1000).map((r) => r.cells[mapping.publishedAt!] ?? '');
  const dateOrder = order ?? slashOrder(dates);
  return rows.map(({ cells, line }) => {
    const problems: string[] = [];
    const rawDate = cell(cells, 'publishedAt');
    const publishedAt = rawDate === undefined ? undefined : (parseDate(rawDate, dateOrder) ?? undefined);
    if (rawDate !== undefined && !publishedAt) problems.push(`the date “${rawDate}” is not one Framelens reads, so it was left out`);
    const rawLanguage = cell(cells, 'language');
    const language = languageCode(rawLanguage);
    if (rawLanguage !== undefined && !language) problems.push(`the language “${rawLanguage}” is not a language code, so it was left out`);
    const text = mapping.text === undefined || mapping.text === null ? '' : (cells[mapping.text] ?? '').replace(/\r\n?/g, '\n');
    return {
      article: {
        text,
        part: `row ${line}`,
        title: cell(cells, 'title'),
        meta: { source: cell(cells, 'source'), author: cell(cells, 'author'), url: cell(cells, 'url'), publishedAt, language },
      },
      variables: (mapping.variables ?? []).map((v) => ({ name: v.name, value: (cells[v.column] ?? '').trim() })).filter((v) => v.value !== ''),
      problems,
    };
  });
}
