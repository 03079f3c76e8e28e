/**
 * Which number cells are dates. A workbook stores a date as a serial number
 * with a date format; the format, not the number, says it is a date.
 */

/**
 * Built-in formats that show a date or time (ECMA-376 §18.8.30, and the
 * East Asian built-ins Excel and WPS use for 2025年3月7日, 2025/3/7, 3月7日):
 * 14–22, 27–36, 45–47, 50–58.
 */
export function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** Quoted literals, [colour/locale/condition] sections, and single characters escaped with \ _ or *. */
const LITERALS_RE = /"[^"]*"|\[[^\]]*]|\\.|_.|\*./g;
const DATE_PART_RE = /[ymd年月日]/i;

/**
 * A custom format is a date format when it has a year, month or day part
 * (y, m, d, 年, 月, 日) outside quoted text and brackets: `yyyy"年"m"月"d"日"`,
 * `[$-804]yyyy/m/d`, `yyyy年m月d日` are; `0.00`, `#,##0"人"`, `[Red]0` are not.
 */
export function isDateFormatCode(code: string): boolean {
  return DATE_PART_RE.test(code.replace(LITERALS_RE, ''));
}

const DAY_MS = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system (old Mac workbooks) counts from 1904-01-01: 1,462 days later. */
const DATE_1904_OFFSET = 1462;

/**
 * A date cell's serial as the Date every reader of this project has handed on:
 * UTC midnight for a whole day, time of day kept to the millisecond (the same
 * value exceljs gave, so validation reads dates as it always has).
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0)) * DAY_MS));
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A cell of type `d` holds an ISO 8601 date (ECMA-376 §18.18.11). It is read
 * as that day and time at UTC, as date cells are everywhere else: the
 * workbook says nothing about a time zone, and the day is what counts.
 * Null when the text is not such a date.
 */
export function isoCellDate(text: string): Date | null {
  const match = ISO_DATE_RE.exec(text.trim());
  if (match === null) return null;
  const [, y, m, d, hh = '0', mm = '0', ss = '0', ms = '0'] = match;
  const time = Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm), Number(ss), Number(ms.padEnd(3, '0')));
  const date = new Date(time);
  // 2025-02-30 is no day: Date.UTC would roll it over to 2 March.
  return Number.isNaN(time) || date.getUTCDate() !== Number(d) ? null : date;
}
