// Reading zip archives (DOCX, XLSX, ODT, QDPX) without trusting them. The guard walks the central
// directory, the table JSZip (inside mammoth) and most readers go by, and inflates every entry in small
// steps while counting the bytes that really come out. A zip bomb, a forged size or entries that overlap
// therefore stop at the limit here, before a library that keeps everything in memory sees the file.
// Nothing is written to disk and nothing beyond the entries asked for is kept.
import { Inflate } from 'fflate';
import { AppError, invalid } from '../errors.ts';
import { IMPORT_LIMITS } from './types.ts';

export type ZipLimits = { zipExpandedBytes: number; zipEntries: number };

type ZipEntry = {
  /** The path as stored, for messages. */
  rawPath: string;
  /** The path as JSZip resolves it ("a/./b" → "a/b"), for look-ups. */
  path: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  end64: 0x06064b50,
  locator64: 0x07064b50,
};
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x0001;
const ZIP64_EXTRA = 0x0001;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032×, so one step yields at most ~8 MB. */
const INFLATE_STEP = 8 * 1024;

/** Refuses a file that is not a sound zip, holds too many entries, expands too far or has unsafe paths. */
export function checkZip(bytes: Uint8Array, name: string, limits: ZipLimits = IMPORT_LIMITS): void {
  readZipEntries(bytes, name, () => false, limits);
}

/**
 * Checks the whole zip as checkZip does, in the same pass keeping the inflated bytes of the entries
 * `wanted` accepts (by path). What is kept counts towards the same limit, so it stays bounded.
 */
export function readZipEntries(bytes: Uint8Array, name: string, wanted: (path: string) => boolean, limits: ZipLimits = IMPORT_LIMITS): Map<string, Uint8Array> {
  const zip = new ZipBytes(bytes, name);
  const entries = readDirectory(zip, limits);
  const budget = new Budget(name, limits.zipExpandedBytes);
  const kept = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const data = inflateEntry(zip, entry, budget, wanted(entry.path));
    if (data) kept.set(entry.path, data);
  }
  return kept;
}

/**
 * The bytes of one entry, or undefined when the zip has none at `path`. The directory is checked as a
 * whole (entries, paths), but only this entry is inflated; run checkZip first to check the others.
 */
export function readZipEntry(bytes: Uint8Array, path: string, name: string, limits: ZipLimits = IMPORT_LIMITS): Uint8Array | undefined {
  const zip = new ZipBytes(bytes, name);
  const entry = readDirectory(zip, limits).find((e) => e.path === path);
  return entry && inflateEntry(zip, entry, new Budget(name, limits.zipExpandedBytes), true);
}

/** The paths of the zip's entries (as JSZip resolves them), after the directory is checked. */
export function listZipEntries(bytes: Uint8Array, name: string, limits: ZipLimits = IMPORT_LIMITS): string[] {
  return readDirectory(new ZipBytes(bytes, name), limits).map((e) => e.path);
}

/** True when the bytes begin like a zip archive (a first entry, or the end record of an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const signature = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return signature === SIGNATURE.local || signature === SIGNATURE.end;
}

// --- Refusals -------------------------------------------------------------------------------------

const damaged = (name: string, what: string) => invalid(`${name} is damaged (${what}). Get a fresh copy of the file and import it again.`);

function tooLarge(name: string, limit: number): AppError {
  return invalid(`${name} expands to more than ${formatSize(limit)}; Framelens stops there, as a file this large is likely damaged or hostile.`);
}

function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Paths are shown in messages, so a hostile one is cut short and stripped of control characters. */
function showPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

// --- Reading the directory ------------------------------------------------------------------------

/** Little-endian reads that refuse, rather than throw a RangeError, when the file is shorter than they need. */
class ZipBytes {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly name: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  u16(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    this.need(at, 8);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged(this.name, 'its table of contents is unreadable');
    return Number(value);
  }
  slice(at: number, length: number): Uint8Array {
    this.need(at, length);
    return this.bytes.subarray(at, at + length);
  }
  /** The last offset at which `signature` occurs, searching back from `before`; -1 if none. */
  lastIndexOf(signature: number, before = this.length - 4): number {
    for (let at = Math.min(before, this.length - 4); at >= 0; at--) {
      if (this.bytes[at] === 0x50 && this.view.getUint32(at, true) === signature) return at;
    }
    return -1;
  }
  private need(at: number, length: number): void {
    if (at < 0 || at + length > this.length) throw damaged(this.name, 'its table of contents points past the end of the file');
  }
}

