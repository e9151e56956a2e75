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

/** An article variable's kind: free text, a category from a fixed list, a number, a date, or yes/no. */
export const variableType = z.enum(['text', 'category', 'number', 'date', 'boolean']);
export type VariableType = z.infer<typeof variableType>;

/** A variable's value for one article, as the API carries it (a date as YYYY-MM-DD). */
export const variableValue = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);
export type VariableValue = z.infer<typeof variableValue>;

/** Article columns that behave as variables everywhere a variable can be chosen. */
export const builtinVariables = ['source', 'author', 'language', 'publishedAt'] as const;
export const builtinVariable = z.enum(builtinVariables);
export type BuiltinVariable = z.infer<typeof builtinVariable>;

export const variable = z.object({
  id,
  name: z.string(),
  type: variableType,
  description: z.string(),
  /** The allowed values of a category variable, in order; empty for other kinds. */
  categories: z.array(z.string()),
  /** How many articles have a value. */
  articleCount: z.number().int(),
});
export type Variable = z.infer<typeof variable>;

export const variableName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'a variable needs a name').max(100, 'a variable name is at most 100 characters'));

/**
 * One condition on articles: a variable (an own variable's id, or a built-in column) that has one of
 * `values`, none of them, any value, no value, or a value from `min` to `max` (numbers or dates, inclusive).
 */
export const articleCondition = z
  .object({
    variable: z.union([id, builtinVariable]),
    op: z.enum(['is', 'isNot', 'empty', 'notEmpty', 'between']),
    values: z.array(variableValue).max(1000).optional(),
    min: z.union([z.number().finite(), isoDate]).optional(),
    max: z.union([z.number().finite(), isoDate]).optional(),
  })
  .refine((c) => !(c.op === 'is' || c.op === 'isNot') || (c.values?.length ?? 0) > 0, { message: 'name at least one value', path: ['values'] })
  .refine((c) => c.op !== 'between' || c.min !== undefined || c.max !== undefined, { message: 'give a lowest value, a highest, or both', path: ['min'] });
export type ArticleCondition = z.infer<typeof articleCondition>;

/** Which articles a view, list or export works on: the same filter everywhere. All conditions must hold. */
export const articleFilter = z.object({
  search: z.string().max(500).optional(),
  conditions: z.array(articleCondition).max(50).optional(),
});
export type ArticleFilter = z.infer<typeof articleFilter>;

/** What articles or passages are grouped by in a comparison: a variable, the coder, or the publication date. */
export const grouping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('variable'), variable: z.union([id, builtinVariable]) }),
  z.object({ kind: z.literal('annotator') }),
  z.object({ kind: z.literal('time'), unit: z.enum(['week', 'month', 'year']) }),
]);
export type Grouping = z.infer<typeof grouping>;

/** Two or more tags (each counts its subtags' passages), or one tag against all other tagged passages. */
export const comparison = z
  .object({
    tagIds: z.array(id).min(1).max(30),
    rest: z.boolean().optional(),
    groupBy: grouping.optional(),
  })
  .refine((c) => c.rest || c.tagIds.length >= 2, { message: 'compare two tags or more, or one tag against the rest', path: ['tagIds'] })
  .refine((c) => !c.rest || c.tagIds.length === 1, { message: 'one tag is compared against the rest', path: ['rest'] })
  .refine((c) => new Set(c.tagIds).size === c.tagIds.length, { message: 'a tag is compared with itself', path: ['tagIds'] });
export type Comparison = z.infer<typeof comparison>;

/** Counts behind one cell of the prevalence table. */
const prevalenceCell = z.object({
  passages: z.number().int(),
  articles: z.number().int(),
  /** Characters coded, overlapping passages of the side counted once. */
  characters: z.number().int(),
  /** Articles carrying the side over articles in the group (0 when the group has none). */
  articleShare: z.number(),
});

