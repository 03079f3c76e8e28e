/**
 * Each check of the review on small hand-made cities (SPEC §11), table-driven:
 * completeness (gaps, the community share, the whole data set's gaps),
 * consistency over time (one earlier year, the mean of three, slots), between
 * related numbers (the toddler–infant ratio, infants seen), and the whole
 * quarters a series is made of.
 */
import { describe, expect, it } from 'vitest';
import type { QualityFinding } from '../../../src/engine/quality/finding.js';
import { wholeQuarters, quarterId } from '../../../src/engine/quality/quarters.js';
import { reviewQuality } from '../../../src/engine/quality/review-quality.js';
import { WHO_QUALITY_THRESHOLDS, type QualityThresholds } from '../../../src/engine/quality/thresholds.js';
import { parsePeriod } from '../../../src/engine/period.js';
import type { CensusRow, Facility, Visit } from '../../../src/schema/records.js';
import { aCensusRow, aFacility, aVisit, day, foldVisits } from '../builders.js';

const A = '330101';
const B = '330102';
const A1 = '330101001';
const A1a = '330101001001';
const A1b = '330101001002';
const B1a = '330102001001';

interface City {
  census?: CensusRow[];
  facilities?: Facility[];
  visits?: Visit[];
  period?: string;
  thresholds?: QualityThresholds;
}

function review({ census = [], facilities = [], visits = [], period = '2025', thresholds = WHO_QUALITY_THRESHOLDS }: City) {
  return reviewQuality({ census, facilities, visits: foldVisits(visits), period: parsePeriod(period)!, thresholds, lang: 'en' }).checks;
}

/** Communities with their census numbers for one year. */
function censusOf(year: number, rows: Record<string, [population: number, infants: number, toddlers: number]>): CensusRow[] {
  return Object.entries(rows).map(([areaCode, [population, infants01, toddlers13]]) => aCensusRow({ areaCode, areaName: areaCode, year, population, infants01, toddlers13 }));
}

/** `count` guidance records in the community on the date, each of a child of its own born in 2020 (so never aged 0 in 2025). */
function records(areaCode: string, date: string, count: number, kind: Visit['kind'] = 'guidance'): Visit[] {
  return Array.from({ length: count }, (_, i) => aVisit({ areaCode, date, kind, childId: `${areaCode}-${date}-${kind}-${i}`, birthDate: '2020-01-01' }));
}

const QUARTER_DAYS = ['01-15', '04-15', '07-15', '10-15'];
/**
 * `count` records a quarter in each community, every quarter of 2024 and 2025, and one more on the
 * first and the last day of the two years, so that the records cover every quarter whole.
 */
function steady(communities: readonly string[], count: number): Visit[] {
  const quarters = communities.flatMap((code) => [2024, 2025].flatMap((year) => QUARTER_DAYS.flatMap((monthDay) => records(code, `${year}-${monthDay}`, count))));
  return [...records(communities[0], '2024-01-01', 1), ...quarters, ...records(communities[0], '2025-12-31', 1)];
}

const flagged = (checks: QualityFinding[], check: QualityFinding['check']) => checks.filter((finding) => finding.check === check && finding.flag);
const CENSUS_2025 = censusOf(2025, { [A1a]: [1000, 10, 20], [A1b]: [1000, 10, 20], [B1a]: [1000, 10, 20] });

describe('wholeQuarters: the quarters the records cover whole', () => {
  it.each([
    { name: 'records from the first to the last month of their quarters', first: '2024-01-20', last: '2025-12-02', expected: ['2024Q1', '2025Q4'] },
    { name: 'records that begin in December leave that quarter out', first: '2024-12-01', last: '2025-12-19', expected: ['2025Q1', '2025Q4'] },
    { name: 'a quarter still under way (last record in November) is left out', first: '2025-01-03', last: '2025-11-14', expected: ['2025Q1', '2025Q3'] },
    { name: 'nothing whole', first: '2025-02-01', last: '2025-03-01', expected: null },
  ])('$name', ({ first, last, expected }) => {
    const span = wholeQuarters(day(first), day(last));
    expect(span === null ? null : [quarterId(span.first), quarterId(span.last)]).toEqual(expected);
  });
});

