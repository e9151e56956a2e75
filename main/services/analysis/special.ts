// Special functions behind the p-values of the analysis views: log-gamma and the regularised incomplete
// gamma functions, from which the chi-square distribution's tail follows. Plain numbers in, plain numbers
// out; nothing here knows about tables or tags.
import { invalid } from '../errors.ts';

/** Lanczos approximation with g = 7 and nine coefficients: about 15 significant digits for x > 0. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln n! for small n, summed once; exact to the last bit or two, and cheaper than the series below. */
const SMALL_LOG_FACTORIALS: Float64Array = (() => {
  const table = new Float64Array(256);
  for (let i = 2; i < table.length; i++) table[i] = table[i - 1]! + Math.log(i);
  return table;
})();

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw invalid(`ln Γ(x) needs a finite x above 0; got ${x}.`);
  if (Number.isInteger(x) && x <= SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[x - 1]!;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx); the series is accurate only from 0.5 up.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln n! for a whole number n ≥ 0. */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw invalid(`ln n! needs a whole number n ≥ 0; got ${n}.`);
  return n < SMALL_LOG_FACTORIALS.length ? SMALL_LOG_FACTORIALS[n]! : logGamma(n + 1);
}

/** Stop a series or continued fraction once a step changes the value by less than this, relatively. */
const TOLERANCE = 1e-16;
/** Guards Lentz's method against a division by zero. */
const TINY = 1e-300;

function checkGammaArguments(a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw invalid(`The incomplete gamma function needs a finite shape above 0; got ${a}.`);
  if (!(x >= 0) || !Number.isFinite(x)) throw invalid(`The incomplete gamma function needs a finite x of 0 or more; got ${x}.`);
}

/** The iteration limit grows with the shape: both expansions need about √a terms near x ≈ a. */
const iterationLimit = (a: number) => 1000 + Math.ceil(50 * Math.sqrt(a));

/** e^(−x) x^a / Γ(a), in logs so that large a and x neither overflow nor underflow early. */
const logPrefactor = (a: number, x: number) => a * Math.log(x) - x - logGamma(a);

/** P(a, x) by its power series Σ xⁿ / (a (a+1) … (a+n)); converges quickly for x < a + 1. */
function lowerBySeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  const limit = iterationLimit(a);
  for (let n = 1; n < limit; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * TOLERANCE) break;
  }
  return Math.exp(logPrefactor(a, x)) * sum;
}

/**
 * Q(a, x) by the continued fraction 1/(x+1−a − 1(1−a)/(x+3−a − 2(2−a)/(x+5−a − …))), evaluated with the
 * modified Lentz method; converges quickly for x ≥ a + 1, exactly where the series above is slow.
 */
function upperByContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const limit = iterationLimit(a);
  for (let i = 1; i < limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < TOLERANCE * 4) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}

/** The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 0;
  if (x < a + 1) return Math.min(1, lowerBySeries(a, x));
  return Math.max(0, 1 - upperByContinuedFraction(a, x));
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x). In the upper
 * tail it is computed directly (never as 1 − P), so small values keep their relative accuracy until they
 * underflow below about 1e-308.
 */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 1;
  if (x < a + 1) return Math.max(0, 1 - lowerBySeries(a, x));
  return Math.min(1, upperByContinuedFraction(a, x));
}

/** P(χ²_df > x): the p-value of a chi-square statistic x on df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) throw invalid(`Degrees of freedom must be a finite number above 0; got ${df}.`);
  if (!(x >= 0) || !Number.isFinite(x)) throw invalid(`A chi-square statistic is a finite number of 0 or more; got ${x}.`);
  return regularizedGammaQ(df / 2, x / 2);
}
