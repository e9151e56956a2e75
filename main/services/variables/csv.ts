// Variable values in and out as CSV. Import: a key column names the article (id, URL or exact title),
// every other column a variable; a preview tells what matched before anything is written. Export:
// every article with its built-in and own variables. Parsing is csv-parse's (BOM, quotes, embedded
// newlines); the delimiter (comma, semicolon as Excel writes in Swedish, or tab) is read off the header.
import { parse } from 'csv-parse/sync';
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { builtinVariables, type ArticleFilter, type BuiltinVariable } from '../../api/contract.ts';
import { AppError, invalid } from '../errors.ts';
import { now } from '../clock.ts';
import { csvDocument } from '../csv.ts';
import { articleFilterSql } from './filter.ts';
import { showValue, type StoredValue } from './values.ts';
import type { VariableService } from './store.ts';

export type ImportKey = 'id' | 'url' | 'title';

/** The header's own name for each built-in variable in CSV files (what the exports write). */
const BUILTIN_HEADERS: Record<BuiltinVariable, string> = { source: 'source', author: 'author', language: 'language', publishedAt: 'published_at' };
const IDENTITY_HEADERS = new Set(['id', 'article_id', 'title', 'article_title', 'url']);

/** The delimiter the header line uses most, outside quotes. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, delimiter: sniffDelimiter(text.replace(/^\uFEFF/, '')), relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw invalid(`The CSV could not be read: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

type Column = { index: number; header: string; target: number | BuiltinVariable };

class Preview extends Error {}

export function variablesCsv(db: Db, deps: { variables: VariableService }) {
  /** Reads the CSV, checks every cell, and (unless dryRun) writes it, all or nothing. */
  function importCsv(input: { csv: string; key: ImportKey; dryRun?: boolean }) {
    const table = parseCsv(input.csv);
    if (table.length === 0) throw invalid('The CSV is empty.');
    const header = table[0]!.map((h) => h.trim());
    const lower = header.map((h) => h.toLowerCase());
    const keyNames = input.key === 'id' ? ['id', 'article_id'] : input.key === 'title' ? ['title', 'article_title'] : ['url'];
    const keyIndex = lower.findIndex((h) => keyNames.includes(h));
    if (keyIndex < 0) throw invalid(`The CSV has no “${input.key}” column to find the articles by; its columns are ${header.map((h) => `“${h}”`).join(', ')}.`);
    const seenHeaders = new Set<string>();
    const columns: Column[] = [];
    const unknown: string[] = [];
    header.forEach((h, index) => {
      if (index === keyIndex || IDENTITY_HEADERS.has(lower[index]!)) return;
      if (seenHeaders.has(lower[index]!)) throw invalid(`The column “${h}” appears twice.`);
      seenHeaders.add(lower[index]!);
      const builtin = builtinVariables.find((b) => BUILTIN_HEADERS[b] === lower[index] || b.toLowerCase() === lower[index]);
      if (builtin) return columns.push({ index, header: h, target: builtin });
      const own = deps.variables.findByName(h.replace(/^var_/i, ''));
      if (own) columns.push({ index, header: h, target: own.id });
      else unknown.push(h);
    });
    if (unknown.length) {
      const known =
        deps.variables
          .list()
          .map((v) => `“${v.name}”`)
          .join(', ') || 'none yet';
      throw invalid(
        `No variable is named ${unknown.map((u) => `“${u}”`).join(', ')}; create ${unknown.length === 1 ? 'it' : 'them'} first (variables: ${known}). Nothing was changed.`,
      );
    }
    if (columns.length === 0) throw invalid('The CSV has no column of a variable to set.');

    const find =
      input.key === 'id'
        ? (k: string) => (/^\d+$/.test(k) ? (db.prepare('SELECT id FROM articles WHERE id = ?').pluck().all(Number(k)) as number[]) : [])
        : (k: string) => db.prepare(`SELECT id FROM articles WHERE ${input.key} = ?`).pluck().all(k) as number[];
    const keys = new Map<string, number>();
    const unmatched: { line: number; key: string }[] = [];
    const assignments: { line: number; articleId: number; column: Column; value: string }[] = [];
    for (let r = 1; r < table.length; r++) {
      const row = table[r]!;
      const line = r + 1;
      const key = (row[keyIndex] ?? '').trim();
      if (!key) throw invalid(`Line ${line} has no ${input.key}.`);
      if (keys.has(key)) throw invalid(`The ${input.key} ${JSON.stringify(key).slice(0, 80)} appears on line ${keys.get(key)} and again on line ${line}.`);
      keys.set(key, line);
      const ids = find(key);
      if (ids.length === 0) {
        unmatched.push({ line, key: key.slice(0, 300) });
        continue;
      }
      if (ids.length > 1) throw invalid(`The ${input.key} on line ${line} matches ${ids.length} articles; use ids or URLs to tell them apart.`);
      for (const column of columns) {
        const value = (row[column.index] ?? '').trim();
        // An empty cell leaves the article's value as it is: a partial sheet never wipes values.
        if (value !== '') assignments.push({ line, articleId: ids[0]!, column, value });
      }
    }

    let changed = 0;
    const write = () => {
      for (const a of assignments) {
        try {
          changed += deps.variables.setValue({ variableId: a.column.target, value: a.value, articleIds: [a.articleId] }).changed;
        } catch (error) {
          if (error instanceof AppError) throw invalid(`Line ${a.line}, column “${a.column.header}”: ${error.message}`);
          throw error;
        }
      }
      if (input.dryRun) throw new Preview();
    };
    try {
      writeTransaction(db, write)();
    } catch (error) {
      if (!(error instanceof Preview)) throw error;
    }
    return {
      keyColumn: header[keyIndex]!,
      variables: columns.filter((c): c is Column & { target: number } => typeof c.target === 'number').map((c) => ({ column: c.header, variableId: c.target })),
      rows: table.length - 1,
      matched: table.length - 1 - unmatched.length,
      unmatched: unmatched.slice(0, 1000),
      changed,
      written: !input.dryRun,
    };
  }

  /** Every article matching the filter, with its built-in columns and one `var_<name>` column per variable. */
  function exportCsv(input: { filter?: ArticleFilter; bom?: boolean }) {
    const variables = deps.variables.list();
    const filter = articleFilterSql(input.filter, deps.variables.lookup());
    const articles = db
      .prepare(`SELECT a.id, a.title, a.source, a.author, a.published_at, a.language, a.url FROM articles a WHERE ${filter.where} ORDER BY a.id`)
      .raw()
      .all(...filter.params) as (string | number | null)[][];
    const values = valuesByArticle(db);
    const rows = articles.map((a) => {
      const own = values.get(a[0] as number);
      return [...a, ...variables.map((v) => showValue(v.type, own?.get(v.id)))];
    });
    const csv =
      (input.bom ? '\uFEFF' : '') +
      csvDocument(['id', 'title', 'source', 'author', 'published_at', 'language', 'url', ...variables.map((v) => `var_${v.name}`)], rows);
    return { fileName: `framelens-articles-${now().slice(0, 10)}.csv`, csv, rows: rows.length };
  }

  return { importCsv, exportCsv };
}

/** Every article's own variable values, by article id and variable id. */
export function valuesByArticle(db: Db): Map<number, Map<number, StoredValue>> {
  const out = new Map<number, Map<number, StoredValue>>();
  for (const [articleId, variableId, value] of db.prepare('SELECT article_id, variable_id, value FROM article_values').raw().all() as [
    number,
    number,
    StoredValue,
  ][]) {
    let own = out.get(articleId);
    if (!own) out.set(articleId, (own = new Map()));
    own.set(variableId, value);
  }
  return out;
}
