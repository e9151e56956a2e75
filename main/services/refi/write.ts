// Writing a read REFI-QDA project into this project, through the project's own services where they fit
// (coders, tags, variables, article import, so names, hashes and the full-text index follow their
// rules) and through the merge's writer for annotations and article-level codes, which must keep their
// GUID, coder and creation time. The caller holds the write transaction: a refusal leaves nothing behind.
import type { Db } from '../../../db/connection.ts';
import type { VariableType, VariableValue } from '../../api/contract.ts';
import { articleService, type ImportInput } from '../articles.ts';
import { now } from '../clock.ts';
import { coderService } from '../coders/store.ts';
import { AppError } from '../errors.ts';
import { applyMerge } from '../merge/apply.ts';
import type { PlannedAnnotation, PlannedArticleCode } from '../merge/plan-coding.ts';
import { q } from '../merge/report.ts';
import { settingsService } from '../settings.ts';
import { tagService } from '../tags.ts';
import { quoteWithContext } from '../text/offsets.ts';
import { variableService } from '../variables/store.ts';
import { isCalendarDate, showValue, toStored, type StoredValue } from '../variables/values.ts';
import { multiLine, oneLine } from './fit.ts';
import { derivedGuid } from './guid.ts';
import type { RefiCode, RefiProject, RefiTextSource, RefiUser, RefiVariable, RefiVariableType } from './model.ts';
import type { MappedText } from './positions.ts';
import type { ImportReport, SkippedItem } from './report.ts';
import { builtinFor, BUILTIN_EXPORTS, framelensTypeOf, incomingValue } from './variables.ts';

export function importServices(db: Db) {
  const articles = articleService(db);
  const tags = tagService(db);
  const settings = settingsService(db);
  const coders = coderService(db);
  const variables = variableService(db);
  return { articles, tags, settings, coders, variables };
}
export type ImportServices = ReturnType<typeof importServices>;

/** A text source with its text read and mapped, or the reason it has none. */
export type PreparedSource = { source: RefiTextSource; name: string } & ({ mapped: MappedText } | { problem: string });

/** What writing needs besides the project: the sources' texts and the notes' texts, by GUID. */
export type Prepared = { sources: PreparedSource[]; notes: Map<string, string> };

const LIMITS = { tag: 200, description: 5000, coder: 100, variable: 100, variableDescription: 2000, title: 500, meta: 300, url: 2000, note: 20000 };

const fold = (text: string) => text.toLowerCase();

// --- Coders -------------------------------------------------------------------------------------------

type CoderLookup = (guid: string | undefined) => string;

/**
 * Every User becomes a coder, matched by name. Framelens knows coders by name only, so two Users of the
 * same name with different GUIDs (two people, or one person on two machines) get "Name (2)": their
 * work stays apart and can be merged later by renaming.
 */
