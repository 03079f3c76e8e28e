/**
 * Each indicator of the catalogue on the small city of ./city.ts: one case
 * table, grouped by indicator. Adding an indicator adds its entry and its
 * cases here; "covers every indicator" fails until it has them.
 */
import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../src/engine/compute-report.js';
import { INDICATOR_IDS, type IndicatorId } from '../../src/engine/indicators.js';
import { parsePeriod } from '../../src/engine/period.js';
import type { IndicatorResult } from '../../src/engine/report.js';
import type { Assessment, Visit } from '../../src/schema/records.js';
import { aCensusRow, aFacility, aVisit, day } from './builders.js';
import { CITY, DAWN, GREEN, NORTH_HILL, RIVERSIDE, WEST_CREEK, WEST_LAKE, infantsGuided, outreach, report, resultsOf } from './city.js';

interface IndicatorCase {
  name: string;
  id: IndicatorId;
  input: Partial<Omit<ReportInput, 'visits'>> & { visits?: Visit[] };
  /** Expected fields per area code ('' = total). */
  expected: Record<string, Partial<IndicatorResult>>;
}

/** An assessment of F1 on 2025-03-01: self, every score 80 % of its maximum (800 in all), level B, basic items passed. */
function anAssessment(overrides: Partial<Omit<Assessment, 'date'>> & { date?: string } = {}): Assessment {
  const { date = '2025-03-01', ...rest } = overrides;
  return {
    facilityId: 'F1',
    kind: 'self',
    scores: { conditions: 80, staff: 112, care: 160, health: 168, family_support: 64, safety: 160, management: 56 },
    basicPassed: true,
    level: 'B',
    row: 2,
    ...rest,
    date: day(date),
  };
}

/** Providers in Dawn, Green and Riverside; Dawn also holds a kindergarten without slots and a provider closed in June. */
const ASSESSED_CITY = [
  aFacility({ facilityId: 'dawn', areaCode: DAWN }),
  aFacility({ facilityId: 'green', areaCode: GREEN, inclusive: false }),
  aFacility({ facilityId: 'riverside', areaCode: RIVERSIDE }),
  aFacility({ facilityId: 'no-slots', areaCode: DAWN, type: 'kindergarten', slots: 0 }),
  aFacility({ facilityId: 'closed', areaCode: DAWN, closed: '2025-06-01' }),
];

/**
 * SPEC §10: West Lake gains a town (101) with an inclusive provider, a
 * township (205) known by its village, without one, and a development zone
 * (401) with one; Riverside gains street 001, covered.
 */
