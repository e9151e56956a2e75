// The tagger over one text: decode the windows around capitalised words and return the names it
// marks, with the confidence of each (the least probable of its labels).
import type { Context } from '../detector.ts';
import type { EntityType, Mention } from '../types.ts';
import { emissions, marginals, viterbi } from './decode.ts';
import { FeatureBuffer, TokenFacts, windowFeatures, windowsOf } from './features.ts';
import type { TaggerModel } from './model.ts';
import { spansOf, TAG_COUNT, TYPES } from './tags.ts';

export type TaggedSpan = { first: number; last: number; type: EntityType; confidence: number };

export type Tagging = {
  spans: TaggedSpan[];
  /** Probability that token k is outside any name (1 for tokens the tagger did not look at). */
  outside(k: number): number;
};

/** `rules`: the rule detector's mentions of the same text, needed by a model trained on them. */
export function tagSpans(ctx: Context, model: TaggerModel, rules: Mention[] | null): Tagging {
  const facts = new TokenFacts(ctx, model.options.rules ? rules : null);
  const out: TaggedSpan[] = [];
  const outside = new Float32Array(ctx.tokens.length).fill(1);
  // Tokens the rules call a name: the tagger's doubt about them decides whether the rules' name stays.
  const ruled = facts.ruleTag;
  const buffer = new FeatureBuffer();
  let em = new Float32Array(32 * TAG_COUNT);
  let tags = new Uint8Array(32);
  for (const w of windowsOf(ctx)) {
    const len = w.to - w.from;
    const { feats, offsets } = windowFeatures(facts, w, model.options, buffer);
    if (em.length < len * TAG_COUNT) em = new Float32Array(len * TAG_COUNT * 2);
    if (tags.length < len) tags = new Uint8Array(len * 2);
    emissions(model, feats, offsets, em);
    const labels = tags.subarray(0, len);
    viterbi(model, em, len, labels);
    const spans = spansOf(labels, w.from);
    let named = spans.length > 0;
    for (let k = w.from; k < w.to && !named; k++) if (ruled[k]) named = true;
    if (!named) continue;
    const p = marginals(model, em, len);
    for (let k = w.from; k < w.to; k++) if (ruled[k]) outside[k] = p[(k - w.from) * TAG_COUNT]!;
    for (const s of spans) {
      let confidence = 1;
      for (let k = s.first; k <= s.last; k++) confidence = Math.min(confidence, p[(k - w.from) * TAG_COUNT + labels[k - w.from]!]!);
      out.push({ first: s.first, last: s.last, type: TYPES[s.type]!, confidence });
    }
  }
  return { spans: out, outside: (k) => outside[k]! };
}