const crosstabTest = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    chiSquare: z.number(),
    df: z.number().int(),
    p: z.number(),
    cramersV: z.number(),
    /** [group][side], for the groups and sides kept (those with counts). */
    expected: z.array(z.array(z.number())),
    adjustedResiduals: z.array(z.array(z.number())),
    expectedBelow5: z.number().int(),
    minExpected: z.number(),
    /** Fisher's exact test, for a 2 × 2 table. */
    fisher: z.object({ twoSided: z.number(), less: z.number(), greater: z.number() }).nullable(),
  }),
  z.object({ ok: z.literal(false), reason: z.string(), message: z.string() }),
]);

export const compareResult = z.object({
  sides: z.array(z.object({ key: z.string(), label: z.string(), color: z.string(), tagIds: z.array(id) })),
  /** The groups in order; one group "All articles" without a grouping. */
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), articles: z.number().int() })),
  /** How many articles the filter matched. */
  articles: z.number().int(),
  overall: z.array(prevalenceCell),
  /** [group][side]. */
  byGroup: z.array(z.array(prevalenceCell)),
  crosstab: z.object({
    /** Article counts [group][side]: an article carrying two sides counts under each. */
    counts: z.array(z.array(z.number().int())),
    /** Indices into groups and sides of the rows and columns the test kept (empty ones are left out). */
    rows: z.array(z.number().int()),
    columns: z.array(z.number().int()),
    rowShares: z.array(z.array(z.number())),
    columnShares: z.array(z.array(z.number())),
    test: crosstabTest,
  }),
});
export type CompareResult = z.infer<typeof compareResult>;

/** A word or entity more typical of one side than of the others, by the weighted log-odds z-score. */
export const distinctiveTerm = z.object({
  term: z.string(),
  /** The entity's id, for entities. */
  entityId: id.nullable(),
  /** Occurrences in the side's passages, and in the other sides' passages. */
  count: z.number().int(),
  otherCount: z.number().int(),
  /** Log-odds ratio with the prior, its z-score (|z| > 1.96: unlikely to be chance). */
  delta: z.number(),
  z: z.number(),
});
export type DistinctiveTerm = z.infer<typeof distinctiveTerm>;

/** A use of a word or entity inside a passage, in its context, to open in the reader. */
export const termLine = z.object({
  articleId: id,
  articleTitle: z.string(),
  annotationId: id,
  start: z.number().int(),
  end: z.number().int(),
  before: z.string(),
  text: z.string(),
  after: z.string(),
});
export type TermLine = z.infer<typeof termLine>;

export const cooccurrenceResult = z.object({
  tags: z.array(z.object({ id, label: z.string(), color: z.string(), passages: z.number().int(), articles: z.number().int() })),
  /** Every pair of distinct tags once, `a` before `b` in the order of `tags`. */
  pairs: z.array(
    z.object({
      a: id,
      b: id,
      /** Passages of a that overlap a passage of b, and the other way round. */
      aOverlappingB: z.number().int(),
      bOverlappingA: z.number().int(),
      /** Passages of either tag that overlap the other, over passages of either tag. */
      passageJaccard: z.number(),
      sharedArticles: z.number().int(),
      /** Articles with both tags over articles with either. */
      articleJaccard: z.number(),
    }),
  ),
});
export type CooccurrenceResult = z.infer<typeof cooccurrenceResult>;

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
  /** The article's values of the analyst's own variables, by variable id. */
  values: z.record(z.string(), variableValue),
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

export const entityType = z.enum(['PER', 'LOC', 'ORG', 'MISC']);
export type EntityType = z.infer<typeof entityType>;

export const entity = z.object({
  id,
  name: z.string(),
  type: entityType,
  aliases: z.array(z.string()),
  mentionCount: z.number().int(),
  articleCount: z.number().int(),
});
export type Entity = z.infer<typeof entity>;

export const mention = z.object({
  id,
  articleId: id,
  entityId: id,
  entity: z.string(),
  type: entityType,
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  origin: z.enum(['detected', 'manual']),
});
export type Mention = z.infer<typeof mention>;

