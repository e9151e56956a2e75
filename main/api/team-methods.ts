// The API of coding as a team: coders, article-level codes, articles marked done, reliability between
// coders, disagreement review and adjudication, reliability samples. Part of the one contract.
import { z } from 'zod';
import { articleFilter, color, empty, id, shortText, type MethodSpec } from './schemas.ts';

const coderName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'a coder needs a name').max(100, 'a coder name is at most 100 characters'));

export const coder = z.object({
  id,
  name: z.string(),
  color: z.string(),
  /** Holds the adjudicated codes of a disagreement review, apart from the coders' own work. */
  consensus: z.boolean(),
  annotations: z.number().int(),
  articleCodes: z.number().int(),
  /** Articles with at least one of the coder's codes or marked done by the coder. */
  articlesCoded: z.number().int(),
  articlesDone: z.number().int(),
});
export type Coder = z.infer<typeof coder>;

export const articleCode = z.object({
  id,
  uuid: z.string(),
  articleId: id,
  tagId: id,
  annotator: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ArticleCode = z.infer<typeof articleCode>;

/** A figure that may not exist for the data: then the reason says why, in words. */
export const measure = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.number() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type Measure = z.infer<typeof measure>;

export const bootstrapInterval = z.object({
  low: z.number(),
  high: z.number(),
  seed: z.number().int(),
  resamples: z.number().int(),
  /** Resamples in which alpha was undefined (no variation), left out of the interval. */
  undefinedResamples: z.number().int(),
  /** The share of resamples with alpha below .667 and below .800. */
  below667: z.number(),
  below800: z.number(),
});
export type BootstrapInterval = z.infer<typeof bootstrapInterval>;

export const agreementRow = z.object({
  /** null: all chosen tags together. */
  tagId: id.nullable(),
  tag: z.string(),
  /** Articles coded by every chosen coder, and their characters (the units of the character-level figures). */
  articles: z.number().int(),
  characters: z.number().int(),
  /** Characters that at least one coder put inside a passage with this tag. */
  codedCharacters: z.number().int(),
  percent: measure,
  /** Two coders only; null otherwise. */
  kappa: measure.nullable(),
  alpha: measure,
  unitizedAlpha: measure,
  /** Alpha over articles of "the tag occurs in the article" (in a passage or as an article-level code). */
  presenceAlpha: measure,
  /** Alpha over articles of the tag applied to the article as a whole. */
  articleCodeAlpha: measure,
  /** The bootstrap interval of the character-level alpha, when asked for. */
  interval: bootstrapInterval.nullable(),
});
export type AgreementRow = z.infer<typeof agreementRow>;

export const agreementInput = z.object({
  coders: z.array(coderName).min(1).max(20),
  tagIds: z.array(id).max(500).optional(),
  /** A tag counts its subtags' passages (default true). */
  rollup: z.boolean().optional(),
  articleIds: z.array(id).max(100000).optional(),
  filter: articleFilter.optional(),
  /** Bootstrap intervals for the chosen tags (resampling articles); omit for the point figures alone. */
  bootstrap: z
    .object({
      resamples: z.number().int().min(100).max(10000).optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
      /** Intervals for the tags' rows only, for the "all tags" row only, or (default) for both. */
      rows: z.enum(['tags', 'all', 'both']).optional(),
    })
    .optional(),
});
export type AgreementInput = z.infer<typeof agreementInput>;

export const agreementResult = z.object({
  coders: z.array(z.string()),
  articles: z.number().int(),
  characters: z.number().int(),
  rows: z.array(agreementRow),
  /** Why there are no figures (one coder, no article in common), or null. */
  message: z.string().nullable(),
});
export type AgreementResult = z.infer<typeof agreementResult>;

export const disagreement = z.object({
  articleId: id,
  articleTitle: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** Only the first coder marked it with the tag, only the second, one marked it with another tag, or both marked it with different bounds. */
  kind: z.enum(['onlyFirst', 'onlySecond', 'otherTag', 'boundaries']),
  /** Each coder's annotations overlapping the stretch (ids, tags, spans). */
  first: z.array(z.object({ id, tagId: id, start: z.number().int(), end: z.number().int() })),
  second: z.array(z.object({ id, tagId: id, start: z.number().int(), end: z.number().int() })),
});
export type Disagreement = z.infer<typeof disagreement>;

const addedMatched = z.object({ added: z.number().int(), matched: z.number().int() });
const addedSkipped = z.object({ added: z.number().int(), skipped: z.number().int() });

/** What a merge did, or in a dry run would do; `path` is where the uploaded copy was read from. */
export const mergeReport = z.object({
  path: z.string(),
  articles: addedMatched,
  tags: addedMatched,
  variables: addedMatched.extend({ categoriesAdded: z.number().int() }),
  values: z.object({ added: z.number().int() }),
  annotations: addedSkipped,
  articleCodes: addedSkipped,
  doneMarks: z.object({ added: z.number().int() }),
  coders: z.object({ added: z.number().int() }),
  curation: z.object({ added: z.number().int() }),
  conflicts: z.array(z.string()),
  notes: z.array(z.string()),
});
export type MergeReportOutput = z.infer<typeof mergeReport>;

export const teamMethods = {
  'coders.list': {
    effect: 'read',
    input: empty,
    output: z.object({ coders: z.array(coder) }),
  },
  'coders.create': {
    effect: 'write',
    input: z.object({ name: coderName, color: color.optional(), consensus: z.boolean().optional() }),
    output: coder,
  },
  /** A new name is carried to every annotation, article-level code and done mark of the coder. */
  'coders.update': {
    effect: 'write',
    input: z.object({ id, name: coderName.optional(), color: color.optional() }),
    output: coder,
  },
  /** For each article of the filter, the coders who coded it and those who marked it done. */
  'coders.progress': {
    effect: 'read',
    input: z.object({ articleIds: z.array(id).max(100000).optional() }),
    output: z.object({ articles: z.array(z.object({ articleId: id, coded: z.array(z.string()), done: z.array(z.string()) })) }),
  },

  'articleCodes.list': {
    effect: 'read',
    input: z.object({ articleId: id }),
    output: z.object({ codes: z.array(articleCode) }),
  },
  /** Applies a tag to the article as a whole for a coder; applying it again returns the code that exists. */
  'articleCodes.add': {
    effect: 'write',
    input: z.object({ articleId: id, tagId: id, annotator: coderName.optional(), note: shortText(20000).optional() }),
    output: articleCode,
  },
  'articleCodes.remove': {
    effect: 'write',
    input: z.object({ id }),
    output: z.object({ removed: articleCode }),
  },
  /** Marks an article as coded by a coder, even where nothing in it applies (or takes the mark back). */
  'articles.setDone': {
    effect: 'write',
    input: z.object({ articleId: id, annotator: coderName.optional(), done: z.boolean() }),
    output: z.object({ articleId: id, annotator: z.string(), done: z.boolean() }),
  },

  'reliability.agreement': {
    effect: 'read',
    input: agreementInput,
    output: agreementResult,
  },
  /** The stretches two coders coded differently for one tag, in article order. */
  'reliability.disagreements': {
    effect: 'read',
    input: z.object({
      coders: z.tuple([coderName, coderName]),
      tagId: id,
      rollup: z.boolean().optional(),
      filter: articleFilter.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    output: z.object({ disagreements: z.array(disagreement), total: z.number().int() }),
  },
  /**
   * Settles a disagreement into the consensus coder: keep the first coder's version, the second's, both,
   * or neither. The coders' own annotations stay as they are; the consensus coder's codes over the
   * stretch are replaced.
   */
  'reliability.adjudicate': {
    effect: 'write',
    input: z.object({
      consensus: coderName,
      articleId: id,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      decision: z.enum(['first', 'second', 'both', 'neither']),
      first: z.array(id).max(1000),
      second: z.array(id).max(1000),
    }),
    output: z.object({ created: z.number().int(), removed: z.number().int() }),
  },
  /** Draws a random sample of articles, optionally stratified by a variable, and marks it with a yes/no variable. */
  'reliability.sample': {
    effect: 'write',
    input: z
      .object({
        n: z.number().int().optional(),
        percent: z.number().optional(),
        by: z.union([id, z.enum(['source', 'author', 'language', 'publishedAt'])]).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
        filter: articleFilter.optional(),
        /** The yes/no variable that marks the sample; created when missing (default "Reliability sample"). */
        markAs: shortText(100).optional(),
      })
      .refine((s) => (s.n === undefined) !== (s.percent === undefined), { message: 'give the sample size as n or as a percentage, not both', path: ['n'] }),
    output: z.object({
      articleIds: z.array(id),
      seed: z.number().int(),
      variableId: id,
      strata: z.array(z.object({ value: z.string().nullable(), articles: z.number().int(), drawn: z.number().int() })),
    }),
  },
  /**
   * Brings a colleague's project file, uploaded whole, into this one (see `framelens merge`). The copy is
   * written to a private temporary file, read from there and deleted; a dry run reports and writes nothing.
   */
  'project.merge': {
    effect: 'write',
    input: z.object({ fileName: z.string().min(1).max(500), dataBase64: z.string().min(1), dryRun: z.boolean().optional() }),
    output: mergeReport,
  },
} as const satisfies Record<string, MethodSpec>;
