// Working out a merge: which of the other project's articles, tags, variables and values this project
// lacks, and where the two disagree. Everything is matched in memory against maps read once, and every
// row to write is planned with its final id, so applying the plan is a run of prepared inserts.
// Coding (annotations, article codes, done marks, coders) is planned in plan-coding.ts and entity
// curation in curation.ts.
import type { Db } from '../../../db/connection.ts';
import type { VariableType } from '../../api/contract.ts';
import type { Services } from '../handlers.ts';
import { PATH_SEPARATOR } from '../tags.ts';
import { showValue } from '../variables/values.ts';
import { planCoding, type CodingPlan } from './plan-coding.ts';
import { planCuration, type CurationOp } from './curation.ts';
import { emptyReport, plural, q, type MergeReport } from './report.ts';
import type { SourceArticle, SourceProject } from './source.ts';

export type PlannedArticle = SourceArticle;
export type PlannedTag = {
  id: number;
  parent_id: number | null;
  name: string;
  color: string;
  description: string;
  shortcut: string | null;
  position: number;
  created_at: string;
};
export type PlannedVariable = { id: number; name: string; type: VariableType; description: string; position: number; created_at: string };
export type PlannedCategory = { variable_id: number; value: string; position: number };
export type PlannedValue = { article_id: number; variable_id: number; value: string | number };

export type MergePlan = CodingPlan & {
  articles: PlannedArticle[];
  tags: PlannedTag[];
  variables: PlannedVariable[];
  categories: PlannedCategory[];
  values: PlannedValue[];
  curation: CurationOp[];
};

/** How the other project's ids lead to this project's rows. */
export type Mapping = {
  /** Other article id → this project's article id. */
  articles: Map<number, number>;
  /** Other tag id → this project's tag id. */
  tags: Map<number, number>;
  /** This project's tag id → its path, for sentences. */
  tagPaths: Map<number, string>;
  /** Other article id → the article (same text on both sides). */
  sourceArticles: Map<number, SourceArticle>;
};

export type MergeServices = Pick<Services, 'tags' | 'variables'>;

/** Case-insensitive key, as sibling tag names and variable names are unique (and a little more). */
export const fold = (text: string) => text.toLowerCase();

export function planMerge(db: Db, services: MergeServices, source: SourceProject): { report: MergeReport; plan: MergePlan } {
  const report = emptyReport(source.path);
  const mapping: Mapping = { articles: new Map(), tags: new Map(), tagPaths: new Map(), sourceArticles: new Map(source.articles.map((a) => [a.id, a])) };
  const articles = planArticles(db, source, mapping, report);
  const tags = planTags(services, source, mapping, report);
  const variables = planVariables(db, services, source, mapping, report);
  const coding = planCoding(db, source, mapping, report);
  const curation = planCuration(db, source, mapping, report, articles);
  return { report, plan: { articles, tags, ...variables, ...coding, curation } };
}

const maxId = (db: Db, table: string) => db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;

/** Articles match by the hash of their text; the others are added with their metadata. */
function planArticles(db: Db, source: SourceProject, mapping: Mapping, report: MergeReport): PlannedArticle[] {
  const here = new Map((db.prepare('SELECT text_hash, id FROM articles').raw().all() as [string, number][]).map(([hash, id]) => [hash, id]));
  let next = maxId(db, 'articles');
  const added: PlannedArticle[] = [];
  for (const a of source.articles) {
    const id = here.get(a.text_hash);
    if (id !== undefined) {
      mapping.articles.set(a.id, id);
      report.articles.matched++;
    } else {
      const row = { ...a, id: ++next };
      here.set(a.text_hash, row.id);
      mapping.articles.set(a.id, row.id);
      added.push(row);
    }
  }
  report.articles.added = added.length;
  return added;
}

/**
 * Tags match by their full path, ignoring letter case (sibling names are unique that way). A case-only
 * difference is matched and noted; a missing tag comes with its colour and description, and with its
 * shortcut when that is free here.
 */
