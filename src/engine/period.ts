/**
 * Periods of SPEC §4. `2025` is the year; `2025Q2` the year to date through
 * the end of Q2.
 */
import type { DayNumber } from '../schema/records.js';

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
