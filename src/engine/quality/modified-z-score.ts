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
 * - Counting noise: the counts are counts of events, whose spread is at least
 *   that of a Poisson count, √mean. With four to eight quarters the MAD is
 *   often far below it by chance (three quarters that happen to agree within a
 *   few records), and a score against it flags ordinary noise as extreme.
 *   So σ̂ is never taken below √median, the Poisson standard deviation of
 *   the median count. Where the MAD is larger (any real spread), the score is
 *   exactly Iglewicz–Hoaglin's.
 */

/** 0.6745 ≈ Φ⁻¹(0.75): MAD / 0.6745 estimates σ for normal data (Iglewicz–Hoaglin). */
export const MAD_CONSISTENCY = 0.6745;
/** √(π/2): mean absolute deviation × 1.253314 estimates σ for normal data. */
export const MEAN_DEVIATION_CONSISTENCY = 1.253314;

/** Which estimate of the spread the scores were divided by. */
export type SpreadBasis = 'mad' | 'mean-deviation' | 'poisson' | 'none';

export interface ScoredSeries {
  median: number;
  /** median |xᵢ − median|. */
  mad: number;
  /** σ̂, the spread each distance from the median is divided by; 0 when every value equals the median. */
  spread: number;
  basis: SpreadBasis;
  /** One score per value, in the order given; 0 when `spread` is 0 (every value equals the median). */
  scores: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Modified z-scores of a series of counts (see the file comment for the spread used). */
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
  const poisson = Math.sqrt(Math.max(center, 0));
  if (basis !== 'none' && poisson > spread) {
    spread = poisson;
    basis = 'poisson';
  }
  const scores = values.map((value) => (spread > 0 ? (value - center) / spread : 0));
  return { median: center, mad, spread, basis, scores };
}
