import { describe, expect, it } from 'vitest';
import { computeReport, type ReportInput } from '../../src/engine/compute-report.js';
import { INDICATOR_IDS, type IndicatorId } from '../../src/engine/indicators.js';
import { defaultPeriod, parsePeriod } from '../../src/engine/period.js';
import type { IndicatorResult } from '../../src/engine/report.js';
import type { CensusRow, Facility, Visit } from '../../src/schema/records.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { aCensusRow, aFacility, aVisit, foldVisits } from './builders.js';

const WEST_LAKE = '330106';
const NORTH_HILL = '330106001';
const DAWN = '330106001001';
const GREEN = '330106001002';
const WEST_CREEK = '330106002';
const RIVERSIDE = '330108';

/**
 * West Lake district: a subtotal row, street North Hill with two communities,
 * street West Creek listed without communities. Riverside district listed
 * alone (no streets, no communities). Plus a 合计 row. Total: 5,000 residents,
 * 50 infants, 100 toddlers.
 */
const CITY: CensusRow[] = [
  aCensusRow({ areaCode: '', areaName: '合计', population: 5000, infants01: 50, toddlers13: 100 }),
  aCensusRow({ areaCode: WEST_LAKE, areaName: '西湖区', population: 4000, infants01: 40, toddlers13: 80 }),
  aCensusRow({ areaCode: NORTH_HILL, areaName: '北山街道', population: 2000, infants01: 20, toddlers13: 40 }),
  aCensusRow({ areaCode: DAWN, areaName: '曙光社区', population: 1000, infants01: 10, toddlers13: 20 }),
  aCensusRow({ areaCode: GREEN, areaName: '青芝坞社区', population: 1000, infants01: 10, toddlers13: 20 }),
  aCensusRow({ areaCode: WEST_CREEK, areaName: '西溪街道', population: 2000, infants01: 20, toddlers13: 40 }),
  aCensusRow({ areaCode: RIVERSIDE, areaName: '滨江区', population: 1000, infants01: 10, toddlers13: 20 }),
];

function report(overrides: Partial<Omit<ReportInput, 'visits'>> & { visits?: Visit[] } = {}) {
  const { visits = [], ...rest } = overrides;
  return computeReport({
    census: CITY,
    facilities: [],
    period: parsePeriod('2025')!,
    targets: DEFAULT_PLAN.targets,
    by: 'community',
    lang: 'en',
    ...rest,
    visits: foldVisits(visits),
  });
}

function resultsOf(outcome: ReturnType<typeof report>, id: IndicatorId): Record<string, IndicatorResult> {
  return Object.fromEntries(outcome.areas.map((area) => [area.code, area.indicators[id]]));
}

/** Children aged 0 on 2025-03-01 (born 2024-09-01), one guidance record each. */
function infantsGuided(count: number, areaCode: string, prefix = areaCode): Visit[] {
  return Array.from({ length: count }, (_, i) => aVisit({ childId: `${prefix}-${i}`, areaCode }));
}

function outreach(facilityId: string, dates: string[]): Visit[] {
  return dates.map((date) => aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId, date }));
}

interface IndicatorCase {
  name: string;
  id: IndicatorId;
  input: Partial<Omit<ReportInput, 'visits'>> & { visits?: Visit[] };
  /** Expected fields per area code ('' = total). */
  expected: Record<string, Partial<IndicatorResult>>;
}

