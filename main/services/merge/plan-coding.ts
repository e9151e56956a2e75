// Planning the coding part of a merge: annotations and article-level codes by their uuid, done marks by
// article and coder, and every coder whose name the other project holds.
import type { Db } from '../../../db/connection.ts';
import { CODER_PALETTE } from '../../../db/migrations/005-coders.ts';
import { now } from '../clock.ts';
import { PATH_SEPARATOR } from '../tags.ts';
import { quoteWithContext, splitsSurrogatePair } from '../text/offsets.ts';
import type { Mapping } from './plan.ts';
import { plural, q, type MergeReport } from './report.ts';
import type { SourceAnnotation, SourceProject } from './source.ts';

export type PlannedAnnotation = {
  id: number;
  uuid: string;
  article_id: number;
  tag_id: number;
  start: number;
  end: number;
  quote: string;
  context_before: string;
  context_after: string;
  note: string;
  annotator: string;
  created_at: string;
  updated_at: string;
};
export type PlannedArticleCode = { uuid: string; article_id: number; tag_id: number; annotator: string; note: string; created_at: string; updated_at: string };
export type PlannedDone = { article_id: number; annotator: string; done_at: string };
export type PlannedCoder = { name: string; color: string; consensus: number; created_at: string };

export type CodingPlan = { annotations: PlannedAnnotation[]; articleCodes: PlannedArticleCode[]; done: PlannedDone[]; coders: PlannedCoder[] };

type HereAnnotation = { uuid: string; article_id: number; tag_id: number; start: number; end: number; note: string; annotator: string; created_at: string };

/** What makes two annotations the same passage coded by the same person at the same moment. */
const sameWork = (articleId: number, tagId: number, start: number, end: number, annotator: string, createdAt: string) =>
  `${articleId}\u0000${tagId}\u0000${start}\u0000${end}\u0000${annotator}\u0000${createdAt}`;

export function planCoding(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport): CodingPlan {
  return {
    annotations: planAnnotations(db, source, mapping, report),
    articleCodes: planArticleCodes(db, source, mapping, report),
    done: planDone(db, source, mapping, report),
    coders: planCoders(db, source, report),
  };
}

const tagPath = (source: SourceProject) => {
  const paths = new Map(source.tags.map((t) => [t.id, t.path.join(PATH_SEPARATOR)]));
  return (id: number) => paths.get(id) ?? `tag ${id}`;
};

/** Why a passage cannot be placed in its article's text, or null when it fits. */
function misfit(text: string, a: SourceAnnotation): string | null {
  if (!(a.start >= 0 && a.end > a.start && a.end <= text.length)) return `its span ${a.start}–${a.end} lies outside the text`;
  if (splitsSurrogatePair(text, a.start) || splitsSurrogatePair(text, a.end)) return 'it cuts a character in half';
  if (text.slice(a.start, a.end) !== a.quote) return 'its quote does not match the text';
  return null;
}

function planAnnotations(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport): PlannedAnnotation[] {
  const rows = db.prepare('SELECT uuid, article_id, tag_id, start, "end", note, annotator, created_at FROM annotations').all() as HereAnnotation[];
  const byUuid = new Map(rows.map((r) => [r.uuid, r]));
  const same = new Set(rows.map((r) => sameWork(r.article_id, r.tag_id, r.start, r.end, r.annotator, r.created_at)));
  const deleted = new Set(db.prepare('SELECT uuid FROM deleted_annotations WHERE uuid IS NOT NULL').pluck().all() as string[]);
  // A new annotation never takes the id of one that undo may still bring back (as annotations.ts does).
  let next = db
    .prepare('SELECT max(coalesce((SELECT max(id) FROM annotations), 0), coalesce((SELECT max(id) FROM deleted_annotations), 0))')
    .pluck()
    .get() as number;
  const otherPath = tagPath(source);
  const added: PlannedAnnotation[] = [];
  let deletedHere = 0;
  let sameHere = 0;
  for (const a of source.annotations) {
    const articleId = mapping.articles.get(a.article_id);
    const tagId = mapping.tags.get(a.tag_id);
    const article = mapping.sourceArticles.get(a.article_id);
    if (articleId === undefined || tagId === undefined || !article) {
      report.notes.push(`An annotation by ${q(a.annotator)} (${a.uuid}) refers to an article or tag ${source.name} does not hold; it was left out.`);
      continue;
    }
    const title = () => q(article.title); // only for sentences: most annotations need none
    const there = byUuid.get(a.uuid);
    if (there) {
      report.annotations.skipped++;
      const differences: string[] = [];
      if (there.tag_id !== tagId) differences.push(`it is tagged ${q(mapping.tagPaths.get(there.tag_id) ?? '')} here and ${q(otherPath(a.tag_id))} there`);
      if (there.article_id !== articleId || there.start !== a.start || there.end !== a.end) differences.push('it marks another passage');
      if (there.annotator !== a.annotator) differences.push(`its coder is ${q(there.annotator)} here and ${q(a.annotator)} there`);
      if (there.note !== a.note) differences.push('its note differs');
      if (differences.length)
        report.conflicts.push(`The annotation ${q(a.quote, 40)} in ${title()} differs in ${source.name}: ${differences.join('; ')}. Kept this project's.`);
      continue;
    }
    if (deleted.has(a.uuid)) {
      deletedHere++;
      report.annotations.skipped++;
      continue;
    }
    const key = sameWork(articleId, tagId, a.start, a.end, a.annotator, a.created_at);
    if (same.has(key)) {
      sameHere++;
      report.annotations.skipped++;
      continue;
    }
    const wrong = misfit(article.text, a);
    if (wrong) {
      report.notes.push(`An annotation by ${q(a.annotator)} in ${title()} was left out: ${wrong}.`);
      continue;
    }
    const anchored = quoteWithContext(article.text, a.start, a.end);
    added.push({
      id: ++next,
      uuid: a.uuid,
      article_id: articleId,
      tag_id: tagId,
      start: a.start,
      end: a.end,
      quote: anchored.quote,
      context_before: anchored.contextBefore,
      context_after: anchored.contextAfter,
      note: a.note,
      annotator: a.annotator,
      created_at: a.created_at,
      updated_at: a.updated_at,
    });
    byUuid.set(a.uuid, { ...a, article_id: articleId, tag_id: tagId });
    same.add(key);
  }
  if (deletedHere)
    report.notes.push(
      `${plural(deletedHere, 'annotation')} from ${source.name} ${deletedHere === 1 ? 'was' : 'were'} deleted in this project and ${deletedHere === 1 ? 'was' : 'were'} not brought back.`,
    );
  if (sameHere)
    report.notes.push(
      `${plural(sameHere, 'annotation')} from ${source.name} carry another id but the same passage, tag, coder and time as one here; they were taken as the same.`,
    );
  report.annotations.added = added.length;
  return added;
}

