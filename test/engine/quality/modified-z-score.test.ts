/**
 * The modified z-score (Iglewicz–Hoaglin), checked against hand computations
 * written out in each case, and the two decisions of modified-z-score.ts:
 * the mean absolute deviation when the MAD is 0, and the bound of counting
 * noise on Anscombe's scale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anscombe, median, modifiedZScores } from '../../../src/engine/quality/modified-z-score.js';

describe('modifiedZScores, by hand', () => {
  it.each([
    {
      // median 120; |x − 120| = 20, 20, 0, 180, 10 → sorted 0, 10, 20, 20, 180 → MAD 20;
      // M(300) = 0.6745 × 180 ÷ 20 = 6.0705; M(100) = 0.6745 × (−20) ÷ 20 = −0.6745.
      // Counting noise does not bound it: 2√300.375 − 2√120.375 = 34.663 − 21.943 = 12.72 > 6.07.
      name: 'Iglewicz–Hoaglin: 0.6745 (x − median) / MAD',
      values: [100, 140, 120, 300, 110],
      median: 120, mad: 20, basis: 'mad', scores: [-0.6745, 0.6745, 0, 6.0705, -0.33725], bound: [false, false, false, false, false],
    },
    {
      // Four quarters: median (90 + 110) ÷ 2 = 100; |x − 100| = 20, 10, 10, 200 → sorted 10, 10, 20, 200 → MAD (10 + 20) ÷ 2 = 15;
      // M(80) = 0.6745 × (−20) ÷ 15 = −0.89933, M(90) = −0.44967, M(110) = 0.44967, M(300) = 0.6745 × 200 ÷ 15 = 8.99333.
      // Counting noise: 80 is 2√80.375 − 2√100.375 = −2.107, 300 is 14.625 Poisson SDs away: neither bounds.
      name: 'an even number of quarters: the median and the MAD are means of the middle two',
      values: [80, 90, 110, 300],
      median: 100, mad: 15, basis: 'mad', scores: [-0.89933, -0.44967, 0.44967, 8.99333], bound: [false, false, false, false],
    },
    {
      // median 5, MAD 0 (four of five equal): mean |x − 5| = 15 ÷ 5 = 3; σ̂ = 1.253314 × 3 = 3.759942;
      // M(20) = 15 ÷ 3.759942 = 3.98942; Anscombe 2√20.375 − 2√5.375 = 9.02774 − 4.63681 = 4.39093, larger: not bounded.
      name: 'MAD 0: the mean absolute deviation × 1.253314',
      values: [5, 5, 5, 5, 20],
      median: 5, mad: 0, basis: 'mean-deviation', scores: [0, 0, 0, 0, 3.98942], bound: [false, false, false, false, false],
    },
    {
      // median 100, MAD 1: the MAD-based score of 130 would be 0.6745 × 30 = 20.235, but on Anscombe's scale
      // 130 is 2√130.375 − 2√100.375 = 22.8363 − 20.0375 = 2.7988 Poisson standard deviations from 100: not an outlier.
      name: 'three quarters that agree by chance: counting noise bounds the score',
      values: [100, 101, 100, 99, 130],
      median: 100, mad: 0, basis: 'mad', scores: [0, 0.0998, 0, -0.0999, 2.7988], bound: [false, true, false, true, true],
    },
    { name: 'every quarter alike: no score', values: [7, 7, 7, 7], median: 7, mad: 0, basis: 'none', scores: [0, 0, 0, 0], bound: [false, false, false, false] },
  ])('$name', ({ values, median: expectedMedian, basis, scores, bound }) => {
    const scored = modifiedZScores(values);
    expect(scored.median).toBe(expectedMedian);
    expect(scored.basis).toBe(basis);
    scored.scores.forEach((score, i) => expect(score, `score of ${values[i]}`).toBeCloseTo(scores[i], 3));
    expect(scored.countBound).toEqual(bound);
  });

  it('the MAD of the cases above', () => {
    expect(modifiedZScores([100, 140, 120, 300, 110]).mad).toBe(20);
    expect(modifiedZScores([80, 90, 110, 300]).mad).toBe(15);
    expect(modifiedZScores([100, 101, 100, 99, 130]).mad).toBe(1);
  });

  it('median of odd and even counts', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN]);
  });

  it('Anscombe\'s transform: 2√(x + 3/8)', () => {
    expect(anscombe(0)).toBeCloseTo(1.224745, 6);
    expect(anscombe(100)).toBeCloseTo(20.037465, 5);
  });

  it('is exactly Iglewicz–Hoaglin wherever counting noise does not bound it, and never beyond it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 4, maxLength: 12 }), (values) => {
        const scored = modifiedZScores(values);
        values.forEach((value, i) => {
          const bound = anscombe(value) - anscombe(scored.median);
          expect(Math.abs(scored.scores[i])).toBeLessThanOrEqual(Math.abs(bound) + 1e-12);
          if (scored.basis === 'mad' && !scored.countBound[i]) {
            expect(scored.scores[i]).toBeCloseTo((0.6745 * (value - scored.median)) / scored.mad, 9);
          }
        });
      }),
    );
  });
});
