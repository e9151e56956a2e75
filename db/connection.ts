// Opening a project file: recognise it as Framelens's, set the pragmas, bring its schema up to date.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { latestVersion, migrations } from './migrations/index.ts';

export type Db = Database.Database;

/** 'FLNS' in ASCII: marks a SQLite file as a Framelens project (PRAGMA application_id). */
export const APPLICATION_ID = 0x464c4e53;

export type OpenErrorKind = 'NOT_FOUND' | 'NOT_A_PROJECT' | 'TOO_NEW';

/** Why a file could not be opened as a project, in words an analyst can act on. */
export class ProjectOpenError extends Error {
  readonly kind: OpenErrorKind;
  constructor(kind: OpenErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'ProjectOpenError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const read = readSync(fd, buf, 0, 16, 0);
    return read === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

export type OpenOptions = {
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  /** Path to a better-sqlite3 binary built for another runtime (the desktop app's Electron build). */
  nativeBinding?: string;
};

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw new ProjectOpenError('NOT_A_PROJECT', `${path} is a folder, not a Framelens project file.`);
      if (statSync(path).size > 0 && !hasSqliteHeader(path)) {
        throw new ProjectOpenError('NOT_A_PROJECT', `${path} is not a Framelens project (it is not a SQLite database). Nothing was changed.`);
      }
    } else if (options.create === false) {
      throw new ProjectOpenError('NOT_FOUND', `There is no project file at ${path}.`);
    }
  }

  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    checkIdentity(db, path);
    // WAL lets the reader and writer work side by side; NORMAL sync in WAL mode survives an app crash,
    // and a power cut can at worst lose the last moments, never corrupt the file.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkIdentity(db: Db, path: string): void {
  let appId: number;
  let version: number;
  let objects: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    objects = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  } catch {
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is not a Framelens project (SQLite could not read it). Nothing was changed.`);
  }
  if (appId === 0 && version === 0 && objects === 0) return; // a new, empty file: ours to set up
  if (appId !== APPLICATION_ID) {
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is a SQLite database of another program, not a Framelens project. Nothing was changed.`);
  }
  if (version > latestVersion) {
    throw new ProjectOpenError(
      'TOO_NEW',
      `${path} was written by a newer Framelens (project format ${version}; this version reads up to ${latestVersion}). Update Framelens to open it. Nothing was changed.`,
    );
  }
}

/** Applies each migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
