/**
 * A small city for the engine tests, and the helpers that run the engine
 * over it: indicator cases (indicators.test.ts) and the report rows
 * (compute-report.test.ts) read the same streets and communities.
 */
import { computeReport, type ReportInput } from '../../src/engine/compute-report.js';
import type { IndicatorId } from '../../src/engine/indicators.js';
import { parsePeriod } from '../../src/engine/period.js';
import type { IndicatorResult } from '../../src/engine/report.js';
import type { CensusRow, Visit } from '../../src/schema/records.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { aCensusRow, aVisit, foldVisits } from './builders.js';

export const WEST_LAKE = '330106';
export const NORTH_HILL = '330106001';
export const DAWN = '330106001001';
export const GREEN = '330106001002';
export const WEST_CREEK = '330106002';
export const RIVERSIDE = '330108';

/**
 * West Lake district: a subtotal row, street North Hill with two communities,
 * street West Creek listed without communities. Riverside district listed
 * alone (no streets, no communities). Plus a 合计 row. Total: 5,000 residents,
 * 50 infants, 100 toddlers.
 */
export const CITY: CensusRow[] = [
  aCensusRow({ areaCode: '', areaName: '合计', population: 5000, infants01: 50, toddlers13: 100 }),
  aCensusRow({ areaCode: WEST_LAKE, areaName: '西湖区', population: 4000, infants01: 40, toddlers13: 80 }),
  aCensusRow({ areaCode: NORTH_HILL, areaName: '北山街道', population: 2000, infants01: 20, toddlers13: 40 }),
  aCensusRow({ areaCode: DAWN, areaName: '曙光社区', population: 1000, infants01: 10, toddlers13: 20 }),
  aCensusRow({ areaCode: GREEN, areaName: '青芝坞社区', population: 1000, infants01: 10, toddlers13: 20 }),
  aCensusRow({ areaCode: WEST_CREEK, areaName: '西溪街道', population: 2000, infants01: 20, toddlers13: 40 }),
  aCensusRow({ areaCode: RIVERSIDE, areaName: '滨江区', population: 1000, infants01: 10, toddlers13: 20 }),
];

export function report(overrides: Partial<Omit<ReportInput, 'visits'>> & { visits?: Visit[] } = {}) {
  const { visits = [], ...rest } = overrides;
  return computeReport({
    census: CITY,
    facilities: [],
    assessments: null,
    period: parsePeriod('2025')!,
    targets: DEFAULT_PLAN.targets,
    by: 'community',
    lang: 'en',
    ...rest,
    visits: foldVisits(visits),
  });
}

export function resultsOf(outcome: ReturnType<typeof report>, id: IndicatorId): Record<string, IndicatorResult> {
  return Object.fromEntries(outcome.areas.map((area) => [area.code, area.indicators[id]]));
}

/** Children aged 0 on 2025-03-01 (born 2024-09-01), one guidance record each. */
export function infantsGuided(count: number, areaCode: string, prefix = areaCode): Visit[] {
  return Array.from({ length: count }, (_, i) => aVisit({ childId: `${prefix}-${i}`, areaCode }));
}

export function outreach(facilityId: string, dates: string[]): Visit[] {
  return dates.map((date) => aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId, date }));
}

