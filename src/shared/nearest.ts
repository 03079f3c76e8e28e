/**
 * "Did you mean": the candidate nearest to a mistyped value, by edit distance
 * with adjacent transpositions counting as one edit (330106001010 for
 * 330106001001 is one slip of the fingers, not two).
 */

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as
 * soon as it is sure to exceed `limit` (so that comparing one value with
 * thousands of codes stays cheap).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let before = new Array<number>(n + 1);
  let previous = new Array<number>(n + 1);
  let current = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n];
}

export interface NearestOptions {
  /** The largest distance still worth suggesting. */
  maxDistance: number;
  /** Compared forms: `value` and each candidate go through it first (e.g. case and width folding). */
  normalise?: (text: string) => string;
  /** Among candidates at the same distance, the larger score wins (e.g. a longer shared prefix); then the first. */
  score?: (candidate: string) => number;
}

/** The candidate nearest to `value` within `maxDistance`, or undefined; an exact match is not a suggestion. */
export function nearest(value: string, candidates: Iterable<string>, options: NearestOptions): string | undefined {
  const normalise = options.normalise ?? ((text: string) => text);
  const target = normalise(value);
  let best: string | undefined;
  let bestDistance = options.maxDistance + 1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate), Math.min(options.maxDistance, bestDistance));
    if (distance === 0 || distance > options.maxDistance) continue;
    const score = options.score?.(candidate) ?? 0;
    if (distance < bestDistance || (distance === bestDistance && score > bestScore)) {
      best = candidate;
      bestDistance = distance;
      bestScore = score;
    }
  }
  return best;
}
