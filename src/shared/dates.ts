/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, see DayNumber).
 * Integer-only so that the visit loop never builds a Date: the conversions
 * are Howard Hinnant's days_from_civil / civil_from_days, valid for the
 * proleptic Gregorian calendar.
 */
/**
 * Days since 1970-01-01 (UTC), an integer. `dayNumber(2025, 3, 7)` and
 * `isoDate(n)` convert.
 */
export type DayNumber = number;

/** Day number of the civil date y-m-d (m 1–12, d 1–31; not range-checked, see isValidDate). */
export function dayNumber(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * dayNumber of a real date (isValidDate), by table for the years of the
 * civil table below: the visit path reads two dates a record.
 */
export function dayNumberOfRealDate(y: number, m: number, d: number): DayNumber {
  if (y < TABLE_FIRST_YEAR || y >= TABLE_FIRST_YEAR + TABLE_YEARS) return dayNumber(y, m, d);
  let start = yearStarts[y - TABLE_FIRST_YEAR];
  if (start === 0) yearStarts[y - TABLE_FIRST_YEAR] = start = dayNumber(y, 1, 1);
  return start + (isLeapYear(y) ? LEAP_MONTH_STARTS : MONTH_STARTS)[m] + d - 1;
}

/** Days before the first of each month (index 1–12), in a common and in a leap year. */
const MONTH_STARTS = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const LEAP_MONTH_STARTS = [0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];

/**
 * Year, month and day of a day number, packed as y * 10000 + m * 100 + d so
 * that callers in hot loops get all three without an allocation. Days from
 * 1900 to 2099 are looked up in a table, each year's days filled the first
 * time one of them is asked for (a quarter of the time of the arithmetic,
 * which the visit loop does twice a record; a small run fills a few years).
 */
export function packedCivil(day: DayNumber): number {
  const at = day - TABLE_FIRST_DAY;
  if (at >= 0 && at < TABLE_DAYS) {
    const packed = civilTable[at];
    return packed !== 0 ? packed : fillYearOf(day);
  }
  return civilOfDay(day);
}

/** 1900-01-01 and the days from it to 2099-12-31. */
const TABLE_FIRST_DAY = -25567;
const TABLE_DAYS = 73049;
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 200;
/** The day number of 1 January of each year of the table, once asked for; 0 before (1970 is worked out each time). */
const yearStarts = new Int32Array(TABLE_YEARS);
/** packedCivil by day from TABLE_FIRST_DAY; 0 for a day whose year is not filled yet. */
const civilTable = new Int32Array(TABLE_DAYS);

/** Fills the table for the year of `day`; returns the day's packed date. */
function fillYearOf(day: DayNumber): number {
  const packed = civilOfDay(day);
  const y = Math.floor(packed / 10000);
  let at = dayNumber(y, 1, 1) - TABLE_FIRST_DAY;
  for (let m = 1; m <= 12; m++) {
    const days = daysInMonth(y, m);
    for (let d = 1; d <= days; d++) civilTable[at++] = y * 10000 + m * 100 + d;
  }
  return packed;
}

function civilOfDay(day: DayNumber): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d names a real day (so 2025-02-30 and month 13 are not). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** YYYY-MM-DD. */
export function isoDate(day: DayNumber): string {
  const p = packedCivil(day);
  const y = Math.floor(p / 10000);
  const m = Math.floor(p / 100) % 100;
  const d = p % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Serial 25569 is 1970-01-01 in Excel's 1900 date system. */
const EXCEL_EPOCH_OFFSET = 25569;
/** Serial 60 is 1900-02-29, a day that never was: Excel kept Lotus 1-2-3's leap-year bug. */
export const EXCEL_FAKE_LEAP_DAY = 60;

/**
 * Day of an Excel serial number in the 1900 date system. The fraction (time of
 * day) is dropped. Serials below 60 lie before the fake 1900-02-29 and are
 * shifted by one day; serial 60 itself has no real day and maps to 1900-03-01
 * (callers that must reject it compare with EXCEL_FAKE_LEAP_DAY).
 */
export function fromExcelSerial(n: number): DayNumber {
  const whole = Math.floor(n);
  if (whole <= EXCEL_FAKE_LEAP_DAY) return whole - EXCEL_EPOCH_OFFSET + 1;
  return whole - EXCEL_EPOCH_OFFSET;
}

/**
 * Completed years from birth to `on` (SPEC §3): a child born 2024-03-01 is 0
 * until 2025-02-28 and 1 from 2025-03-01. A 29 February birthday turns on
 * 1 March in common years, which the month/day comparison gives for free.
 */
export function ageInYears(birth: DayNumber, on: DayNumber): number {
  return ageFromPacked(packedCivil(birth), packedCivil(on));
}

/** The same from two `packedCivil` values, for the visit loop that has them already. */
export function ageFromPacked(birthPacked: number, onPacked: number): number {
  const years = Math.floor(onPacked / 10000) - Math.floor(birthPacked / 10000);
  return onPacked % 10000 < birthPacked % 10000 ? years - 1 : years;
}

/**
 * Day of a Date by its UTC parts: workbook readers give date cells as UTC midnight,
 * and the machine's time zone must not move them to the day before.
 */
export function dayOfDate(d: Date): DayNumber {
  return dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
