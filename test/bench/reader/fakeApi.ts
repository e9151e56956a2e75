// An in-memory stand-in for Framelens's API, enough for the reader: articles, tags and annotations.
// Used by the standalone reader harness (benchmark fallback and screenshots) when the web host is not used.
import type { Annotation, Api, Article, Tag } from '../../../main/api/contract.ts';
import { syntheticArticle, syntheticSpans, syntheticTags } from './synthetic.ts';

export type FakeData = { article: Article; tags: Tag[]; annotations: Annotation[] };

const now = () => new Date().toISOString();

export function createFakeApi(options: { chars?: number; annotations?: number; text?: string; title?: string } = {}): { api: Api; data: () => FakeData } {
  const text = options.text ?? syntheticArticle(options.chars ?? 300_000);
  const created = '2025-03-12T09:41:00.000Z';
  const article: Article = {
    id: 1,
    title: options.title ?? 'Regional security summit in Astana',
    source: 'Synthetic Wire',
    author: null,
    publishedAt: '2025-03-12',
    language: 'sv',
    url: null,
    charCount: text.length,
    annotationCount: 0,
    createdAt: created,
    text,
  };
  const tags: Tag[] = [];
  let nextTag = 1;
  const addTag = (path: string[], color: string, shortcut: string | null, description = ''): Tag => {
    const parent = path.length > 1 ? tags.find((t) => t.path.join('\u0000') === path.slice(0, -1).join('\u0000')) : undefined;
    const tag: Tag = { id: nextTag++, parentId: parent?.id ?? null, name: path.at(-1)!, path, color, description, shortcut, position: tags.filter((t) => t.parentId === (parent?.id ?? null)).length, annotationCount: 0 };
    tags.push(tag);
    return tag;
  };
  for (const t of syntheticTags) addTag(t.path, t.color, t.shortcut, t.description);

  let annotations: Annotation[] = [];
  let nextAnnotation = 1;
  const make = (tagId: number, start: number, end: number, note = ''): Annotation => ({
    id: nextAnnotation++,
    articleId: 1,
    tagId,
    start,
    end,
    quote: text.slice(start, end),
    contextBefore: text.slice(Math.max(0, start - 40), start),
    contextAfter: text.slice(end, end + 40),
    note,
    annotator: 'Bench analyst',
    createdAt: created,
    updatedAt: created,
  });
  for (const s of syntheticSpans(text, options.annotations ?? 2000)) annotations.push(make(tags[s.tag]!.id, s.start, s.end));

  const fail = (message: string): never => {
    throw new Error(message);
  };
  const impl: Partial<Api> = {
    'articles.get': async () => ({ ...article, annotationCount: annotations.length }),
    'tags.list': async () => ({ tags: tags.map((t) => ({ ...t, annotationCount: annotations.filter((a) => a.tagId === t.id).length })) }),
    'tags.create': async ({ name, parentId, color }) => {
      const parent = parentId ? tags.find((t) => t.id === parentId) : undefined;
      const path = [...(parent?.path ?? []), name.trim()];
      if (tags.some((t) => t.path.join('\u0000').toLowerCase() === path.join('\u0000').toLowerCase())) fail(`There is already a tag named “${name.trim()}” here.`);
      return addTag(path, color ?? '#6366f1', null);
    },
    'tags.ensurePath': async ({ path }) => {
      let tag: Tag | undefined;
      for (let i = 1; i <= path.length; i++) {
        const p = path.slice(0, i).map((s) => s.trim());
        tag = tags.find((t) => t.path.join('\u0000') === p.join('\u0000')) ?? addTag(p, '#6366f1', null);
      }
      return tag!;
    },
    'annotations.list': async () => ({ annotations: annotations.map((a) => ({ ...a })) }),
    'annotations.create': async ({ tagId, start, end, note }) => {
      if (!tags.some((t) => t.id === tagId)) fail('That tag no longer exists.');
      if (end <= start || end > text.length) fail('a passage must end after it starts (end > start)');
      const a = make(tagId, start, end, note ?? '');
      a.createdAt = a.updatedAt = now();
      annotations = [...annotations, a];
      return a;
    },
    'annotations.update': async ({ id, tagId, note }) => {
      const old = annotations.find((a) => a.id === id) ?? fail('That annotation no longer exists.');
      if (note !== undefined && note.includes('FAIL')) fail('The note could not be saved (the harness refuses notes containing FAIL).');
      const a = { ...old, tagId: tagId ?? old.tagId, note: note ?? old.note, updatedAt: now() };
      annotations = annotations.map((x) => (x.id === id ? a : x));
      return a;
    },
    'annotations.delete': async ({ id }) => {
      const old = annotations.find((a) => a.id === id) ?? fail('That annotation no longer exists.');
      annotations = annotations.filter((a) => a.id !== id);
      return { deleted: old };
    },
    'annotations.restore': async ({ annotation }) => {
      const a = { ...annotation } as Annotation;
      annotations = [...annotations, a];
      return a;
    },
  };
  const api = new Proxy(impl, {
    get: (target, key: string) => target[key as keyof Api] ?? (async () => fail(`${key} is not part of the reader harness.`)),
  }) as Api;
  return { api, data: () => ({ article: { ...article, annotationCount: annotations.length }, tags: [...tags], annotations: annotations.map((a) => ({ ...a })) }) };
}
