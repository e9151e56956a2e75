// Importing a spreadsheet of articles: a preview (the columns, the first rows and a mapping, guessed or
// remembered), then the import with the mapping the analyst confirmed. The whole file is one
// transaction: its articles, the variable values of its other columns and the remembered mapping.
import { writeTransaction, type Db } from '../../../../db/connection.ts';
import type { ImportResult } from '../../../api/contract.ts';
import type { ArticleService } from '../../articles.ts';
import type { SettingsService } from '../../settings.ts';
import type { VariableService } from '../../variables/store.ts';
import { importInputs, type GivenMeta } from '../convert.ts';
import { slashOrderOpen, type DateOrder } from './dates.ts';
import { checkMapping, guessMapping, mapRows, mappingKey, type SheetMapping } from './mapping.ts';
import { readSheet, type SheetOptions } from './read.ts';

type Deps = { articles: ArticleService; settings: SettingsService; variables: VariableService };
export type SheetFile = { name: string; bytes: Uint8Array; options?: SheetOptions };

const SAMPLE_ROWS = 8;

function remembered(settings: SettingsService, columns: readonly string[]): SheetMapping | undefined {
  const stored = settings.get(mappingKey(columns));
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as SheetMapping;
  } catch {
    return undefined;
  }
}

export async function previewSheet(deps: Deps, file: SheetFile) {
  const sheet = await readSheet(file.bytes, file.name, file.options);
  const known = remembered(deps.settings, sheet.columns);
  const mapping = known ?? guessMapping(sheet.columns, sheet.rows);
  const dates = mapping.publishedAt == null ? [] : sheet.rows.slice(0, 1000).map((r) => r.cells[mapping.publishedAt!] ?? '');
  return {
    columns: sheet.columns,
    sample: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => sheet.columns.map((_, i) => r.cells[i] ?? '')),
    rows: sheet.rows.length,
    mapping,
    remembered: known !== undefined,
    /** Slashed dates that read as day/month and as month/day alike: the analyst chooses. */
    dateOrderOpen: slashOrderOpen(dates),
  };
}

/** Text values as each variable's type holds them; a value that does not fit is reported, not stored. */
function typedValue(type: string, value: string): string | number | boolean {
  if (type === 'number') return Number(value.replace(',', '.'));
  if (type === 'boolean') return /^(1|true|yes|ja|sant|x)$/i.test(value);
  return value;
}

export async function importSheet(
  db: Db,
  deps: Deps,
  file: SheetFile & { mapping: SheetMapping; dateOrder?: DateOrder; given?: GivenMeta },
): Promise<{ results: ImportResult[] }> {
  const sheet = await readSheet(file.bytes, file.name, file.options);
  checkMapping(file.mapping, sheet.columns, file.name);
  const mapped = mapRows(sheet.rows, file.mapping, file.dateOrder);
  const inputs = importInputs(
    file.name,
    mapped.map((m) => m.article),
    file.given,
  );
  return writeTransaction(db, () => {
    const results = deps.articles.importMany(inputs);
    const byVariable = new Map<string, Map<string, number[]>>();
    results.forEach((r, i) => {
      if (r.status !== 'imported') return;
      for (const { name, value } of mapped[i]!.variables) {
        const values = byVariable.get(name) ?? byVariable.set(name, new Map()).get(name)!;
        values.set(value, [...(values.get(value) ?? []), r.id!]);
      }
    });
    const refusedValues = new Map<number, string[]>();
    for (const [name, values] of byVariable) {
      const variable = deps.variables.findByName(name) ?? deps.variables.create({ name, type: 'text' });
      for (const [value, articleIds] of values) {
        try {
          deps.variables.setValue({ variableId: variable.id, value: typedValue(variable.type, value), articleIds });
        } catch (error) {
          const why = `${name}: “${value}” (${(error as Error).message.replace(/\.$/, '')})`;
          for (const id of articleIds) refusedValues.set(id, [...(refusedValues.get(id) ?? []), why]);
        }
      }
    }
    deps.settings.set(mappingKey(sheet.columns), JSON.stringify(file.mapping));
    return {
      results: results.map((r, i) => {
        const problems = [
          ...mapped[i]!.problems,
          ...(r.id !== undefined && r.status === 'imported' ? (refusedValues.get(r.id) ?? []).map((v) => `the value ${v} was left out`) : []),
        ];
        if (!problems.length) return r;
        const note = `In this row ${problems.join('; ')}.`;
        return { ...r, message: r.message ? `${r.message} ${note}` : note };
      }),
    };
  })();
}
