// Feature hashing: every feature is a 32-bit number made from a template number and a value, so no
// feature string is ever built at run time and the model needs no vocabulary.
import { fmix32 } from '../../../text/mix.ts';

/** FNV-1a over the UTF-16 code units of `s[from…to)`. */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** The feature "template `template` has value `value`" (value already a hash or a small number). */
export function feature(template: number, value: number): number {
  return fmix32((value ^ Math.imul(template + 1, 0x9e3779b1)) >>> 0);
}

/** Two values under one template ("previous word + this word"). */
export function feature2(template: number, a: number, b: number): number {
  return fmix32((Math.imul(a, 0x2545f491) ^ b ^ Math.imul(template + 1, 0x9e3779b1)) >>> 0);
}
