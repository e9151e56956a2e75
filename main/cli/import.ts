// framelens import FILE|FOLDER|-...: one result per article (imported, duplicate or error), exit 1 if any failed.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportInput } from '../services/articles.ts';
import type { SplitChoice } from '../services/import/convert.ts';
import { IMPORTABLE_EXTENSIONS, isSheetName } from '../services/import/formats.ts';
import { importInputs } from '../services/import/inputs.ts';
import { convertPool } from '../services/import/convert-pool.ts';
import { importSheet, previewSheet } from '../services/import/sheet/import.ts';
import { importQdc, importQdpx } from '../services/refi/import.ts';
import { describeRefi, isRefiName } from '../services/refi/describe.ts';
import type { SheetField, SheetMapping } from '../services/import/sheet/mapping.ts';
import { expandPaths, readPattern } from './import-paths.ts';
import { cliJob, jsonLine, progressFor, type Progress } from './progress.ts';
import { z } from 'zod';
import { articleMetaInput, type ArticleMetaInput, type ImportResult } from '../api/contract.ts';
import { writeTransaction } from '../../db/connection.ts';
import { AppError } from '../services/errors.ts';
import { fromSqliteError } from '../services/sqlite-errors.ts';
import type { Project } from '../services/project.ts';
import { CliError, parseCommand, table, UsageError } from './common.ts';
import { dbHelp, withProject } from './project.ts';
import { describeFound, detectArticles } from './detection.ts';

export const help = `Usage: framelens import FILE|FOLDER|- ... [options]

Imports articles from plain-text or Markdown files (UTF-8, or UTF-16 with a byte-order mark), web
pages saved from the browser (.html, .htm: the article's text and the page's title, outlet, author,
date, address and language), Word documents (.docx), RSS or Atom feeds (one article per item) and
spreadsheets of articles (.csv, .tsv, .xlsx: one article per row; see --columns), and REFI-QDA
projects (.qdpx) and codebooks (.qdc) from MAXQDA, ATLAS.ti, NVivo or QualCoder, codes and coders kept.
A folder is read with everything in it (only the kinds of file above, or those --pattern names);
- reads the paths from standard input, one per line, for more files than a command line holds.
An article whose text is already in the project is reported as a duplicate and not imported again.
The title is the file's own (a page's or feed item's title) or else its first line, unless --title.

Options:
  ${dbHelp}
  --source S        the outlet, e.g. "Dagens Nyheter"
  --author A        the byline
  --date YYYY-MM-DD the publication date
  --lang L          the language code, e.g. sv or en
  --url U           where the article was published
  --title T         the title (only when importing one file)
  --pattern EXT     in folders, only files with these extensions, e.g. --pattern "html,htm"
  --split           split each file into its articles when it is a news-database export (Nexis Uni,
                    LexisNexis, Factiva, Retriever/Mediearkivet: one article after another)
  --split-at LINE   split each file at every line that reads LINE, e.g. --split-at "*****"
  --columns MAP     for spreadsheets (.csv, .tsv, .xlsx: one article per row), which column holds
                    what, e.g. "text=Brödtext,title=Rubrik,source=Källa,date=Datum,Sektion=Sektion"
                    (text, title, source, date, author, url, language; any other name becomes an
                    article variable). Without it the columns are guessed from their headers, or
                    taken as at the last import of a sheet with the same headers.
  --no-detect       skip entity detection (run it later with \`framelens entities detect\`)
  --json            print JSON lines: progress ("event": "progress"), one line per article
                    ("event": "result") as it is stored, and a last line with the counts
                    ("event": "done")
  --help            show this help

Every option applies to all files of the call. Exit status 1 when any file could not be imported.
`;