const cases: IndicatorCase[] = [
  {
    name: 'guidance_rate_0_1: distinct children guided at age 0 per infant, summed up the tree',
    id: 'guidance_rate_0_1',
    input: { visits: [...infantsGuided(5, DAWN), ...infantsGuided(5, DAWN, 'again')] },
    expected: {
      [DAWN]: { value: 100, numerator: 10, denominator: 10, status: 'met', target: 90, op: '>=' },
      [NORTH_HILL]: { value: 50, numerator: 10, denominator: 20, status: 'not_met' },
      [WEST_LAKE]: { value: 25, numerator: 10, denominator: 40 },
      '': { value: 20, numerator: 10, denominator: 50 },
    },
  },
  {
    name: 'guidance_rate_0_1: a child who moved counts once, in the area of the latest record',
    id: 'guidance_rate_0_1',
    input: {
      visits: [
        aVisit({ childId: 'moved', areaCode: DAWN, date: '2025-02-01' }),
        aVisit({ childId: 'moved', areaCode: RIVERSIDE, date: '2025-05-01' }),
        aVisit({ childId: 'moved', areaCode: GREEN, date: '2025-04-01' }),
      ],
    },
    expected: {
      [DAWN]: { numerator: 0 },
      [GREEN]: { numerator: 0 },
      [WEST_LAKE]: { numerator: 0 },
      [RIVERSIDE]: { numerator: 1, value: 10 },
      '': { numerator: 1, value: 2 },
    },
  },
  {
    name: 'guidance_rate_0_1: a record on the first birthday does not count',
    id: 'guidance_rate_0_1',
    input: { visits: [aVisit({ birthDate: '2024-03-01', date: '2025-03-01' }), aVisit({ childId: 'C2', birthDate: '2024-03-02', date: '2025-03-01' })] },
    expected: { '': { numerator: 1 } },
  },
  {
    name: 'guidance_rate_0_1: no infants in the census is n/a, not a division by zero',
    id: 'guidance_rate_0_1',
    input: { census: [aCensusRow({ areaCode: DAWN, infants01: 0 })], visits: infantsGuided(2, DAWN) },
    expected: {
      '': { value: null, numerator: null, denominator: null, status: 'n/a', target: 90, op: '>=' },
      [DAWN]: { value: null, status: 'n/a' },
    },
  },
  {
    name: 'activity_rate_1_3: distinct children aged 1 or 2 at an activity per toddler',
    id: 'activity_rate_1_3',
    input: {
      visits: [
        aVisit({ kind: 'activity', childId: 'one', birthDate: '2024-01-01' }),
        aVisit({ kind: 'activity', childId: 'one', birthDate: '2024-01-01', date: '2025-03-02' }),
        aVisit({ kind: 'activity', childId: 'two', birthDate: '2022-03-02' }),
        aVisit({ kind: 'activity', childId: 'three', birthDate: '2022-03-01' }),
        aVisit({ kind: 'activity', childId: 'baby', birthDate: '2024-06-01' }),
      ],
    },
    expected: {
      [DAWN]: { value: 10, numerator: 2, denominator: 20, status: 'not_met', target: 85 },
      '': { value: 2, numerator: 2, denominator: 100 },
    },
  },
  {
    name: 'activity_rate_1_3: a Q2 report excludes Q3 records',
    id: 'activity_rate_1_3',
    input: {
      period: parsePeriod('2025Q2')!,
      visits: [
        aVisit({ kind: 'activity', childId: 'a', birthDate: '2023-01-01', date: '2025-06-30' }),
        aVisit({ kind: 'activity', childId: 'b', birthDate: '2023-01-01', date: '2025-07-01' }),
      ],
    },
    expected: { '': { numerator: 1 } },
  },
  {
    name: 'activity_rate_1_3: no toddlers in the census is n/a',
    id: 'activity_rate_1_3',
    input: { census: [aCensusRow({ toddlers13: 0 })] },
    expected: { '': { status: 'n/a', value: null } },
  },
  {
    name: 'followups_per_infant: every guidance record at age 0, in its own area, per infant',
    id: 'followups_per_infant',
    input: {
      visits: [
        aVisit({ childId: 'x', areaCode: DAWN, date: '2025-01-01' }),
        aVisit({ childId: 'x', areaCode: GREEN, date: '2025-02-01' }),
        aVisit({ childId: 'x', kind: 'online', areaCode: GREEN, date: '2025-02-01' }),
        aVisit({ childId: 'y', areaCode: GREEN, date: '2025-03-01' }),
      ],
    },
    expected: {
      [DAWN]: { value: 0.1, numerator: 1, denominator: 10, status: 'not_met', target: 5 },
      [GREEN]: { value: 0.2, numerator: 2, denominator: 10 },
      '': { value: 3 / 50, numerator: 3, denominator: 50 },
    },
  },
  {
    name: 'followups_per_infant: no infants is n/a',
    id: 'followups_per_infant',
    input: { census: [aCensusRow({ infants01: 0 })] },
    expected: { '': { status: 'n/a' } },
  },
  {
    name: 'combined_kindergarten_share: open kindergartens with toddler classes',
    id: 'combined_kindergarten_share',
    input: {
      facilities: [
        aFacility({ facilityId: 'K1', type: 'kindergarten', toddlerClasses: 2 }),
        aFacility({ facilityId: 'K2', type: 'kindergarten', toddlerClasses: 0 }),
        aFacility({ facilityId: 'K3', type: 'kindergarten', toddlerClasses: 1, closed: '2025-12-31' }),
        aFacility({ facilityId: 'N1', type: 'nursery', toddlerClasses: 3 }),
      ],
    },
    expected: { '': { value: 50, numerator: 1, denominator: 2, status: 'met', target: 50 } },
  },
  {
    name: 'combined_kindergarten_share: no open kindergarten is n/a',
    id: 'combined_kindergarten_share',
    input: { facilities: [aFacility({ type: 'nursery' })] },
    expected: { '': { status: 'n/a', value: null, target: 50, op: '>=' } },
  },
  {
    name: 'kindergarten_slots: slots of open kindergartens, target on the total only',
    id: 'kindergarten_slots',
    input: {
      facilities: [
        aFacility({ facilityId: 'K1', type: 'kindergarten', slots: 1500, areaCode: DAWN }),
        aFacility({ facilityId: 'K2', type: 'kindergarten', slots: 600, areaCode: RIVERSIDE, opened: '2025-12-31' }),
        aFacility({ facilityId: 'K3', type: 'kindergarten', slots: 900, areaCode: RIVERSIDE, opened: '2026-01-01' }),
        aFacility({ facilityId: 'N1', type: 'nursery', slots: 300 }),
      ],
    },
    expected: {
      '': { value: 2100, numerator: 2100, denominator: null, status: 'met', target: 2000, op: '>=' },
      [WEST_LAKE]: { value: 1500, numerator: 1500, status: 'no_target', target: null, op: null },
      [RIVERSIDE]: { value: 600, status: 'no_target', target: null },
    },
  },
  {
    name: 'inclusive_facility_share: inclusive providers among facilities with slots',
    id: 'inclusive_facility_share',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', inclusive: true }),
        aFacility({ facilityId: 'B', inclusive: true }),
        aFacility({ facilityId: 'C', inclusive: true }),
        aFacility({ facilityId: 'D', inclusive: false }),
        aFacility({ facilityId: 'E', inclusive: true, slots: 0 }),
        aFacility({ facilityId: 'F', inclusive: false, closed: '2025-06-01' }),
      ],
    },
    expected: { '': { value: 75, numerator: 3, denominator: 4, status: 'met', target: 75 } },
  },
  {
    name: 'inclusive_facility_share: no provider is n/a',
    id: 'inclusive_facility_share',
    input: { facilities: [aFacility({ slots: 0 })] },
    expected: { '': { status: 'n/a' }, [DAWN]: { status: 'n/a' } },
  },
  {
    name: 'community_coverage: communities with an inclusive provider; a district without communities is left out; a community row is its own 0 or 100 %, without a target',
    id: 'community_coverage',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', areaCode: DAWN }),
        aFacility({ facilityId: 'B', areaCode: DAWN }),
        aFacility({ facilityId: 'district-level', areaCode: WEST_LAKE }),
        aFacility({ facilityId: 'street-level', areaCode: NORTH_HILL }),
        aFacility({ facilityId: 'not-inclusive', areaCode: GREEN, inclusive: false }),
        aFacility({ facilityId: 'no-slots', areaCode: GREEN, slots: 0 }),
      ],
    },
    expected: {
      '': { value: 50, numerator: 1, denominator: 2, status: 'not_met', target: 65 },
      [WEST_LAKE]: { value: 50, numerator: 1, denominator: 2 },
      [NORTH_HILL]: { value: 50, numerator: 1, denominator: 2 },
      [WEST_CREEK]: { value: null, status: 'n/a', target: 65 },
      [RIVERSIDE]: { value: null, status: 'n/a', target: 65 },
      // SPEC §1 "applies at: whole set, district, street": a community shows its value with no target.
      [DAWN]: { value: 100, numerator: 1, denominator: 1, status: 'no_target', target: null, op: null },
      [GREEN]: { value: 0, numerator: 0, denominator: 1, status: 'no_target', target: null, op: null },
    },
  },
  {
    name: 'community_coverage: a census without communities is n/a everywhere',
    id: 'community_coverage',
    input: { census: [aCensusRow({ areaCode: RIVERSIDE })], facilities: [aFacility({ areaCode: RIVERSIDE })] },
    expected: { '': { status: 'n/a', value: null }, [RIVERSIDE]: { status: 'n/a' } },
  },
  {
    name: 'street_coverage: streets with an inclusive provider in them or in a community; district-level facilities cover none; a street row is its own 0 or 100 %, without a target',
    id: 'street_coverage',
    input: {
      census: [...CITY, aCensusRow({ areaCode: '330106003', areaName: '灵隐街道' })],
      facilities: [
        aFacility({ facilityId: 'community', areaCode: DAWN }),
        aFacility({ facilityId: 'street', areaCode: WEST_CREEK }),
        aFacility({ facilityId: 'district-level', areaCode: WEST_LAKE }),
        aFacility({ facilityId: 'riverside', areaCode: RIVERSIDE }),
      ],
    },
    expected: {
      '': { value: 200 / 3, numerator: 2, denominator: 3, status: 'not_met', target: 100 },
      [WEST_LAKE]: { value: 200 / 3, numerator: 2, denominator: 3 },
      [RIVERSIDE]: { value: null, status: 'n/a' },
      // SPEC §1 "applies at: whole set, district": a street shows whether it is covered, with no target.
      [NORTH_HILL]: { value: 100, numerator: 1, denominator: 1, status: 'no_target', target: null, op: null },
      [WEST_CREEK]: { value: 100, numerator: 1, denominator: 1, status: 'no_target', target: null, op: null },
      // A community holds no streets: no value, and no target applies there.
      [DAWN]: { value: null, status: 'n/a', target: null, op: null },
    },
  },
  {
    name: 'street_coverage: an unlisted community under a leaf street covers that street',
    id: 'street_coverage',
    input: { facilities: [aFacility({ areaCode: '330106002009' })] },
    expected: { [WEST_LAKE]: { value: 50, numerator: 1, denominator: 2 } },
  },
  {
    name: 'slots_per_1000: slots of open facilities per 1,000 residents; a district-level facility counts for its district',
    id: 'slots_per_1000',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', areaCode: DAWN, slots: 10, inclusive: false }),
        aFacility({ facilityId: 'B', areaCode: WEST_LAKE, slots: 15 }),
        aFacility({ facilityId: 'closed-on-end', areaCode: DAWN, slots: 500, closed: '2025-12-31' }),
      ],
    },
    expected: {
      [DAWN]: { value: 10, numerator: 10, denominator: 1000, status: 'met', target: 5 },
      [NORTH_HILL]: { value: 5, numerator: 10, denominator: 2000, status: 'met' },
      [WEST_LAKE]: { value: 6.25, numerator: 25, denominator: 4000 },
      '': { value: 5, numerator: 25, denominator: 5000, status: 'met' },
      [RIVERSIDE]: { value: 0, numerator: 0, denominator: 1000, status: 'not_met' },
    },
  },
  {
    name: 'slots_per_1000: a census without residents is n/a',
    id: 'slots_per_1000',
    input: { census: [aCensusRow({ population: 0 })], facilities: [aFacility()] },
    expected: { '': { status: 'n/a', value: null } },
  },
  {
    name: 'provincial_inclusive_count: open provincial facilities, target on the total only',
    id: 'provincial_inclusive_count',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', provincial: true }),
        aFacility({ facilityId: 'B', provincial: true, areaCode: RIVERSIDE }),
        aFacility({ facilityId: 'C', provincial: true, closed: '2025-03-01' }),
        aFacility({ facilityId: 'D' }),
      ],
    },
    expected: {
      '': { value: 2, numerator: 2, denominator: null, status: 'not_met', target: 10 },
      [DAWN]: { value: 1, status: 'no_target', target: null, op: null },
    },
  },
  {
    name: 'demonstration_count: open demonstration facilities',
    id: 'demonstration_count',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', demonstration: true }),
        aFacility({ facilityId: 'B', demonstration: true, opened: '2026-01-01' }),
      ],
    },
    expected: { '': { value: 1, status: 'not_met', target: 10 }, [WEST_LAKE]: { value: 1, status: 'no_target' } },
  },
  {
    name: 'new_inclusive_toddler_classes: new classes of open inclusive kindergartens',
    id: 'new_inclusive_toddler_classes',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', type: 'kindergarten', toddlerClasses: 40, toddlerClassesNew: 30 }),
        aFacility({ facilityId: 'B', type: 'kindergarten', toddlerClasses: 30, toddlerClassesNew: 20, areaCode: RIVERSIDE }),
        aFacility({ facilityId: 'C', type: 'kindergarten', inclusive: false, toddlerClasses: 9, toddlerClassesNew: 9 }),
        aFacility({ facilityId: 'D', type: 'nursery', toddlerClasses: 9, toddlerClassesNew: 9 }),
      ],
    },
    expected: { '': { value: 50, status: 'met', target: 50 }, [RIVERSIDE]: { value: 20, status: 'no_target' } },
  },
  {
    name: 'new_community_inclusive_count: inclusive community facilities opened between 1 January and period end',
    id: 'new_community_inclusive_count',
    input: {
      period: parsePeriod('2025Q2')!,
      facilities: [
        aFacility({ facilityId: 'new', type: 'community', opened: '2025-01-01' }),
        aFacility({ facilityId: 'on-end', type: 'community', opened: '2025-06-30' }),
        aFacility({ facilityId: 'after-end', type: 'community', opened: '2025-07-01' }),
        aFacility({ facilityId: 'last-year', type: 'community', opened: '2024-12-31' }),
        aFacility({ facilityId: 'no-date', type: 'community', opened: null }),
        aFacility({ facilityId: 'not-inclusive', type: 'community', inclusive: false, opened: '2025-03-01' }),
        aFacility({ facilityId: 'nursery', type: 'nursery', opened: '2025-03-01' }),
      ],
    },
    expected: { '': { value: 2, status: 'met', target: 1 }, [DAWN]: { value: 2, status: 'no_target' } },
  },
  {
    name: 'outreach_compliance: kindergartens and inclusive providers with at least 5 outreach records in the window',
    id: 'outreach_compliance',
    input: {
      period: parsePeriod('2025Q2')!,
      facilities: [
        aFacility({ facilityId: 'K5', type: 'kindergarten', inclusive: false, slots: 0 }),
        aFacility({ facilityId: 'P4', type: 'nursery', areaCode: RIVERSIDE }),
        aFacility({ facilityId: 'private', type: 'nursery', inclusive: false }),
      ],
      visits: [
        ...outreach('K5', ['2025-01-05', '2025-02-05', '2025-03-05', '2025-04-05', '2025-06-30']),
        ...outreach('P4', ['2025-01-05', '2025-02-05', '2025-03-05', '2025-04-05', '2025-07-01', '2024-12-31']),
        ...outreach('private', ['2025-01-05', '2025-02-05', '2025-03-05', '2025-04-05', '2025-05-05']),
      ],
    },
    expected: {
      '': { value: 50, numerator: 1, denominator: 2, status: 'not_met', target: 100 },
      [DAWN]: { value: 100, numerator: 1, denominator: 1, status: 'met' },
      [RIVERSIDE]: { value: 0, numerator: 0, denominator: 1 },
    },
  },
  {
    name: 'outreach_compliance: no kindergarten or inclusive provider is n/a',
    id: 'outreach_compliance',
    input: { facilities: [aFacility({ inclusive: false })] },
    expected: { '': { status: 'n/a', value: null } },
  },
  {
    name: 'inclusive_slots: slots of open inclusive facilities, no target',
    id: 'inclusive_slots',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', slots: 30 }),
        aFacility({ facilityId: 'B', slots: 70, areaCode: RIVERSIDE }),
        aFacility({ facilityId: 'C', slots: 99, inclusive: false }),
      ],
    },
    expected: {
      '': { value: 100, numerator: 100, denominator: null, status: 'no_target', target: null, op: null },
      [RIVERSIDE]: { value: 70, status: 'no_target' },
    },
  },
  {
    name: 'employer_facility_count: open employer facilities, no target',
    id: 'employer_facility_count',
    input: {
      facilities: [
        aFacility({ facilityId: 'A', type: 'employer' }),
        aFacility({ facilityId: 'B', type: 'employer', closed: '2025-01-01' }),
        aFacility({ facilityId: 'C', type: 'nursery' }),
      ],
    },
    expected: { '': { value: 1, status: 'no_target', target: null }, [DAWN]: { value: 1 } },
  },
];

