// Opening a project file: recognise it as Framelens's, say clearly why a file cannot be opened, open it
// read-only when it cannot be written, set the pragmas, and bring its schema up to date.
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { latestVersion, migrations } from './migrations/index.ts';
import { setAsideStrayWal } from './wal.ts';
import { sleepSync } from './sleep.ts';

export type Db = Database.Database;

/** 'FLNS' in ASCII: marks a SQLite file as a Framelens project (PRAGMA application_id). */
export const APPLICATION_ID = 0x464c4e53;

/**
 * How long a write waits for another program's write to finish before giving up, in milliseconds. Every
 * write transaction is short (imports commit in batches), so only a stuck program makes it run out.
 */
export const BUSY_TIMEOUT_MS = 30_000;

export type OpenErrorKind = 'NOT_FOUND' | 'NOT_A_PROJECT' | 'TOO_NEW' | 'NO_ACCESS' | 'CANNOT_CREATE' | 'NEEDS_UPGRADE';

/** Why a file could not be opened as a project, in words an analyst can act on. */
export class ProjectOpenError extends Error {
  readonly kind: OpenErrorKind;
  constructor(kind: OpenErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'ProjectOpenError';
  }
}

export type OpenOptions = {
  /**
   * May this call bring a new project into being (a missing file, or an existing empty one)? Default
   * true. Commands that only read or change an existing project pass false.
   */
  create?: boolean;
  /** Open without changing anything, even when the file could be written. */
  readOnly?: boolean;
  /** Path to a better-sqlite3 binary built for another runtime (the desktop app's Electron build). */
  nativeBinding?: string;
  /** How long a write waits behind another program's (default BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
};

export type OpenedDatabase = {
  db: Db;
  /** Nothing can be written: asked for, or the file or its folder is not writable. */
  readOnly: boolean;
  /** The file was new or empty and now holds a new project. */
  created: boolean;
  /** What the analyst should be told about this opening (a journal set aside, a read-only folder). */
  notices: string[];
};

const SQLITE_HEADER = 'SQLite format 3\0';

function describeNonFile(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const isPermissionError = (code: string | undefined) => code === 'EACCES' || code === 'EPERM';

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readHeader(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isPermissionError(code))
      throw new ProjectOpenError(
        'NO_ACCESS',
        `Framelens may not read ${path} (permission denied). Ask the file's owner for access, or change its permissions.`,
      );
    throw new ProjectOpenError('NO_ACCESS', `Framelens cannot read ${path} (${code ?? (error as Error).message}).`);
  }
  try {
    const buf = Buffer.alloc(100);
    const read = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

type FileState = { exists: false } | { exists: true; empty: boolean };

/** Checks a path before SQLite sees it, so every odd case gets its own message and nothing is written. */
function inspect(path: string, options: OpenOptions): FileState {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (options.create === false) throw new ProjectOpenError('NOT_FOUND', `There is no project file at ${path}.`);
      if (options.readOnly) throw new ProjectOpenError('NOT_FOUND', `There is no project file at ${path} to open read-only.`);
      const folder = dirname(path);
      if (!canWrite(folder)) {
        throw new ProjectOpenError(
          'CANNOT_CREATE',
          `Framelens cannot create a project at ${path}: the folder ${folder} is read-only or not yours (permission denied). Choose another folder.`,
        );
      }
      return { exists: false };
    }
    if (code === 'ENOTDIR') throw new ProjectOpenError('NOT_FOUND', `There is no project file at ${path} (a part of the path is a file, not a folder).`);
    if (isPermissionError(code)) throw new ProjectOpenError('NO_ACCESS', `Framelens may not open ${path} (permission denied on its folder).`);
    throw new ProjectOpenError('NO_ACCESS', `Framelens cannot open ${path} (${code ?? (error as Error).message}).`);
  }
  if (!stats.isFile()) {
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is ${describeNonFile(stats)}, not a Framelens project file. Nothing was changed.`);
  }
  const header = readHeader(path);
  if (stats.size === 0) {
    if (options.create === false || options.readOnly) {
      throw new ProjectOpenError('NOT_A_PROJECT', `${path} is an empty file, not a Framelens project. Nothing was changed.`);
    }
    return { exists: true, empty: true };
  }
  if (header.length < 16 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is not a Framelens project (it is not a SQLite database). Nothing was changed.`);
  }
  return { exists: true, empty: false };
}

/**
 * A read-only project in a folder Framelens may not write to, with no shared-memory file beside it: SQLite
 * cannot open a WAL database there, so Framelens reads a copy of the file in memory instead.
 */
