// Export to REFI-QDA 1.5: a project (.qdpx, a zip of project.qde and a flat sources/ folder of UTF-8
// texts) that QualCoder, MAXQDA, ATLAS.ti and NVivo read, and the codebook alone (.qdc). project.qde
// follows Project-mrt2019.xsd: children of <Project> in the schema's order, no empty containers, GUIDs
// 8-4-4-4-12. Positions are Unicode code points, end exclusive, counted in the exported text file.
import { zipSync, strToU8 } from 'fflate';
import type { Db } from '../../../db/connection.ts';
import type { Tag } from '../../api/contract.ts';
import { now as clockNow } from '../clock.ts';
import { invalid } from '../errors.ts';
import { tagService } from '../tags.ts';
import { codePointMapper } from '../text/offsets.ts';
import { variableService } from '../variables/store.ts';
import { isCalendarDate, type StoredValue } from '../variables/values.ts';
import { derivedGuid, guidOf } from './guid.ts';
import type { RefiVariableType } from './model.ts';
import { BUILTIN_EXPORTS, refiTypeOf, refiValue } from './variables.ts';
import { XmlWriter, type Attributes } from './xml-write.ts';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Framelens';

export type ExportOptions = {
  /** The time written as the project's creation and the zip entries' dates (default: now). */
  now?: () => string;
  /** The project's name in project.qde (default "Framelens project"). */
  name?: string;
};

type ArticleRow = {
  id: number;
  title: string;
  text: string;
  text_hash: string;
  created_at: string;
  source: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  url: string | null;
};
type CodingRow = { uuid: string; article_id: number; tag_id: number; note: string; annotator: string; created_at: string; updated_at: string };
type AnnotationRow = CodingRow & { start: number; end: number; quote: string };

/** A whole project as a .qdpx file. */
export function exportQdpx(db: Db, options: ExportOptions = {}): Uint8Array {
  const stamp = (options.now ?? clockNow)();
  return db.transaction(() => {
    const { xml, texts } = projectXml(db, options.name ?? 'Framelens project', stamp);
    const sources: Record<string, Uint8Array> = {};
    for (const [guid, text] of texts) sources[`${guid}.txt`] = strToU8(text);
    return zipSync({ 'project.qde': strToU8(xml), sources }, { level: 6, mtime: zipDate(stamp) });
  })();
}

/** The codebook alone, as a .qdc file (a <CodeBook> root in the REFI codebook namespace). */
export function exportQdc(db: Db): string {
  const tags = tagService(db).list();
  if (!tags.length) throw invalid('The codebook is empty: there are no tags to export yet.');
  const out = new XmlWriter().start('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: ORIGIN });
  writeCodes(out, tags);
  return out.end().toString();
}

// --- project.qde ------------------------------------------------------------------------------------

/** xsd:dateTime, or nothing: a malformed stored time is left out rather than making the file invalid. */
const dateTime = (value: string | null | undefined) =>
  value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value) ? value : undefined;

/** The zip's entry dates; zip dates run from 1980 to 2107. */
function zipDate(stamp: string): Date {
  const date = new Date(stamp);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1980 || year > 2099 ? new Date('1980-01-01T00:00:00Z') : date;
}

const userGuid = (name: string) => derivedGuid('user', name);
const tagGuid = (tag: Tag) => derivedGuid('code', ...tag.path);
const sourceGuid = (article: ArticleRow) => derivedGuid('source', article.text_hash);
const variableGuid = (name: string) => derivedGuid('variable', name.toLowerCase());
const builtinGuid = (key: string) => derivedGuid('variable', 'builtin', key);

type Declared = { guid: string; name: string; type: RefiVariableType; description?: string };

