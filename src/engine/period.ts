/**
 * Periods of SPEC §4. `2025` is the year; `2025Q2` the year to date through
 * the end of Q2.
 */
import type { DayNumber } from '../schema/records.js';
import { FatalInputError } from '../issues/fatal.js';
import { dayNumber, packedCivil } from '../shared/dates.js';

export interface Period {
  /** As printed: "2025" or "2025Q2". */
  id: string;
  year: number;
  /** null for a whole year. */
  quarter: 1 | 2 | 3 | 4 | null;
  /** 1 January of `year`. */
  start: DayNumber;
  /** Last day of the year or of the quarter; the "as of" date for facilities. */
  end: DayNumber;
}

/**
 * `2025` (the year) or `2025Q2` (year to date through Q2); also `2025q2` and
 * `2025-Q2`, as people type them. Anything else is null (the caller says why).
 */
export function parsePeriod(text: string): Period | null {
  const match = /^\s*(\d{4})(?:-?[Qq]([1-4]))?\s*$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900) return null;
  const quarter = match[2] === undefined ? null : (Number(match[2]) as 1 | 2 | 3 | 4);
  return makePeriod(year, quarter);
}

/** The period of a year, or of the year to date through `quarter`. */
export function makePeriod(year: number, quarter: 1 | 2 | 3 | 4 | null): Period {
  const start = dayNumber(year, 1, 1);
  // The day before the first day of the next quarter (or year) is the period end.
  const end = quarter === null || quarter === 4 ? dayNumber(year + 1, 1, 1) - 1 : dayNumber(year, quarter * 3 + 1, 1) - 1;
  return { id: quarter === null ? String(year) : `${year}Q${quarter}`, year, quarter, start, end };
}

/**
 * The period a report covers when `--period` is not given (SPEC §4): the
 * quarter holding the latest record date, year to date through that quarter.
 * With no service records at all, the whole of `fallbackYear` (the caller
 * passes the latest census year), since a census is annual. With neither there
 * is nothing to anchor a period to and the user must name one.
 */
export function defaultPeriod(latestVisitDay: DayNumber | null, fallbackYear: number | null): Period {
  if (latestVisitDay !== null) {
    const packed = packedCivil(latestVisitDay);
    return makePeriod(Math.floor(packed / 10000), quarterOfMonth(Math.floor(packed / 100) % 100));
  }
  if (fallbackYear !== null) return makePeriod(fallbackYear, null);
  throw new FatalInputError({
    code: 'period-required',
    table: null,
    file: null,
    sheet: null,
    row: null,
    column: null,
    value: null,
    params: { reason: 'no service records and no census year to take the period from; pass --period' },
  });
}

/** 1–4 for a month 1–12. */
export function quarterOfMonth(month: number): 1 | 2 | 3 | 4 {
  return Math.ceil(month / 3) as 1 | 2 | 3 | 4;
}