type Directory = { count: number; offset: number; size: number };

function readDirectory(zip: ZipBytes, limits: ZipLimits): ZipEntry[] {
  const { name } = zip;
  if (zip.length === 0) throw invalid(`${name} is empty.`);
  if (!looksLikeZip(zip.bytes)) {
    throw invalid(`${name} is not a zip archive (the format DOCX, XLSX and ODT files are stored in); it may be damaged or have the wrong file extension.`);
  }
  const directory = readEndRecords(zip);
  if (directory.count > limits.zipEntries) throw tooManyEntries(name, limits.zipEntries);
  const entries = readCentralEntries(zip, directory, limits);
  checkEntries(name, entries, limits);
  return entries;
}

function tooManyEntries(name: string, limit: number): AppError {
  return invalid(
    `${name} holds more than ${limit.toLocaleString('en')} files inside it; Framelens stops there, as a file like this is likely damaged or hostile.`,
  );
}

/**
 * Where the directory is, from the end record (and its ZIP64 form). Like JSZip, the last end record in
 * the file counts; unlike JSZip, the directory must sit right before it, so both read the same entries.
 */
function readEndRecords(zip: ZipBytes): Directory {
  const end = zip.lastIndexOf(SIGNATURE.end, zip.length - 22);
  if (end < 0) {
    throw invalid(
      `${zip.name} is incomplete: the end of its zip archive is missing, so it was probably cut short while downloading or copying. Get a fresh copy and import it again.`,
    );
  }
  let directory: Directory = { count: zip.u16(end + 10), size: zip.u32(end + 12), offset: zip.u32(end + 16) };
  let directoryEnd = end;
  const usesZip64 =
    [zip.u16(end + 4), zip.u16(end + 6), zip.u16(end + 8), directory.count].includes(MAX16) || directory.size === MAX32 || directory.offset === MAX32;
  if (usesZip64) {
    const locator = end - 20;
    if (locator < 0 || zip.lastIndexOf(SIGNATURE.locator64) !== locator) throw damaged(zip.name, 'its table of contents is unreadable');
    const record = zip.u64(locator + 8);
    if (zip.u32(record) !== SIGNATURE.end64 || record + 12 + zip.u64(record + 4) !== locator) throw damaged(zip.name, 'its table of contents is unreadable');
    directory = { count: zip.u64(record + 32), size: zip.u64(record + 40), offset: zip.u64(record + 48) };
    directoryEnd = record;
  }
  if (directory.offset + directory.size !== directoryEnd) throw damaged(zip.name, 'its table of contents is not where it should be');
  return directory;
}

function readCentralEntries(zip: ZipBytes, directory: Directory, limits: ZipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const stop = directory.offset + directory.size;
  let at = directory.offset;
  while (at < stop) {
    if (zip.u32(at) !== SIGNATURE.central) throw damaged(zip.name, 'its table of contents is unreadable');
    const { entry, next } = readCentralEntry(zip, at);
    entries.push(entry);
    if (entries.length > limits.zipEntries) throw tooManyEntries(zip.name, limits.zipEntries);
    at = next;
  }
  if (at !== stop || entries.length !== directory.count) throw damaged(zip.name, 'its table of contents is unreadable');
  return entries;
}

function readCentralEntry(zip: ZipBytes, at: number): { entry: ZipEntry; next: number } {
  const nameLength = zip.u16(at + 28);
  const extraLength = zip.u16(at + 30);
  const commentLength = zip.u16(at + 32);
  // JSZip decodes every name as UTF-8 unless told otherwise; doing the same keeps look-ups aligned.
  const rawPath = new TextDecoder().decode(zip.slice(at + 46, nameLength));
  const entry: ZipEntry = {
    rawPath,
    path: resolvePath(rawPath),
    flags: zip.u16(at + 8),
    method: zip.u16(at + 10),
    compressedSize: zip.u32(at + 20),
    size: zip.u32(at + 24),
    localOffset: zip.u32(at + 42),
  };
  applyZip64Extra(zip, entry, at + 46 + nameLength, extraLength);
  return { entry, next: at + 46 + nameLength + extraLength + commentLength };
}

