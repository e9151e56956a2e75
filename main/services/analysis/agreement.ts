// Inter-coder reliability: Krippendorff's alpha (nominal), Cohen's kappa, percent agreement, a cluster
// bootstrap of alpha, and Krippendorff's unitized alpha for one tag over articles. Pure functions over
// plain values; bad input (a negative or fractional count, an offset outside its article) throws
// INVALID_INPUT, while data on which a coefficient is undefined comes back as `{ ok: false, reason }`,
// never as NaN.
//
// Sources of the formulas:
// - Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
//   Communication, Departmental Papers 43: the coincidence matrix o_ck = Σ_u Σ_{i≠j} [v_iu = c][v_ju = k] /
//   (m_u − 1) over units with m_u ≥ 2 values, and nominal α = 1 − (n.. − 1)(n.. − Σ_c o_cc) / (n..² − Σ_c n_c²).
// - Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
//   Measurement 20(1), 37–46: κ = (p_o − p_e) / (1 − p_e), p_e from each coder's own marginal shares.
// - Krippendorff, K., Mathet, Y., Bouvry, S. & Widlöcher, A. (2016). On the reliability of unitizing
//   textual continua: Further developments. Quality & Quantity 50, 2347–2364 (also Krippendorff 2019,
//   Content Analysis, 4th ed., §12.6): the unitized coefficients built from coincidences of lengths. We
//   implement their binary |uα. It supersedes the distance-based αu of Krippendorff (1995, Sociological
//   Methodology 25, 47–76; 2004, Content Analysis 2nd ed., §12.4), which the 2016 paper amends because it
//   misbehaves with more than two coders (DKPro Agreement's KrippendorffAlphaUnitizingAgreement still
//   computes that older form, so its figures differ from these).
// - The generator of `seededRandom` is Tommy Ettinger's public-domain mulberry32.
import { invalid } from '../errors.ts';

/** One unit of reliability data: the value each coder gave (null = that coder did not code this unit), and how many identical units this row stands for (default 1). Values are compared with ===. */
export type UnitRow<V extends string | number = string | number> = { values: readonly (V | null)[]; count?: number };

/** Why alpha has no value: nothing pairable, or every pairable value the same (no variation to judge agreement against). */
export type AlphaUndefinedReason = 'no pairable values' | 'one value';

export type AlphaResult =
  | {
      ok: true;
      alpha: number;
      /** Observed disagreement D_o: the share of pairable values (or, for αu, of pairable length) in disagreeing pairs. */
      observed: number;
      /** Expected disagreement D_e, on the same scale as `observed`; alpha = 1 − observed / expected. */
      expected: number;
      /** n..: the number of pairable values (for αu: coders × total length of the articles). */
      pairable: number;
      /** Distinct values among the pairable values (for αu: 2 when both marked and unmarked matter occur). */
      values: number;
    }
  | { ok: false; reason: AlphaUndefinedReason; message: string };

const ALPHA_MESSAGES: Record<AlphaUndefinedReason, string> = {
  'no pairable values': 'Alpha is undefined: no unit was coded by two or more coders, so there is nothing to compare.',
  'one value': 'Alpha is undefined: every pairable value is the same, so there is no variation and no disagreement to expect by chance.',
};

const undefinedAlpha = (reason: AlphaUndefinedReason): AlphaResult => ({ ok: false, reason, message: ALPHA_MESSAGES[reason] });

// ---------------------------------------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------------------------------------

function checkRow(row: unknown, index: number): asserts row is UnitRow {
  if (typeof row !== 'object' || row === null || !Array.isArray((row as UnitRow).values)) {
    throw invalid(`Row ${index + 1} of the reliability data needs a list of values (one per coder, null where a coder did not code it).`);
  }
}

/** The row's count, checked: a whole number of 0 or more (a fraction or a negative count is a bug upstream). */
function rowCount(row: UnitRow, index: number): number {
  const count = row.count ?? 1;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw invalid(`Row ${index + 1} has count ${String(count)}; a count is a whole number of 0 or more.`);
  }
  return count;
}