describe('computeReport, indicator by indicator', () => {
  it.each(cases)('$name', ({ id, input, expected }) => {
    const results = resultsOf(report(input), id);
    for (const [code, fields] of Object.entries(expected)) {
      expect(results[code], `area '${code}'`).toMatchObject(fields);
    }
  });

  it('covers every indicator', () => {
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(INDICATOR_IDS));
  });
});

describe('computeReport, rows', () => {
  it.each([
    { by: 'all' as const, codes: [''] },
    { by: 'district' as const, codes: ['', WEST_LAKE, RIVERSIDE] },
    { by: 'street' as const, codes: ['', WEST_LAKE, NORTH_HILL, WEST_CREEK, RIVERSIDE] },
    { by: 'community' as const, codes: ['', WEST_LAKE, NORTH_HILL, DAWN, GREEN, WEST_CREEK, RIVERSIDE] },
  ])('--by $by lists the total first, then areas by code', ({ by, codes }) => {
    expect(report({ by }).areas.map((area) => area.code)).toEqual(codes);
  });

  it('names the total and areas, and gives every indicator in catalogue order', () => {
    const zh = report({ lang: 'zh', by: 'street' });
    expect(zh.areas.map((area) => [area.name, area.level])).toEqual([
      ['全部', 'all'],
      ['西湖区', 'district'],
      ['北山街道', 'street'],
      ['西溪街道', 'street'],
      ['滨江区', 'district'],
    ]);
    for (const area of zh.areas) expect(Object.keys(area.indicators)).toEqual([...INDICATOR_IDS]);
    expect(report({ lang: 'en', by: 'all' }).areas[0].name).toBe('All');
  });

  it('never reports NaN or Infinity, even with an empty census', () => {
    const outcome = report({ census: [], facilities: [aFacility()], visits: infantsGuided(3, DAWN) });
    for (const result of Object.values(outcome.areas[0].indicators)) {
      expect(result.value === null || Number.isFinite(result.value)).toBe(true);
    }
    expect(outcome.areas[0].indicators.guidance_rate_0_1).toMatchObject({ status: 'n/a', value: null });
  });

  it('explains n/a in the output language', () => {
    const en = resultsOf(report({ lang: 'en' }), 'community_coverage');
    const zh = resultsOf(report({ lang: 'zh' }), 'community_coverage');
    expect(en[RIVERSIDE].reason).toMatch(/no communities .* the total leaves it out/);
    expect(zh[RIVERSIDE].reason).toContain('合计中不含本区县');
    expect(resultsOf(report({ lang: 'en' }), 'street_coverage')[DAWN].reason).toMatch(/community holds no streets/);
    expect(resultsOf(report({ lang: 'en' }), 'street_coverage')[RIVERSIDE].reason).toMatch(/no streets .* the total leaves it out/);
    expect(en[WEST_LAKE].reason).toBeUndefined();
  });

  it('numerator-exceeds-denominator: warns and still reports the value', () => {
    const outcome = report({ census: [aCensusRow({ areaCode: DAWN, infants01: 2 })], visits: infantsGuided(3, DAWN), by: 'community' });
    expect(outcome.areas[0].indicators.guidance_rate_0_1).toMatchObject({ value: 150, numerator: 3, denominator: 2, status: 'met' });
    const warnings = outcome.issues.filter((issue) => issue.code === 'numerator-exceeds-denominator');
    expect(warnings.map((issue) => [issue.value, issue.column, issue.table, issue.row])).toEqual([
      ['', 'guidance_rate_0_1', null, null],
      [WEST_LAKE, 'guidance_rate_0_1', null, null],
      [NORTH_HILL, 'guidance_rate_0_1', null, null],
      [DAWN, 'guidance_rate_0_1', null, null],
    ]);
    expect(warnings[0].params).toMatchObject({ numerator: 3, denominator: 2 });
  });

  it('compares with a <= target from the plan', () => {
    const targets = { ...DEFAULT_PLAN.targets, employer_facility_count: { value: 0, op: '<=' as const } };
    const results = resultsOf(report({ targets, facilities: [aFacility({ type: 'employer' })] }), 'employer_facility_count');
    expect(results['']).toMatchObject({ value: 1, status: 'not_met', target: 0, op: '<=' });
    expect(results[RIVERSIDE]).toMatchObject({ value: 0, status: 'met' });
  });
});

