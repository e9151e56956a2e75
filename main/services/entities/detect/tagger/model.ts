// A linear-chain tagger's parameters: one weight per (hashed feature bucket, label) and one per pair
// of labels following each other.
import type { FeatureOptions } from './features.ts';
import { TAG_COUNT } from './tags.ts';

export type TaggerModel = {
  lang: string;
  /** The features it was trained with (the same must be given to it). */
  options: FeatureOptions;
  /** log2 of the number of feature buckets. */
  bucketBits: number;
  /** buckets × TAG_COUNT, bucket-major; each times `scale` (16-bit integers as loaded from the file). */
  weights: Float32Array | Int16Array;
  scale: number;
  /** (TAG_COUNT + 1) × TAG_COUNT: row `prev` (the last row for the start of a window), column `tag`. */
  transitions: Float32Array;
  /** Scores are divided by this before they are read as probabilities (set on held-out data). */
  temperature: number;
};

export function emptyModel(lang: string, bucketBits: number, options: FeatureOptions): TaggerModel {
  return {
    lang,
    options,
    bucketBits,
    weights: new Float32Array((1 << bucketBits) * TAG_COUNT),
    scale: 1,
    transitions: new Float32Array((TAG_COUNT + 1) * TAG_COUNT),
    temperature: 1,
  };
}
