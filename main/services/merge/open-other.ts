// Opening the other project of a merge: read-only, after checking it is a Framelens project this
// version can read, and never the open project itself. It is read whole in one read transaction, so
// what is merged is one consistent moment of it even while a colleague's Framelens is writing to it.
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { APPLICATION_ID, openReadOnlyFile, type Db } from '../../../db/connection.ts';
import { latestVersion } from '../../../db/migrations/index.ts';
import { AppError, invalid } from '../errors.ts';
import { readSource, type SourceProject } from './source.ts';

/** How long reading waits behind a colleague's write that holds the file (a rollback journal, an exclusive lock). */
const SOURCE_BUSY_TIMEOUT_MS = 5_000;

const SQLITE_HEADER = 'SQLite format 3\0';

const unchanged = 'Nothing was changed.';

function statOrExplain(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('NOT_FOUND', `There is no project file at ${path} to merge from. Check the path. ${unchanged}`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('UNSUPPORTED', `Framelens may not read ${path} (permission denied). ${unchanged}`);
    throw new AppError('UNSUPPORTED', `Framelens cannot read ${path} (${code ?? (error as Error).message}). ${unchanged}`);
  }
}

function firstBytes(path: string, length: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new AppError('UNSUPPORTED', `Framelens may not read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). ${unchanged}`);
  }
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Refuses the open project itself: by its real path, or by file identity (a hard link, another mount). */
function refuseSelf(path: string, stats: Stats, target: Db): void {
  const own = target.name;
  if (!own || own === ':memory:' || !existsSync(own)) return;
  const ownStats = statSync(own);
  if (realpathSync(own) === realpathSync(path) || (ownStats.dev === stats.dev && ownStats.ino === stats.ino)) {
    throw invalid(`${path} is the project you have open; a project cannot be merged into itself. Name your colleague's copy instead. ${unchanged}`);
  }
}

/** Opens another project file for reading, with a message an analyst can act on for every refusal. */
export function readSourceProject(otherPath: string, target: Db, options: { busyTimeoutMs?: number } = {}): SourceProject {
  const path = resolve(otherPath);
  const stats = statOrExplain(path);
  if (stats.isDirectory()) throw invalid(`${path} is a folder, not a Framelens project file; name the .framelens file inside it. ${unchanged}`);
  if (!stats.isFile()) throw invalid(`${path} is not a regular file, so it cannot be a Framelens project. ${unchanged}`);
  if (stats.size === 0) throw invalid(`${path} is an empty file, not a Framelens project. ${unchanged}`);
  if (firstBytes(path, 16).toString('latin1') !== SQLITE_HEADER)
    throw invalid(`${path} is not a Framelens project (it is not a SQLite database). ${unchanged}`);
  refuseSelf(path, stats, target);

  let db: Db;
  try {
    db = openReadOnlyFile(path);
  } catch (error) {
    throw explainSqlite(error, path);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? SOURCE_BUSY_TIMEOUT_MS))}`);
    return db.transaction(() => readSource(db, path, checkIdentity(db, path)))();
  } catch (error) {
    throw explainSqlite(error, path);
  } finally {
    db.close();
  }
}

function explainSqlite(error: unknown, path: string): unknown {
  if (error instanceof AppError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError(
      'BUSY',
      `${path} is being written by another program that holds it locked, so it cannot be read consistently right now. Let that program finish (or close the project there) and merge again. ${unchanged}`,
    );
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return invalid(`${path} is damaged or not a SQLite database, so it cannot be merged. ${unchanged}`);
  if (code === 'SQLITE_READONLY_ROLLBACK')
    return new AppError(
      'UNSUPPORTED',
      `${path} was left half-written by a program that stopped, and the unfinished change must be undone before it can be read. Open it once in Framelens (or copy it, with the journal file beside it, to a folder you can write to) and merge again. ${unchanged}`,
    );
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR'))
    return new AppError('UNSUPPORTED', `Framelens cannot read ${path} (${code}). Copy it to a folder you can write to and merge the copy. ${unchanged}`);
  return error;
}

/** The file's format version, once it is known to be a Framelens project this version can read. */
function checkIdentity(db: Db, path: string): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    const empty = appId === 0 && (db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number) === 0;
    throw invalid(`${path} is ${empty ? 'an empty SQLite database' : 'a SQLite database of another program'}, not a Framelens project. ${unchanged}`);
  }
  if (version > latestVersion)
    throw new AppError(
      'UNSUPPORTED',
      `${path} was written by a newer Framelens (project format ${version}; this version reads up to ${latestVersion}). Update Framelens to merge it. ${unchanged}`,
    );
  if (version < 1) throw invalid(`${path} is not a complete Framelens project (it has no project format). ${unchanged}`);
  return version;
}
