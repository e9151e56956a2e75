// Training by the averaged structured perceptron (Collins 2002): decode each example with the current
// weights and, where the labels are wrong, move the weights towards the right labels and away from
// the decoded ones. The average of the weights over all steps is kept: it generalises much better
// than the last weights.
import { emissions, viterbi } from './decode.ts';
import type { FeatureOptions } from './features.ts';
import { emptyModel, type TaggerModel } from './model.ts';
import { TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;

export type Example = {
  feats: Uint32Array;
  offsets: Uint32Array;
  /** The right label of each token. */
  gold: Uint8Array;
  /**
   * Called with the decoded labels before an update; may change `gold` where the data has no opinion
   * (a source without MISC says nothing about MISC names).
   */
  adjust?: (gold: Uint8Array, predicted: Uint8Array) => Uint8Array;
};

export class Perceptron {
  readonly model: TaggerModel;
  /** Sum over steps of step × change, for the average (Daumé's trick: no per-step copy of the weights). */
  private readonly weightSums: Float64Array;
  private readonly transitionSums: Float64Array;
  private step = 1;
  private readonly mask: number;

  constructor(lang: string, bucketBits: number, options: FeatureOptions) {
    this.model = emptyModel(lang, bucketBits, options);
    this.weightSums = new Float64Array(this.model.weights.length);
    this.transitionSums = new Float64Array(this.model.transitions.length);
    this.mask = (1 << bucketBits) - 1;
  }

  /** One pass over the examples in the given order; returns the number of examples decoded wrongly. */
  epoch(examples: Example[], order: number[]): number {
    let wrong = 0;
    let em = new Float32Array(64 * T);
    let predicted = new Uint8Array(64);
    for (const index of order) {
      const ex = examples[index]!;
      const len = ex.offsets.length - 1;
      if (len === 0) continue;
      if (em.length < len * T) em = new Float32Array(len * T * 2);
      if (predicted.length < len) predicted = new Uint8Array(len * 2);
      emissions(this.model, ex.feats, ex.offsets, em);
      const pred = predicted.subarray(0, len);
      viterbi(this.model, em, len, pred);
      const gold = ex.adjust ? ex.adjust(ex.gold, pred) : ex.gold;
      let same = true;
      for (let i = 0; i < len; i++) if (gold[i] !== pred[i]) same = false;
      if (!same) {
        wrong++;
        this.update(ex, gold, pred);
      }
      this.step++;
    }
    return wrong;
  }

  private update(ex: Example, gold: Uint8Array, pred: Uint8Array) {
    const w = this.model.weights;
    const ws = this.weightSums;
    const tr = this.model.transitions;
    const ts = this.transitionSums;
    const c = this.step;
    const len = gold.length;
    for (let i = 0; i < len; i++) {
      const g = gold[i]!;
      const p = pred[i]!;
      const gp = i === 0 ? T : gold[i - 1]!;
      const pp = i === 0 ? T : pred[i - 1]!;
      if (g !== p) {
        for (let f = ex.offsets[i]!; f < ex.offsets[i + 1]!; f++) {
          const row = (ex.feats[f]! & this.mask) * T;
          w[row + g]! += 1;
          ws[row + g]! += c;
          w[row + p]! -= 1;
          ws[row + p]! -= c;
        }
      }
      if (g !== p || gp !== pp) {
        tr[gp * T + g]! += 1;
        ts[gp * T + g]! += c;
        tr[pp * T + p]! -= 1;
        ts[pp * T + p]! -= c;
      }
    }
  }

  /** The averaged weights, as a model of its own. */
  averaged(): TaggerModel {
    const m = this.model;
    const c = this.step;
    const weights = new Float32Array(m.weights.length);
    for (let k = 0; k < weights.length; k++) weights[k] = m.weights[k]! - this.weightSums[k]! / c;
    const transitions = new Float32Array(m.transitions.length);
    for (let k = 0; k < transitions.length; k++) transitions[k] = m.transitions[k]! - this.transitionSums[k]! / c;
    return { ...m, weights, scale: 1, transitions };
  }
}