/** Throws unless the value is null, a string or a finite number (NaN would never equal itself). */
function checkValue(value: unknown, row: number, coder: number): asserts value is string | number | null {
  if (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return;
  throw invalid(
    `Row ${row + 1}, coder ${coder + 1} holds ${String(value)}; a value is a string, a finite number, or null where the coder did not code the unit.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The coincidence matrix and nominal alpha
// ---------------------------------------------------------------------------------------------------------

export interface Coincidences {
  /** The values seen among pairable values, in order of first appearance; they index the rows and columns of `o`. */
  values: (string | number)[];
  /** o[c][k]: coincidences of value c with value k (symmetric). */
  o: number[][];
  /** n_c: row sums of `o`, the number of pairable values equal to c. */
  n_c: number[];
  /** n..: the number of pairable values. */
  n: number;
}

/**
 * Krippendorff's coincidence matrix. A unit coded by m_u ≥ 2 coders adds, for each ordered pair of its
 * values, 1 / (m_u − 1) to the matching cell, times the row's count; units with fewer than two values are
 * not pairable and add nothing (their values are still checked).
 */
export function coincidences(units: Iterable<UnitRow>): Coincidences {
  const index = new Map<string | number, number>();
  const values: (string | number)[] = [];
  const n_c: number[] = [];
  let n = 0;
  // Whole-number numerators kept apart by their denominator m_u − 1 and divided only at the end, so a row
  // with a count and the same row repeated give bit-for-bit the same matrix (and sums stay exact to 2^53).
  const numerators = new Map<number, number[][]>();
  const idOf = (v: string | number) => {
    let id = index.get(v);
    if (id === undefined) {
      id = values.length;
      index.set(v, id);
      values.push(v);
      n_c.push(0);
      for (const matrix of numerators.values()) {
        for (const row of matrix) row.push(0);
        matrix.push(new Array<number>(values.length).fill(0));
      }
    }
    return id;
  };
  const matrixFor = (d: number) => {
    let matrix = numerators.get(d);
    if (matrix === undefined) {
      matrix = values.map(() => new Array<number>(values.length).fill(0));
      numerators.set(d, matrix);
    }
    return matrix;
  };
  // Per-unit tallies, reused: value id → how many of this unit's coders gave it.
  const tally = new Map<number, number>();
  let r = 0;
  for (const row of units) {
    checkRow(row, r);
    const count = rowCount(row, r);
    let present = 0;
    for (let coder = 0; coder < row.values.length; coder++) {
      const v = row.values[coder];
      checkValue(v, r, coder);
      if (v !== null) present++;
    }
    if (present >= 2 && count > 0) {
      tally.clear();
      for (const v of row.values) {
        if (v === null) continue;
        const id = idOf(v);
        tally.set(id, (tally.get(id) ?? 0) + 1);
      }
      const matrix = matrixFor(present - 1);
      for (const [c, nc] of tally) {
        const row = matrix[c]!;
        for (const [k, nk] of tally) row[k]! += (c === k ? nc * (nc - 1) : nc * nk) * count;
        n_c[c]! += nc * count;
      }
      n += present * count;
    }
    r++;
  }
  const o = values.map(() => new Array<number>(values.length).fill(0));
  for (const d of [...numerators.keys()].sort((a, b) => a - b)) {
    const matrix = numerators.get(d)!;
    matrix.forEach((row, c) => row.forEach((x, k) => (o[c]![k]! += x / d)));
  }
  return { values, o, n_c, n };
}

/** Nominal alpha from the three sums it depends on; shared by the point estimate and the bootstrap. */
function alphaFromSums(n: number, diagonal: number, sumSquaredMargins: number, distinct: number): AlphaResult {
  if (n === 0) return undefinedAlpha('no pairable values');
  // n² − Σ n_c² is 0 exactly when one value holds all of n; test the count, not a float, to decide.
  if (distinct < 2) return undefinedAlpha('one value');
  const observed = (n - diagonal) / n;
  const expected = (n * n - sumSquaredMargins) / (n * (n - 1));
  const alpha = 1 - ((n - 1) * (n - diagonal)) / (n * n - sumSquaredMargins);
  return { ok: true, alpha, observed, expected, pairable: n, values: distinct };
}

/**
 * Krippendorff's alpha, nominal metric, any number of coders, missing values allowed. Built from the
 * coincidence matrix, so millions of units given as a few rows with counts cost no more than the rows.
 * `observed` is D_o = (n.. − Σ o_cc) / n.., `expected` is D_e = (n..² − Σ n_c²) / (n.. (n.. − 1)).
 */
export function krippendorffAlphaNominal(units: Iterable<UnitRow>): AlphaResult {
  const { o, n_c, n } = coincidences(units);
  let diagonal = 0;
  let squares = 0;
  n_c.forEach((nc, c) => {
    diagonal += o[c]![c]!;
    squares += nc * nc;
  });
  return alphaFromSums(n, diagonal, squares, n_c.length);
}

// ---------------------------------------------------------------------------------------------------------
// Cohen's kappa and percent agreement
// ---------------------------------------------------------------------------------------------------------

export type KappaResult =
  { ok: true; kappa: number; observed: number /* p_o */; expected: number /* p_e */; units: number } | { ok: false; reason: string; message: string };

/** Cohen's kappa for exactly two coders; units with a missing value on either side are left out. */
export function cohenKappa(units: Iterable<UnitRow>): KappaResult {
  const first = new Map<string | number, number>();
  const second = new Map<string | number, number>();
  let total = 0;
  let agree = 0;
  let r = 0;
  for (const row of units) {
    checkRow(row, r);
    const count = rowCount(row, r);
    if (row.values.length !== 2) {
      throw invalid(`Cohen's kappa compares exactly two coders; row ${r + 1} has ${row.values.length} values.`);
    }
    const [a, b] = row.values;
    checkValue(a, r, 0);
    checkValue(b, r, 1);
    if (a !== null && b !== null && count > 0) {
      total += count;
      if (a === b) agree += count;
      first.set(a, (first.get(a) ?? 0) + count);
      second.set(b, (second.get(b) ?? 0) + count);
    }
    r++;
  }
  if (total === 0) {
    return { ok: false, reason: 'no units', message: 'Kappa is undefined: no unit was coded by both coders.' };
  }
  let chance = 0;
  for (const [v, na] of first) chance += (na / total) * ((second.get(v) ?? 0) / total);
  // p_e = 1 only when both coders used one and the same value throughout; there is nothing to correct for.
  if (first.size === 1 && second.size === 1 && first.keys().next().value === second.keys().next().value) {
    return {
      ok: false,
      reason: 'one value',
      message: 'Kappa is undefined: both coders gave every unit the same value, so agreement expected by chance is already 1.',
    };
  }
  const observed = agree / total;
  return { ok: true, kappa: (observed - chance) / (1 - chance), observed, expected: chance, units: total };
}

