// Decoding: the best label sequence of a window (Viterbi, with I-X only after B-X or I-X), and each
// label's probability under the model's scores (forward-backward), which gives the confidence shown
// to the analyst.
import type { TaggerModel } from './model.ts';
import { allowed, TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;
/** allowed(prev, tag) as a table; the last row is the start of a window (no I- there). */
const ALLOWED = new Uint8Array((T + 1) * T);
for (let p = 0; p <= T; p++) for (let t = 0; t < T; t++) ALLOWED[p * T + t] = p === T ? (allowed(0, t) ? 1 : 0) : allowed(p, t) ? 1 : 0;

/** Label scores of every token: `out[i * T + tag]`. */
export function emissions(model: TaggerModel, feats: Uint32Array, offsets: Uint32Array, out: Float32Array) {
  const w = model.weights;
  const scale = model.scale;
  const mask = (1 << model.bucketBits) - 1;
  const len = offsets.length - 1;
  for (let i = 0; i < len; i++) {
    const base = i * T;
    for (let t = 0; t < T; t++) out[base + t] = 0;
    for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
      const row = (feats[f]! & mask) * T;
      for (let t = 0; t < T; t++) out[base + t]! += w[row + t]!;
    }
    if (scale !== 1) for (let t = 0; t < T; t++) out[base + t]! *= scale;
  }
}

/** Writes the best labels for `len` tokens into `tags`. */
let score = new Float64Array(64 * T);
let back = new Uint8Array(64 * T);

export function viterbi(model: TaggerModel, em: Float32Array, len: number, tags: Uint8Array) {
  const tr = model.transitions;
  if (score.length < len * T) {
    score = new Float64Array(len * T * 2);
    back = new Uint8Array(len * T * 2);
  }
  for (let t = 0; t < T; t++) score[t] = ALLOWED[T * T + t] ? em[t]! + tr[T * T + t]! : -Infinity;
  for (let i = 1; i < len; i++) {
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[p * T + t]) continue;
        const s = score[(i - 1) * T + p]! + tr[p * T + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * T + t] = best + em[i * T + t]!;
      back[i * T + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    const s = score[(len - 1) * T + t]!;
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  for (let i = len - 1; i >= 0; i--) {
    tags[i] = arg;
    arg = back[i * T + arg]!;
  }
}

/** exp(transition / temperature) per model, the temperature last. */
const expTransitions = new WeakMap<TaggerModel, Float64Array>();
const buffers = { e: new Float64Array(64 * T), alpha: new Float64Array(64 * T), beta: new Float64Array(64 * T), out: new Float64Array(64 * T) };

/**
 * Probability of each label at each token (`out[i * T + tag]`, a buffer valid until the next call),
 * scores divided by the model's temperature. Forward-backward in probability space, rescaled at every token so nothing overflows.
 */
export function marginals(model: TaggerModel, em: Float32Array, len: number): Float64Array {
  const temp = model.temperature;
  let trans = expTransitions.get(model);
  if (!trans || trans[trans.length - 1] !== temp) {
    trans = new Float64Array((T + 1) * T + 1);
    for (let k = 0; k < (T + 1) * T; k++) trans[k] = ALLOWED[k] ? Math.exp(model.transitions[k]! / temp) : 0;
    trans[trans.length - 1] = temp;
    expTransitions.set(model, trans);
  }
  if (buffers.e.length < len * T) for (const key of ['e', 'alpha', 'beta', 'out'] as const) buffers[key] = new Float64Array(len * T * 2);
  const { e, alpha, beta, out } = buffers;
  // Each token's label scores, less their maximum, exponentiated.
  for (let i = 0; i < len; i++) {
    let max = -Infinity;
    for (let t = 0; t < T; t++) if (em[i * T + t]! > max) max = em[i * T + t]!;
    for (let t = 0; t < T; t++) e[i * T + t] = Math.exp((em[i * T + t]! - max) / temp);
  }
  let sum = 0;
  for (let t = 0; t < T; t++) sum += alpha[t] = trans[T * T + t]! * e[t]!;
  for (let t = 0; t < T; t++) alpha[t]! /= sum;
  for (let i = 1; i < len; i++) {
    sum = 0;
    for (let t = 0; t < T; t++) {
      let a = 0;
      for (let p = 0; p < T; p++) a += alpha[(i - 1) * T + p]! * trans[p * T + t]!;
      sum += alpha[i * T + t] = a * e[i * T + t]!;
    }
    for (let t = 0; t < T; t++) alpha[i * T + t]! /= sum;
  }
  for (let t = 0; t < T; t++) beta[(len - 1) * T + t] = 1;
  for (let i = len - 2; i >= 0; i--) {
    sum = 0;
    for (let p = 0; p < T; p++) {
      let b = 0;
      for (let t = 0; t < T; t++) b += trans[p * T + t]! * e[(i + 1) * T + t]! * beta[(i + 1) * T + t]!;
      sum += beta[i * T + p] = b;
    }
    for (let p = 0; p < T; p++) beta[i * T + p]! /= sum;
  }
  for (let i = 0; i < len; i++) {
    let z = 0;
    for (let t = 0; t < T; t++) z += out[i * T + t] = alpha[i * T + t]! * beta[i * T + t]!;
    for (let t = 0; t < T; t++) out[i * T + t]! /= z;
  }
  return out;
}
