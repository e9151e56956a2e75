// Test helpers: a real project file in a temporary folder, and a snapshot of everything it holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../../../main/services/project.ts';
import type { Envelope } from '../../../main/api/contract.ts';

export function tempDir(prefix = 'framelens-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempProject(): Project & { dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const project = openProject(join(dir, 'test.framelens'));
  return Object.assign(project, {
    dir,
    cleanup: () => {
      project.close();
      cleanup();
    },
  });
}

/** Every row of every table, to show that a refused change left the project exactly as it was. */
export function snapshot(project: Project): string {
  const tables = project.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, project.db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
}

/**
 * The same for a change that was written and then taken out again: the search index's own tables keep
 * their internal record of the deletions, so they are left out, and what the index holds (every term with
 * its count of articles) is compared instead.
 */
export function contentSnapshot(project: Project): string {
  const tables = project.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'articles_fts%' ORDER BY name`)
    .pluck()
    .all() as string[];
  project.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, 'articles_fts', 'row')`);
  const terms = project.db.prepare('SELECT term, doc FROM temp.fts_terms ORDER BY term').raw().all();
  return JSON.stringify([...tables.map((t) => [t, project.db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]), ['search terms', terms]]);
}

/** Unwraps an envelope, failing the test with the error message when it is not ok. */
export function ok<T>(envelope: Envelope<T> | Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** A text with the characters other tools drift on: å ä ö, typographic quotes, a combining mark, emoji. */
export const TRICKY_TEXT =
  'Toppmötet i Astana\n\nPresidenten överraskade alla. “Det var trolling på hög nivå”, sa en före detta rådgivare e\u0301 🇸🇪 😀.\n' +
  'Sedan talade ministern om ‘suveränitet’ och allianser.\n';
