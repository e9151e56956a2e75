// Reading a .qdpx archive through the zip guard (limits on size and entries, no paths that leave the
// archive) and finding what project.qde points to. Tools spell the folder differently (QualCoder and
// MAXQDA write "Sources", the standard "sources"), so names are matched ignoring letter case, an exact
// match first. A text path may be internal://name (in the sources folder) or relative to the archive; a
// path that climbs out of the archive is refused outright, and one that points outside it on purpose (an
// absolute or file:// path, relative:// to the project's base folder) is not read: the source is reported.
import { invalid } from '../errors.ts';
import { IMPORT_LIMITS } from '../import/types.ts';
import { looksLikeZip, readZipEntries, type ZipLimits } from '../import/zip-guard.ts';
import { MAX_ARTICLE_BYTES } from '../../api/contract.ts';

export type Archive = {
  /** project.qde as text. */
  projectXml: string;
  /** Its path in the archive, for messages. */
  projectPath: string;
  /** The text of a file project.qde names, or why there is none. */
  readText(path: string): { text: string } | { problem: string };
};

const isProjectFile = (path: string) => !path.includes('/') && /\.qde$/i.test(path);
const isTextFile = (path: string) => /\.txt$/i.test(path);

export function openArchive(bytes: Uint8Array, name: string, limits: ZipLimits = IMPORT_LIMITS): Archive {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  if (!looksLikeZip(bytes)) {
    throw invalid(
      `${name} is not a REFI-QDA project (.qdpx): it is not a zip archive. It may be damaged, or be another kind of file with the wrong extension.`,
    );
  }
  const entries = readZipEntries(bytes, name, (path) => isProjectFile(path) || isTextFile(path), limits);
  const byFolded = new Map<string, string>();
  for (const path of entries.keys()) if (!byFolded.has(path.toLowerCase())) byFolded.set(path.toLowerCase(), path);
  const find = (path: string) => (entries.has(path) ? path : byFolded.get(path.toLowerCase()));

  const qdeFiles = [...entries.keys()].filter(isProjectFile);
  const projectPath = find('project.qde') ?? (qdeFiles.length === 1 ? qdeFiles[0] : undefined);
  if (!projectPath) throw invalid(`${name} holds no project.qde, so it is not a REFI-QDA project file (.qdpx).`);
  const projectXml = decodeText(entries.get(projectPath)!);
  if (projectXml === undefined) throw invalid(`${name}: its ${projectPath} is not UTF-8 text, as REFI-QDA requires.`);

  return {
    projectXml,
    projectPath,
    readText(raw) {
      const target = locate(raw, name, find);
      if ('problem' in target) return target;
      const data = entries.get(target.path)!;
      if (data.length > MAX_ARTICLE_BYTES) return { problem: `its text file ${target.path} is larger than the 50 MB an article may be` };
      const text = decodeText(data);
      return text === undefined ? { problem: `its text file ${target.path} is not UTF-8 text` } : { text };
    },
  };
}

/** Where in the archive a path from project.qde leads. */
function locate(raw: string, name: string, find: (path: string) => string | undefined): { path: string } | { problem: string } {
  const written = raw.trim();
  const internal = /^internal:\/\/(.*)$/i.exec(written);
  if (!internal && (/^[a-z][a-z0-9+.-]*:/i.test(written) || /^[\\/]/.test(written))) {
    return { problem: `its text is kept outside the project file (${shown(written)}); export it again with the sources included` };
  }
  const relative = (internal ? internal[1]! : written).replace(/\\/g, '/');
  let decoded = relative;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    // not percent-encoded: use it as written
  }
  for (const path of new Set([relative, decoded])) {
    if (path.split('/').includes('..')) {
      throw invalid(`${name} names a text file outside the archive (${shown(written)}), a known trick of hostile files; Framelens does not import it.`);
    }
  }
  const clean = (path: string) =>
    path
      .split('/')
      .filter((part) => part && part !== '.')
      .join('/');
  const candidates = [relative, decoded].flatMap((path) => (internal ? [`sources/${clean(path)}`, clean(path)] : [clean(path), `sources/${clean(path)}`]));
  for (const candidate of candidates) {
    const found = find(candidate);
    if (found) return { path: found };
  }
  return { problem: `its text file ${shown(written)} is not in the archive` };
}

/** A path as shown in a message: one line, cut short. */
function shown(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is cleaned out of a message
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

/** UTF-8 (a byte-order mark dropped), or UTF-16 with its byte-order mark; undefined for anything else. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a UTF-8 byte-order mark
  } catch {
    return undefined;
  }
}