/** Percent agreement: share of units (with ≥2 values) where all present values are equal; plus the number of such units. */
export function percentAgreement(units: Iterable<UnitRow>): { ok: true; agreement: number; units: number } | { ok: false; reason: string; message: string } {
  let total = 0;
  let agree = 0;
  let r = 0;
  for (const row of units) {
    checkRow(row, r);
    const count = rowCount(row, r);
    let present = 0;
    let firstValue: string | number | null = null;
    let same = true;
    for (let coder = 0; coder < row.values.length; coder++) {
      const v = row.values[coder];
      checkValue(v, r, coder);
      if (v === null) continue;
      if (present === 0) firstValue = v;
      else if (v !== firstValue) same = false;
      present++;
    }
    if (present >= 2) {
      total += count;
      if (same) agree += count;
    }
    r++;
  }
  if (total === 0) {
    return { ok: false, reason: 'no pairable units', message: 'Percent agreement is undefined: no unit was coded by two or more coders.' };
  }
  return { ok: true, agreement: agree / total, units: total };
}

// ---------------------------------------------------------------------------------------------------------
// Bootstrap
// ---------------------------------------------------------------------------------------------------------

/**
 * A reproducible generator of numbers in [0, 1) (mulberry32: 32 bits of state, so seeds are taken modulo
 * 2^32). Not for cryptography; it only has to make a bootstrap repeatable from its seed.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw invalid(`A seed is a whole number; got ${String(seed)}.`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export type BootstrapResult =
  | {
      ok: true;
      /** 2.5th and 97.5th percentiles of alpha over the resamples where it is defined (linear interpolation between order statistics, R's type 7). */
      low: number;
      high: number;
      resamples: number;
      /** Resamples in which alpha was undefined (no pairable values, or one value only); left out of everything else. */
      undefinedResamples: number;
      seed: number;
      /** For each threshold, the share of defined resamples with alpha below it: the chance of failing to reach it. */
      belowThreshold: { threshold: number; probability: number }[];
    }
  | { ok: false; reason: string; message: string };