const options = {
  db: { type: 'string' },
  source: { type: 'string' },
  author: { type: 'string' },
  date: { type: 'string' },
  lang: { type: 'string' },
  url: { type: 'string' },
  title: { type: 'string' },
  pattern: { type: 'string' },
  columns: { type: 'string' },
  split: { type: 'boolean' },
  'split-at': { type: 'string' },
  json: { type: 'boolean' },
  'no-detect': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Contract field names as the analyst typed them on the command line. */
const optionNames: Record<string, string> = {
  publishedAt: '--date',
  language: '--lang',
  source: '--source',
  author: '--author',
  url: '--url',
  title: '--title',
};

const metaSchema = articleMetaInput.extend({ title: z.string().max(500, 'a title is at most 500 characters').optional() });

function readMeta(values: { source?: string; author?: string; date?: string; lang?: string; url?: string; title?: string }) {
  const parsed = metaSchema.safeParse({
    source: values.source,
    author: values.author,
    publishedAt: values.date,
    language: values.lang,
    url: values.url,
    title: values.title,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new UsageError('import', `${optionNames[field] ?? field}: ${issue.message}.`);
  }
  const { title, ...meta } = parsed.data;
  return { meta: meta as ArticleMetaInput, title: title ?? undefined };
}

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Why a path cannot be read, in plain words, or null when it is a readable file. */
function unreadable(file: string): string | null {
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return 'is a folder, not a file';
    if (!stats.isFile()) return 'is not a regular file (a named pipe, socket or device), so it was not read';
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
    return `cannot be read (${(error as Error).message})`;
  }
}

type Prepared = { file: string; inputs: ImportInput[] } | { file: string; refused: ImportResult };

const refused = (file: string, message: string): Prepared => ({ file, refused: { name: file, status: 'error', message } });

/** Reads and converts one file, outside any transaction. */
async function prepare(file: string, meta: ArticleMetaInput, title: string | undefined, split: SplitChoice): Promise<Prepared> {
  const problem = unreadable(file);
  if (problem) return refused(file, `${file}: ${problem}.`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(file, `${file} cannot be read (${code ?? (error as Error).message}).`);
  }
  try {
    const name = basename(file);
    return { file, inputs: importInputs(name, await convertPool().convert(name, bytes, split), meta, title) };
  } catch (error) {
    if (error instanceof AppError) return refused(file, error.message);
    throw error;
  }
}

/** Files per write transaction, and bytes: few commits for speed, and the lock is free between batches. */
const BATCH_FILES = 100;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Imports files in batches: a batch is read from disk first, then stored in one transaction, so another
 * program on the same project (the app, a web host) waits for one batch at most, never for the run.
 */
const FIELD_NAMES: Record<string, SheetField> = {
  text: 'text',
  title: 'title',
  source: 'source',
  date: 'publishedAt',
  author: 'author',
  url: 'url',
  language: 'language',
};

/** --columns "text=Brödtext,title=Rubrik,Sektion=Sektion" against a sheet's headers. */
function readColumns(text: string, columns: readonly string[], file: string): SheetMapping {
  const mapping: SheetMapping = { variables: [] };
  for (const pair of text.split(',').filter((p) => p.trim())) {
    const [key, header] = pair.split('=').map((p) => p.trim());
    if (!key || !header) throw new UsageError('import', `--columns takes NAME=COLUMN pairs separated by commas, not ${JSON.stringify(pair)}.`);
    const column = columns.findIndex((c) => c.toLowerCase() === header.toLowerCase());
    if (column < 0) throw new CliError(`${file} has no column ${JSON.stringify(header)}; its columns are ${columns.join(', ')}.`);
    const field = FIELD_NAMES[key.toLowerCase()];
    if (field) mapping[field] = column;
    else mapping.variables!.push({ column, name: key });
  }
  return mapping;
}

/** A spreadsheet: its own transaction, one article per row, the columns as given, remembered or guessed. */
async function importSheetFile(
  project: Project,
  file: string,
  meta: ArticleMetaInput,
  columns: string | undefined,
  progress: Progress,
): Promise<ImportResult[]> {
  const problem = unreadable(file);
  if (problem) return [{ name: file, status: 'error', message: `${file}: ${problem}.` }];
  const name = basename(file);
  const { articles, settings, variables } = project.services;
  try {
    const bytes = readFileSync(file);
    const preview = await previewSheet({ articles, settings, variables }, { name, bytes });
    const mapping = columns === undefined ? preview.mapping : readColumns(columns, preview.columns, file);
    const { results } = await importSheet(project.db, { articles, settings, variables }, { name, bytes, mapping, given: meta }, cliJob(progress));
    return results.map((r) => ({ ...r, name: file + r.name.slice(name.length) }));
  } catch (error) {
    if (error instanceof AppError) return [{ name: file, status: 'error', message: error.message }];
    throw error;
  }
}

/** A REFI-QDA project or codebook from another QDA tool, in one transaction; one result line with its counts. */
function importRefiFile(project: Project, file: string): ImportResult {
  const problem = unreadable(file);
  if (problem) return { name: file, status: 'error', message: `${file}: ${problem}.` };
  try {
    const bytes = readFileSync(file);
    const report = /\.qdc$/i.test(file) ? importQdc(project.db, bytes, basename(file)) : importQdpx(project.db, bytes, basename(file));
    return {
      name: file,
      status: report.articles.added || report.annotations.added || report.tags.added ? 'imported' : 'duplicate',
      message: describeRefi(report),
    };
  } catch (error) {
    if (error instanceof AppError) return { name: file, status: 'error', message: error.message };
    throw error;
  }
}

/** Where a run's progress and its results go as they come. */
type Reporting = { files: Progress; sheet: Progress; results: (results: ImportResult[]) => void };

async function importAll(
  project: Project,
  files: string[],
  meta: ArticleMetaInput,
  title: string | undefined,
  reporting: Reporting,
  columns?: string,
  split: SplitChoice = {},
): Promise<ImportResult[]> {
  const progress = reporting.files;
  const results: ImportResult[] = [];
  const add = (items: ImportResult[]) => {
    results.push(...items);
    reporting.results(items);
  };
  const storeBatch = writeTransaction(project.db, (batch: Prepared[]) =>
    batch.flatMap((item) => {
      if ('refused' in item) return [item.refused];
      // Report under the path as typed, so two files of the same name in different folders stay apart.
      const base = basename(item.file);
      return project.services.articles.importMany(item.inputs).map((r) => ({ ...r, name: item.file + r.name.slice(base.length) }));
    }),
  );
  for (let next = 0; next < files.length;) {
    const batch: Prepared[] = [];
    let bytes = 0;
    if (isRefiName(files[next]!)) {
      add([importRefiFile(project, files[next++]!)]);
      progress(next, files.length);
      continue;
    }
    if (isSheetName(files[next]!)) {
      add(await importSheetFile(project, files[next++]!, meta, columns, reporting.sheet));
      progress(next, files.length);
      continue;
    }
    // A batch's files are converted at once, as many in parallel as the pool has workers.
    const reading: Promise<Prepared>[] = [];
    while (next < files.length && reading.length < BATCH_FILES && bytes < BATCH_BYTES && !isSheetName(files[next]!) && !isRefiName(files[next]!)) {
      bytes += sizeOf(files[next]!);
      reading.push(prepare(files[next++]!, meta, title, split));
    }
    batch.push(...(await Promise.all(reading)));
    try {
      add(storeBatch(batch));
    } catch (error) {
      const known = error instanceof AppError ? error : fromSqliteError(error);
      if (!known) throw error;
      add(batch.map((item) => ({ name: item.file, status: 'error' as const, message: known.message })));
    }
    progress(next, files.length);
  }
  return results;
}

function printResults(results: ImportResult[], files: number, projectPath: string): void {
  const rows = results.map((r) => {
    if (r.status === 'imported') return ['imported', `#${r.id}`, r.name, r.title ?? ''];
    if (r.status === 'duplicate') return ['duplicate', `#${r.id ?? '?'}`, r.name, r.message ?? 'already in the project'];
    return ['error', '', r.name, r.message ?? 'could not be imported'];
  });
  process.stdout.write(table(rows) + '\n');
  const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  process.stdout.write(
    `${files} file${files === 1 ? '' : 's'}${results.length === files ? '' : ` holding ${results.length} articles`}: ${count('imported')} imported, ${count('duplicate')} duplicate, ${count('error')} failed (project ${projectPath}).\n`,
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('import', argv, options);
  if (positionals.length === 0) throw new UsageError('import', 'name at least one file or folder to import, or - to read the paths from standard input.');
  const extensions = values.pattern === undefined ? IMPORTABLE_EXTENSIONS : readPattern(values.pattern);
  const files = await expandPaths(positionals, extensions);
  if (values.title !== undefined && files.length > 1) {
    throw new UsageError('import', '--title names a single article; import one file at a time to give each its title.');
  }
  const { meta, title } = readMeta(values);

  return withProject('import', values.db, { create: true }, async (project) => {
    if (project.readOnly) throw new CliError(`${project.path} is open read-only, so nothing can be imported into it. Nothing was imported.`);
    const reporting: Reporting = {
      files: progressFor(values, 'files'),
      sheet: progressFor(values, 'bytes'),
      // JSON lines: each result as soon as its batch is stored.
      results: (items) => values.json && items.forEach((result) => jsonLine({ event: 'result', ...result })),
    };
    const split = { split: values.split, delimiter: values['split-at'] };
    const results = await importAll(project, files, meta, title, reporting, values.columns, split);

    // The articles are committed; entity detection follows, and the command waits for it.
    const imported = results.filter((r) => r.status === 'imported').map((r) => r.id!);
    const found = !values['no-detect'] && imported.length > 0 ? await detectArticles(project, imported) : null;

    if (values.json) {
      const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
      jsonLine({
        event: 'done',
        project: project.path,
        files: files.length,
        imported: count('imported'),
        duplicate: count('duplicate'),
        failed: count('error'),
        entities: found,
      });
    } else {
      printResults(results, files.length, project.path);
      if (found) process.stdout.write(`Entities: ${describeFound(found)}\n`);
    }
    const failed = results.filter((r) => r.status === 'error').length;
    if (failed && !values.json)
      process.stderr.write(`framelens: ${failed} of ${results.length} ${results.length === files.length ? 'files' : 'articles'} could not be imported.\n`);
    return failed ? 1 : 0;
  });
}
