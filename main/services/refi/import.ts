// Import from REFI-QDA 1.5: a project (.qdpx) from QualCoder, MAXQDA, ATLAS.ti, NVivo or Framelens, or a
// codebook alone (.qdc). The file is read and checked whole before the project is touched; then
// everything is written in one transaction, so a refused file changes nothing. Passages that cannot be
// placed exactly (a range past the end of the text, positions that are no numbers) are left out and
// listed in the report with the reason; they are never moved to fit.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { AppError, invalid } from '../errors.ts';
import type { ZipLimits } from '../import/zip-guard.ts';
import { decodeText, openArchive, type Archive } from './archive.ts';
import { oneLine } from './fit.ts';
import type { RefiProject } from './model.ts';
import { mapSourceText } from './positions.ts';
import { readCodebook, readProject } from './read-project.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { importServices, registerCodes, writeProject, type Prepared, type PreparedSource } from './write.ts';
import { parseXml } from './xml-read.ts';

export type { ImportReport, SkippedItem } from './report.ts';

export type RefiImportOptions = {
  /** Limits on the archive (default: the import limits, 200 MB expanded and 10,000 entries). */
  limits?: ZipLimits;
};

/** Imports a .qdpx project file: its articles, codebook, coders, coding, notes and variables. */
export function importQdpx(db: Db, bytes: Uint8Array, name: string, options: RefiImportOptions = {}): ImportReport {
  refuseReadOnly(db);
  const archive = openArchive(bytes, name, options.limits);
  const label = `${name} (${archive.projectPath})`;
  const project = readProject(parseXml(archive.projectXml, label), label);
  const prepared = prepare(project, archive);
  return writeTransaction(db, () => {
    const report = emptyReport(name);
    writeProject(db, importServices(db), project, prepared, report);
    return report;
  })();
}

/** Imports a .qdc codebook file: its codes become tags, merged into tags of the same path. */
export function importQdc(db: Db, xml: string | Uint8Array, name: string): ImportReport {
  refuseReadOnly(db);
  let source: string;
  if (typeof xml === 'string') source = xml;
  else {
    if (xml.length === 0) throw invalid(`${name} is empty.`);
    const decoded = decodeText(xml);
    if (decoded === undefined) throw invalid(`${name} is not UTF-8 text, as a REFI-QDA codebook must be.`);
    source = decoded;
  }
  const codes = readCodebook(parseXml(source, name), name);
  if (!codes.length) throw invalid(`${name} holds no codes.`);
  return writeTransaction(db, () => {
    const report = emptyReport(name);
    registerCodes(importServices(db), codes, report);
    return report;
  })();
}

function refuseReadOnly(db: Db): void {
  if (db.readonly) throw new AppError('READ_ONLY', 'This project is open read-only, so nothing can be imported into it.');
}

/** Every source's text, read from the archive (or the XML) and mapped; every note's text. */
function prepare(project: RefiProject, archive: Archive): Prepared {
  const sources = project.sources.map((source, i): PreparedSource => {
    const name = oneLine(source.name, 500) ?? `source ${i + 1}`;
    let text: string | undefined = source.content;
    if (source.plainTextPath?.trim()) {
      const read = archive.readText(source.plainTextPath);
      if ('text' in read) text = read.text;
      else if (text === undefined) return { source, name, problem: read.problem };
    }
    if (text === undefined) return { source, name, problem: 'it has neither a text file nor text of its own' };
    return { source, name, mapped: mapSourceText(text) };
  });
  const notes = new Map<string, string>();
  for (const note of project.notes.values()) {
    let text = note.content;
    if (text === undefined && note.plainTextPath) {
      const read = archive.readText(note.plainTextPath);
      if ('text' in read) text = read.text;
    }
    if (text !== undefined) notes.set(note.guid, text);
  }
  return { sources, notes };
}
