/**
 * The modified z-score of Iglewicz and Hoaglin (1993, "How to Detect and
 * Handle Outliers", ASQC Basic References in Quality Control 16):
 *
 *   Mᵢ = 0.6745 · (xᵢ − median) / MAD,   MAD = median |xᵢ − median|
 *
 * which is (xᵢ − median) / σ̂ with σ̂ = MAD / 0.6745, the estimate of the
 * standard deviation that the MAD gives for normal data. SPEC §11 asks for
 * exactly this score. (DHIS2's classic outlier endpoint calls a score
 * "modified" that divides the distance from the median by the standard
 * deviation instead; this is not that score.)
 *
 * Two cases the formula leaves open, decided here for quarterly counts of
 * records, and written down in the README:
 *
 * - MAD = 0 (more than half the quarters hold the same count — common with
 *   small counts): σ̂ = 1.253314 · mean |xᵢ − median|, the mean absolute
 *   deviation scaled to estimate the standard deviation of normal data
 *   (√(π/2) = 1.253314), as IBM SPSS and others fall back. When that is 0
 *   too, every count equals the median and no quarter is an outlier.
 * - Counting noise: the values are counts of events, which vary at least as
 *   a Poisson count does. With four to eight quarters the MAD is often far
 *   below that by chance (three quarters that happen to agree within a few
 *   records), and a score against it calls ordinary noise extreme. So a
 *   score is never taken larger than the same distance measured in Poisson
 *   standard deviations, on Anscombe's variance-stabilised scale
 *   (Anscombe 1948: 2√(x + 3/8) is close to normal with variance 1 for a
 *   Poisson count x): |M| ≤ |2√(x + 3/8) − 2√(median + 3/8)|. A quarter is an
 *   outlier only when it is unusual both for its series and for a count of
 *   its size; where the series has any real spread the score is exactly
 *   Iglewicz–Hoaglin's.
 */

/** 0.6745 ≈ Φ⁻¹(0.75): MAD / 0.6745 estimates σ for normal data (Iglewicz–Hoaglin). */
export const MAD_CONSISTENCY = 0.6745;
/** √(π/2): mean absolute deviation × 1.253314 estimates σ for normal data. */
export const MEAN_DEVIATION_CONSISTENCY = 1.253314;

/** Which estimate of the spread the distances were divided by. */
export type SpreadBasis = 'mad' | 'mean-deviation' | 'none';

export interface ScoredSeries {
  median: number;
  /** median |xᵢ − median|. */
  mad: number;
  /** σ̂, what each distance from the median is divided by; 0 when every value equals the median. */
  spread: number;
  basis: SpreadBasis;
  /** One score per value, in the order given; 0 when `spread` is 0 (every value equals the median). */
  scores: number[];
  /** Per value: true where the score is the Poisson bound rather than the modified z-score. */
  countBound: boolean[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Anscombe's transform of a Poisson count: close to normal with variance 1. */
export function anscombe(count: number): number {
  return 2 * Math.sqrt(Math.max(count, 0) + 3 / 8);
}

/** Modified z-scores of a series of counts (see the file comment for the two cases decided here). */
export function modifiedZScores(values: readonly number[]): ScoredSeries {
  const center = median(values);
  const deviations = values.map((value) => Math.abs(value - center));
  const mad = median(deviations);
  let spread: number;
  let basis: SpreadBasis;
  if (mad > 0) {
    spread = mad / MAD_CONSISTENCY;
    basis = 'mad';
  } else {
    spread = (MEAN_DEVIATION_CONSISTENCY * deviations.reduce((sum, deviation) => sum + deviation, 0)) / values.length;
    basis = spread > 0 ? 'mean-deviation' : 'none';
  }
  const countBound = values.map(() => false);
  const scores = values.map((value, i) => {
    if (spread === 0) return 0;
    const robust = (value - center) / spread;
    const poisson = anscombe(value) - anscombe(center);
    if (Math.abs(poisson) >= Math.abs(robust)) return robust;
    countBound[i] = true;
    return poisson;
  });
  return { median: center, mad, spread, basis, scores, countBound };
}