/**
 * Bootstrap of nominal alpha by resampling clusters (articles) with replacement, so units that share an
 * article stay together. Each cluster's contribution to the coincidence matrix is computed once; a
 * resample adds the contributions of the clusters drawn. This is a cluster bootstrap, not Krippendorff's
 * own algorithm (which resamples pairs of values within units).
 */
export function bootstrapAlpha(
  clusters: readonly (readonly UnitRow[])[],
  options: { resamples?: number; seed: number; thresholds?: number[]; onProgress?: (done: number, total: number) => void },
): BootstrapResult {
  const resamples = options.resamples ?? 1000;
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw invalid(`The number of resamples is a whole number of 1 or more; got ${String(resamples)}.`);
  const thresholds = options.thresholds ?? [0.667, 0.8];
  if (!Array.isArray(thresholds) || thresholds.some((t) => typeof t !== 'number' || !Number.isFinite(t))) {
    throw invalid('Thresholds are a list of finite numbers (for example [0.667, 0.8]).');
  }
  const random = seededRandom(options.seed);
  if (!Array.isArray(clusters)) throw invalid('Clusters are a list of articles, each a list of rows.');

  // Each cluster's contribution reduced to what alpha needs: n, Σ o_cc and its margins n_c (sparse), laid
  // out in flat typed arrays so that a draw costs a few additions. A value's id is shared across clusters.
  const index = new Map<string | number, number>();
  const clusterN: number[] = [];
  const clusterDiagonal: number[] = [];
  const offsets: number[] = [0];
  const ids: number[] = [];
  const contributions: number[] = [];
  const totalMargins: number[] = [];
  clusters.forEach((rows, ci) => {
    if (!Array.isArray(rows)) throw invalid(`Cluster ${ci + 1} is not a list of rows.`);
    const c = coincidences(rows);
    let diagonal = 0;
    c.values.forEach((v, local) => {
      let id = index.get(v);
      if (id === undefined) {
        id = index.size;
        index.set(v, id);
        totalMargins.push(0);
      }
      ids.push(id);
      contributions.push(c.n_c[local]!);
      diagonal += c.o[local]![local]!;
      totalMargins[id]! += c.n_c[local]!;
    });
    clusterN.push(c.n);
    clusterDiagonal.push(diagonal);
    offsets.push(ids.length);
  });

  const whole = alphaFromSums(
    clusterN.reduce((acc, x) => acc + x, 0),
    clusterDiagonal.reduce((acc, x) => acc + x, 0),
    totalMargins.reduce((acc, x) => acc + x * x, 0),
    totalMargins.length,
  );
  if (!whole.ok) return { ok: false, reason: whole.reason, message: `${whole.message} There is nothing to bootstrap.` };

  const k = clusterN.length;
  const nOf = Float64Array.from(clusterN);
  const diagonalOf = Float64Array.from(clusterDiagonal);
  const from = Int32Array.from(offsets);
  const idAt = Int32Array.from(ids);
  const marginAt = Float64Array.from(contributions);
  const margins = new Float64Array(index.size);
  const drawn = new Int32Array(k);
  const alphas: number[] = [];
  let undefinedResamples = 0;
  for (let b = 1; b <= resamples; b++) {
    // Draw k clusters, then add each drawn cluster once, weighted by how often it was drawn.
    drawn.fill(0);
    for (let d = 0; d < k; d++) drawn[Math.floor(random() * k)]!++;
    margins.fill(0);
    let n = 0;
    let diagonal = 0;
    for (let s = 0; s < k; s++) {
      const w = drawn[s]!;
      if (w === 0) continue;
      n += w * nOf[s]!;
      diagonal += w * diagonalOf[s]!;
      const end = from[s + 1]!;
      for (let j = from[s]!; j < end; j++) margins[idAt[j]!]! += w * marginAt[j]!;
    }
    let squares = 0;
    let distinct = 0;
    for (let j = 0; j < margins.length; j++) {
      const m = margins[j]!;
      if (m > 0) {
        squares += m * m;
        distinct++;
      }
    }
    const a = alphaFromSums(n, diagonal, squares, distinct);
    if (a.ok) alphas.push(a.alpha);
    else undefinedResamples++;
    if (options.onProgress && (b % 50 === 0 || b === resamples)) options.onProgress(b, resamples);
  }
  if (alphas.length === 0) {
    return { ok: false, reason: 'no defined resamples', message: 'Alpha was undefined in every resample, so no interval can be given.' };
  }
  alphas.sort((x, y) => x - y);
  const belowThreshold = thresholds.map((threshold) => {
    let below = 0;
    for (const a of alphas) if (a < threshold) below++;
    return { threshold, probability: below / alphas.length };
  });
  return {
    ok: true,
    low: percentile(alphas, 0.025),
    high: percentile(alphas, 0.975),
    resamples,
    undefinedResamples,
    seed: options.seed,
    belowThreshold,
  };
}