describe('completeness', () => {
  it('a district without any record in a quarter, compared with the mean of up to three quarters before', () => {
    const visits = steady([A1a, A1b, B1a], 10).filter((visit) => !(visit.areaCode === B1a && visit.date >= day('2025-07-01') && visit.date <= day('2025-09-30')));
    const found = flagged(review({ census: CENSUS_2025, visits }), 'completeness');
    expect(found.map((f) => [f.level, f.area, f.quarter, f.value, f.reference, f.referenceQuarters])).toEqual([
      // The district only: its street is not listed again for the same quarter.
      ['district', B, '2025Q3', 0, 10, ['2024Q4', '2025Q1', '2025Q2']],
    ]);
  });

  it('a quarter in which the whole data set has no record is one finding for the whole, not one per district', () => {
    const visits = steady([A1a, A1b, B1a], 10).filter((visit) => !(visit.date >= day('2025-04-01') && visit.date <= day('2025-06-30')));
    const found = flagged(review({ census: CENSUS_2025, visits }), 'completeness');
    expect(found.map((f) => [f.level, f.area, f.quarter])).toEqual([['all', '', '2025Q2']]);
  });

  it('a gap before the data begins is compared with the quarters after it', () => {
    const visits = steady([A1a, A1b, B1a], 10).filter((visit) => visit.date >= day('2024-04-01') || visit.areaCode !== B1a);
    const census = CENSUS_2025.map((row) => ({ ...row, year: null }));
    const found = flagged(review({ census, visits, period: '2024' }), 'completeness');
    expect(found.map((f) => [f.area, f.quarter, f.referenceQuarters])).toEqual([[B, '2024Q1', ['2024Q2', '2024Q3', '2024Q4']]]);
  });

  it.each([
    { name: 'every community has a record: nothing flagged', silent: [], expected: [] },
    // 330101001 has two communities, one silent: 50 % < 90 %, flagged at the street, the district and the whole (2 of 3, 66.7 %).
    { name: 'one of two communities silent', silent: [A1b], expected: [['', 2, 3], [A, 1, 2], [A1, 1, 2]] },
  ])('the share of communities with a record in the window: $name', ({ silent, expected }) => {
    const visits = steady([A1a, A1b, B1a].filter((code) => !silent.includes(code)), 10);
    const found = flagged(review({ census: CENSUS_2025, visits }), 'completeness').filter((f) => f.measure === 'community_share');
    expect(found.map((f) => [f.area, f.value, f.reference])).toEqual(expected);
    for (const finding of found) expect(finding.compared).toBeCloseTo(((finding.value ?? 0) * 100) / (finding.reference ?? 1), 9);
  });

  it('a district whose census lists no communities gets a note, once', () => {
    const census = [...CENSUS_2025, aCensusRow({ areaCode: '330103001', areaName: '乡', year: 2025 }), aCensusRow({ areaCode: '330103002', areaName: '镇', year: 2025 })];
    const notes = review({ census, visits: steady([A1a, A1b, B1a, '330103001'], 10) }).filter((f) => f.outcome === 'no-communities');
    expect(notes.map((f) => [f.area, f.flag])).toEqual([['330103', false]]);
  });
});

describe('consistency over time', () => {
  const district = (year: number, population: number, infants: number, toddlers: number) => censusOf(year, { [A1a]: [population, infants, toddlers] });

  it.each([
    { name: 'infants down 40 % on last year', census: [...district(2024, 10_000, 100, 200), ...district(2025, 10_000, 60, 210)], expected: [['infants_0_1', 60, 100, -40]] },
    { name: 'a change of 30 % is within ±33 %', census: [...district(2024, 10_000, 100, 200), ...district(2025, 13_000, 100, 200)], expected: [] },
    {
      // Population 2022–2024: 100, 110, 120 thousand → mean 110,000; 2025: 150,000 is +36.4 %.
      name: 'against the mean of three earlier years',
      census: [...district(2022, 100_000, 100, 200), ...district(2023, 110_000, 100, 200), ...district(2024, 120_000, 100, 200), ...district(2025, 150_000, 100, 200)],
      expected: [['population', 150_000, 110_000, 36.36]],
    },
    {
      // Only the three latest earlier years: 2021's 10,000 would have pulled the mean down below 112,500.
      name: 'no more than three earlier years',
      census: [...district(2021, 10_000, 100, 200), ...district(2022, 100_000, 100, 200), ...district(2023, 110_000, 100, 200), ...district(2024, 120_000, 100, 200), ...district(2025, 145_000, 100, 200)],
      expected: [],
    },
  ])('census: $name', ({ census, expected }) => {
    const found = flagged(review({ census }), 'consistency-over-time').filter((f) => f.level === 'district');
    expect(found.map((f) => [f.measure, f.value, f.reference, Math.round((f.compared ?? 0) * 100) / 100])).toEqual(expected);
  });

  it('open slots: a district whose slots doubled since the same day last year, the year being in the data', () => {
    const facilities = [aFacility({ facilityId: 'F1', areaCode: A1a, slots: 50, opened: '2010-01-01' }), aFacility({ facilityId: 'F2', areaCode: A1a, slots: 50, opened: '2025-03-01' })];
    const census = [...district(2024, 10_000, 100, 200), ...district(2025, 10_000, 100, 200)];
    const found = flagged(review({ census, facilities }), 'consistency-over-time');
    expect(found.map((f) => [f.level, f.area, f.measure, f.value, f.reference, f.referenceYears])).toEqual([
      ['all', '', 'open_slots', 100, 50, [2024]],
      ['district', A, 'open_slots', 100, 50, [2024]],
      ['street', A1, 'open_slots', 100, 50, [2024]],
    ]);
  });

  it('no earlier year in the data: a note for the census and one for slots, nothing flagged', () => {
    const notes = review({ census: district(2025, 10_000, 100, 200) }).filter((f) => f.check === 'consistency-over-time');
    expect(notes.map((f) => [f.measure, f.outcome, f.flag])).toEqual([['population', 'no-previous-year', false], ['open_slots', 'no-previous-year', false]]);
  });
});