function registerCoders(db: Db, s: ImportServices, users: RefiUser[], report: ImportReport): CoderLookup {
  const exists = db.prepare('SELECT 1 FROM coders WHERE name = ?').pluck();
  const byGuid = new Map<string, string>();
  const taken = new Set<string>();
  const ensure = (name: string) => {
    if (exists.get(name)) report.coders.matched++;
    else report.coders.added++;
    s.coders.ensure(name);
    return name;
  };
  const register = (guid: string, written: string | undefined) => {
    const base = oneLine(written, LIMITS.coder - 5) ?? `User ${guid.slice(0, 8)}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    if (name !== base) report.notes.push(`Two users in the file are called ${q(base)}; the one with GUID ${guid} became the coder ${q(name)}.`);
    taken.add(name);
    byGuid.set(guid, ensure(name));
    return name;
  };
  for (const user of users) if (!byGuid.has(user.guid)) register(user.guid, user.name);
  let fallback: string | undefined;
  return (guid) => {
    if (guid) return byGuid.get(guid) ?? register(guid, undefined);
    // No creator given: the work is this project's analyst's, as a new annotation would be.
    return (fallback ??= ensure(s.settings.annotatorFor()));
  };
}

// --- Codes --------------------------------------------------------------------------------------------

/** Codes become tags, parents first; a code whose path is already a tag (letter case aside) merges into it. */
export function registerCodes(s: ImportServices, codes: RefiCode[], report: ImportReport): Map<string, number> {
  const children = new Map<number, { id: number; name: string }[]>();
  for (const t of s.tags.list()) {
    const siblings = children.get(t.parentId ?? 0) ?? [];
    siblings.push({ id: t.id, name: t.name });
    children.set(t.parentId ?? 0, siblings);
  }
  const byGuid = new Map<string, number>();
  let grouping = 0;
  const visit = (code: RefiCode, parentId: number | null) => {
    const name = oneLine(code.name, LIMITS.tag) ?? 'Unnamed code';
    const siblings = children.get(parentId ?? 0) ?? [];
    children.set(parentId ?? 0, siblings);
    let id = siblings.find((t) => t.name === name)?.id ?? siblings.find((t) => fold(t.name) === fold(name))?.id;
    if (id !== undefined) report.tags.matched++;
    else {
      const description = multiLine(code.description, LIMITS.description)?.text;
      id = s.tags.create({ name, parentId, color: code.color, description }).id;
      siblings.push({ id, name });
      report.tags.added++;
    }
    if (!code.codable) grouping++;
    if (code.guid && !byGuid.has(code.guid)) byGuid.set(code.guid, id);
    for (const child of code.children) visit(child, id);
  };
  for (const code of codes) visit(code, null);
  if (grouping) {
    report.notes.push(
      `${grouping === 1 ? 'One code was' : `${grouping} codes were`} marked as grouping only (isCodable="false"); Framelens has no such mark, so ${grouping === 1 ? 'it became an ordinary tag' : 'they became ordinary tags'}.`,
    );
  }
  return byGuid;
}

// --- Variables ----------------------------------------------------------------------------------------

type VariableTarget =
  | { kind: 'builtin'; key: (typeof BUILTIN_EXPORTS)[number]['key']; name: string }
  | { kind: 'own'; id: number; name: string; type: VariableType }
  | { kind: 'none'; reason: string };

/** Which Framelens variable types can hold the values of a REFI type. */
const FITS: Record<RefiVariableType, VariableType[]> = {
  Text: ['text', 'category'],
  DateTime: ['text'],
  Integer: ['number'],
  Float: ['number'],
  Date: ['date', 'text'],
  Boolean: ['boolean'],
};

function registerVariables(s: ImportServices, variables: RefiVariable[], report: ImportReport): Map<string, VariableTarget> {
  const targets = new Map<string, VariableTarget>();
  for (const v of variables) {
    if (targets.has(v.guid)) continue;
    const name = oneLine(v.name, LIMITS.variable);
    if (!name) {
      targets.set(v.guid, { kind: 'none', reason: 'its variable has no name' });
      continue;
    }
    const builtin = builtinFor(name);
    if (builtin) {
      targets.set(v.guid, { kind: 'builtin', key: builtin.key, name });
      continue;
    }
    if (/^(id|title|annotator)$/i.test(name)) {
      const reason = `Framelens keeps an article's ${name.toLowerCase()} itself, so the variable ${q(name)} was not imported`;
      report.skipped.push({ kind: 'variable', guid: v.guid, reason });
      targets.set(v.guid, { kind: 'none', reason });
      continue;
    }
    const existing = s.variables.findByName(name);
    if (existing && !FITS[v.type].includes(existing.type)) {
      const reason = `the variable ${q(existing.name)} here is of the kind ${existing.type}, but it is ${v.type} in the file`;
      report.skipped.push({ kind: 'variable', guid: v.guid, reason: `${reason}; none of its values were imported` });
      targets.set(v.guid, { kind: 'none', reason });
      continue;
    }
    if (existing) report.variables.matched++;
    else report.variables.added++;
    const variable =
      existing ?? s.variables.create({ name, type: framelensTypeOf(v.type), description: multiLine(v.description, LIMITS.variableDescription)?.text });
    targets.set(v.guid, { kind: 'own', id: variable.id, name: variable.name, type: variable.type });
  }
  return targets;
}

