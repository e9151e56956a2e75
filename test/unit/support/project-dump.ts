// What a project file holds, read back in a form two moments can be compared by: every table's rows in a
// stable order (the full-text index's own tables and sqlite_sequence included), the schema and the
// header values. Also the checks every stored passage must pass whatever was done to the project.
import type Database from 'better-sqlite3';
import type { Db } from '../../../db/connection.ts';

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

type TableReader = { name: string; columns: string[]; textBytes: Statement; dump: Statement };
type Statement = Database.Statement<[]>;
type DumpPlan = { schemaVersion: number; schema: string[]; tables: TableReader[]; header: Statement };

// Preparing a statement per table costs more than reading the small tables it reads: the statements are
// kept per connection until the schema changes.
const plans = new WeakMap<Db, DumpPlan>();

const schemaVersions = new WeakMap<Db, Statement>();

function dumpPlan(db: Db): DumpPlan {
  let versionOf = schemaVersions.get(db);
  if (!versionOf) schemaVersions.set(db, (versionOf = db.prepare<[]>('PRAGMA schema_version').pluck()));
  const schemaVersion = versionOf.get() as number;
  const cached = plans.get(db);
  if (cached && cached.schemaVersion === schemaVersion) return cached;
  const objects = db.prepare("SELECT type, name, coalesce(sql, '') AS sql FROM sqlite_schema ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  const tables = objects
    .filter((o) => o.type === 'table' && !/^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql))
    .map((table) => {
      const columns = (db.prepare(`PRAGMA table_info(${quoteName(table.name)})`).all() as { name: string }[]).map((c) => c.name);
      const asBytes = columns.map((c) => `CASE WHEN typeof(${quoteName(c)}) = 'text' THEN CAST(${quoteName(c)} AS BLOB) END`).join(', ');
      const textBytes = db.prepare<[]>(`SELECT ${asBytes} FROM ${quoteName(table.name)}`).raw(true);
      // SQLite writes each row itself (quote() keeps types apart: 5, 5.0, '5' and X'05' differ), in the
      // order of all columns; a text holding NUL is written in hex, as quote() would stop at the NUL.
      const cell = (c: string) =>
        `CASE WHEN typeof(${quoteName(c)}) = 'text' AND instr(${quoteName(c)}, char(0)) > 0 THEN 'nul:' || hex(${quoteName(c)}) ELSE quote(${quoteName(c)}) END`;
      const line = columns.map(cell).join(' || char(9) || ');
      const dump = db
        .prepare<[]>(
          `SELECT count(*) || ' rows' || char(10) || coalesce(group_concat(${line}, char(10) ORDER BY ${columns.map(quoteName).join(', ')}), '') FROM ${quoteName(table.name)}`,
        )
        .pluck();
      return { name: table.name, columns, textBytes, dump };
    });
  const header = db
    .prepare<[]>("SELECT 'user_version=' || user_version || char(10) || 'application_id=' || application_id FROM pragma_user_version, pragma_application_id")
    .pluck();
  const plan = { schemaVersion, schema: objects.map((o) => `schema ${o.type} ${o.name}: ${o.sql}`), tables, header };
  plans.set(db, plan);
  return plan;
}

/**
 * Every row of every table (virtual tables are left to their shadow tables, which hold their data),
 * ordered by all columns, plus the schema, user_version and application_id. Two dumps are equal exactly
 * when nothing the project stores differs.
 */
export function dumpProject(db: Db): string {
  const plan = dumpPlan(db);
  const parts: string[] = [];
  parts.push(plan.header.get() as string);
  parts.push(...plan.schema);
  for (const table of plan.tables) parts.push(`table ${table.name} (${table.columns.join(', ')}): ${table.dump.get() as string}`);
  return parts.join('\n');
}

