/**
 * Calendar quarters as the review counts them: one integer per quarter
 * (year × 4 + quarter − 1, as the visit fold keys them), its id as periods
 * print it ("2025Q3"), and which quarters the records cover whole.
 */
import type { DayNumber } from '../../schema/records.js';
import { dayNumber, packedCivil } from '../../shared/dates.js';
import { quarterOfPacked, type QuarterNumber } from '../quarter-kind-counts.js';
import type { Period } from '../period.js';

export type { QuarterNumber };

export function quarterOfDay(day: DayNumber): QuarterNumber {
  return quarterOfPacked(packedCivil(day));
}

/** "2025Q3". */
export function quarterId(quarter: QuarterNumber): string {
  return `${Math.floor(quarter / 4)}Q${(quarter % 4) + 1}`;
}

export function quarterStart(quarter: QuarterNumber): DayNumber {
  return dayNumber(Math.floor(quarter / 4), (quarter % 4) * 3 + 1, 1);
}

export function quarterEnd(quarter: QuarterNumber): DayNumber {
  return quarterStart(quarter + 1) - 1;
}

/** The quarters of the period's year up to its end (SPEC §4: the window is the year to date). */
export function periodQuarters(period: Period): QuarterNumber[] {
  const first = period.year * 4;
  return Array.from({ length: period.quarter ?? 4 }, (_, i) => first + i);
}

/** Consecutive quarters from `first` to `last`. */
export function quarterRange(first: QuarterNumber, last: QuarterNumber): QuarterNumber[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * The quarters the records cover whole, from the first and last record day:
 * the first quarter counts only when the records begin in its first month,
 * the last only when they run into its last month. A quarter the data enter
 * or leave part-way (data extracted from 1 December; a quarter still under
 * way) would otherwise look like a drop. Null when no quarter is whole.
 */
export function wholeQuarters(firstDay: DayNumber | null, lastDay: DayNumber | null): { first: QuarterNumber; last: QuarterNumber } | null {
  if (firstDay === null || lastDay === null) return null;
  let first = quarterOfDay(firstDay);
  let last = quarterOfDay(lastDay);
  if (monthInQuarter(firstDay) !== 0) first += 1;
  if (monthInQuarter(lastDay) !== 2) last -= 1;
  return first <= last ? { first, last } : null;
}

/** 0, 1 or 2: the month's place in its quarter. */
function monthInQuarter(day: DayNumber): number {
  return (Math.floor(packedCivil(day) / 100) % 100 - 1) % 3;
}
