/**
 * The engine against the reference reading of SPEC on the sample city: every
 * indicator of every area, for a year, a year-to-date quarter and a year whose
 * census is its own (2024), at every breakdown level. The city is read once
 * through the library API (`loadSubmission`), which hands every service record
 * to the reference as it folds it for the engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import type { AreaLevel, Visit } from '../../src/schema/records.js';
import { buildReport, computeReport, loadSubmission, type Submission } from '../../src/api.js';
import { bothReports, comparable } from './compare.js';
import { referenceDefaultPeriod, referenceReport, type ReferenceInput } from './reference-report.js';

/** A submission read through the API, and the records the reference needs (all visits, which the API never holds). */
interface Read {
  submission: Submission;
  records: Pick<ReferenceInput, 'census' | 'facilities' | 'visits' | 'assessments'>;
}

async function read(data: string): Promise<Read> {
  const visits: Visit[] = [];
  const submission = await loadSubmission(data, { onVisit: (visit) => visits.push(visit) });
  const { census, facilities, assessments } = submission;
  return { submission, records: { census, facilities, visits, assessments } };
}

let city: Read;

/** SPEC §4: the sample's latest record is 2025-12-19, so the default period is 2025Q4. */
function referencePeriodOfSample() {
  const period = referenceDefaultPeriod(city.records.visits);
  expect(period).toEqual({ year: 2025, quarter: 4 });
  return period!;
}
beforeAll(async () => {
  city = await read('fixtures/sample-city');
});

const PERIODS = [
  { year: 2025, quarter: null },
  { year: 2025, quarter: 2 },
  { year: 2025, quarter: 4 },
  { year: 2024, quarter: null },
  { year: 2026, quarter: 1 },
] as const;
const LEVELS: AreaLevel[] = ['all', 'district', 'street', 'community'];

const periodId = (period: ReferenceInput['period']) => `${period.year}${period.quarter ? `Q${period.quarter}` : ''}`;

describe('sample city: engine = reference', () => {
  it('reads every row of the sample city', () => {
    expect(city.records.census.length).toBeGreaterThan(60);
    expect(city.records.facilities).toHaveLength(102);
    expect(city.records.visits).toHaveLength(22_465);
    expect(city.records.assessments).toHaveLength(121);
  });

  // End to end: files → readers → validators → fold → engine, as `tuoyu report` runs it.
  it.each<{ period: string | undefined; expected: ReferenceInput['period'] | (() => ReferenceInput['period']) }>([
    { period: '2025', expected: { year: 2025, quarter: null } },
    { period: '2025Q2', expected: { year: 2025, quarter: 2 } },
    { period: undefined, expected: referencePeriodOfSample },
  ])('buildReport for period $period = reference', async ({ period, expected }) => {
    const built = await buildReport({ data: 'fixtures/sample-city', period, by: 'district', lang: 'en' });
    const want = typeof expected === 'function' ? expected() : expected;
    expect(comparable(built.areas)).toEqual(comparable(referenceReport({ ...city.records, period: want, plan: DEFAULT_PLAN, by: 'district' })));
  });

  for (const period of PERIODS) {
    for (const by of LEVELS) {
      it(`${periodId(period)} by ${by}`, () => {
        const input = { ...city.records, period, plan: DEFAULT_PLAN, by };
        const { engine, reference, engineOrder, referenceOrder, engineIssues, referenceIssues } = bothReports(input);
        expect(engine).toEqual(reference);
        expect(engineOrder).toEqual(referenceOrder);
        expect(engineIssues).toEqual(referenceIssues);
        // The API's report over the submission's own fold, too.
        expect(comparable(computeReport(city.submission, { period: periodId(period), by, lang: 'en' }).areas)).toEqual(reference);
      });
    }
  }

  it('without its assessments table: the §9 indicators are n/a, every other number is the same', () => {
    const period = { year: 2025, quarter: null } as const;
    const without = bothReports({ ...city.records, assessments: null, period, plan: DEFAULT_PLAN, by: 'street' });
    const withTable = bothReports({ ...city.records, period, plan: DEFAULT_PLAN, by: 'street' });
    expect(without.engine).toEqual(without.reference);
    const ASSESSMENT_IDS = ['self_assessment_rate', 'quality_score_mean', 'quality_ab_share'];
    for (const [area, indicators] of Object.entries(without.engine as Record<string, Record<string, { status?: string }>>)) {
      const other = (withTable.engine as Record<string, Record<string, unknown>>)[area];
      for (const [id, result] of Object.entries(indicators)) {
        if (ASSESSMENT_IDS.includes(id)) expect(result.status, `${area} ${id}`).toBe('n/a');
        else expect(result, `${area} ${id}`).toEqual(other[id]);
      }
    }
  });
});

/** The messy city (LibreOffice workbooks, GBK CSV, padded codes, 合计 rows) and its copy with planted problems. */
describe.each(['fixtures/messy-city', 'fixtures/messy-city-planted'])('%s: engine = reference', (data) => {
  let messy: Read;
  beforeAll(async () => {
    messy = await read(data);
  });

  it.each([
    { year: 2025, quarter: null },
    { year: 2025, quarter: 2 },
    { year: 2024, quarter: null },
  ] as const)('$year Q$quarter by community', (period) => {
    expect(messy.records.census.length).toBeGreaterThan(0);
    const { engine, reference, engineOrder, referenceOrder, engineIssues, referenceIssues } = bothReports({ ...messy.records, period, plan: DEFAULT_PLAN, by: 'community' });
    expect(engine).toEqual(reference);
    expect(engineOrder).toEqual(referenceOrder);
    expect(engineIssues).toEqual(referenceIssues);
  });
});
