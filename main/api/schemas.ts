// The shapes the API carries: inputs, outputs and the values inside them, validated with zod at every
// transport. The methods that use them are in contract.ts.
import { z } from 'zod';

export const id = z.number().int().positive();
export const shortText = (max: number) => z.string().max(max);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
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
  /** Only these coders' passages and whole-article codes count where codes are counted (everyone's when absent). */
  coders: z.array(z.string().trim().min(1).max(100)).min(1).max(50).optional(),
  /** 'once': each family of near-duplicate copies counts once, by its original (see copies.find). */
  copies: z.enum(['all', 'once']).optional(),
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
  /** null: the article holds the tag as a whole-article code, and the line shows its opening. */
  annotationId: id.nullable(),
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
  /** The original of the article's copy family when the article is a near-duplicate copy (see copies.find). */
  copyOf: id.nullable(),
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
  /** Stable across export and merge: the same passage has the same uuid in every copy of a project. */
  uuid: z.string(),
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

export const empty = z.object({}).strict();

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
export type MethodSpec = { effect: 'read' | 'write'; input: z.ZodType; output: z.ZodType };

const columnIndex = z.number().int().min(0).max(100_000);

/** Which column holds what in a spreadsheet of articles (null or absent: none). */
export const sheetMapping = z.object({
  text: columnIndex.nullable().optional(),
  title: columnIndex.nullable().optional(),
  source: columnIndex.nullable().optional(),
  publishedAt: columnIndex.nullable().optional(),
  author: columnIndex.nullable().optional(),
  url: columnIndex.nullable().optional(),
  language: columnIndex.nullable().optional(),
  variables: z
    .array(z.object({ column: columnIndex, name: variableName }))
    .max(500)
    .optional(),
});

/** An id the caller chooses for a long call, to follow it with jobs.progress and stop it with jobs.cancel. */
export const jobId = z.string().min(1).max(100);

export const sheetFile = z.object({
  name: z.string().min(1).max(500),
  dataBase64: z.string(),
  encoding: z.enum(['utf-8', 'windows-1252']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
});