function planArticleCodes(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport): PlannedArticleCode[] {
  if (!source.articleCodes.length) return [];
  type Here = { uuid: string; article_id: number; tag_id: number; annotator: string; note: string };
  const rows = db.prepare('SELECT uuid, article_id, tag_id, annotator, note FROM article_codes').all() as Here[];
  const byUuid = new Map(rows.map((r) => [r.uuid, r]));
  const byUse = new Map(rows.map((r) => [`${r.article_id}\u0000${r.tag_id}\u0000${r.annotator}`, r]));
  const otherPath = tagPath(source);
  const added: PlannedArticleCode[] = [];
  for (const c of source.articleCodes) {
    const articleId = mapping.articles.get(c.article_id);
    const tagId = mapping.tags.get(c.tag_id);
    if (articleId === undefined || tagId === undefined) continue;
    const title = () => q(mapping.sourceArticles.get(c.article_id)!.title);
    const there = byUuid.get(c.uuid) ?? byUse.get(`${articleId}\u0000${tagId}\u0000${c.annotator}`);
    if (there) {
      report.articleCodes.skipped++;
      const differences: string[] = [];
      if (there.tag_id !== tagId) differences.push(`it is ${q(mapping.tagPaths.get(there.tag_id) ?? '')} here and ${q(otherPath(c.tag_id))} there`);
      if (there.article_id !== articleId) differences.push('it is on another article');
      if (there.annotator !== c.annotator) differences.push(`its coder is ${q(there.annotator)} here and ${q(c.annotator)} there`);
      if (there.note !== c.note) differences.push('its note differs');
      if (differences.length)
        report.conflicts.push(`The article-level code on ${title()} differs in ${source.name}: ${differences.join('; ')}. Kept this project's.`);
      continue;
    }
    const row = {
      uuid: c.uuid,
      article_id: articleId,
      tag_id: tagId,
      annotator: c.annotator,
      note: c.note,
      created_at: c.created_at,
      updated_at: c.updated_at,
    };
    added.push(row);
    byUuid.set(c.uuid, row);
    byUse.set(`${articleId}\u0000${tagId}\u0000${c.annotator}`, row);
  }
  report.articleCodes.added = added.length;
  return added;
}

function planDone(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport): PlannedDone[] {
  if (!source.done.length) return [];
  const here = new Set(
    (db.prepare('SELECT article_id, annotator FROM article_done').raw().all() as [number, string][]).map(([a, name]) => `${a}\u0000${name}`),
  );
  const added: PlannedDone[] = [];
  for (const d of source.done) {
    const articleId = mapping.articles.get(d.article_id);
    if (articleId === undefined || here.has(`${articleId}\u0000${d.annotator}`)) continue;
    here.add(`${articleId}\u0000${d.annotator}`);
    added.push({ article_id: articleId, annotator: d.annotator, done_at: d.done_at });
  }
  report.doneMarks.added = added.length;
  return added;
}

/** Every coder named in the other project becomes one here; a new coder keeps the colour it had there. */
function planCoders(db: Db, source: SourceProject, report: MergeReport): PlannedCoder[] {
  const here = new Set(db.prepare('SELECT name FROM coders').pluck().all() as string[]);
  let count = here.size;
  const known = new Map(source.coders.map((c) => [c.name, c]));
  const names = new Set([
    ...source.coders.map((c) => c.name),
    ...source.annotations.map((a) => a.annotator),
    ...source.articleCodes.map((c) => c.annotator),
    ...source.done.map((d) => d.annotator),
  ]);
  const stamp = now();
  const added: PlannedCoder[] = [];
  for (const name of names) {
    if (here.has(name)) continue;
    const coder = known.get(name);
    added.push({ name, color: coder?.color ?? CODER_PALETTE[count % CODER_PALETTE.length]!, consensus: coder?.consensus ?? 0, created_at: stamp });
    here.add(name);
    count++;
  }
  report.coders.added = added.length;
  return added;
}