describe('consistency between related numbers', () => {
  it.each([
    // Whole data set: toddlers 200 + 200 + 264 = 664, infants 300: 664 ÷ 600 = 1.1067. B: 264 ÷ 200 = 1.32, +19.3 % → flagged.
    { name: 'a district 19 % above the whole data set\'s ratio', b: [10_000, 100, 264], expected: [[B, 1.32, 664 / 600]] },
    // B: 216 ÷ 200 = 1.08 against 616 ÷ 600 = 1.0267: +5.2 %, within ±10 %.
    { name: 'a district 5 % off', b: [10_000, 100, 216], expected: [] },
  ] as const)('toddlers ÷ (2 × infants): $name', ({ b, expected }) => {
    const census = censusOf(2025, { [A1a]: [10_000, 100, 200], [A1b]: [10_000, 100, 200], [B1a]: [...b] });
    const found = flagged(review({ census }), 'consistency-related').filter((f) => f.level === 'district');
    expect(found.map((f) => [f.area, f.value, f.reference])).toEqual(expected.map(([area, value, reference]) => [area, expect.closeTo(value, 9), expect.closeTo(reference, 9)]));
  });

  it('more children seen while aged 0 than the census counts infants, by any record at age 0', () => {
    const census = censusOf(2025, { [A1a]: [10_000, 2, 4], [B1a]: [10_000, 10, 20] });
    const infants = [
      aVisit({ childId: 'i1', areaCode: A1a }),
      aVisit({ childId: 'i2', areaCode: A1a, kind: 'online' }),
      aVisit({ childId: 'i3', areaCode: A1a, kind: 'activity' }),
      aVisit({ childId: 'i1', areaCode: A1a, date: '2025-05-01' }),
      aVisit({ childId: 'old', areaCode: A1a, birthDate: '2023-01-01' }),
    ];
    const found = flagged(review({ census, visits: infants }), 'consistency-related').filter((f) => f.measure === 'infants_seen');
    expect(found.map((f) => [f.area, f.value, f.reference, f.compared])).toEqual([[A, 3, 2, 1.5], [A1, 3, 2, 1.5]]);
  });
});

describe('thresholds are plan data', () => {
  it('a plan that allows ±20 % flags neither ratio', () => {
    const census = censusOf(2025, { [A1a]: [10_000, 100, 200], [A1b]: [10_000, 100, 200], [B1a]: [10_000, 100, 264] });
    const lenient = { ...WHO_QUALITY_THRESHOLDS, related: { ...WHO_QUALITY_THRESHOLDS.related, difference: 20 } };
    expect(flagged(review({ census, thresholds: lenient }), 'consistency-related')).toEqual([]);
    expect(flagged(review({ census }), 'consistency-related')).not.toEqual([]);
  });
});

describe('a census without service records', () => {
  it('says once per quarter that the whole data set has no record, and takes no share of communities', () => {
    const found = review({ census: CENSUS_2025 }).filter((f) => f.check === 'completeness');
    expect(found.map((f) => [f.level, f.quarter, f.outcome])).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((q) => ['all', q, 'no-records']));
  });
});