/** What every entity chart can be narrowed by. Dates compare with the articles' publication dates. */
export const chartFilters = z.object({
  types: z.array(entityType).optional(),
  sources: z.array(z.string()).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only mentions inside passages carrying one of these tags (or their subtags). */
  tagIds: z.array(id).optional(),
  /** Only the articles the article list's filter leaves in (its search and conditions). */
  articles: articleFilter.optional(),
});
export type ChartFilters = z.infer<typeof chartFilters>;

/** A mention in its context (keyword in context), for the lists behind chart bars and cells. */
export const kwicLine = z.object({
  mentionId: id,
  articleId: id,
  articleTitle: z.string(),
  publishedAt: z.string().nullable(),
  source: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  before: z.string(),
  after: z.string(),
});
export type KwicLine = z.infer<typeof kwicLine>;

export const detectionProgress = z.object({
  running: z.boolean(),
  done: z.number().int(),
  total: z.number().int(),
  detected: z.number().int(),
  articles: z.number().int(),
  error: z.string().nullable(),
});
export type DetectionProgress = z.infer<typeof detectionProgress>;

const empty = z.object({}).strict();

/** The largest article Framelens takes, pasted or from a file (UTF-8 bytes). */
export const MAX_ARTICLE_BYTES = 50 * 1024 * 1024;

/** UTF-8 length of a string without encoding it (pasted text can be tens of millions of characters). */
export function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_ARTICLE_BYTES) return text.length; // cannot be over the limit: skip the count
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Each method declares whether it only reads the project or changes it: dispatch runs a write in one
 * transaction that takes the write lock at once, and refuses it when the project is open read-only.
 */
type MethodSpec = { effect: 'read' | 'write'; input: z.ZodType; output: z.ZodType };