/** Fields too large for 32 bits are 0xFFFFFFFF and continue, in this order, in the ZIP64 extra field. */
function applyZip64Extra(zip: ZipBytes, entry: ZipEntry, start: number, length: number): void {
  const end = start + length;
  let field: number | undefined;
  for (let at = start; at + 4 < end; at += 4 + zip.u16(at + 2)) {
    if (zip.u16(at) === ZIP64_EXTRA) field = at + 4;
  }
  if (field === undefined) return;
  for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
    if (entry[key] !== MAX32) continue;
    entry[key] = zip.u64(field);
    field += 8;
  }
}

/** JSZip's reading of a stored path: "." and empty segments dropped (".." is refused before it matters). */
function resolvePath(path: string): string {
  const parts = path.split('/');
  return parts.filter((part, i) => part !== '.' && (part !== '' || i === 0 || i === parts.length - 1)).join('/');
}

function isUnsafePath(path: string): boolean {
  return /^[/\\]/.test(path) || /^[a-z]:/i.test(path) || path.split(/[/\\]/).includes('..');
}

function checkEntries(name: string, entries: ZipEntry[], limits: ZipLimits): void {
  const seen = new Set<string>();
  let declared = 0;
  for (const entry of entries) {
    if (isUnsafePath(entry.rawPath)) {
      throw invalid(
        `${name} contains a file whose path (${showPath(entry.rawPath)}) leads outside the archive, a known trick of hostile files; Framelens does not open it.`,
      );
    }
    if (entry.flags & ENCRYPTED_FLAG) throw invalid(`${name} is password-protected; remove the password, save it again and import it.`);
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw invalid(`${name} uses a kind of compression Framelens cannot read (method ${entry.method}, in ${showPath(entry.rawPath)}).`);
    }
    if (seen.has(entry.path)) throw damaged(name, `it lists ${showPath(entry.rawPath)} twice`);
    seen.add(entry.path);
    declared += entry.size;
  }
  // An honest bomb says how large it is; refusing it here saves inflating it. Forged sizes are caught while inflating.
  if (declared > limits.zipExpandedBytes) throw tooLarge(name, limits.zipExpandedBytes);
}

// --- Inflating ------------------------------------------------------------------------------------

/** The expanded bytes still allowed across all entries of one zip. */
class Budget {
  private spent = 0;
  constructor(
    private readonly name: string,
    private readonly limit: number,
  ) {}
  spend(bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.limit) throw tooLarge(this.name, this.limit);
  }
}

/** The compressed bytes of an entry, found through its local header as JSZip finds them. */
function compressedBytes(zip: ZipBytes, entry: ZipEntry): Uint8Array {
  const at = entry.localOffset;
  if (zip.u32(at) !== SIGNATURE.local) throw damaged(zip.name, `the archive's table of contents does not match its contents at ${showPath(entry.rawPath)}`);
  const start = at + 30 + zip.u16(at + 26) + zip.u16(at + 28);
  if (start + entry.compressedSize > zip.length) throw damaged(zip.name, `${showPath(entry.rawPath)} is cut short`);
  return zip.slice(start, entry.compressedSize);
}

function inflateEntry(zip: ZipBytes, entry: ZipEntry, budget: Budget, keep: boolean): Uint8Array | undefined {
  const input = compressedBytes(zip, entry);
  const parts: Uint8Array[] = [];
  let size = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    budget.spend(chunk.length);
    if (keep) parts.push(chunk);
  };
  if (entry.method === STORED) take(input);
  else inflateInSteps(input, take, zip.name, entry);
  if (size !== entry.size) throw damaged(zip.name, `${showPath(entry.rawPath)} is not the size the archive says`);
  return keep ? concat(parts, size) : undefined;
}

/** Small steps, so a refusal from `take` (over the budget) stops the inflater before it produces much more. */
function inflateInSteps(input: Uint8Array, take: (chunk: Uint8Array) => void, name: string, entry: ZipEntry): void {
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let at = 0; ; at += INFLATE_STEP) {
      const last = at + INFLATE_STEP >= input.length;
      inflater.push(input.subarray(at, at + INFLATE_STEP), last);
      if (last) return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(name, `${showPath(entry.rawPath)} cannot be unpacked`);
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