function planTags(services: MergeServices, source: SourceProject, mapping: Mapping, report: MergeReport): PlannedTag[] {
  const existing = services.tags.list();
  const children = new Map<number, { id: number; name: string }[]>();
  const shortcuts = new Map<string, string>();
  let position = -1;
  let next = 0;
  for (const t of existing) {
    const siblings = children.get(t.parentId ?? 0) ?? [];
    siblings.push({ id: t.id, name: t.name });
    children.set(t.parentId ?? 0, siblings);
    mapping.tagPaths.set(t.id, t.path.join(PATH_SEPARATOR));
    if (t.shortcut) shortcuts.set(t.shortcut, mapping.tagPaths.get(t.id)!);
    position = Math.max(position, t.position);
    next = Math.max(next, t.id);
  }
  const added: PlannedTag[] = [];
  for (const t of source.tags) {
    const parentId = t.parent_id === null ? null : mapping.tags.get(t.parent_id);
    if (parentId === undefined) continue; // its parent was not merged (cannot happen for a tree read parents first)
    const siblings = children.get(parentId ?? 0) ?? [];
    const match = siblings.find((s) => s.name === t.name) ?? siblings.find((s) => fold(s.name) === fold(t.name));
    const otherPath = t.path.join(PATH_SEPARATOR);
    if (match) {
      mapping.tags.set(t.id, match.id);
      report.tags.matched++;
      if (match.name !== t.name)
        report.notes.push(
          `The tag ${q(otherPath)} in ${source.name} is ${q(mapping.tagPaths.get(match.id)!)} here; they differ only in letter case and were matched.`,
        );
      continue;
    }
    const id = ++next;
    const path = parentId === null ? t.name : `${mapping.tagPaths.get(parentId)}${PATH_SEPARATOR}${t.name}`;
    let shortcut = t.shortcut;
    if (shortcut && shortcuts.has(shortcut)) {
      report.notes.push(`The new tag ${q(path)} came without its shortcut ${q(shortcut)}, which here belongs to ${q(shortcuts.get(shortcut)!)}.`);
      shortcut = null;
    }
    if (shortcut) shortcuts.set(shortcut, path);
    added.push({ id, parent_id: parentId, name: t.name, color: t.color, description: t.description, shortcut, position: ++position, created_at: t.created_at });
    children.set(parentId ?? 0, [...siblings, { id, name: t.name }]);
    mapping.tags.set(t.id, id);
    mapping.tagPaths.set(id, path);
  }
  report.tags.added = added.length;
  return added;
}

type VariableTarget = { id: number; name: string; type: VariableType; categories: Map<string, string> } | null;

/**
 * Variables match by name, ignoring case. A missing one is created; a category list gains the values it
 * lacks. A value is set only where this project's article has none: a different value here is a
 * conflict and stays. A variable of another type here is a conflict, and none of its values are merged.
 */
function planVariables(db: Db, services: MergeServices, source: SourceProject, mapping: Mapping, report: MergeReport) {
  const plan = { variables: [] as PlannedVariable[], categories: [] as PlannedCategory[], values: [] as PlannedValue[] };
  if (!source.variables.length) return plan;
  const existing = services.variables.list();
  let next = maxId(db, 'variables');
  let position = db.prepare('SELECT coalesce(max(position), -1) FROM variables').pluck().get() as number;
  const lastCategory = new Map(
    (db.prepare('SELECT variable_id, max(position) FROM variable_categories GROUP BY variable_id').raw().all() as [number, number][]).map(([v, p]) => [v, p]),
  );
  const targets = new Map<number, VariableTarget>();
  for (const v of source.variables) {
    const match = existing.find((e) => e.name === v.name) ?? existing.find((e) => fold(e.name) === fold(v.name));
    if (match && match.type !== v.type) {
      const count = source.values.filter((x) => x.variable_id === v.id).length;
      report.conflicts.push(
        `The variable ${q(match.name)} is of the kind ${match.type} here but ${v.type} in ${source.name}${match.name === v.name ? '' : ` (as ${q(v.name)})`}; its ${plural(count, 'value')} there ${count === 1 ? 'was' : 'were'} not merged.`,
      );
      targets.set(v.id, null);
      continue;
    }
    const id = match ? match.id : ++next;
    if (match) report.variables.matched++;
    else plan.variables.push({ id, name: v.name, type: v.type, description: v.description, position: ++position, created_at: v.created_at });
    const categories = new Map((match?.categories ?? []).map((c) => [fold(c), c]));
    let last = lastCategory.get(id) ?? -1;
    for (const c of v.categories) {
      const here = categories.get(fold(c));
      if (here === undefined) {
        plan.categories.push({ variable_id: id, value: c, position: ++last });
        categories.set(fold(c), c);
        if (match) report.variables.categoriesAdded++;
      } else if (here !== c) {
        report.notes.push(`The value ${q(c)} of ${q(v.name)} in ${source.name} is ${q(here)} here; they differ only in letter case and were matched.`);
      }
    }
    targets.set(v.id, { id, name: match?.name ?? v.name, type: v.type, categories });
  }
  report.variables.added = plan.variables.length;

  const here = new Map<string, string | number>();
  for (const [articleId, variableId, value] of db.prepare('SELECT article_id, variable_id, value FROM article_values').raw().all() as [
    number,
    number,
    string | number,
  ][])
    here.set(`${articleId}:${variableId}`, value);
  for (const v of source.values) {
    const target = targets.get(v.variable_id);
    const articleId = mapping.articles.get(v.article_id);
    if (!target || articleId === undefined) continue;
    const value = target.type === 'category' ? (target.categories.get(fold(String(v.value))) ?? v.value) : v.value;
    const key = `${articleId}:${target.id}`;
    const current = here.get(key);
    if (current === undefined) {
      plan.values.push({ article_id: articleId, variable_id: target.id, value });
      here.set(key, value);
    } else if (current !== value) {
      const [mine, theirs] = [showValue(target.type, current), showValue(target.type, value)];
      report.conflicts.push(
        `${q(target.name)} of the article ${q(mapping.sourceArticles.get(v.article_id)!.title)} is ${q(mine)} here and ${q(theirs)} in ${source.name}; kept ${q(mine)}.`,
      );
    }
  }
  report.values.added = plan.values.length;
  return plan;
}
