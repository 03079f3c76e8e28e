/**
 * The engine against the reference reading of SPEC on the sample city: every
 * indicator of every area, for a year, a year-to-date quarter and a year whose
 * census is its own (2024), at every breakdown level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import type { AreaLevel } from '../../src/schema/records.js';
import { buildReport } from '../../src/api.js';
import { bothReports, comparable } from './compare.js';
import { referenceDefaultPeriod, referenceReport, type ReferenceInput } from './reference-report.js';
import { loadRecords, type LoadedRecords } from './load-records.js';

let city: LoadedRecords;

/** SPEC §4: the sample's latest record is 2025-12-19, so the default period is 2025Q4. */
function referencePeriodOfSample() {
  const period = referenceDefaultPeriod(city.visits);
  expect(period).toEqual({ year: 2025, quarter: 4 });
  return period!;
}
beforeAll(async () => {
  city = await loadRecords('fixtures/sample-city');
});

const PERIODS = [
  { year: 2025, quarter: null },
  { year: 2025, quarter: 2 },
  { year: 2025, quarter: 4 },
  { year: 2024, quarter: null },
  { year: 2026, quarter: 1 },
] as const;
const LEVELS: AreaLevel[] = ['all', 'district', 'street', 'community'];

describe('sample city: engine = reference', () => {
  it('reads every row of the sample city', () => {
    expect(city.census.length).toBeGreaterThan(60);
    expect(city.facilities).toHaveLength(102);
    expect(city.visits).toHaveLength(22_465);
  });

  // End to end: files → readers → validators → fold → engine, as `tuoyu report` runs it.
  it.each<{ period: string | undefined; expected: ReferenceInput['period'] | (() => ReferenceInput['period']) }>([
    { period: '2025', expected: { year: 2025, quarter: null } },
    { period: '2025Q2', expected: { year: 2025, quarter: 2 } },
    { period: undefined, expected: referencePeriodOfSample },
  ])('buildReport for period $period = reference', async ({ period, expected }) => {
    const built = await buildReport({ data: 'fixtures/sample-city', period, by: 'district', lang: 'en' });
    const want = typeof expected === 'function' ? expected() : expected;
    expect(comparable(built.areas)).toEqual(comparable(referenceReport({ ...city, period: want, plan: DEFAULT_PLAN, by: 'district' })));
  });

  for (const period of PERIODS) {
    for (const by of LEVELS) {
      it(`${period.year}${period.quarter ? `Q${period.quarter}` : ''} by ${by}`, () => {
        const { engine, reference, engineOrder, referenceOrder, engineIssues, referenceIssues } = bothReports({ ...city, period, plan: DEFAULT_PLAN, by });
        expect(engine).toEqual(reference);
        expect(engineOrder).toEqual(referenceOrder);
        expect(engineIssues).toEqual(referenceIssues);
      });
    }
  }
});

/** The messy city (LibreOffice workbooks, GBK CSV, padded codes, 合计 rows) and its copy with planted problems. */
describe.each(['fixtures/messy-city', 'fixtures/messy-city-planted'])('%s: engine = reference', (data) => {
  let messy: LoadedRecords;
  beforeAll(async () => {
    messy = await loadRecords(data);
  });

  it.each([
    { year: 2025, quarter: null },
    { year: 2025, quarter: 2 },
    { year: 2024, quarter: null },
  ] as const)('$year Q$quarter by community', (period) => {
    expect(messy.census.length).toBeGreaterThan(0);
    const { engine, reference, engineOrder, referenceOrder, engineIssues, referenceIssues } = bothReports({ ...messy, period, plan: DEFAULT_PLAN, by: 'community' });
    expect(engine).toEqual(reference);
    expect(engineOrder).toEqual(referenceOrder);
    expect(engineIssues).toEqual(referenceIssues);
  });
});
