// SQLite's refusals that an analyst can act on, turned into Framelens's own errors. Anything else stays
// unexpected (logged, never shown raw).
import { AppError } from './errors.ts';

export const busyMessage = 'Another program is writing to this project and has not finished in time. Try again in a moment. Nothing was changed.';

export const readOnlyNowMessage = 'This project cannot be changed: its file or folder is read-only. Nothing was changed.';

const sqliteCode = (error: unknown): string | null => {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
};

/** The AppError for a SQLite error an analyst can act on, or null. */
export function fromSqliteError(error: unknown): AppError | null {
  const code = sqliteCode(error);
  if (!code) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new AppError('BUSY', busyMessage);
  if (code.startsWith('SQLITE_READONLY')) return new AppError('READ_ONLY', readOnlyNowMessage);
  if (code === 'SQLITE_FULL')
    return new AppError(
      'UNSUPPORTED',
      'The disk holding this project is full, so the change could not be saved. Free some space and try again. Nothing was changed.',
    );
  return null;
}
