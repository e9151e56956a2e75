// Project-wide settings kept in the project file, such as the analyst's name stamped on annotations.
import { userInfo } from 'node:os';
import type { Db } from '../../db/connection.ts';

export function settingsService(db: Db) {
  const read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  const annotator = () => (read.get('annotator') as string | undefined) ?? null;

  return {
    annotator,
    /** A value kept under a key of its own (remembered choices such as a spreadsheet's column mapping). */
    get: (key: string): string | undefined => read.get(key) as string | undefined,
    set: (key: string, value: string): void => void write.run(key, value),
    setAnnotator(name: string) {
      write.run('annotator', name.trim());
      return { annotator: name.trim() };
    },
    /** The name stored on a new annotation: the one given, else the project's analyst, else the login name. */
    annotatorFor(given?: string): string {
      if (given?.trim()) return given.trim();
      const stored = annotator();
      if (stored) return stored;
      try {
        return userInfo().username || 'unknown';
      } catch {
        return 'unknown';
      }
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
