// The one declaration of Framelens's API. Every transport (Electron IPC, the web host, the renderer's
// client) derives from this map; nothing here is declared twice. Offsets crossing this boundary are
// UTF-16 code units (JavaScript's own), end exclusive; exports convert to code points.
import { z } from 'zod';
import {
  id,
  shortText,
  empty,
  articleMetaInput,
  MAX_ARTICLE_BYTES,
  utf8Length,
  articleFilter,
  comparison,
  annotation,
  tag,
  article,
  articleSummary,
  articleListItem,
  importResult,
  variable,
  variableType,
  variableValue,
  variableName,
  sheetFile,
  jobId,
  sheetMapping,
  builtinVariable,
  entity,
  entityType,
  mention,
  chartFilters,
  kwicLine,
  detectionProgress,
  compareResult,
  distinctiveTerm,
  termLine,
  cooccurrenceResult,
  tagName,
  color,
  shortcut,
  type MethodSpec,
} from './schemas.ts';
import { teamMethods } from './team-methods.ts';
import { exchangeMethods } from './exchange-methods.ts';

export * from './schemas.ts';
export * from './team-methods.ts';

/** Why an entity, or a group of its mentions, has its type: detection's reason or the analyst's choice. */
const entityTypeReason = z.object({
  type: entityType,
  source: z.string(),
  detail: z.string(),
  /** The trained tagger's confidence (0–1) when it chose the type. */
  confidence: z.number().nullable(),
  /** No trained tagger serves the language: the rules alone decided. */
  rulesOnly: z.boolean(),
});
/** Two entities that look like one across languages (exonym, transliteration, acronym and expansion). */
const entityLinkProposal = z.object({
  id,
  entity,
  other: entity,
  kind: z.enum(['exonym', 'transliteration', 'acronym']),
  confidence: z.number(),
  evidence: z.string(),
});
const entityLinks = z.object({ proposals: z.array(entityLinkProposal), autoApplyAbove: z.number().nullable() });

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
      /** Split each file into its articles as a news-database export (a layout found, or the delimiter line given). */
      split: z.object({ split: z.boolean().optional(), delimiter: shortText(200).trim().min(1).optional() }).optional(),
      job: jobId.optional(),
    }),
    output: z.object({ results: z.array(importResult) }),
  },
  /** How a file would split into articles as a news-database export: the layout, the count and the first titles. */
  'articles.previewSplit': {
    effect: 'read',
    input: z.object({ name: z.string().min(1).max(500), dataBase64: z.string(), delimiter: shortText(200).trim().min(1).optional() }),
    output: z.object({
      layout: z.string().nullable(),
      label: z.string().nullable(),
      count: z.number().int(),
      first: z.array(z.object({ title: z.string().optional(), source: z.string().optional(), publishedAt: z.string().optional() })),
    }),
  },
  /** A spreadsheet of articles (CSV or XLSX) before import: its columns, first rows and a mapping, guessed or remembered. */
  'articles.previewSheet': {
    effect: 'read',
    input: sheetFile,
    output: z.object({
      columns: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      rows: z.number().int(),
      mapping: sheetMapping,
      remembered: z.boolean(),
      dateOrderOpen: z.boolean(),
    }),
  },
  /** One article per row, the columns mapped as the analyst chose; the whole file in one transaction. */
  'articles.importSheet': {
    effect: 'write',
    input: sheetFile.extend({
      mapping: sheetMapping,
      dateOrder: z.enum(['dmy', 'mdy']).optional(),
      meta: articleMetaInput.optional(),
      job: jobId.optional(),
    }),
    output: z.object({ results: z.array(importResult) }),
  },
  /** Finds the families of near-duplicate articles among all of them and keeps them (replacing the last search's). */
  'copies.find': {
    effect: 'write',
    input: z.object({ threshold: z.number().min(0.5).max(1).optional(), job: jobId.optional() }),
    output: z.object({ families: z.number().int(), copies: z.number().int(), threshold: z.number() }),
  },
  /** How far a long call named with `job` has come; `running` is false once it has answered (or before it starts). */
  'jobs.progress': {
    effect: 'read',
    input: z.object({ job: jobId }),
    output: z.object({ running: z.boolean(), phase: z.string(), done: z.number().int(), total: z.number().int() }),
  },
  /** Stops a long call at the next point where stopping leaves the project as it was before that file. */
  'jobs.cancel': {
    effect: 'read',
    input: z.object({ job: jobId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** The kept copy families: each original with its copies and their similarity. */
  'copies.list': {
    effect: 'read',
    input: empty,
    output: z.object({
      families: z.array(z.object({ original: id, copies: z.array(z.object({ id, similarity: z.number() })) })),
    }),
  },
  'articles.list': {
    effect: 'read',
    input: z.object({
      search: z.string().max(500).optional(),
      conditions: articleFilter.shape.conditions,
      copies: articleFilter.shape.copies,
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
  /** Why the entity has its type: the reason it was first given, and how its mentions were typed. */
  'entities.why': {
    effect: 'read',
    input: z.object({ id }),
    output: z.object({
      type: entityType,
      reason: entityTypeReason.nullable(),
      mentions: z.array(entityTypeReason.extend({ count: z.number().int() })),
      /** Mentions stored before reasons were kept. */
      unexplained: z.number().int(),
    }),
  },
  /** The last search's proposals of entities that are one across languages. */
  'entities.links': {
    effect: 'read',
    input: empty,
    output: entityLinks,
  },
  /** Searches the project for such entities afresh; proposals at or above the auto-apply confidence are merged at once. */
  'entities.findLinks': {
    effect: 'write',
    input: empty,
    output: entityLinks.extend({ applied: z.number().int() }),
  },
  /** Merges the two entities of a proposal (into the one with more mentions); both keep their names as aliases. */
  'entities.acceptLink': {
    effect: 'write',
    input: z.object({ id }),
    output: entity,
  },
  /** The two are not one: the pair of names is not proposed again. */
  'entities.rejectLink': {
    effect: 'write',
    input: z.object({ id }),
    output: entityLinks,
  },
  /** Proposals at or above this confidence are applied without asking; null asks for every one. */
  'entities.setLinkAutoApply': {
    effect: 'write',
    input: z.object({ above: z.number().gt(0).max(1).nullable() }),
    output: z.object({ autoApplyAbove: z.number().nullable() }),
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
  ...teamMethods,
  ...exchangeMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** The API as the renderer sees it: one async function per method. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/**
 * Methods that answer asynchronously: importing files converts them first (Word, web pages, feeds), and
 * the converters read outside formats with libraries that work asynchronously. Each file's articles are
 * written in a transaction of their own, so a batch stopped half-way keeps the files already imported.
 */
export const asyncMethods = ['articles.importFiles', 'articles.previewSheet', 'articles.importSheet', 'articles.previewSplit', 'copies.find'] as const;
export type AsyncMethod = (typeof asyncMethods)[number];
export const isAsyncMethod = (method: Method): method is AsyncMethod => (asyncMethods as readonly string[]).includes(method);

/** The application's side: one handler per method, given parsed input; synchronous but for `asyncMethods`. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => M extends AsyncMethod ? Promise<Output<M>> : Output<M> };

/** BUSY: another program kept the project's write lock past the wait; READ_ONLY: the project cannot be changed. */
export const errorCodes = ['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'UNKNOWN_METHOD', 'UNSUPPORTED', 'BUSY', 'READ_ONLY', 'CANCELLED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];
export type ApiError = { code: ErrorCode; message: string };
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const methods = Object.keys(contract) as Method[];
