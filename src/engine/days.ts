/**
 * Day-number arithmetic for the engine. Dates are days since 1970-01-01 (UTC)
 * and the visit loop runs over a million records, so these use integer
 * arithmetic only: no Date objects, no strings.
 */
import type { DayNumber } from '../schema/records.js';

/** A calendar date split into its parts; `month` and `day` are 1-based. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function toDayNumber(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Year, month and day packed as one integer `year * 10000 + month * 100 + day`
 * (civil_from_days). Packed so that the visit loop compares birthdays without
 * allocating: `packed % 10000` is the month and day.
 */
export function packCivil(dayNumber: DayNumber): number {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10000 + month * 100 + day;
}

export function toCivil(dayNumber: DayNumber): CivilDate {
  const packed = packCivil(dayNumber);
  const year = Math.floor(packed / 10000);
  const rest = packed - year * 10000;
  return { year, month: Math.floor(rest / 100), day: rest % 100 };
}

/**
 * Completed years from `birth` to `on` (SPEC §3). Comparing month-and-day
 * makes a 29 February birthday turn on 1 March in a common year, as SPEC asks.
 */
export function ageInCompletedYears(birth: DayNumber, on: DayNumber): number {
  return ageFromPacked(packCivil(birth), packCivil(on));
}

/** The same, from two `packCivil` values (the visit loop caches the birth date's). */
export function ageFromPacked(birthPacked: number, onPacked: number): number {
  const years = Math.floor(onPacked / 10000) - Math.floor(birthPacked / 10000);
  return onPacked % 10000 < birthPacked % 10000 ? years - 1 : years;
}

/** ISO `YYYY-MM-DD`, for messages and tests (never in the visit loop). */
export function formatIsoDay(dayNumber: DayNumber): string {
  const { year, month, day } = toCivil(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