function openSnapshot(path: string, options: Pick<OpenOptions, 'nativeBinding'>): Db {
  const bytes = readFileSync(path);
  // Bytes 18 and 19 say "WAL"; an in-memory copy has no journal of its own, so mark the copy as rollback.
  if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

/**
 * Opens an existing SQLite file only to read it: the file itself, or where SQLite could not read it in
 * place (a folder it may not write to, and no shared-memory file), a copy of it in memory.
 */
export function openReadOnlyFile(path: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Db {
  if (!canWrite(dirname(path)) && !isFile(`${path}-shm`)) return openSnapshot(path, options);
  return new Database(path, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

const PAGE_CACHE_KIB = 64 * 1024;
const MMAP_BYTES = 256 * 1024 * 1024;

export function openProjectDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  if (path === ':memory:') {
    const db = new Database(':memory:', options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma('foreign_keys = ON');
    migrate(db);
    return { db, readOnly: false, created: true, notices: [] };
  }

  const state = inspect(path, options);
  const notices: string[] = [];
  const folderWritable = canWrite(dirname(path));
  const readOnly = options.readOnly === true || (state.exists && (!canWrite(path) || !folderWritable));
  if (readOnly && options.readOnly !== true)
    notices.push(
      `${path} is open read-only: ${!folderWritable ? 'its folder' : 'the file'} cannot be written to. You can read, search and export, but not change it.`,
    );

  if (state.exists && !state.empty) {
    const setAside = setAsideStrayWal(path, { canMove: folderWritable });
    if (setAside) notices.push(setAside);
  }

  const db = readOnly ? openReadOnlyFile(path, options) : new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Set first: every later step, identity check and migration included, may wait behind another writer.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    checkIdentity(db, path, { readOnly });
    if (!readOnly) {
      // WAL lets the reader and writer work side by side; NORMAL sync in WAL mode survives an app crash,
      // and a power cut can at worst lose the last moments, never corrupt the file.
      retryWhileBusy(() => db.pragma('journal_mode = WAL'), options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // A study's project runs to gigabytes of text, mentions and annotations: the default 2 MB page cache
    // is thrown out and read again within one query over them (the entities × tags chart), so each
    // connection keeps 64 MB. Reads of the first 256 MB (the tables and indexes a view queries, in a
    // typical project) go through a memory map, which spares copying pages into that cache; it is kept
    // that small because Framelens never shrinks a project file while it is open, the one thing a map
    // does not survive.
    db.pragma(`cache_size = ${-PAGE_CACHE_KIB}`);
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (!readOnly) migrate(db);
    return { db, readOnly, created: !state.exists || state.empty, notices };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens a project file and returns the connection (see openProjectDatabase for what else it tells). */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  return openProjectDatabase(path, options).db;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code ?? ''));

/**
 * Runs `step` again while SQLite answers busy without waiting: two programs switching a new file to WAL
 * at the same moment get SQLITE_BUSY at once (SQLite will not wait there, to avoid a deadlock).
 */
function retryWhileBusy(step: () => unknown, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      step();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      sleepSync(5 + Math.random() * 20);
    }
  }
}

function checkIdentity(db: Db, path: string, { readOnly }: { readOnly: boolean }): void {
  let appId: number;
  let version: number;
  let objects: number;
  try {
    // One read transaction: the three values come from the same moment, never from either side of
    // another program's setup of a new project.
    [appId, version, objects] = db.transaction((): [number, number, number] => [
      db.pragma('application_id', { simple: true }) as number,
      db.pragma('user_version', { simple: true }) as number,
      (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n,
    ])();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) throw error; // another program is setting the file up; reported as busy
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
      throw new ProjectOpenError('NO_ACCESS', `Framelens cannot open ${path}: SQLite may not use its folder (${code}).`);
    }
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is not a Framelens project (SQLite could not read it). Nothing was changed.`);
  }
  if (appId === 0 && version === 0 && objects === 0) {
    if (readOnly) throw new ProjectOpenError('NOT_A_PROJECT', `${path} is an empty SQLite database, not a Framelens project. Nothing was changed.`);
    return; // a new, empty file: ours to set up
  }
  if (appId !== APPLICATION_ID) {
    throw new ProjectOpenError('NOT_A_PROJECT', `${path} is a SQLite database of another program, not a Framelens project. Nothing was changed.`);
  }
  if (version > latestVersion) {
    throw new ProjectOpenError(
      'TOO_NEW',
      `${path} was written by a newer Framelens (project format ${version}; this version reads up to ${latestVersion}). Update Framelens to open it. Nothing was changed.`,
    );
  }
  if (readOnly && version < latestVersion) {
    throw new ProjectOpenError(
      'NEEDS_UPGRADE',
      `${path} was written by an earlier Framelens and must be brought up to date before this version can read it, which needs write access. Open it once where it can be written. Nothing was changed.`,
    );
  }
}

/**
 * Applies each migration newer than the file's user_version, all in one transaction that takes the
 * write lock first and then reads the version again: two programs opening a new project at the same
 * moment set it up once, and the second finds it done.
 */
export function migrate(db: Db): void {
  if ((db.pragma('user_version', { simple: true }) as number) >= latestVersion) return;
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * A write transaction: BEGIN IMMEDIATE takes the write lock at the start, so a write waits its turn
 * behind another program's (busy_timeout) instead of failing when a read inside it turns into a write.
 * Called inside another transaction it becomes a savepoint of that one.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  const transaction = db.transaction(fn);
  return (...args: A) => transaction.immediate(...args);
}