/** The first line where two dumps differ, to say what a refused call changed. */
export function dumpDifference(before: string, after: string): string {
  if (before === after) return 'no difference';
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: before ${JSON.stringify(a[i]?.slice(0, 300))}, after ${JSON.stringify(b[i]?.slice(0, 300))}`;
  }
  return 'the dumps differ';
}

/** SQLite's own verdict on the file, and dangling references; empty when all is well. */
export function storageProblems(db: Db): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (!(integrity.length === 1 && integrity[0]!.integrity_check === 'ok')) {
    problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
  }
  const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const d of dangling.slice(0, 5)) problems.push(`foreign_key_check: ${d.table} row ${d.rowid} points to a missing ${d.parent}`);
  if (db.inTransaction) problems.push('the connection was left inside a transaction');
  return problems;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const splitsPair = (text: string, at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

/** A C0 control character other than tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
export const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * What must hold of every stored passage however the project got there: an annotation's quote is exactly
 * the text its offsets cut (0 <= start < end <= length, no emoji cut in half), its context is the text
 * right before and after it, and a mention's text is what its offsets cut too.
 */
export function passageProblems(db: Db): string[] {
  const problems: string[] = [];
  const texts = new Map<number, string>();
  for (const r of db.prepare('SELECT id, text, char_count FROM articles').all() as { id: number; text: string; char_count: number }[]) {
    texts.set(r.id, r.text);
    if (r.char_count !== r.text.length) problems.push(`article ${r.id}: char_count ${r.char_count} but its text is ${r.text.length} code units long`);
  }
  const annotations = db.prepare('SELECT id, article_id, start, "end" AS stop, quote, context_before, context_after FROM annotations ORDER BY id').all() as {
    id: number;
    article_id: number;
    start: number;
    stop: number;
    quote: string;
    context_before: string;
    context_after: string;
  }[];
  for (const a of annotations) {
    const text = texts.get(a.article_id);
    if (text === undefined) {
      problems.push(`annotation ${a.id}: its article ${a.article_id} is gone`);
      continue;
    }
    if (!(Number.isInteger(a.start) && Number.isInteger(a.stop) && a.start >= 0 && a.start < a.stop && a.stop <= text.length)) {
      problems.push(`annotation ${a.id}: offsets ${a.start}–${a.stop} do not lie inside article ${a.article_id} (length ${text.length})`);
      continue;
    }
    const cut = text.slice(a.start, a.stop);
    if (cut !== a.quote) problems.push(`annotation ${a.id}: quote ${JSON.stringify(a.quote)} but offsets ${a.start}–${a.stop} cut ${JSON.stringify(cut)}`);
    if (splitsPair(text, a.start) || splitsPair(text, a.stop))
      problems.push(`annotation ${a.id}: offsets ${a.start}–${a.stop} cut an astral character in half`);
    if (!text.slice(0, a.start).endsWith(a.context_before))
      problems.push(`annotation ${a.id}: context before ${JSON.stringify(a.context_before)} is not the text before it`);
    if (!text.slice(a.stop).startsWith(a.context_after))
      problems.push(`annotation ${a.id}: context after ${JSON.stringify(a.context_after)} is not the text after it`);
  }
  const mentions = db.prepare('SELECT id, article_id, start, "end" AS stop, text FROM mentions ORDER BY id').all() as {
    id: number;
    article_id: number;
    start: number;
    stop: number;
    text: string;
  }[];
  for (const m of mentions) {
    const text = texts.get(m.article_id);
    if (text === undefined) {
      problems.push(`mention ${m.id}: its article ${m.article_id} is gone`);
      continue;
    }
    if (!(m.start >= 0 && m.start < m.stop && m.stop <= text.length)) {
      problems.push(`mention ${m.id}: offsets ${m.start}–${m.stop} do not lie inside article ${m.article_id} (length ${text.length})`);
      continue;
    }
    const cut = text.slice(m.start, m.stop);
    if (cut !== m.text) problems.push(`mention ${m.id}: text ${JSON.stringify(m.text)} but offsets ${m.start}–${m.stop} cut ${JSON.stringify(cut)}`);
  }
  return problems;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every stored text that other programs cannot read as it was meant: a control character other than
 * tab, LF and CR, or (unless `encoding` is false) bytes that are not UTF-8 (a lone half of a surrogate
 * pair is stored that way, and Python's sqlite3 then refuses to read the project).
 */
export function storedTextProblems(db: Db, { encoding = true } = {}): string[] {
  const problems: string[] = [];
  for (const table of dumpPlan(db).tables) {
    for (const row of table.textBytes.all() as (Buffer | null)[][]) {
      row.forEach((bytes, i) => {
        if (bytes === null) return;
        let text: string;
        try {
          text = strictUtf8.decode(bytes);
        } catch {
          if (encoding) problems.push(`${table.name}.${table.columns[i]} holds bytes that are not UTF-8: ${bytes.toString('hex').slice(0, 80)}`);
          text = bytes.toString('utf8');
        }
        if (C0_CONTROL.test(text)) problems.push(`${table.name}.${table.columns[i]} holds a control character: ${JSON.stringify(text.slice(0, 120))}`);
      });
    }
  }
  return problems;
}