function projectXml(db: Db, name: string, stamp: string): { xml: string; texts: Map<string, string> } {
  const tags = tagService(db).list();
  const tagGuids = new Map(tags.map((t) => [t.id, tagGuid(t)]));
  const articles = db
    .prepare('SELECT id, title, text, text_hash, created_at, source, author, published_at, language, url FROM articles ORDER BY id')
    .all() as ArticleRow[];
  const annotations = db
    .prepare(
      'SELECT uuid, article_id, tag_id, start, "end", quote, note, annotator, created_at, updated_at FROM annotations ORDER BY article_id, start, "end", id',
    )
    .all() as AnnotationRow[];
  const articleCodes = db
    .prepare('SELECT uuid, article_id, tag_id, note, annotator, created_at, updated_at FROM article_codes ORDER BY article_id, id')
    .all() as CodingRow[];
  const coders = db
    .prepare('SELECT name FROM coders UNION SELECT annotator FROM annotations UNION SELECT annotator FROM article_codes ORDER BY 1')
    .pluck()
    .all() as string[];

  const { declared, valuesOf } = declareVariables(db, articles);
  const out = new XmlWriter().start('Project', { xmlns: PROJECT_NAMESPACE, name, origin: ORIGIN, creationDateTime: dateTime(stamp) });
  if (coders.length) {
    out.start('Users');
    for (const coder of coders) out.empty('User', { guid: userGuid(coder), name: coder });
    out.end();
  }
  if (tags.length) {
    out.start('CodeBook');
    writeCodes(out, tags);
    out.end();
  }
  if (declared.length) {
    out.start('Variables');
    for (const v of declared) {
      if (!v.description) out.empty('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
      else out.start('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type }).text('Description', v.description).end();
    }
    out.end();
  }

  const annotationsOf = groupBy(annotations, (a) => a.article_id);
  const codesOf = groupBy(articleCodes, (c) => c.article_id);
  const notes: { guid: string; name: string; text: string; user: string; created: string | undefined }[] = [];
  const texts = new Map<string, string>();
  if (articles.length) out.start('Sources');
  for (const article of articles) {
    const guid = sourceGuid(article);
    texts.set(guid, article.text);
    out.start('TextSource', { guid, name: article.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: dateTime(article.created_at) });
    const toCodePoints = codePointMapper(article.text);
    for (const a of annotationsOf.get(article.id) ?? []) {
      const selection = guidOf(a.uuid, 'selection');
      const user = userGuid(a.annotator);
      out.start('PlainTextSelection', {
        guid: selection,
        name: shortName(a.quote),
        startPosition: toCodePoints(a.start),
        endPosition: toCodePoints(a.end),
        creatingUser: user,
        creationDateTime: dateTime(a.created_at),
        modifiedDateTime: a.updated_at !== a.created_at ? dateTime(a.updated_at) : undefined,
      });
      const noteGuid = a.note ? derivedGuid('note', selection) : undefined;
      writeCoding(out, { guid: derivedGuid('coding', selection), creatingUser: user, creationDateTime: dateTime(a.created_at) }, tagGuids.get(a.tag_id)!);
      if (noteGuid) {
        out.empty('NoteRef', { targetGUID: noteGuid });
        notes.push({ guid: noteGuid, name: `Note on ${shortName(a.quote)}`, text: a.note, user, created: dateTime(a.updated_at) });
      }
      out.end();
    }
    // A tag on the article as a whole is a Coding of the source itself, which the schema allows.
    for (const c of codesOf.get(article.id) ?? []) {
      const guid = guidOf(c.uuid, 'coding');
      const user = userGuid(c.annotator);
      const noteGuid = c.note ? derivedGuid('note', guid) : undefined;
      writeCoding(out, { guid, creatingUser: user, creationDateTime: dateTime(c.created_at) }, tagGuids.get(c.tag_id)!, noteGuid);
      if (noteGuid) notes.push({ guid: noteGuid, name: `Note on ${shortName(article.title)}`, text: c.note, user, created: dateTime(c.updated_at) });
    }
    for (const { variable, value } of valuesOf(article)) {
      const { element, text } = refiValue(variable.type, value);
      out.start('VariableValue').empty('VariableRef', { targetGUID: variable.guid }).text(element, text).end();
    }
    out.end();
  }
  if (articles.length) out.end();
  if (notes.length) {
    out.start('Notes');
    for (const note of notes) {
      out
        .start('Note', { guid: note.guid, name: note.name, creatingUser: note.user, creationDateTime: note.created })
        .text('PlainTextContent', note.text)
        .end();
    }
    out.end();
  }
  return { xml: out.end().toString(), texts };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function writeCodes(out: XmlWriter, tags: Tag[]): void {
  const children = groupBy(tags, (t) => t.parentId ?? 0);
  const write = (tag: Tag) => {
    // Every Framelens tag can be applied to a passage, parents included.
    const attrs: Attributes = { guid: tagGuid(tag), name: tag.name, isCodable: true, color: /^#[0-9a-fA-F]{6}$/.test(tag.color) ? tag.color : undefined };
    const below = children.get(tag.id) ?? [];
    if (!tag.description && !below.length) return void out.empty('Code', attrs);
    out.start('Code', attrs);
    if (tag.description) out.text('Description', tag.description);
    below.forEach(write);
    out.end();
  };
  out.start('Codes');
  (children.get(0) ?? []).forEach(write);
  out.end();
}

function writeCoding(out: XmlWriter, attrs: Attributes, codeGuid: string, noteGuid?: string): void {
  out.start('Coding', attrs).empty('CodeRef', { targetGUID: codeGuid });
  if (noteGuid) out.empty('NoteRef', { targetGUID: noteGuid });
  out.end();
}

/** A passage or title as a selection's name: one line, at most 100 characters (never half an emoji). */
function shortName(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= 100 ? chars.join('') : `${chars.slice(0, 99).join('')}…`;
}

/**
 * The project-level Variables: the article columns that any article fills, then the analyst's own
 * variables. Returns them and, per article, its values in that order.
 */
function declareVariables(db: Db, articles: ArticleRow[]) {
  const declared: Declared[] = [];
  const builtins: { variable: Declared; column: keyof ArticleRow }[] = [];
  for (const b of BUILTIN_EXPORTS) {
    const column = b.column as keyof ArticleRow;
    const values = articles.map((a) => a[column]).filter((v) => v !== null);
    if (!values.length) continue;
    // A date column holding something that is no calendar date goes out as text: the file stays valid.
    const type = b.type === 'Date' && !values.every((v) => isCalendarDate(String(v))) ? 'Text' : b.type;
    const variable = { guid: builtinGuid(b.key), name: b.name, type };
    declared.push(variable);
    builtins.push({ variable, column });
  }
  const rows = db.prepare('SELECT article_id, variable_id, value FROM article_values').raw().all() as [number, number, StoredValue][];
  const stored = new Map<number, Map<number, StoredValue>>();
  for (const [articleId, variableId, value] of rows) {
    if (!stored.has(articleId)) stored.set(articleId, new Map());
    stored.get(articleId)!.set(variableId, value);
  }
  const own: { id: number; variable: Declared }[] = [];
  const valuesByVariable = groupBy(rows, (r) => r[1]);
  for (const v of variableService(db).list()) {
    const values = (valuesByVariable.get(v.id) ?? []).map((r) => r[2]);
    const variable = { guid: variableGuid(v.name), name: v.name, type: refiTypeOf(v.type, values), description: v.description || undefined };
    declared.push(variable);
    own.push({ id: v.id, variable });
  }
  const valuesOf = (article: ArticleRow) => {
    const out: { variable: Declared; value: StoredValue }[] = [];
    for (const { variable, column } of builtins) {
      const value = article[column];
      if (value !== null) out.push({ variable, value: value as StoredValue });
    }
    const mine = stored.get(article.id);
    for (const { id, variable } of own) {
      const value = mine?.get(id);
      if (value !== undefined) out.push({ variable, value });
    }
    return out;
  };
  return { declared, valuesOf };
}