/** The p-quantile of sorted values, interpolating linearly between neighbouring order statistics. */
function percentile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

// ---------------------------------------------------------------------------------------------------------
// Unitized alpha, binary (|uα), for one tag
// ---------------------------------------------------------------------------------------------------------

/** A coder's segment on a continuum (an article), for unitized alpha. Offsets are integers, end exclusive. */
export type Segment = { coder: number; start: number; end: number };

/**
 * Krippendorff's binary unitized alpha |uα (Krippendorff, Mathet, Bouvry & Widlöcher 2016, §5.2; 2019
 * §12.6.4) for one tag. Every coder (0 … coders − 1) is taken to have read every article: stretches a coder
 * marked are units of the tag, everything else is gap.
 *
 * A coder's overlapping segments are merged into one unit; segments that only touch stay separate units,
 * as the coder marked them (this matters only for the expected coincidences, through Σ length²).
 *
 * Coincidences are of lengths: with k(x) the number of coders marking position x and m the number of
 * coders, l_marked,gap = Σ_x k(x)(m − k(x)) / (m − 1), and the margins are l_marked = Σ_i |units of i|,
 * l_gap = Σ_i |gaps of i|, l.. = m × total length. Expected: e_marked,gap = l.. l_marked l_gap / (l..² − S),
 * where S sums length² over every unit and length over every gap (a gap is divisible matter, as if made of
 * single positions, while a unit cannot pair with itself). |uα = 1 − l_marked,gap / e_marked,gap.
 * Several articles add up their coincidences and S, as if laid end to end with no unit crossing a border.
 *
 * Reported: `observed` = 2 l_marked,gap / l.. and `expected` = 2 e_marked,gap / l.. (the shares of pairable
 * length in disagreeing pairs, like D_o and D_e of the nominal alpha), `pairable` = l.., `values` = how many
 * of "marked" and "gap" occur. When every segment has length 1 this is exactly nominal alpha on positions.
 */
