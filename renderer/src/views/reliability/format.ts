// How the Reliability view writes its figures: coefficients to three decimals without the leading zero
// (".854", "−.120", "1.000"), agreement as a percentage, alpha's verdict against the thresholds the field
// uses (Krippendorff 2004: ≥ .800 reliable, .667–.800 tentative, below .667 unreliable), intervals in
// brackets, and the kinds of disagreement in words.
import type { BootstrapInterval, Disagreement, Measure } from '../../../../main/api/contract.ts';
import { count, pathLabel, plural, share, unitFixed } from '../compare/format.ts';

export type Verdict = { key: 'reliable' | 'tentative' | 'unreliable'; label: string; rule: string };

/** Where alpha stands against .800 and .667 (the same words as `framelens agreement`). */
export function verdictOf(alpha: number): Verdict {
  if (alpha >= 0.8) return { key: 'reliable', label: 'reliable', rule: 'α ≥ .800: reliable enough to draw conclusions from' };
  if (alpha >= 0.667) return { key: 'tentative', label: 'tentative', rule: 'α between .667 and .800: tentative conclusions only' };
  return { key: 'unreliable', label: 'unreliable', rule: 'α below .667: not reliable enough to draw conclusions from' };
}

/** A coefficient that is at most 1: ".854". */
export function coefficient(x: number): string {
  return unitFixed(x, 3);
}

/** A measure as its cell shows it: the number, or null when it is undefined (the reason says why). */
export function measureText(m: Measure, kind: 'coefficient' | 'percent'): string | null {
  if (!m.ok) return null;
  return kind === 'percent' ? share(m.value) : coefficient(m.value);
}

export function intervalText(i: BootstrapInterval): string {
  return `[${coefficient(i.low)}, ${coefficient(i.high)}]`;
}

export function intervalTitle(i: BootstrapInterval): string {
  const left = i.undefinedResamples ? `; ${count(i.undefinedResamples)} had no variation and are left out` : '';
  return `95% of ${count(i.resamples)} bootstrap resamples of articles (seed ${i.seed}) fall in this range${left}.`;
}

/** What kind of disagreement a stretch is, naming the coders. */
export function kindLabel(kind: Disagreement['kind'], first: string, second: string): string {
  switch (kind) {
    case 'onlyFirst':
      return `Only ${first}`;
    case 'onlySecond':
      return `Only ${second}`;
    case 'otherTag':
      return 'Other tag';
    case 'boundaries':
      return 'Different bounds';
  }
}

export function kindExplanation(kind: Disagreement['kind'], first: string, second: string, tag: string): string {
  switch (kind) {
    case 'onlyFirst':
      return `${first} tagged this with ${tag}; ${second} did not tag it.`;
    case 'onlySecond':
      return `${second} tagged this with ${tag}; ${first} did not tag it.`;
    case 'otherTag':
      return `One coder tagged this with ${tag}, the other with another tag.`;
    case 'boundaries':
      return `Both tagged ${tag} here, but the passages start or end in different places.`;
  }
}

/** What was decided for a stretch, in words ("kept Ada’s"). */
export function decisionLabel(decision: 'first' | 'second' | 'both' | 'neither', first: string, second: string): string {
  return { first: `kept ${first}’s`, second: `kept ${second}’s`, both: 'kept both', neither: 'dropped both' }[decision];
}

/** The key of a stretch, to find it again after the list reloads. */
export function stretchKey(d: Pick<Disagreement, 'articleId' | 'start' | 'end'>): string {
  return `${d.articleId}:${d.start}:${d.end}`;
}

export { count, pathLabel, plural, share };
