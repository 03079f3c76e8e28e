/**
 * The engine against the reference reading of SPEC on many small random
 * cities: every indicator, every area, every period shape. A failure prints
 * the smallest city fast-check finds that tells them apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bothReports } from './compare.js';
import { cityArb } from './random-city.js';
import { referenceDefaultPeriod } from './reference-report.js';
import { createVisitFold } from '../../src/engine/visit-fold.js';
import { defaultPeriod } from '../../src/engine/period.js';

describe('random cities: engine = reference', () => {
  it('agrees on every indicator of every area', () => {
    fc.assert(
      fc.property(cityArb, (city) => {
        const { engine, reference, engineOrder, referenceOrder, engineIssues, referenceIssues } = bothReports(city);
        expect(engine).toEqual(reference);
        expect(engineOrder).toEqual(referenceOrder);
        expect(engineIssues).toEqual(referenceIssues);
      }),
      { numRuns: Number(process.env.REFERENCE_RUNS ?? 300) },
    );
    // REFERENCE_RUNS=20000 for a long hunt; the limit is only there so that such a run is not cut short.
  }, 600_000);

  it('takes the default period from the latest record of any kind', () => {
    fc.assert(
      fc.property(cityArb, (city) => {
        const fold = createVisitFold();
        for (const visit of city.visits) fold.add(visit);
        const latestDay = fold.finish().latestDay;
        const expected = referenceDefaultPeriod(city.visits);
        if (expected === null) expect(latestDay).toBeNull();
        else expect(defaultPeriod(latestDay, null)).toMatchObject(expected);
      }),
      { numRuns: 300 },
    );
  });
});