describe('computeReport, census year', () => {
  const rowsOf = (year: number | null, population: number) => [aCensusRow({ areaCode: DAWN, year, population })];
  const population = (outcome: ReturnType<typeof report>) => outcome.areas[0].indicators.slots_per_1000.denominator;

  it('uses the census of the period year', () => {
    const outcome = report({ census: [...rowsOf(2024, 100), ...rowsOf(2025, 200), ...rowsOf(2026, 300)] });
    expect(population(outcome)).toBe(200);
    expect(outcome.issues).toEqual([]);
  });

  it('census-year-fallback: falls back to the latest earlier year with a warning', () => {
    const outcome = report({ census: [...rowsOf(2023, 100), ...rowsOf(2024, 200), ...rowsOf(2026, 300)] });
    expect(population(outcome)).toBe(200);
    expect(outcome.issues).toEqual([
      expect.objectContaining({ code: 'census-year-fallback', table: 'census', column: 'year', value: '2024', params: expect.objectContaining({ year: 2025, used: 2024 }) }),
    ]);
  });

  it('census-year-missing: only later years is an error, and the indicators are n/a', () => {
    const outcome = report({ census: rowsOf(2026, 300) });
    expect(outcome.issues.map((issue) => issue.code)).toEqual(['census-year-missing']);
    expect(outcome.areas[0].indicators.slots_per_1000.status).toBe('n/a');
  });

  it('rows without a year apply to every period; a row of the year replaces one of the same code', () => {
    const census = [aCensusRow({ areaCode: DAWN, year: null, population: 100 }), aCensusRow({ areaCode: GREEN, year: null, population: 10 }), ...rowsOf(2025, 200)];
    const outcome = report({ census });
    expect(population(outcome)).toBe(210);
    expect(outcome.issues).toEqual([]);
    expect(population(report({ census: [aCensusRow({ year: null, population: 7 })] }))).toBe(7);
  });

  it('names an area the chosen year leaves unnamed from another year', () => {
    const census = [aCensusRow({ areaCode: WEST_LAKE, areaName: '西湖区', year: 2024 }), aCensusRow({ areaCode: DAWN, year: 2025 })];
    expect(report({ census, by: 'district', lang: 'zh' }).areas[1]).toMatchObject({ code: WEST_LAKE, name: '西湖区' });
    expect(report({ census: [aCensusRow({ areaCode: DAWN })], by: 'district' }).areas[1].name).toBe(WEST_LAKE);
  });
});

describe('computeReport, default period', () => {
  it('reports the quarter of the latest record, year to date', () => {
    const visits = [
      aVisit({ childId: 'a', date: '2025-02-01' }),
      aVisit({ childId: 'b', date: '2025-04-15', birthDate: '2024-10-01' }),
      aVisit({ childId: 'c', date: '2024-12-01', birthDate: '2024-10-01' }),
    ];
    const period = defaultPeriod(foldVisits(visits).latestDay, 2025);
    expect(period.id).toBe('2025Q2');
    expect(report({ period, visits }).areas[0].indicators.guidance_rate_0_1).toMatchObject({ numerator: 2, denominator: 50 });
  });
});
