// The other project of a merge as plain rows in memory. Older project formats are read as they are
// (nothing is upgraded, the file is never written): a format 4 file has no coders, article codes or
// annotation uuids, a format 3 file no variables, a format 1 file no entities.
import { basename } from 'node:path';
import type { Db } from '../../../db/connection.ts';
import type { EntityType, VariableType } from '../../api/contract.ts';
import { PATH_SEPARATOR } from '../tags.ts';
import { stableAnnotationId } from './stable-id.ts';

export type SourceArticle = {
  id: number;
  title: string;
  source: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  url: string | null;
  text: string;
  text_hash: string;
  char_count: number;
  created_at: string;
};
export type SourceTag = {
  id: number;
  parent_id: number | null;
  name: string;
  color: string;
  description: string;
  shortcut: string | null;
  created_at: string;
  /** Names from the top of the codebook down to this tag. */
  path: string[];
};
export type SourceVariable = { id: number; name: string; type: VariableType; description: string; created_at: string; categories: string[] };
export type SourceValue = { article_id: number; variable_id: number; value: string | number };
export type SourceAnnotation = {
  uuid: string;
  article_id: number;
  tag_id: number;
  start: number;
  end: number;
  quote: string;
  note: string;
  annotator: string;
  created_at: string;
  updated_at: string;
};
export type SourceArticleCode = { uuid: string; article_id: number; tag_id: number; annotator: string; note: string; created_at: string; updated_at: string };
export type SourceDone = { article_id: number; annotator: string; done_at: string };
export type SourceCoder = { name: string; color: string; consensus: number };
export type SourceEntity = { id: number; name: string; type: EntityType; aliases: string[] };
export type SourceMention = { article_id: number; entity_id: number; start: number; end: number; text: string };
export type SourceSpan = { article_id: number; start: number; end: number };

export type SourceProject = {
  path: string;
  /** The file name, for sentences in the report. */
  name: string;
  version: number;
  articles: SourceArticle[];
  tags: SourceTag[];
  variables: SourceVariable[];
  values: SourceValue[];
  annotations: SourceAnnotation[];
  articleCodes: SourceArticleCode[];
  done: SourceDone[];
  coders: SourceCoder[];
  entities: SourceEntity[];
  ignoredNames: string[];
  rejectedMentions: SourceSpan[];
  manualMentions: SourceMention[];
  /** Articles entity detection has seen in the other project. */
  detectedArticles: Set<number>;
};

/** Everything a merge takes from the other project, read according to its format version. */
export function readSource(db: Db, path: string, version: number): SourceProject {
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const articles = all<SourceArticle>(
    'SELECT id, title, source, author, published_at, language, url, text, text_hash, char_count, created_at FROM articles ORDER BY id',
  );
  const tags = readTags(all<Omit<SourceTag, 'path'>>('SELECT id, parent_id, name, color, description, shortcut, created_at FROM tags ORDER BY position, id'));
  const project: SourceProject = {
    path,
    name: basename(path),
    version,
    articles,
    tags,
    variables: [],
    values: [],
    annotations: readAnnotations(db, version, articles, tags),
    articleCodes: [],
    done: [],
    coders: [],
    entities: [],
    ignoredNames: [],
    rejectedMentions: [],
    manualMentions: [],
    detectedArticles: new Set(),
  };
  if (version >= 2) {
    const aliases = new Map<number, string[]>();
    for (const r of all<{ alias: string; entity_id: number }>('SELECT alias, entity_id FROM entity_aliases ORDER BY alias')) {
      aliases.set(r.entity_id, [...(aliases.get(r.entity_id) ?? []), r.alias]);
    }
    project.entities = all<Omit<SourceEntity, 'aliases'>>('SELECT id, name, type FROM entities ORDER BY id').map((e) => ({
      ...e,
      aliases: aliases.get(e.id) ?? [],
    }));
    project.ignoredNames = db.prepare('SELECT name FROM ignored_names ORDER BY name').pluck().all() as string[];
    project.rejectedMentions = all<SourceSpan>('SELECT article_id, start, "end" FROM rejected_mentions ORDER BY article_id, start');
    project.manualMentions = all<SourceMention>(
      `SELECT article_id, entity_id, start, "end", text FROM mentions WHERE origin = 'manual' ORDER BY article_id, start`,
    );
    project.detectedArticles = new Set(db.prepare('SELECT article_id FROM detection_state').pluck().all() as number[]);
  }
  if (version >= 4) {
    const categories = new Map<number, string[]>();
    for (const r of all<{ variable_id: number; value: string }>('SELECT variable_id, value FROM variable_categories ORDER BY variable_id, position')) {
      categories.set(r.variable_id, [...(categories.get(r.variable_id) ?? []), r.value]);
    }
    project.variables = all<Omit<SourceVariable, 'categories'>>('SELECT id, name, type, description, created_at FROM variables ORDER BY position, id').map(
      (v) => ({ ...v, categories: categories.get(v.id) ?? [] }),
    );
    project.values = all<SourceValue>('SELECT article_id, variable_id, value FROM article_values');
  }
  if (version >= 5) {
    project.articleCodes = all<SourceArticleCode>('SELECT uuid, article_id, tag_id, annotator, note, created_at, updated_at FROM article_codes ORDER BY id');
    project.done = all<SourceDone>('SELECT article_id, annotator, done_at FROM article_done');
    project.coders = all<SourceCoder>('SELECT name, color, consensus FROM coders ORDER BY id');
  }
  return project;
}

/** Tags with their paths, parents before children (so a parent is always merged first). */
function readTags(rows: Omit<SourceTag, 'path'>[]): SourceTag[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<number, string[] | null>();
  const pathOf = (id: number, seen = new Set<number>()): string[] | null => {
    if (paths.has(id)) return paths.get(id)!;
    const row = byId.get(id);
    if (!row || seen.has(id)) return null; // a loop or a missing parent: not part of the tree
    seen.add(id);
    const parent = row.parent_id === null ? [] : pathOf(row.parent_id, seen);
    const path = parent && [...parent, row.name];
    paths.set(id, path);
    return path;
  };
  return rows
    .map((r) => ({ ...r, path: pathOf(r.id) }))
    .filter((r): r is SourceTag => r.path !== null)
    .sort((a, b) => a.path.length - b.path.length);
}

function readAnnotations(db: Db, version: number, articles: SourceArticle[], tags: SourceTag[]): SourceAnnotation[] {
  const columns = 'article_id, tag_id, start, "end", quote, note, annotator, created_at, updated_at';
  if (version >= 5) return db.prepare(`SELECT uuid, ${columns} FROM annotations ORDER BY id`).all() as SourceAnnotation[];
  const hashes = new Map(articles.map((a) => [a.id, a.text_hash]));
  const paths = new Map(tags.map((t) => [t.id, t.path.join(PATH_SEPARATOR)]));
  return (db.prepare(`SELECT ${columns} FROM annotations ORDER BY id`).all() as Omit<SourceAnnotation, 'uuid'>[]).map((a) => ({
    ...a,
    uuid: stableAnnotationId([hashes.get(a.article_id) ?? '', paths.get(a.tag_id) ?? '', a.start, a.end, a.annotator, a.created_at]),
  }));
}