// --- Articles -----------------------------------------------------------------------------------------

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

type Meta = NonNullable<ImportInput['meta']>;

/** The article columns a source's variables fill, each checked as the column takes it. */
function metaOf(source: PreparedSource, targets: Map<string, VariableTarget>, skip: (guid: string | undefined, reason: string) => void): Meta {
  const meta: Meta = {};
  for (const value of source.source.values) {
    const target = value.variableGuid ? targets.get(value.variableGuid) : undefined;
    if (target?.kind !== 'builtin') continue;
    const text = value.value.trim();
    if (!text) continue;
    const why = (problem: string) => skip(value.variableGuid, `its ${target.name} ${problem}`);
    switch (target.key) {
      case 'publishedAt': {
        const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]|Z|[+-]\d{2}:\d{2}|$)/.exec(text)?.[1];
        if (day && isCalendarDate(day)) meta.publishedAt = day;
        else why(`${JSON.stringify(text.slice(0, 40))} is not a date`);
        break;
      }
      case 'language': {
        const code = text.replace(/^([A-Za-z]{2,3})/, (primary) => primary.toLowerCase()).replace('_', '-');
        if (LANGUAGE.test(code)) meta.language = code;
        else why(`${JSON.stringify(text.slice(0, 40))} is not a language code such as sv or en`);
        break;
      }
      case 'url':
        meta.url = oneLine(text, LIMITS.url);
        break;
      default:
        meta[target.key] = oneLine(text, LIMITS.meta);
    }
  }
  return meta;
}

const META_COLUMNS = { source: 'source', author: 'author', publishedAt: 'published_at', language: 'language', url: 'url' } as const;

// --- Annotations and article-level codes ----------------------------------------------------------------

/** xsd:dateTime as Framelens stores times (ISO 8601 in UTC); a time without a zone is taken as UTC. */
function isoTime(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v)) return undefined;
  const date = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const WHOLE = /^\s*[+-]?\d{1,15}\s*$/;

