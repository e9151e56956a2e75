// A write-ahead log (`-wal`) beside a project that SQLite cannot use would be discarded silently as the
// project opens. Framelens checks the log's header first (as SQLite does: magic number, format version,
// page size, checksum) and, when it is unusable, moves it aside under a name of its own and says so.
// A log in use by another program always has a valid header, so it is never touched.
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { sleepSync } from './sleep.ts';

const WAL_HEADER_BYTES = 32;
const WAL_FORMAT_VERSION = 3007000;

function readBytes(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const read = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The database's page size from its header (bytes 16–17; the value 1 means 65,536). */
function databasePageSize(header: Buffer): number {
  const value = header.readUInt16BE(16);
  return value === 1 ? 65536 : value;
}

/** SQLite's WAL checksum over the first 24 bytes of the header, in the byte order the magic number gives. */
function headerChecksum(header: Buffer, bigEndian: boolean): [number, number] {
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < 24; i += 8) {
    const x0 = bigEndian ? header.readUInt32BE(i) : header.readUInt32LE(i);
    const x1 = bigEndian ? header.readUInt32BE(i + 4) : header.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/** Whether SQLite would take this log as belonging to a database with the given page size. */
export function walHeaderIsUsable(header: Buffer, pageSize: number): boolean {
  if (header.length < WAL_HEADER_BYTES) return false;
  const magic = header.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return false;
  if (header.readUInt32BE(4) !== WAL_FORMAT_VERSION) return false;
  if (header.readUInt32BE(8) !== pageSize) return false;
  const [c0, c1] = headerChecksum(header, (magic & 1) === 1);
  return c0 === header.readUInt32BE(24) && c1 === header.readUInt32BE(28);
}

function stillTheSame(walPath: string, size: number): boolean {
  try {
    const first = readBytes(walPath, WAL_HEADER_BYTES);
    const before = statSync(walPath);
    sleepSync(30);
    const after = statSync(walPath);
    return after.size === size && before.mtimeMs === after.mtimeMs && readBytes(walPath, WAL_HEADER_BYTES).equals(first);
  } catch {
    return false;
  }
}

/** The first free name of the form `NAME-wal.bak`, `NAME-wal.2.bak`, … beside the project. */
function backupName(projectPath: string): string {
  let candidate = `${projectPath}-wal.bak`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${projectPath}-wal.${n}.bak`;
  return candidate;
}

/**
 * Moves an unusable `-wal` beside the project aside and returns what to tell the analyst, or null when
 * there is no log or SQLite can use it. Where the folder cannot be written the log stays in place (a
 * read-only opening leaves it alone too).
 */
export function setAsideStrayWal(projectPath: string, { canMove }: { canMove: boolean }): string | null {
  const walPath = `${projectPath}-wal`;
  let size: number;
  try {
    const stats = statSync(walPath);
    if (!stats.isFile()) return null;
    size = stats.size;
  } catch {
    return null;
  }
  if (size === 0) return null; // an empty log is what SQLite leaves between writes
  let usable: boolean;
  try {
    usable = walHeaderIsUsable(readBytes(walPath, WAL_HEADER_BYTES), databasePageSize(readBytes(projectPath, 100)));
  } catch {
    return null; // unreadable: SQLite will say so as it opens
  }
  if (usable) return null;
  // A program writing the log rewrites its header in one small write; a second look a moment later
  // tells a header caught mid-write (now valid, or changed) from one that never belonged.
  if (!stillTheSame(walPath, size)) return null;
  if (!canMove) {
    return `A leftover journal beside the project (${walPath}) does not belong to it; Framelens read the project from its main file and left the journal where it is.`;
  }
  const backup = backupName(projectPath);
  renameSync(walPath, backup);
  return `The project opened from its main file: a leftover journal beside it (${walPath}) did not belong to it and was set aside as ${backup}. Nothing in the project was changed.`;
}