export const contract = {
  'project.info': {
    effect: 'read',
    input: empty,
    output: z.object({
      path: z.string(),
      fileName: z.string(),
      articles: z.number().int(),
      annotations: z.number().int(),
      tags: z.number().int(),
      schemaVersion: z.number().int(),
      /** The project is open read-only (its file or folder is not writable, or it was opened so): every write is refused. */
      readOnly: z.boolean(),
      /** What happened as the project opened that the analyst should know, e.g. a leftover journal set aside. */
      notices: z.array(z.string()),
    }),
  },
  'settings.get': {
    effect: 'read',
    input: empty,
    output: z.object({ annotator: z.string().nullable() }),
  },
  'settings.setAnnotator': {
    effect: 'write',
    input: z.object({ name: z.string().trim().min(1, 'a name is needed').max(100) }),
    output: z.object({ annotator: z.string() }),
  },

  'articles.importText': {
    effect: 'write',
    input: articleMetaInput.extend({
      text: z.string().refine((text) => utf8Length(text) <= MAX_ARTICLE_BYTES, {
        message: `a pasted text is at most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB, as an imported file is`,
      }),
      title: shortText(500).optional(),
    }),
    output: importResult,
  },
  'articles.importFiles': {
    effect: 'write',
    input: z.object({
      files: z
        .array(z.object({ name: z.string().min(1).max(500), dataBase64: z.string() }))
        .min(1)
        .max(500),
      meta: articleMetaInput.extend({ title: shortText(500).optional() }).optional(),
    }),
    output: z.object({ results: z.array(importResult) }),
  },
  'articles.list': {
    effect: 'read',
    input: z.object({
      search: z.string().max(500).optional(),
      conditions: articleFilter.shape.conditions,
      limit: z.number().int().positive().max(100000).optional(),
    }),
    /** total: how many articles the search matched (or the project holds), of which `articles` are the first. */
    output: z.object({ articles: z.array(articleListItem), total: z.number().int() }),
  },
  'articles.get': {
    effect: 'read',
    input: z.object({ id }),
    output: article,
  },
  'articles.update': {
    effect: 'write',
    input: articleMetaInput.extend({ id, title: shortText(500).trim().min(1, 'a title is needed').optional() }),
    output: articleSummary,
  },
  'articles.delete': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ deletedAnnotations: z.number().int() }),
  },

  'tags.list': {
    effect: 'read',
    input: empty,
    output: z.object({ tags: z.array(tag) }),
  },
  'tags.create': {
    effect: 'write',
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
    effect: 'write',
    input: z.object({ path: z.array(tagName).min(1).max(20) }),
    output: tag,
  },
  'tags.update': {
    effect: 'write',
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
    effect: 'read',
    input: z.object({ id }),
    output: z.object({ annotations: z.number().int(), descendants: z.number().int() }),
  },
  'tags.delete': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ deletedTags: z.number().int(), deletedAnnotations: z.number().int() }),
  },

  'annotations.list': {
    effect: 'read',
    input: z.object({ articleId: id }),
    output: z.object({ annotations: z.array(annotation) }),
  },
  'annotations.create': {
    effect: 'write',
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
    effect: 'write',
    input: z.object({ id, tagId: id.optional(), note: shortText(20000).optional() }),
    output: annotation,
  },
  'annotations.delete': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ deleted: annotation }),
  },
  /**
   * Undo of a delete: puts back an annotation the project itself deleted, exactly as it was (the project
   * keeps what it deleted; nothing else the client might send is taken). It keeps its id unless another
   * annotation has taken that id since, in which case it gets a new one.
   */
  'annotations.restore': {
    effect: 'write',
    input: z.object({ id }),
    output: annotation,
  },

  'entities.list': {
    effect: 'read',
    input: z.object({
      articleId: id.optional(),
      type: entityType.optional(),
      search: z.string().max(200).optional(),
      /** Only mentions in the articles the article list's filter leaves in (counts follow). */
      articles: articleFilter.optional(),
    }),
    output: z.object({ entities: z.array(entity) }),
  },
  'entities.rename': {
    effect: 'write',
    input: z.object({ id, name: z.string().trim().min(1, 'an entity needs a name').max(300) }),
    output: entity,
  },
  'entities.setType': {
    effect: 'write',
    input: z.object({ id, type: entityType }),
    output: entity,
  },
  /** Merges the sources into the target; their names become the target's aliases. */
  'entities.merge': {
    effect: 'write',
    input: z.object({ targetId: id, sourceIds: z.array(id).min(1) }),
    output: entity,
  },
  /** Moves one alias, and the mentions written or detected as it, to an entity of its own. */
  'entities.split': {
    effect: 'write',
    input: z.object({ id, alias: z.string().min(1).max(300) }),
    output: z.object({ from: entity, created: entity }),
  },
  /** Ignores every name of the entity in this and every later detection, and removes its mentions. */
  'entities.ignore': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ ignoredNames: z.array(z.string()), removedMentions: z.number().int() }),
  },
  'entities.ignored': {
    effect: 'read',
    input: empty,
    output: z.object({ names: z.array(z.string()) }),
  },
  'entities.unignore': {
    effect: 'write',
    input: z.object({ name: z.string().min(1).max(300) }),
    output: z.object({ names: z.array(z.string()) }),
  },
  /** (Re)runs detection on one article or the whole project, in the background; curation is kept. */
  'entities.detect': {
    effect: 'write',
    input: z.object({ articleId: id.optional() }),
    output: detectionProgress,
  },
  'entities.progress': {
    effect: 'read',
    input: empty,
    output: detectionProgress,
  },
  'mentions.list': {
    effect: 'read',
    input: z.object({ articleId: id }),
    output: z.object({ mentions: z.array(mention) }),
  },
  /** A mention the analyst marks by selecting text: linked to an existing entity, or a new one by name. */
  'mentions.add': {
    effect: 'write',
    input: z
      .object({
        articleId: id,
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        entityId: id.optional(),
        name: z.string().trim().min(1).max(300).optional(),
        type: entityType.optional(),
      })
      .refine((m) => m.end > m.start, { message: 'a mention must end after it starts (end > start)', path: ['end'] })
      .refine((m) => m.entityId !== undefined || m.name !== undefined, { message: 'name the entity or choose one (entityId)', path: ['name'] }),
    output: mention,
  },
  'mentions.remove': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ removed: mention }),
  },

  'charts.topEntities': {
    effect: 'read',
    input: z.object({ filters: chartFilters.optional(), limit: z.number().int().min(1).max(200).optional() }),
    output: z.object({ rows: z.array(z.object({ entityId: id, name: z.string(), type: entityType, mentions: z.number().int(), articles: z.number().int() })) }),
  },
  'charts.timeline': {
    effect: 'read',
    input: z.object({ entityIds: z.array(id).min(1).max(20), filters: chartFilters.optional(), granularity: z.enum(['day', 'month', 'year']).optional() }),
    output: z.object({
      buckets: z.array(z.string()),
      series: z.array(z.object({ entityId: id, name: z.string(), counts: z.array(z.number().int()) })),
      undated: z.number().int(),
    }),
  },
  'charts.entityTags': {
    effect: 'read',
    input: z.object({ filters: chartFilters.optional(), limit: z.number().int().min(1).max(100).optional() }),
    output: z.object({
      entities: z.array(z.object({ id, name: z.string(), type: entityType })),
      tags: z.array(z.object({ id, path: z.string(), color: z.string() })),
      cells: z.array(z.object({ entityId: id, tagId: id, mentions: z.number().int() })),
    }),
  },
  'charts.entityArticles': {
    effect: 'read',
    input: z.object({ entityId: id, filters: chartFilters.optional() }),
    output: z.object({
      rows: z.array(
        z.object({ articleId: id, title: z.string(), source: z.string().nullable(), publishedAt: z.string().nullable(), mentions: z.number().int() }),
      ),
    }),
  },
  'charts.kwic': {
    effect: 'read',
    input: z.object({
      entityId: id,
      tagId: id.optional(),
      articleId: id.optional(),
      bucket: z.string().max(10).optional(),
      filters: chartFilters.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    output: z.object({ lines: z.array(kwicLine), total: z.number().int() }),
  },

  'variables.list': {
    effect: 'read',
    input: empty,
    output: z.object({ variables: z.array(variable) }),
  },
  'variables.create': {
    effect: 'write',
    input: z.object({
      name: variableName,
      type: variableType,
      description: shortText(2000).optional(),
      categories: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
    }),
    output: variable,
  },
  /** Renames a variable, changes its description, or (for a category) its list of values. */
  'variables.update': {
    effect: 'write',
    input: z.object({
      id,
      name: variableName.optional(),
      description: shortText(2000).optional(),
      categories: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
    }),
    output: variable,
  },
  'variables.delete': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ deletedValues: z.number().int() }),
  },
  /** Sets (or with value null clears) one variable for many articles at once: by id, or all matching a filter. */
  'variables.setValue': {
    effect: 'write',
    input: z
      .object({
        variableId: z.union([id, builtinVariable]),
        value: variableValue.nullable(),
        articleIds: z.array(id).optional(),
        filter: articleFilter.optional(),
      })
      .refine((i) => (i.articleIds === undefined) !== (i.filter === undefined), { message: 'give either articleIds or a filter', path: ['articleIds'] }),
    output: z.object({ changed: z.number().int(), articles: z.number().int() }),
  },
  /**
   * Variable values from a CSV: a key column names the article (id, URL or exact title), every other
   * column a variable. With dryRun the preview is returned and nothing is written.
   */
  'variables.importCsv': {
    effect: 'write',
    input: z.object({ csv: z.string().max(20 * 1024 * 1024), key: z.enum(['id', 'url', 'title']), dryRun: z.boolean().optional() }),
    output: z.object({
      keyColumn: z.string(),
      variables: z.array(z.object({ column: z.string(), variableId: id })),
      rows: z.number().int(),
      matched: z.number().int(),
      unmatched: z.array(z.object({ line: z.number().int(), key: z.string() })),
      changed: z.number().int(),
      written: z.boolean(),
    }),
  },
  /** Every article (or those matching the filter) with its built-in and own variables, as CSV. */
  'variables.exportCsv': {
    effect: 'read',
    input: z.object({ filter: articleFilter.optional(), bom: z.boolean().optional() }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },

  /** Prevalence of the sides overall and per group, and the group × side crosstab with its tests. */
  'compare.summary': {
    effect: 'read',
    input: z.object({ comparison, filter: articleFilter.optional() }),
    output: compareResult,
  },

  /** Passages and share of articles per week, month or year, one series per side. */
  'compare.timeline': {
    effect: 'read',
    input: z.object({ comparison, unit: z.enum(['week', 'month', 'year']).optional(), filter: articleFilter.optional() }),
    output: z.object({
      buckets: z.array(z.string()),
      /** Dated articles in each bucket (the denominator of the shares). */
      articles: z.array(z.number().int()),
      series: z.array(z.object({ key: z.string(), passages: z.array(z.number().int()), articleShare: z.array(z.number()) })),
      /** Articles matched by the filter that have no publication date, left out of the series. */
      undated: z.number().int(),
    }),
  },
  /**
   * How often tags overlap in a passage and meet in an article: for the given tags (each with its
   * subtags), or the whole codebook (each tag on its own).
   */
  'compare.cooccurrence': {
    effect: 'read',
    input: z.object({ tagIds: z.array(id).max(200).optional(), filter: articleFilter.optional() }),
    output: cooccurrenceResult,
  },
  /** The passages (scope passage) or articles (scope article) behind one cell of the co-occurrence matrix. */
  'compare.cooccurrenceList': {
    effect: 'read',
    input: z.object({
      a: id,
      b: id,
      rollup: z.boolean().optional(),
      scope: z.enum(['passage', 'article']),
      filter: articleFilter.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    output: z.object({ lines: z.array(termLine), total: z.number().int() }),
  },
  /** Words, or entities, over-represented in one side's passages against the other sides' (weighted log-odds). */
  'compare.distinctive': {
    effect: 'read',
    input: z.object({
      comparison,
      side: z.number().int().nonnegative(),
      kind: z.enum(['words', 'entities']),
      filter: articleFilter.optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.object({
      terms: z.array(distinctiveTerm),
      /** Words (or entity mentions) counted on the side and on the others. */
      total: z.number().int(),
      otherTotal: z.number().int(),
      /** Why no ranking could be made (nothing on one side), in words; null when there is one. */
      message: z.string().nullable(),
    }),
  },
  /** Keyword in context: the uses of a distinctive word or entity in one side's passages. */
  'compare.termLines': {
    effect: 'read',
    input: z.object({
      comparison,
      side: z.number().int().nonnegative(),
      kind: z.enum(['words', 'entities']),
      term: z.string().min(1).max(300),
      filter: articleFilter.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    output: z.object({ lines: z.array(termLine), total: z.number().int() }),
  },

  /** One row per article (or passage) with its variables, one column per tag: counts or 0/1. */
  'export.matrix': {
    effect: 'read',
    input: z.object({
      unit: z.enum(['article', 'passage']).optional(),
      measure: z.enum(['count', 'presence']).optional(),
      /** Subtags count in their parents (default true). */
      rollup: z.boolean().optional(),
      filter: articleFilter.optional(),
      bom: z.boolean().optional(),
    }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int(), columns: z.number().int() }),
  },
  /** Tag × tag counts: overlapping passages (scope passage) or shared articles (scope article). */
  'export.cooccurrence': {
    effect: 'read',
    input: z.object({ scope: z.enum(['passage', 'article']).optional(), filter: articleFilter.optional(), bom: z.boolean().optional() }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int(), columns: z.number().int() }),
  },
  'export.csv': {
    effect: 'read',
    input: z.object({
      tagIds: z.array(id).optional(),
      articleIds: z.array(id).optional(),
      filter: articleFilter.optional(),
      bom: z.boolean().optional(),
      raw: z.boolean().optional(),
    }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** The API as the renderer sees it: one async function per method. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/** The application's side: one synchronous handler per method, given parsed input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> };

/** BUSY: another program kept the project's write lock past the wait; READ_ONLY: the project cannot be changed. */
export const errorCodes = ['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'UNKNOWN_METHOD', 'UNSUPPORTED', 'BUSY', 'READ_ONLY', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];
export type ApiError = { code: ErrorCode; message: string };
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const methods = Object.keys(contract) as Method[];
