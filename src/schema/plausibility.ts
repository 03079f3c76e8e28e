/**
 * Plausibility (SPEC §5): values that parse but cannot be true change the
 * numbers silently — a visit dated 2052 moves the default period, a
 * kindergarten opened in 2205 drops out of every count, a population in 万人
 * read as people multiplies slots per 1,000 by ten thousand. These checks
 * say so, at the cell.
 */
import { dayNumber, isoDate, packedCivil, type DayNumber } from '../shared/dates.js';
import type { RowReporter } from './row-checks.js';
import type { CensusRow } from './records.js';

/** SPEC §5: no date in these tables can be before the founding of the People's Republic. */
export const EARLIEST_PLAUSIBLE_DAY = dayNumber(1949, 10, 1);
/** SPEC §5: a birth date more than 7 years before its service date is not a child under three's record. */
export const MAX_YEARS_BIRTH_BEFORE_SERVICE = 7;
/** SPEC §5 `implausible-slots`: one facility with more than this many slots. */
export const MAX_PLAUSIBLE_SLOTS = 1000;
/** SPEC §5 `implausible-census`: areas this large are expected to have 0.1 %–10 % children under three. */
export const CENSUS_SHARE_MIN_POPULATION = 1000;
export const CENSUS_SHARE_RANGE = [0.001, 0.1] as const;
/** Plan §二 (每年新增至少1家社区普惠托育机构,提供普惠托位50-80个): slots of a new community inclusive facility. */
export const NEW_COMMUNITY_SLOTS = [50, 80] as const;

/** The same calendar date `years` later (29 February → 28 February in a common year). */
export function addYears(day: DayNumber, years: number): DayNumber {
  const packed = packedCivil(day);
  const y = Math.floor(packed / 10000) + years;
  const m = Math.floor(packed / 100) % 100;
  const d = packed % 100;
  return m === 2 && d === 29 && dayNumber(y, 3, 1) - dayNumber(y, 2, 1) === 28 ? dayNumber(y, 2, 28) : dayNumber(y, m, d);
}

/**
 * Dates of things that happened (a service, a birth, an assessment): after
 * `today` is `future-date`, before 1949-10-01 `implausible-date`. Returns
 * whether the date is plausible.
 */
export function checkEventDate(reporter: RowReporter, row: number, columnId: string, day: DayNumber, today: DayNumber): boolean {
  if (day > today) {
    reporter.report('future-date', row, columnId, isoDate(day), { today: isoDate(today) });
    return false;
  }
  return checkEarliest(reporter, row, columnId, day);
}

/**
 * Dates a registry may plan ahead (opened, closed): more than a year after
 * `today` is `future-date` (a facility opening next spring is real, one in
 * 2205 a typo), before 1949-10-01 `implausible-date`.
 */
export function checkRegistryDate(reporter: RowReporter, row: number, columnId: string, day: DayNumber, today: DayNumber): boolean {
  const limit = addYears(today, 1);
  if (day > limit) {
    reporter.report('future-date', row, columnId, isoDate(day), { today: isoDate(today), limit: isoDate(limit) });
    return false;
  }
  return checkEarliest(reporter, row, columnId, day);
}

function checkEarliest(reporter: RowReporter, row: number, columnId: string, day: DayNumber): boolean {
  if (day >= EARLIEST_PLAUSIBLE_DAY) return true;
  reporter.report('implausible-date', row, columnId, isoDate(day));
  return false;
}

/** True when `birth` is more than seven years before `service`: a record of a child far over three. */
export function isBirthTooEarly(birth: DayNumber, service: DayNumber): boolean {
  // The years hold at least 365 days each: a nearer birth needs no calendar (a million records ask).
  if (service - birth <= MAX_YEARS_BIRTH_BEFORE_SERVICE * 365) return false;
  return addYears(birth, MAX_YEARS_BIRTH_BEFORE_SERVICE) < service;
}

/**
 * `implausible-census` (warning): children above the population, or, in an
 * area of at least 1,000 residents, children under three outside 0.1 %–10 %
 * of it — what a population in 万人 read as people, or a shifted column, gives.
 */
export function checkCensusRow(reporter: RowReporter, row: CensusRow): void {
  const { population, infants01, toddlers13 } = row;
  let above = false;
  if (infants01 > population) {
    reporter.report('implausible-census', row.row, 'infants_0_1', String(infants01), { population });
    above = true;
  }
  if (toddlers13 > population) {
    reporter.report('implausible-census', row.row, 'toddlers_1_3', String(toddlers13), { population });
    above = true;
  }
  if (above || population < CENSUS_SHARE_MIN_POPULATION) return;
  const children = infants01 + toddlers13;
  const share = children / population;
  if (share >= CENSUS_SHARE_RANGE[0] && share <= CENSUS_SHARE_RANGE[1]) return;
  reporter.report('implausible-census', row.row, 'population', String(population), {
    children,
    share: (Math.round(share * 10000) / 100).toString(),
  });
}
