// The one declaration of Framelens's API. Every transport (Electron IPC, the web host, the renderer's
// client) derives from this map; nothing here is declared twice. Offsets crossing this boundary are
// UTF-16 code units (JavaScript's own), end exclusive; exports convert to code points.
import { z } from 'zod';

const id = z.number().int().positive();
const shortText = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
const nullableMeta = (schema: z.ZodType<string>) => schema.nullable().optional();

export const tagName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'a tag needs a name').max(200, 'a tag name is at most 200 characters'));
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb');
export const shortcut = z.string().regex(/^[a-z]$/, 'a shortcut is one letter a–z');

/** Optional article metadata as the analyst enters it at import. */
export const articleMetaInput = z.object({
  source: nullableMeta(shortText(300)),
  author: nullableMeta(shortText(300)),
  publishedAt: isoDate.nullable().optional(),
  language: nullableMeta(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language is a code such as sv or en')),
  url: nullableMeta(shortText(2000)),
});
export type ArticleMetaInput = z.infer<typeof articleMetaInput>;

export const articleSummary = z.object({
  id,
  title: z.string(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  language: z.string().nullable(),
  url: z.string().nullable(),
  charCount: z.number().int(),
  annotationCount: z.number().int(),
  createdAt: z.string(),
});
export type ArticleSummary = z.infer<typeof articleSummary>;

export const article = articleSummary.extend({ text: z.string() });
export type Article = z.infer<typeof article>;

/** A search snippet: plain text plus the ranges (UTF-16, end exclusive) that matched. */
export const snippet = z.object({
  text: z.string(),
  marks: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type Snippet = z.infer<typeof snippet>;

export const articleListItem = articleSummary.extend({ snippet: snippet.nullable() });
export type ArticleListItem = z.infer<typeof articleListItem>;

export const importResult = z.object({
  name: z.string(),
  status: z.enum(['imported', 'duplicate', 'error']),
  id: id.optional(),
  title: z.string().optional(),
  message: z.string().optional(),
});
export type ImportResult = z.infer<typeof importResult>;

export const tag = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  path: z.array(z.string()),
  color: z.string(),
  description: z.string(),
  shortcut: z.string().nullable(),
  position: z.number().int(),
  annotationCount: z.number().int(),
});
export type Tag = z.infer<typeof tag>;

export const annotation = z.object({
  id,
  articleId: id,
  tagId: id,
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  contextBefore: z.string(),
  contextAfter: z.string(),
  note: z.string(),
  annotator: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof annotation>;

const empty = z.object({}).strict();

export const contract = {
  'project.info': {
    input: empty,
    output: z.object({
      path: z.string(),
      fileName: z.string(),
      articles: z.number().int(),
      annotations: z.number().int(),
      tags: z.number().int(),
      schemaVersion: z.number().int(),
    }),
  },
  'settings.get': {
    input: empty,
    output: z.object({ annotator: z.string().nullable() }),
  },
  'settings.setAnnotator': {
    input: z.object({ name: z.string().trim().min(1, 'a name is needed').max(100) }),
    output: z.object({ annotator: z.string() }),
  },

  'articles.importText': {
    input: articleMetaInput.extend({
      text: z.string(),
      title: shortText(500).optional(),
    }),
    output: importResult,
  },
  'articles.importFiles': {
    input: z.object({
      files: z.array(z.object({ name: z.string().min(1).max(500), dataBase64: z.string() })).min(1).max(500),
      meta: articleMetaInput.extend({ title: shortText(500).optional() }).optional(),
    }),
    output: z.object({ results: z.array(importResult) }),
  },
  'articles.list': {
    input: z.object({ search: z.string().max(500).optional(), limit: z.number().int().positive().max(100000).optional() }),
    /** total: how many articles the search matched (or the project holds), of which `articles` are the first. */
    output: z.object({ articles: z.array(articleListItem), total: z.number().int() }),
  },
  'articles.get': {
    input: z.object({ id }),
    output: article,
  },
  'articles.update': {
    input: articleMetaInput.extend({ id, title: shortText(500).trim().min(1, 'a title is needed').optional() }),
    output: articleSummary,
  },
  'articles.delete': {
    input: z.object({ id }),
    output: z.object({ deletedAnnotations: z.number().int() }),
  },

  'tags.list': {
    input: empty,
    output: z.object({ tags: z.array(tag) }),
  },
  'tags.create': {
    input: z.object({
      name: tagName,
      parentId: id.nullable().optional(),
      color: color.optional(),
      description: shortText(5000).optional(),
      shortcut: shortcut.nullable().optional(),
    }),
    output: tag,
  },
  /** Finds or creates every tag along a path such as ["Rhetoric", "Threat"]. */
  'tags.ensurePath': {
    input: z.object({ path: z.array(tagName).min(1).max(20) }),
    output: tag,
  },
  'tags.update': {
    input: z.object({
      id,
      name: tagName.optional(),
      parentId: id.nullable().optional(),
      color: color.optional(),
      description: shortText(5000).optional(),
      shortcut: shortcut.nullable().optional(),
    }),
    output: tag,
  },
  'tags.usage': {
    input: z.object({ id }),
    output: z.object({ annotations: z.number().int(), descendants: z.number().int() }),
  },
  'tags.delete': {
    input: z.object({ id }),
    output: z.object({ deletedTags: z.number().int(), deletedAnnotations: z.number().int() }),
  },

  'annotations.list': {
    input: z.object({ articleId: id }),
    output: z.object({ annotations: z.array(annotation) }),
  },
  'annotations.create': {
    input: z
      .object({
        articleId: id,
        tagId: id,
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        note: shortText(20000).optional(),
        /** Overrides the project's analyst name for this annotation (used by the command line). */
        annotator: z.string().trim().min(1).max(100).optional(),
      })
      .refine((s) => s.end > s.start, { message: 'a passage must end after it starts (end > start)', path: ['end'] }),
    output: annotation,
  },
  'annotations.update': {
    input: z.object({ id, tagId: id.optional(), note: shortText(20000).optional() }),
    output: annotation,
  },
  'annotations.delete': {
    input: z.object({ id }),
    output: z.object({ deleted: annotation }),
  },
  /** Puts back an annotation exactly as it was deleted (undo). */
  'annotations.restore': {
    input: z.object({ annotation }),
    output: annotation,
  },

  'export.csv': {
    input: z.object({
      tagIds: z.array(id).optional(),
      articleIds: z.array(id).optional(),
      bom: z.boolean().optional(),
      raw: z.boolean().optional(),
    }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** The API as the renderer sees it: one async function per method. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/** The application's side: one synchronous handler per method, given parsed input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> };

export const errorCodes = ['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'UNKNOWN_METHOD', 'UNSUPPORTED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];
export type ApiError = { code: ErrorCode; message: string };
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const methods = Object.keys(contract) as Method[];
