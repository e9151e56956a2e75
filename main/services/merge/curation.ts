// Bringing in a colleague's entity curation: names they joined into one entity (renames and merges),
// names they ignore, detected mentions they removed and mentions they added by hand. Curation comes in
// only where this project has not decided otherwise: an entity the analyst here has curated (more
// than one name, or a mention added by hand) is never renamed, merged or ignored by a merge, and a
// mention added or removed by hand here stays as it is. Each refusal is listed as a conflict.
import type { Db } from '../../../db/connection.ts';
import { dedupeNames, entityModel, type CurationOp, type EntityModel } from './curation-model.ts';
import type { Mapping, PlannedArticle } from './plan.ts';
import { plural, q, type MergeReport } from './report.ts';
import type { SourceEntity, SourceMention, SourceProject, SourceSpan } from './source.ts';

export type { CurationOp } from './curation-model.ts';

type Step = { model: EntityModel; source: SourceProject; mapping: Mapping; report: MergeReport; entitiesThere: Map<number, SourceEntity> };

const namesOf = (e: SourceEntity) => dedupeNames([e.name, ...e.aliases]);

export function planCuration(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport, addedArticles: PlannedArticle[]): CurationOp[] {
  noteUndetected(source, mapping, report, addedArticles);
  const joined = source.entities.filter((e) => e.aliases.length > 1);
  if (!joined.length && !source.ignoredNames.length && !source.rejectedMentions.length && !source.manualMentions.length) return [];
  const step: Step = { model: entityModel(db), source, mapping, report, entitiesThere: new Map(source.entities.map((e) => [e.id, e])) };
  for (const e of joined) joinNames(step, e);
  for (const name of source.ignoredNames) ignoreName(step, name);
  for (const r of source.rejectedMentions) rejectMention(step, r);
  for (const m of source.manualMentions) addManualMention(step, m);
  return step.model.ops;
}

/** Names joined into one entity there: a rename keeps the old name as an alias, a merge adds names. */
function joinNames({ model, source, report }: Step, e: SourceEntity): void {
  const names = namesOf(e);
  const ignored = names.find((n) => model.isIgnored(n));
  if (ignored !== undefined) {
    report.conflicts.push(`${q(e.name)} in ${source.name} has the name ${q(ignored)}, which is ignored here; the entity was not brought in.`);
    return;
  }
  const found = model.owners(names);
  if (found.length === 0) {
    model.create(e.name, e.type, names);
    report.curation.added++;
    return;
  }
  if (found.length > 1 && found.some(model.isCurated)) {
    const here = found.map((id) => q(model.entity(id).name)).join(', ');
    report.conflicts.push(
      `${source.name} joins ${names.map((n) => q(n)).join(', ')} into one entity, ${q(e.name)}; here they belong to separate entities (${here}) that you have curated, so they were left apart.`,
    );
    return;
  }
  const target = model.ownerOf(e.name) ?? found[0]!;
  const wasCurated = model.isCurated(target);
  let changed = false;
  for (const id of found.filter((id) => id !== target)) {
    model.merge(target, id);
    changed = true;
  }
  for (const n of names.filter((n) => model.ownerOf(n) === undefined)) {
    model.addAlias(target, n);
    changed = true;
  }
  const current = model.entity(target).name;
  if (current !== e.name && wasCurated) report.conflicts.push(`The entity ${q(current)} is called ${q(e.name)} in ${source.name}; kept ${q(current)}.`);
  else if (current !== e.name) {
    model.rename(target, e.name);
    changed = true;
  }
  if (changed) report.curation.added++;
}

/** A name ignored there: ignored here too, with the entity it names unless the analyst here curated it. */
function ignoreName({ model, source, report }: Step, name: string): void {
  if (model.isIgnored(name)) return;
  const id = model.ownerOf(name);
  if (id === undefined) model.ignoreName(name);
  else {
    const entity = model.entity(id);
    if (model.isCurated(id)) {
      report.conflicts.push(`${q(name)} is ignored in ${source.name}, but here it is a name of the entity ${q(entity.name)}, which you have curated; kept it.`);
      return;
    }
    const removed = model.mentionCount(id);
    if (removed)
      report.notes.push(
        `${q(entity.name)} is ignored now, as in ${source.name}; its ${plural(removed, 'mention')} here ${removed === 1 ? 'was' : 'were'} removed.`,
      );
    model.ignoreEntity(id);
  }
  report.curation.added++;
}

/** A detected mention removed there: removed here too, unless it was added by hand here. */
function rejectMention({ model, source, mapping, report }: Step, r: SourceSpan): void {
  const articleId = mapping.articles.get(r.article_id);
  const article = mapping.sourceArticles.get(r.article_id);
  if (articleId === undefined || !article || model.isRejected(articleId, r.start, r.end)) return;
  if (model.mentionAt(articleId, r.start, r.end)?.origin === 'manual') {
    report.conflicts.push(
      `The mention ${q(article.text.slice(r.start, r.end), 40)} in ${q(article.title)} was removed in ${source.name} but added by hand here; kept it.`,
    );
    return;
  }
  model.reject(articleId, r.start, r.end);
  report.curation.added++;
}

/** A mention added by hand there, of the entity its names lead to here (created when none does). */
function addManualMention({ model, source, mapping, report, entitiesThere }: Step, m: SourceMention): void {
  const articleId = mapping.articles.get(m.article_id);
  const article = mapping.sourceArticles.get(m.article_id);
  const e = entitiesThere.get(m.entity_id);
  if (articleId === undefined || !article || !e) return;
  const what = `The mention ${q(m.text, 40)} in ${q(article.title)}`;
  if (article.text.slice(m.start, m.end) !== m.text) {
    report.notes.push(`${what} does not match the article's text in ${source.name}; it was left out.`);
    return;
  }
  if (model.isRejected(articleId, m.start, m.end)) {
    report.conflicts.push(`${what} was added by hand in ${source.name} but removed here; kept it removed.`);
    return;
  }
  const names = namesOf(e);
  let entityId = model.ownerOf(e.name) ?? model.owners(names)[0];
  if (entityId === undefined) {
    if (names.some((n) => model.isIgnored(n))) {
      report.conflicts.push(`${what} is of ${q(e.name)}, a name ignored here; it was left out.`);
      return;
    }
    entityId = model.create(e.name, e.type, names);
  }
  const here = model.mentionAt(articleId, m.start, m.end);
  if (here?.origin === 'manual') {
    if (here.entityId !== entityId)
      report.conflicts.push(`${what} is of ${q(model.entity(here.entityId).name)} here and of ${q(e.name)} in ${source.name}; kept this project's.`);
    return;
  }
  model.addManualMention(articleId, entityId, m.start, m.end, m.text);
  report.curation.added++;
}

/** Articles come without the other project's detected names: detection here finds them again. */
function noteUndetected(source: SourceProject, mapping: Mapping, report: MergeReport, added: PlannedArticle[]) {
  if (!added.length || !source.detectedArticles.size) return;
  const addedIds = new Set(added.map((a) => a.id));
  let count = 0;
  for (const [otherId, id] of mapping.articles) if (addedIds.has(id) && source.detectedArticles.has(otherId)) count++;
  if (count)
    report.notes.push(
      `${plural(count, 'new article')} came without the names detected in ${source.name}; run \`framelens entities detect\` (or Detect in the app) to find them here.`,
    );
}
