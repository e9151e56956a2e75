// Agreement between coders, per tag and over all tags: percent agreement, Cohen's kappa, Krippendorff's
// alpha at the character level, unitized alpha over passages, and alpha at the article level for "the
// tag occurs in the article" and for article-level codes; with bootstrap intervals when asked.
import type { Db } from '../../../db/connection.ts';
import type { AgreementInput, AgreementResult, AgreementRow, BootstrapInterval, Measure } from '../../api/team-methods.ts';
import { notFound } from '../errors.ts';
import { PATH_SEPARATOR, type TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import type { CoderService } from '../coders/store.ts';
import {
  bootstrapAlpha,
  cohenKappa,
  krippendorffAlphaNominal,
  percentAgreement,
  unitizedAlpha,
  type AlphaResult,
  type UnitRow,
} from '../analysis/agreement.ts';
import { gatherCoding, mergeSpans, patternLengths, type CodingData, type Span } from './units.ts';

type Deps = { tags: TagService; variables: VariableService; coders: CoderService };
type Bootstrap = AgreementInput['bootstrap'];

const NOBODY_USED = 'No chosen coder used this tag in these articles, so there is nothing to agree on: the figure is undefined.';
const undefinedMeasure = (reason: string): Measure => ({ ok: false, reason });

/** Counts of code points per pattern of coders (bit i: coder i marked the unit) as reliability data. */
function patternRows(lengths: ArrayLike<number>, coders: number): UnitRow<number>[] {
  const rows: UnitRow<number>[] = [];
  for (let mask = 0; mask < lengths.length; mask++) {
    const count = lengths[mask]!;
    if (count > 0) rows.push({ values: Array.from({ length: coders }, (_, i) => (mask >> i) & 1), count });
  }
  return rows;
}

/** Units at least one coder marked: every pattern but the empty one. */
function markedUnits(lengths: ArrayLike<number>): number {
  let sum = 0;
  for (let mask = 1; mask < lengths.length; mask++) sum += lengths[mask]!;
  return sum;
}

const alphaMeasure = (r: AlphaResult): Measure => (r.ok ? { ok: true, value: r.alpha } : undefinedMeasure(r.message));

function interval(clusters: UnitRow<number>[][], bootstrap: NonNullable<Bootstrap>): BootstrapInterval | null {
  const b = bootstrapAlpha(clusters, { seed: bootstrap.seed, resamples: bootstrap.resamples ?? 1000, thresholds: [0.667, 0.8] });
  if (!b.ok) return null;
  const below = (t: number) => b.belowThreshold.find((x) => x.threshold === t)?.probability ?? 0;
  return {
    low: b.low,
    high: b.high,
    seed: b.seed,
    resamples: b.resamples,
    undefinedResamples: b.undefinedResamples,
    below667: below(0.667),
    below800: below(0.8),
  };
}

/** Percent agreement, kappa (two coders) and alpha over character units, or why each is undefined. */
function characterFigures(rows: UnitRow<number>[], coders: number, marked: number) {
  if (marked === 0)
    return { percent: undefinedMeasure(NOBODY_USED), kappa: coders === 2 ? undefinedMeasure(NOBODY_USED) : null, alpha: undefinedMeasure(NOBODY_USED) };
  const percent = percentAgreement(rows);
  const kappa = coders === 2 ? cohenKappa(rows) : null;
  return {
    percent: percent.ok ? { ok: true as const, value: percent.agreement } : undefinedMeasure(percent.message),
    kappa: kappa === null ? null : kappa.ok ? { ok: true as const, value: kappa.kappa } : undefinedMeasure(kappa.message),
    alpha: alphaMeasure(krippendorffAlphaNominal(rows)),
  };
}

/** Each article's code points per coder pattern, its merged passages, and what each coder coded of the tag in it. */
function tagCoding(data: CodingData, tagIds: readonly number[]) {
  return data.articles.map((article) => {
    const perCoder: Span[][] = data.coders.map(() => []);
    const wholeArticle = data.coders.map(() => false);
    for (const tagId of tagIds) {
      data.passages
        .get(tagId)
        ?.get(article.id)
        ?.forEach((spans, i) => perCoder[i]!.push(...spans));
      data.articleCodes
        .get(tagId)
        ?.get(article.id)
        ?.forEach((has, i) => (wholeArticle[i] ||= has));
    }
    const merged = perCoder.map(mergeSpans);
    return { length: article.length, merged, wholeArticle, lengths: patternLengths(article.length, merged) };
  });
}

type TagCoding = ReturnType<typeof tagCoding>;

function tagRow(data: CodingData, coding: TagCoding, bootstrap: Bootstrap): Omit<AgreementRow, 'tagId' | 'tag' | 'articles' | 'characters'> {
  const k = data.coders.length;
  const total = new Float64Array(1 << k);
  for (const a of coding) a.lengths.forEach((n, mask) => (total[mask]! += n));
  const marked = markedUnits(total);
  const anyArticleCode = coding.some((a) => a.wholeArticle.some(Boolean));
  const used = marked > 0 || anyArticleCode;
  const presence = coding.map((a) => ({ values: a.merged.map((spans, i) => (spans.length > 0 || a.wholeArticle[i] ? 1 : 0)) }));
  const wholeArticle = coding.map((a) => ({ values: a.wholeArticle.map((c) => (c ? 1 : 0)) }));
  const continua = coding.map((a) => ({ length: a.length, segments: a.merged.flatMap((spans, coder) => spans.map((s) => ({ coder, ...s }))) }));
  return {
    codedCharacters: marked,
    ...characterFigures(patternRows(total, k), k, marked),
    unitizedAlpha: marked > 0 ? alphaMeasure(unitizedAlpha(continua, k)) : undefinedMeasure(NOBODY_USED),
    presenceAlpha: used ? alphaMeasure(krippendorffAlphaNominal(presence)) : undefinedMeasure(NOBODY_USED),
    articleCodeAlpha: anyArticleCode
      ? alphaMeasure(krippendorffAlphaNominal(wholeArticle))
      : undefinedMeasure('No chosen coder applied this tag to a whole article.'),
    interval:
      bootstrap && marked > 0
        ? interval(
            coding.map((a) => patternRows(a.lengths, k)),
            bootstrap,
          )
        : null,
  };
}

/**
 * All chosen tags together: every tag's own passages (not its subtags', so that a passage counts once)
 * over its own copy of the articles' code points.
 */
function pooledRow(data: CodingData, codings: readonly TagCoding[], bootstrap: Bootstrap) {
  const k = data.coders.length;
  const total = new Float64Array(1 << k);
  const perArticle = data.articles.map(() => new Float64Array(1 << k));
  for (const coding of codings) {
    coding.forEach((a, i) =>
      a.lengths.forEach((n, mask) => {
        total[mask]! += n;
        perArticle[i]![mask]! += n;
      }),
    );
  }
  const marked = markedUnits(total);
  const perTagOnly = undefinedMeasure('Given for each tag on its own.');
  return {
    codedCharacters: marked,
    ...characterFigures(patternRows(total, k), k, marked),
    unitizedAlpha: perTagOnly,
    presenceAlpha: perTagOnly,
    articleCodeAlpha: perTagOnly,
    interval:
      bootstrap && marked > 0
        ? interval(
            perArticle.map((lengths) => patternRows(lengths, k)),
            bootstrap,
          )
        : null,
  };
}

export function agreementReport(db: Db, deps: Deps, input: AgreementInput): AgreementResult {
  const data = gatherCoding(db, deps, input);
  const characters = data.articles.reduce((sum, a) => sum + a.length, 0);
  const base = { coders: data.coders, articles: data.articles.length, characters, rows: [] };
  if (data.coders.length < 2) {
    return { ...base, message: `Agreement needs two coders or more; only "${data.coders[0]}" was chosen. Choose another coder to compare with.` };
  }
  if (data.articles.length === 0) {
    const each = data.coders.map((c, i) => `"${c}" coded ${data.codedBy[i]}`).join(', ');
    return { ...base, message: `These coders have no article in common (of the articles chosen, ${each}), so there is nothing to compare.` };
  }
  const all = deps.tags.list();
  const byId = new Map(all.map((t) => [t.id, t]));
  const chosen = input.tagIds ?? all.map((t) => t.id);
  for (const id of chosen) if (!byId.has(id)) throw notFound(`Tag ${id}`);
  const head = { articles: data.articles.length, characters };
  const bootstrapFor = (rows: 'tags' | 'all') => (input.bootstrap && [rows, 'both'].includes(input.bootstrap.rows ?? 'both') ? input.bootstrap : undefined);
  // Each tag's own passages, worked out once: the pooled row uses them, and so does a tag without subtags.
  const own = new Map(chosen.map((id) => [id, tagCoding(data, [id])]));
  const codingOf = (id: number) => {
    const ids = (input.rollup ?? true) ? deps.tags.subtree(id) : [id];
    return ids.length === 1 ? own.get(id)! : tagCoding(data, ids);
  };
  const rows: AgreementRow[] = [
    {
      tagId: null,
      tag: input.tagIds ? `All ${chosen.length} chosen tags` : 'All tags',
      ...head,
      characters: characters * chosen.length,
      ...pooledRow(data, [...own.values()], bootstrapFor('all')),
    },
    ...chosen.map((id) => ({ tagId: id, tag: byId.get(id)!.path.join(PATH_SEPARATOR), ...head, ...tagRow(data, codingOf(id), bootstrapFor('tags')) })),
  ];
  return { ...base, rows, message: null };
}