export function unitizedAlpha(continua: readonly { length: number; segments: readonly Segment[] }[], coders: number): AlphaResult {
  if (!Number.isSafeInteger(coders) || coders < 2) throw invalid(`Unitized alpha needs 2 or more coders; got ${String(coders)}.`);
  if (!Array.isArray(continua)) throw invalid('Unitized alpha takes a list of articles, each with its length and segments.');
  const m = coders;
  let total = 0; // l..
  let marked = 0; // l_marked
  let disagree = 0; // Σ_x k(x)(m − k(x)), before dividing by m − 1
  let squares = 0; // S: Σ unit length² + Σ gap length

  continua.forEach((continuum, ci) => {
    const length = continuum?.length;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw invalid(`Article ${ci + 1} has length ${String(length)}; a length is a whole number of 0 or more.`);
    }
    const segments: readonly Segment[] = continuum.segments;
    if (!Array.isArray(segments)) throw invalid(`Article ${ci + 1} needs a list of segments.`);
    const byCoder: { start: number; end: number }[][] = Array.from({ length: m }, () => []);
    segments.forEach((s, si) => {
      const where = `segment ${si + 1} of article ${ci + 1}`;
      if (typeof s?.coder !== 'number' || !Number.isSafeInteger(s.coder) || s.coder < 0 || s.coder >= m) {
        throw invalid(`The coder of ${where} is ${String(s?.coder)}; coders are numbered 0 to ${m - 1}.`);
      }
      if (!Number.isSafeInteger(s.start) || !Number.isSafeInteger(s.end) || s.start < 0 || s.end > length || s.start >= s.end) {
        throw invalid(
          `${where[0]!.toUpperCase()}${where.slice(1)} runs from ${String(s.start)} to ${String(s.end)}; it must satisfy 0 ≤ start < end ≤ ${length} (whole numbers, end exclusive).`,
        );
      }
      byCoder[s.coder]!.push({ start: s.start, end: s.end });
    });

    // Merge each coder's overlapping segments; collect the coverage changes for the sweep.
    const events: [number, number][] = [];
    for (const segs of byCoder) {
      segs.sort((a, b) => a.start - b.start || a.end - b.end);
      let covered = 0;
      let cur: { start: number; end: number } | null = null;
      const close = (u: { start: number; end: number }) => {
        const len = u.end - u.start;
        squares += len * len;
        covered += len;
        events.push([u.start, 1], [u.end, -1]);
      };
      for (const s of segs) {
        if (cur && s.start < cur.end) cur.end = Math.max(cur.end, s.end);
        else {
          if (cur) close(cur);
          cur = { ...s };
        }
      }
      if (cur) close(cur);
      marked += covered;
      squares += length - covered; // the coder's gaps, each position counting 1
    }
    total += m * length;

    // Sweep: between consecutive event positions k(x) is constant.
    events.sort((a, b) => a[0] - b[0]);
    let k = 0;
    let last = 0;
    for (const [x, delta] of events) {
      if (x > last) disagree += (x - last) * k * (m - k);
      k += delta;
      last = x;
    }
  });

  if (total === 0) return undefinedAlpha('no pairable values');
  const gap = total - marked;
  const distinct = (marked > 0 ? 1 : 0) + (gap > 0 ? 1 : 0);
  if (distinct < 2) return undefinedAlpha('one value');
  const observedCoincidence = disagree / (m - 1);
  // S ≤ m L² < l..² = m² L² for m ≥ 2, so the denominator is positive.
  const expectedCoincidence = (total * marked * gap) / (total * total - squares);
  return {
    ok: true,
    alpha: 1 - (observedCoincidence * (total * total - squares)) / (total * marked * gap),
    observed: (2 * observedCoincidence) / total,
    expected: (2 * expectedCoincidence) / total,
    pairable: total,
    values: distinct,
  };
}