export function writeProject(db: Db, s: ImportServices, project: RefiProject, prepared: Prepared, report: ImportReport): void {
  const coderOf = registerCoders(db, s, project.users, report);
  const tagOf = registerCodes(s, project.codes, report);
  const variableOf = registerVariables(s, project.variables, report);
  const stamp = now();

  const annotationUuids = new Set(db.prepare('SELECT uuid FROM annotations WHERE uuid IS NOT NULL').pluck().all() as string[]);
  const planned = new Set<string>();
  const codeUuids = new Set(db.prepare('SELECT uuid FROM article_codes').pluck().all() as string[]);
  const codeUses = new Set((db.prepare('SELECT article_id, tag_id, annotator FROM article_codes').raw().all() as unknown[][]).map((r) => r.join('\u0000')));
  const valueHere = db.prepare('SELECT value FROM article_values WHERE article_id = ? AND variable_id = ?').pluck();
  const articleRow = db.prepare('SELECT source, author, published_at, language, url FROM articles WHERE id = ?');
  let nextId = db
    .prepare('SELECT max(coalesce((SELECT max(id) FROM annotations), 0), coalesce((SELECT max(id) FROM deleted_annotations), 0))')
    .pluck()
    .get() as number;
  const annotations: PlannedAnnotation[] = [];
  const articleCodes: PlannedArticleCode[] = [];

  const noteText = (refs: string[], where: string, extra?: string) => {
    const parts = extra ? [extra] : [];
    for (const ref of refs) {
      const text = prepared.notes.get(ref);
      if (text === undefined) report.skipped.push({ kind: 'note', source: where, guid: ref, reason: 'the note it refers to is not in the file' });
      else parts.push(text);
    }
    const fitted = multiLine(parts.join('\n\n'), LIMITS.note);
    if (fitted?.shortened) report.notes.push(`A note in ${q(where)} was longer than 20,000 characters and was shortened.`);
    return fitted?.text ?? '';
  };

  for (const item of prepared.sources) {
    const { source, name } = item;
    const skip = (kind: SkippedItem['kind'], guid: string | undefined, reason: string) =>
      report.skipped.push({ kind, source: name, ...(guid ? { guid } : {}), reason });
    if ('problem' in item) {
      skip('source', source.guid, item.problem);
      continue;
    }
    const { mapped } = item;
    const meta = metaOf(item, variableOf, (guid, reason) => skip('value', guid, reason));
    const result = s.articles.importMany([{ text: mapped.text, title: oneLine(source.name, LIMITS.title), name, meta }])[0]!;
    if (result.status === 'error' || result.id === undefined) {
      skip('source', source.guid, result.message ?? 'it could not be imported');
      continue;
    }
    const articleId = result.id;
    if (result.status === 'duplicate') {
      report.articles.duplicate++;
      report.notes.push(`${q(name)} is already in the project as ${q(result.title ?? '')}; its coding goes to that article.`);
      // Fill only what the article here lacks.
      const here = articleRow.get(articleId) as Record<string, string | null>;
      const missing = Object.fromEntries(Object.entries(meta).filter(([key, value]) => value && !here[META_COLUMNS[key as keyof Meta]]));
      if (Object.keys(missing).length) s.articles.update({ id: articleId, ...missing });
    } else report.articles.added++;

    for (const value of source.values) {
      const target = value.variableGuid ? variableOf.get(value.variableGuid) : undefined;
      if (!target) {
        skip('value', value.variableGuid, 'its variable is not declared in the file');
        continue;
      }
      if (target.kind === 'builtin') continue;
      if (target.kind === 'none') {
        skip('value', value.variableGuid, target.reason);
        continue;
      }
      const incoming = incomingValue(value.kind, value.value);
      if ('problem' in incoming) {
        skip('value', value.variableGuid, `its value of ${q(target.name)} ${incoming.problem}`);
        continue;
      }
      const current = valueHere.get(articleId, target.id);
      setValue(s, target, { id: articleId, name, current }, incoming.value, report, (reason) => skip('value', value.variableGuid, reason));
    }

    const text = mapped.text;
    for (const [index, selection] of source.selections.entries()) {
      const [start, end] = [selection.startPosition ?? '', selection.endPosition ?? ''];
      if (!WHOLE.test(start) || !WHOLE.test(end)) {
        skip('selection', selection.guid, `its positions (${JSON.stringify(start.slice(0, 20))}, ${JSON.stringify(end.slice(0, 20))}) are not whole numbers`);
        continue;
      }
      const [from, to] = [Number(start), Number(end)];
      if (!(from >= 0 && from < to && to <= mapped.codePoints)) {
        skip('selection', selection.guid, `its range ${from}–${to} does not fit the text, which is ${mapped.codePoints} characters (code points) long`);
        continue;
      }
      const [u16Start, u16End] = [mapped.offsetAt(from)!, mapped.offsetAt(to)!];
      if (u16End <= u16Start) {
        skip('selection', selection.guid, `its range ${from}–${to} holds only line-break or control characters, which Framelens does not keep`);
        continue;
      }
      if (!selection.codings.length) {
        skip('selection', selection.guid, 'it carries no code');
        continue;
      }
      const anchored = quoteWithContext(text, u16Start, u16End);
      for (const [i, coding] of selection.codings.entries()) {
        const tagId = coding.codeGuid ? tagOf.get(coding.codeGuid) : undefined;
        if (tagId === undefined) {
          skip('coding', coding.guid, `its code ${coding.codeGuid ?? '(none given)'} is not in the codebook`);
          continue;
        }
        // One coding: the selection is the annotation, and keeps its GUID; several: each coding is one.
        let uuid = (selection.codings.length === 1 ? selection.guid : coding.guid) ?? derivedGuid('annotation', source.guid ?? name, index, i, from, to);
        if (annotationUuids.has(uuid)) {
          report.annotations.alreadyHere++;
          continue;
        }
        if (planned.has(uuid)) uuid = derivedGuid('annotation', uuid, index, i); // the file repeats a GUID
        planned.add(uuid);
        const created = isoTime(selection.creationDateTime) ?? isoTime(coding.creationDateTime) ?? stamp;
        annotations.push({
          id: ++nextId,
          uuid,
          article_id: articleId,
          tag_id: tagId,
          start: u16Start,
          end: u16End,
          quote: anchored.quote,
          context_before: anchored.contextBefore,
          context_after: anchored.contextAfter,
          note: noteText([...selection.noteRefs, ...coding.noteRefs], name, selection.description),
          annotator: coderOf(selection.creatingUser ?? coding.creatingUser),
          created_at: created,
          updated_at: isoTime(selection.modifiedDateTime) ?? created,
        });
      }
    }

    for (const [i, coding] of source.codings.entries()) {
      const tagId = coding.codeGuid ? tagOf.get(coding.codeGuid) : undefined;
      if (tagId === undefined) {
        skip('coding', coding.guid, `its code ${coding.codeGuid ?? '(none given)'} is not in the codebook`);
        continue;
      }
      const annotator = coderOf(coding.creatingUser);
      const uuid = coding.guid ?? derivedGuid('article-code', source.guid ?? name, i, coding.codeGuid!);
      const use = [articleId, tagId, annotator].join('\u0000');
      if (codeUuids.has(uuid) || codeUses.has(use)) {
        report.articleCodes.alreadyHere++;
        continue;
      }
      codeUuids.add(uuid);
      codeUses.add(use);
      const created = isoTime(coding.creationDateTime) ?? stamp;
      articleCodes.push({
        uuid,
        article_id: articleId,
        tag_id: tagId,
        annotator,
        note: noteText(coding.noteRefs, name),
        created_at: created,
        updated_at: created,
      });
    }
    for (const ref of source.noteRefs) {
      skip('note', ref, 'it is a note on the whole source; Framelens keeps notes on passages and article-level codes only');
    }
  }
  for (const other of project.otherSources) {
    report.skipped.push({
      kind: 'source',
      ...(other.name ? { source: other.name } : {}),
      reason: `it is a ${other.kind.replace(/Source$/, '').toLowerCase()} source; Framelens imports text sources only`,
    });
  }

  applyMerge(db, { articles: [], tags: [], variables: [], categories: [], values: [], curation: [], coders: [], done: [], annotations, articleCodes });
  report.annotations.added = annotations.length;
  report.articleCodes.added = articleCodes.length;
}

/** Sets an own variable's value where the article has none; a different value here is kept and reported. */
function setValue(
  s: ImportServices,
  target: { id: number; name: string },
  article: { id: number; name: string; current: unknown },
  value: VariableValue,
  report: ImportReport,
  skip: (reason: string) => void,
): void {
  try {
    if (article.current === undefined) {
      if (s.variables.setValue({ variableId: target.id, value, articleIds: [article.id] }).changed) report.values.set++;
      return;
    }
    const variable = s.variables.get(target.id);
    const stored = toStored(variable, value);
    if (stored !== article.current) {
      const [here, there] = [showValue(variable.type, article.current as StoredValue), showValue(variable.type, stored)];
      report.notes.push(`${q(target.name)} of ${q(article.name)} is ${q(here)} here and ${q(there)} in the file; kept ${q(here)}.`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    skip(`its value of ${q(target.name)} was refused: ${error.message}`);
  }
}
