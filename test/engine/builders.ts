/** Builders for engine tests: a valid record with every field defaulted; dates may be given as ISO text. */
import type { CensusRow, DayNumber, Facility, Visit } from '../../src/schema/records.js';
import { dayNumber } from '../../src/shared/dates.js';
import { createVisitFold, type VisitTotals } from '../../src/engine/visit-fold.js';

type WithDates<T, K extends keyof T> = Omit<Partial<T>, K> & { [P in K]?: DayNumber | string | null };

/** `day('2025-03-07')` is the day number of that date. */
export function day(iso: string): DayNumber {
  const [year, month, dayOfMonth] = iso.split('-').map(Number);
  return dayNumber(year, month, dayOfMonth);
}

function toDay(value: DayNumber | string | null | undefined, fallback: DayNumber | null): DayNumber | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  return typeof value === 'string' ? day(value) : value;
}

export function aCensusRow(overrides: Partial<CensusRow> = {}): CensusRow {
  return {
    areaCode: '330106001001',
    areaName: '测试社区',
    year: 2025,
    population: 1000,
    infants01: 10,
    toddlers13: 20,
    row: 2,
    ...overrides,
  };
}

export function aFacility(overrides: WithDates<Facility, 'opened' | 'closed'> = {}): Facility {
  const { opened, closed, ...rest } = overrides;
  return {
    facilityId: 'F1',
    name: '测试托育园',
    areaCode: '330106001001',
    type: 'nursery',
    inclusive: true,
    slots: 50,
    toddlerClasses: 0,
    toddlerClassesNew: 0,
    provincial: false,
    demonstration: false,
    row: 2,
    ...rest,
    opened: toDay(opened, null),
    closed: toDay(closed, null),
  };
}

export function aVisit(overrides: WithDates<Visit, 'date' | 'birthDate'> = {}): Visit {
  const { date, birthDate, ...rest } = overrides;
  return {
    recordId: null,
    kind: 'guidance',
    childId: 'C1',
    areaCode: '330106001001',
    facilityId: null,
    row: 2,
    ...rest,
    date: toDay(date, day('2025-03-01'))!,
    birthDate: toDay(birthDate, day('2024-09-01')),
  };
}

/** Folds visits as a sheet lists them: the array order is the row order (header = row 1). */
export function foldVisits(visits: readonly Visit[]): VisitTotals {
  const fold = createVisitFold();
  visits.forEach((visit, index) => fold.add({ ...visit, row: index + 2 }));
  return fold.finish();
}
