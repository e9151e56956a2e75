// An in-memory stand-in for Framelens's API, enough for the reader: articles, tags, annotations and
// entity mentions (the names in the synthetic text, found by a plain search as detection would).
// Used by the standalone reader harness (benchmark fallback and screenshots) when the web host is not used.
import type { Annotation, Api, Article, Entity, EntityType, Mention, Tag } from '../../../main/api/contract.ts';
import { syntheticArticle, syntheticSpans, syntheticTags } from './synthetic.ts';

export type FakeData = { article: Article; tags: Tag[]; annotations: Annotation[] };

const now = () => new Date().toISOString();

export function createFakeApi(options: { chars?: number; annotations?: number; text?: string; title?: string; mentions?: boolean } = {}): {
  api: Api;
  data: () => FakeData;
  /** How many times each method was called. */
  calls: Record<string, number>;
} {
  const text = options.text ?? syntheticArticle(options.chars ?? 300_000);
  const created = '2025-03-12T09:41:00.000Z';
  const article: Article = {
    id: 1,
    values: {},
    copyOf: null,
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
    const tag: Tag = {
      id: nextTag++,
      parentId: parent?.id ?? null,
      name: path.at(-1)!,
      path,
      color,
      description,
      shortcut,
      position: tags.filter((t) => t.parentId === (parent?.id ?? null)).length,
      annotationCount: 0,
    };
    tags.push(tag);
    return tag;
  };
  for (const t of syntheticTags) addTag(t.path, t.color, t.shortcut, t.description);

  let annotations: Annotation[] = [];
  const deleted = new Map<number, Annotation>();
  let nextAnnotation = 1;
  const make = (tagId: number, start: number, end: number, note = ''): Annotation => ({
    id: nextAnnotation,
    uuid: `00000000-0000-4000-8000-${String(nextAnnotation++).padStart(12, '0')}`,
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

  // Names the synthetic text uses, as written and as the entity they belong to.
  const entities: Entity[] = [];
  const entityFor = (name: string, type: EntityType): Entity => {
    let e = entities.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.aliases.some((a) => a.toLowerCase() === name.toLowerCase()));
    if (!e) {
      e = { id: entities.length + 1, name, type, aliases: [name], mentionCount: 0, articleCount: 1 };
      entities.push(e);
    }
    return e;
  };
  const written: [string, string, EntityType][] = [
    ['Putins', 'Putin', 'PER'],
    ['Tokajev', 'Tokajev', 'PER'],
    ['Kazakstans', 'Kazakstan', 'LOC'],
    ['Astana', 'Astana', 'LOC'],
    ['Moskva', 'Moskva', 'LOC'],
    ['CSTO:s', 'CSTO', 'ORG'],
  ];
  let mentions: Mention[] = [];
  let nextMention = 1;
  const mentionOf = (e: Entity, start: number, end: number, origin: Mention['origin']): Mention => ({
    id: nextMention++,
    articleId: 1,
    entityId: e.id,
    entity: e.name,
    type: e.type,
    start,
    end,
    text: text.slice(start, end),
    origin,
  });
  for (const [surface, name, type] of options.mentions === false ? [] : written) {
    const e = entityFor(name, type);
    const word = new RegExp(`(?<![\\p{L}:])${surface}(?![\\p{L}])`, 'gu');
    for (const m of text.matchAll(word)) mentions.push(mentionOf(e, m.index, m.index + surface.length, 'detected'));
  }
  mentions.sort((a, b) => a.start - b.start);
  const counted = (e: Entity): Entity => ({ ...e, mentionCount: mentions.filter((m) => m.entityId === e.id).length });
  const impl: Partial<Api> = {
    'articles.get': async () => ({ ...article, annotationCount: annotations.length }),
    'tags.list': async () => ({ tags: tags.map((t) => ({ ...t, annotationCount: annotations.filter((a) => a.tagId === t.id).length })) }),
    'tags.create': async ({ name, parentId, color }) => {
      const parent = parentId ? tags.find((t) => t.id === parentId) : undefined;
      const path = [...(parent?.path ?? []), name.trim()];
      if (tags.some((t) => t.path.join('\u0000').toLowerCase() === path.join('\u0000').toLowerCase()))
        fail(`There is already a tag named “${name.trim()}” here.`);
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
      deleted.set(id, old);
      return { deleted: old };
    },
    'annotations.restore': async ({ id }) => {
      const a = deleted.get(id) ?? fail('There is no deleted annotation to restore.');
      deleted.delete(id);
      annotations = [...annotations, a];
      return a;
    },
    'entities.progress': async () => ({ running: false, done: 0, total: 0, detected: 1, articles: 1, error: null }),
    'entities.list': async ({ search }) => {
      const q = (search ?? '').trim().toLowerCase();
      const found = entities.filter((e) => !q || e.aliases.some((a) => a.toLowerCase().includes(q))).map(counted);
      return { entities: found.filter((e) => e.mentionCount > 0).sort((a, b) => b.mentionCount - a.mentionCount) };
    },
    'mentions.list': async () => ({ mentions: mentions.map((m) => ({ ...m })) }),
    'mentions.add': async ({ start, end, entityId, name, type }) => {
      if (end <= start || end > text.length) fail('a mention must end after it starts (end > start)');
      const e = entityId !== undefined ? (entities.find((x) => x.id === entityId) ?? fail('That entity no longer exists.')) : entityFor(name!, type ?? 'MISC');
      const m = mentionOf(e, start, end, 'manual');
      mentions = [...mentions.filter((x) => x.start !== start || x.end !== end), m];
      return m;
    },
    'mentions.remove': async ({ id }) => {
      const removed = mentions.find((m) => m.id === id) ?? fail('That mention no longer exists.');
      mentions = mentions.filter((m) => m.id !== id);
      return { removed };
    },
  };
  const calls: Record<string, number> = {};
  const api = new Proxy(impl, {
    get: (target, key: string) => {
      const method = target[key as keyof Api] as ((input: never) => Promise<unknown>) | undefined;
      if (!method) return async () => fail(`${key} is not part of the reader harness.`);
      return (input: never) => {
        calls[key] = (calls[key] ?? 0) + 1;
        return method(input);
      };
    },
  }) as Api;
  return {
    api,
    calls,
    data: () => ({ article: { ...article, annotationCount: annotations.length }, tags: [...tags], annotations: annotations.map((a) => ({ ...a })) }),
  };
}