const TOWN = '330106101';
const TOWNSHIP = '330106205';
const ZONE = '330106401';
const RIVERSIDE_STREET = '330108001';
const URBAN_AND_RURAL: IndicatorCase['input'] = {
  census: [
    ...CITY,
    aCensusRow({ areaCode: TOWN, areaName: '龙坞镇' }),
    aCensusRow({ areaCode: `${TOWNSHIP}001`, areaName: '上塘村' }),
    aCensusRow({ areaCode: ZONE, areaName: '科技园区' }),
    aCensusRow({ areaCode: RIVERSIDE_STREET, areaName: '滨江街道' }),
  ],
  facilities: [
    aFacility({ facilityId: 'dawn', areaCode: DAWN }),
    aFacility({ facilityId: 'town', areaCode: TOWN }),
    aFacility({ facilityId: 'zone', areaCode: ZONE }),
    aFacility({ facilityId: 'riverside', areaCode: RIVERSIDE_STREET }),
    aFacility({ facilityId: 'creek-not-inclusive', areaCode: WEST_CREEK, inclusive: false }),
    aFacility({ facilityId: 'township-no-slots', areaCode: `${TOWNSHIP}001`, slots: 0 }),
  ],
};

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
  {
    name: 'self_assessment_rate: open providers with a self assessment dated in the window, in their own area',
    id: 'self_assessment_rate',
    input: {
      period: parsePeriod('2025Q2')!,
      facilities: ASSESSED_CITY,
      assessments: [
        anAssessment({ facilityId: 'dawn', date: '2025-06-30' }),
        anAssessment({ facilityId: 'green', kind: 'external', date: '2025-03-01' }),
        anAssessment({ facilityId: 'green', date: '2025-07-01' }),
        anAssessment({ facilityId: 'riverside', date: '2024-12-31' }),
        anAssessment({ facilityId: 'no-slots' }),
        anAssessment({ facilityId: 'closed' }),
      ],
    },
    expected: {
      '': { value: 100 / 3, numerator: 1, denominator: 3, status: 'no_target', target: null, op: null },
      [WEST_LAKE]: { value: 50, numerator: 1, denominator: 2 },
      [NORTH_HILL]: { value: 50, numerator: 1, denominator: 2 },
      [DAWN]: { value: 100, numerator: 1, denominator: 1 },
      [GREEN]: { value: 0, numerator: 0, denominator: 1 },
      [RIVERSIDE]: { value: 0, numerator: 0, denominator: 1 },
      [WEST_CREEK]: { value: null, status: 'n/a', reason: 'no facility with slots is open at period end' },
    },
  },
  {
    name: 'self_assessment_rate: without an assessments table, n/a everywhere, saying why',
    id: 'self_assessment_rate',
    input: { facilities: ASSESSED_CITY, assessments: null },
    expected: {
      '': { value: null, numerator: null, denominator: null, status: 'n/a', reason: 'no usable quality-assessment table (assessments) was given' },
      [DAWN]: { value: null, status: 'n/a' },
    },
  },
  {
    name: 'self_assessment_rate: an empty assessments table is a table: no provider assessed itself',
    id: 'self_assessment_rate',
    input: { facilities: ASSESSED_CITY, assessments: [] },
    expected: { '': { value: 0, numerator: 0, denominator: 3, status: 'no_target' } },
  },
  {
    name: 'quality_score_mean: the total of each open provider’s latest assessment in the window (by date, then row), averaged over those assessed',
    id: 'quality_score_mean',
    input: {
      period: parsePeriod('2025Q2')!,
      facilities: ASSESSED_CITY,
      assessments: [
        anAssessment({ facilityId: 'dawn', date: '2025-03-01', row: 2 }),
        anAssessment({ facilityId: 'dawn', date: '2025-05-01', row: 5, kind: 'external', scores: { ...anAssessment().scores, care: 200, health: 178.5 } }),
        anAssessment({ facilityId: 'dawn', date: '2025-05-01', row: 4, scores: { ...anAssessment().scores, care: 60 } }),
        anAssessment({ facilityId: 'dawn', date: '2025-07-01', row: 6, scores: { ...anAssessment().scores, care: 0 } }),
        anAssessment({
          facilityId: 'green', date: '2025-02-01', row: 3, level: null,
          scores: { conditions: 85.3, staff: 120.1, care: 150.2, health: 190.3, family_support: 70.4, safety: 180.5, management: 60.6 },
        }),
        anAssessment({ facilityId: 'riverside', date: '2024-12-31', row: 7 }),
        anAssessment({ facilityId: 'no-slots', row: 8 }),
        anAssessment({ facilityId: 'closed', row: 9 }),
      ],
    },
    expected: {
      // 850.5 (Dawn: 800 + 40 + 10.5, its later row of 1 May) and 857.4 (Green, in tenths: no binary drift).
      '': { value: 853.95, numerator: 1707.9, denominator: 2, status: 'no_target', target: null },
      [WEST_LAKE]: { value: 853.95, numerator: 1707.9, denominator: 2 },
      [DAWN]: { value: 850.5, numerator: 850.5, denominator: 1 },
      [GREEN]: { value: 857.4, numerator: 857.4, denominator: 1 },
      [RIVERSIDE]: { value: null, status: 'n/a', reason: 'no open provider has an assessment dated in the window' },
    },
  },
  {
    name: 'quality_score_mean: without an assessments table, n/a',
    id: 'quality_score_mean',
    input: { facilities: ASSESSED_CITY, assessments: null },
    expected: { '': { value: null, status: 'n/a', reason: 'no usable quality-assessment table (assessments) was given' } },
  },
  {
    name: 'quality_ab_share: latest assessments rated A or B with the basic items passed, among latest ones that record a level',
    id: 'quality_ab_share',
    input: {
      facilities: [...ASSESSED_CITY, aFacility({ facilityId: 'creek', areaCode: WEST_CREEK })],
      assessments: [
        anAssessment({ facilityId: 'dawn', date: '2025-04-01', level: 'A' }),
        // Green: rated A early in the year, then B with a basic item failed: the latest counts, and fails.
        anAssessment({ facilityId: 'green', date: '2025-02-01', level: 'A' }),
        anAssessment({ facilityId: 'green', date: '2025-09-01', level: 'B', basicPassed: false }),
        // Riverside: its latest records no level, so it is left out, whatever came before.
        anAssessment({ facilityId: 'riverside', date: '2025-02-01', level: 'A' }),
        anAssessment({ facilityId: 'riverside', date: '2025-10-01', level: null }),
        anAssessment({ facilityId: 'creek', date: '2025-05-01', level: 'C' }),
        anAssessment({ facilityId: 'no-slots', level: 'A' }),
        anAssessment({ facilityId: 'closed', level: 'A' }),
      ],
    },
    expected: {
      '': { value: 100 / 3, numerator: 1, denominator: 3, status: 'no_target', target: null },
      [WEST_LAKE]: { value: 100 / 3, numerator: 1, denominator: 3 },
      [DAWN]: { value: 100, numerator: 1, denominator: 1 },
      [GREEN]: { value: 0, numerator: 0, denominator: 1 },
      [WEST_CREEK]: { value: 0, numerator: 0, denominator: 1 },
      [RIVERSIDE]: { value: null, status: 'n/a', reason: "no open provider's latest assessment in the window records a level" },
    },
  },
  {
    name: 'quality_ab_share: without an assessments table, n/a',
    id: 'quality_ab_share',
    input: { facilities: ASSESSED_CITY, assessments: null },
    expected: { '': { value: null, status: 'n/a', reason: 'no usable quality-assessment table (assessments) was given' } },
  },
  {
    name: 'street_coverage_urban: street_coverage over the 街道 (001–099) only; other units are not streets',
    id: 'street_coverage_urban',
    input: { ...URBAN_AND_RURAL, by: 'community' },
    expected: {
      '': { value: 200 / 3, numerator: 2, denominator: 3, status: 'not_met', target: 100, op: '>=' },
      [WEST_LAKE]: { value: 50, numerator: 1, denominator: 2, status: 'not_met' },
      [RIVERSIDE]: { value: 100, numerator: 1, denominator: 1, status: 'met' },
      // A street row shows whether it is covered, without a target; a town, a township or a zone is none of its kind.
      [NORTH_HILL]: { value: 100, numerator: 1, denominator: 1, status: 'no_target', target: null },
      [WEST_CREEK]: { value: 0, numerator: 0, denominator: 1, status: 'no_target' },
      [TOWN]: { value: null, status: 'n/a', target: null, reason: 'no streets (codes ending 001–099) here' },
      [ZONE]: { value: null, status: 'n/a' },
      [DAWN]: { value: null, status: 'n/a', reason: 'a community holds no streets or townships' },
    },
  },
  {
    name: 'street_coverage_urban: a district with towns only is n/a there, and n/a where the census lists no streets at all',
    id: 'street_coverage_urban',
    input: {
      census: [aCensusRow({ areaCode: TOWN }), aCensusRow({ areaCode: RIVERSIDE })],
      facilities: [aFacility({ areaCode: TOWN })],
      by: 'district',
    },
    expected: {
      '': { value: null, status: 'n/a', target: 100, reason: 'no streets (codes ending 001–099) here' },
      [WEST_LAKE]: { value: null, status: 'n/a', target: 100 },
      [RIVERSIDE]: { value: null, status: 'n/a', reason: 'the census lists no streets or townships (9-digit codes) in this district; the total leaves it out' },
    },
  },
  {
    name: 'street_coverage_rural: street_coverage over the 镇 (100–199) and 乡 (200–399) only; a development zone (400–599) is neither',
    id: 'street_coverage_rural',
    input: { ...URBAN_AND_RURAL, by: 'community' },
    expected: {
      '': { value: 50, numerator: 1, denominator: 2, status: 'not_met', target: 100, op: '>=' },
      [WEST_LAKE]: { value: 50, numerator: 1, denominator: 2, status: 'not_met' },
      [RIVERSIDE]: { value: null, status: 'n/a', target: 100, reason: 'no towns or townships (codes ending 100–399) here' },
      [TOWN]: { value: 100, numerator: 1, denominator: 1, status: 'no_target', target: null },
      // Known only by its village, and served by a facility without slots: not covered.
      [TOWNSHIP]: { value: 0, numerator: 0, denominator: 1, status: 'no_target' },
      [ZONE]: { value: null, status: 'n/a' },
      [NORTH_HILL]: { value: null, status: 'n/a' },
      [DAWN]: { value: null, status: 'n/a', reason: 'a community holds no streets or townships' },
    },
  },
  {
    name: 'street_coverage_rural: a county of towns and townships, all covered, meets the target',
    id: 'street_coverage_rural',
    input: {
      census: [aCensusRow({ areaCode: '330127101' }), aCensusRow({ areaCode: '330127199' }), aCensusRow({ areaCode: '330127399' })],
      facilities: ['330127101', '330127199001', '330127399'].map((areaCode, i) => aFacility({ facilityId: `F${i}`, areaCode })),
      by: 'district',
    },
    expected: {
      '': { value: 100, numerator: 3, denominator: 3, status: 'met' },
      '330127': { value: 100, numerator: 3, denominator: 3, status: 'met' },
    },
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
