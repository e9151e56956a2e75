// Importing a spreadsheet of articles: a preview (the columns, the first rows and a mapping, guessed or
// remembered), then the import with the mapping the analyst confirmed. Rows are written as they are
// read, a batch per transaction, so a sheet of a million rows neither fills memory nor holds the write
// lock for minutes; a sheet that fails or is cancelled part-way is taken out again in one transaction,
// so the project is as it was before the file.
import { writeTransaction, type Db } from '../../../../db/connection.ts';
import type { ImportResult } from '../../../api/contract.ts';
import type { ArticleService } from '../../articles.ts';
import { AppError } from '../../errors.ts';
import type { Job } from '../../jobs.ts';
import type { SettingsService } from '../../settings.ts';
import type { VariableService } from '../../variables/store.ts';
import { importInputs, type GivenMeta } from '../inputs.ts';
import { slashOrder, slashOrderOpen, type DateOrder } from './dates.ts';
import { checkMapping, guessMapping, mapRows, mappingKey, type SheetMapping } from './mapping.ts';
import { sheetBatches, type SheetOptions, type SheetRow } from './read.ts';

type Deps = { articles: ArticleService; settings: SettingsService; variables: VariableService };
export type SheetFile = { name: string; bytes: Uint8Array; options?: SheetOptions };

const SAMPLE_ROWS = 8;
/** Rows the guesses (mapping, date order) look at. */
const GUESS_ROWS = 1000;

function remembered(settings: SettingsService, columns: readonly string[]): SheetMapping | undefined {
  const stored = settings.get(mappingKey(columns));
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as SheetMapping;
  } catch {
    return undefined;
  }
}

const dateCells = (rows: readonly SheetRow[], mapping: SheetMapping) =>
  mapping.publishedAt == null ? [] : rows.slice(0, GUESS_ROWS).map((r) => r.cells[mapping.publishedAt!] ?? '');

export async function previewSheet(deps: Deps, file: SheetFile, job?: Job) {
  let columns: string[] = [];
  let first: SheetRow[] = [];
  let rows = 0;
  for await (const batch of sheetBatches(file.bytes, file.name, file.options)) {
    if (!first.length) first = batch.rows.slice(0, GUESS_ROWS);
    columns = batch.columns;
    rows += batch.rows.length;
    job?.report('reading', batch.done, batch.total);
  }
  const known = remembered(deps.settings, columns);
  const mapping = known ?? guessMapping(columns, first);
  return {
    columns,
    sample: first.slice(0, SAMPLE_ROWS).map((r) => columns.map((_, i) => r.cells[i] ?? '')),
    rows,
    mapping,
    remembered: known !== undefined,
    /** Slashed dates that read as day/month and as month/day alike: the analyst chooses. */
    dateOrderOpen: slashOrderOpen(dateCells(first, mapping)),
  };
}

/** Text values as each variable's type holds them; a value that does not fit is reported, not stored. */
function typedValue(type: string, value: string): string | number | boolean {
  if (type === 'number') return Number(value.replace(',', '.'));
  if (type === 'boolean') return /^(1|true|yes|ja|sant|x)$/i.test(value);
  return value;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function importSheet(
  db: Db,
  deps: Deps,
  file: SheetFile & { mapping: SheetMapping; dateOrder?: DateOrder; given?: GivenMeta },
  job?: Job,
): Promise<{ results: ImportResult[] }> {
  const stored: number[] = [];
  const createdVariables: number[] = [];
  const results: ImportResult[] = [];
  let dateOrder = file.dateOrder;
  let columns: string[] | null = null;

  const storeBatch = writeTransaction(db, (rows: SheetRow[]) => {
    const mapped = mapRows(rows, file.mapping, dateOrder);
    const inputs = importInputs(
      file.name,
      mapped.map((m) => m.article),
      file.given,
    );
    const written = deps.articles.importMany(inputs);
    const byVariable = new Map<string, Map<string, number[]>>();
    written.forEach((r, i) => {
      if (r.status !== 'imported') return;
      stored.push(r.id!);
      for (const { name, value } of mapped[i]!.variables) {
        const values = byVariable.get(name) ?? byVariable.set(name, new Map()).get(name)!;
        values.set(value, [...(values.get(value) ?? []), r.id!]);
      }
    });
    const refusedValues = new Map<number, string[]>();
    for (const [name, values] of byVariable) {
      let variable = deps.variables.findByName(name);
      if (!variable) {
        variable = deps.variables.create({ name, type: 'text' });
        createdVariables.push(variable.id);
      }
      for (const [value, articleIds] of values) {
        try {
          deps.variables.setValue({ variableId: variable.id, value: typedValue(variable.type, value), articleIds });
        } catch (error) {
          const why = `${name}: “${value}” (${(error as Error).message.replace(/\.$/, '')})`;
          for (const id of articleIds) refusedValues.set(id, [...(refusedValues.get(id) ?? []), why]);
        }
      }
    }
    written.forEach((r, i) => {
      const problems = [
        ...mapped[i]!.problems,
        ...(r.id !== undefined && r.status === 'imported' ? (refusedValues.get(r.id) ?? []).map((v) => `the value ${v} was left out`) : []),
      ];
      const note = problems.length ? `In this row ${problems.join('; ')}.` : '';
      results.push(note ? { ...r, message: r.message ? `${r.message} ${note}` : note } : r);
    });
  });

  // Everything this file wrote, taken out again: its articles (their values and mentions go with them)
  // and the variables it created.
  const removeArticle = db.prepare('DELETE FROM articles WHERE id = ?');
  const undo = writeTransaction(db, () => {
    for (const id of stored) removeArticle.run(id);
    for (const id of createdVariables) deps.variables.remove(id);
  });

  try {
    for await (const batch of sheetBatches(file.bytes, file.name, file.options)) {
      if (columns === null) {
        columns = batch.columns;
        checkMapping(file.mapping, columns, file.name);
        dateOrder ??= slashOrder(dateCells(batch.rows, file.mapping));
      }
      if (job?.cancelled()) throw new AppError('CANCELLED', `The import of ${file.name} was cancelled; none of its rows were kept.`);
      storeBatch(batch.rows);
      job?.report(`${results.length.toLocaleString('en-US')} rows imported`, batch.done, batch.total);
      await yieldToOthers();
    }
    if (job?.cancelled()) throw new AppError('CANCELLED', `The import of ${file.name} was cancelled; none of its rows were kept.`);
    deps.settings.set(mappingKey(columns!), JSON.stringify(file.mapping));
  } catch (error) {
    undo();
    throw error;
  }
  return { results };
}
