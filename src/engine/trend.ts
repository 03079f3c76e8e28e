/**
 * The annual trend of `tuoyu trend` (SPEC §6): the total row of several
 * reports side by side, the change between them, the distance to the plan's
 * target and whether the pace so far closes the gap by the plan's target year.
 *
 * Pace compares like with like. A year-to-date value (`2025Q2`) counts half a
 * year of services, so it is compared only with the same quarter of an earlier
 * year; a whole year (`2025`) is treated as its fourth quarter. `change` is
 * plain: each column minus the column before it.
 *
 * Pure: no files, no clock. Values stay unrounded; formatters round.
 */
import { FatalInputError } from '../issues/fatal.js';
import { BUILTIN_PLANS } from '../plan/builtin.js';
import type { Plan } from '../plan/plan.js';
import type { IndicatorId, IndicatorUnit } from './indicators.js';
import { INDICATOR_IDS, INDICATORS } from './indicators.js';
import type { PeriodInfo, Report, Status, TargetOp } from './report.js';

/** `met`: the latest value meets its target; `on_track`/`off_track`: at the recent pace the gap closes / does not close by the target year. */
export type TrendStatus = 'met' | 'on_track' | 'off_track' | 'n/a';

export interface TrendRow {
  indicator: IndicatorId;
  unit: IndicatorUnit;
  /** The total row's value in each period, in `Trend.periods` order; null where n/a. */
  values: (number | null)[];
  /** values[i] − values[i−1]; null for the first period or when either is null. */
  changes: (number | null)[];
  /** The latest report's status for the total row. */
  latestStatus: Status;
  /** Target and operator of the latest report; null without a target. */
  target: number | null;
  op: TargetOp | null;
  /** What is still to go, in the indicator's unit: positive while not met, 0 once met; null without a value or target. */
  distance: number | null;
  /** Change per year between the latest period and the latest earlier period of the same quarter; null when there is none. */
  pace: number | null;
  /** The period id `pace` compares with. */
  paceFrom: string | null;
  /** The change per year needed to close `distance` by the end of the target year; null when met, unknown or no time left. */
  requiredPace: number | null;
  status: TrendStatus;
  /** Why the status is n/a, as a key formatters can translate. */
  reason: TrendReason | null;
}

export type TrendReason = 'no_target' | 'no_value' | 'no_earlier_period' | 'past_target_year';

export interface Trend {
  plan: { id: string; name: string };
  /** The year the plan's targets are due. */
  targetYear: number;
  /** Sorted by period end, then id. */
  periods: PeriodInfo[];
  /** Years from the latest period's end to 31 December of the target year (a quarter is ¼ year); may be ≤ 0. */
  yearsLeft: number;
  rows: TrendRow[];
}

export interface TrendOptions {
  /** The plan's target year; by default that of the plan with the reports' plan id among `plans`, else 2025. */
  targetYear?: number;
  /** Plans to look the target year up in; the built-in plans by default. */
  plans?: readonly Plan[];
}

/** Both built-in plans are due in 2025 (SPEC §1). */
export const DEFAULT_TARGET_YEAR = 2025;

/**
 * Sorts the reports by period and computes the trend of the total row.
 * Throws `FatalInputError` `plan-mismatch` when the reports follow different
 * plans and `duplicate-period` when two reports cover the same window
 * (`2025` and `2025Q4` included).
 */
export function computeTrend(reports: readonly Report[], options: TrendOptions = {}): Trend {
  if (reports.length === 0) throw new Error('computeTrend needs at least one report');
  assertSamePlan(reports);
  const sorted = [...reports].sort(comparePeriods);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1].period, sorted[i].period];
    if (a.start === b.start && a.end === b.end) {
      throw new FatalInputError({
        code: 'duplicate-period', table: null, file: null, sheet: null, row: null, column: null,
        value: a.id === b.id ? b.id : `${a.id} = ${b.id}`,
      });
    }
  }
  const latest = sorted[sorted.length - 1];
  const targetYear = options.targetYear ?? targetYearOf(latest.plan.id, options.plans ?? BUILTIN_PLANS);
  const yearsLeft = yearsUntilTarget(latest.period, targetYear);
  const rows = INDICATOR_IDS.map((id) => trendRow(id, sorted, yearsLeft));
  return {
    plan: { id: latest.plan.id, name: latest.plan.name },
    targetYear,
    periods: sorted.map((r) => ({ ...r.period })),
    yearsLeft,
    rows,
  };
}

/**
 * A report carries only its plan's id and name; the target year comes from
 * the plan with that id among `plans`, else 2025.
 */
export function targetYearOf(planId: string, plans: readonly Plan[]): number {
  return plans.find((p) => p.id === planId)?.targetYear ?? DEFAULT_TARGET_YEAR;
}

/** Throws `plan-mismatch` naming the first plan id that differs from the first report's. */
export function assertSamePlan(reports: readonly Report[], fileNames?: readonly string[]): void {
  const first = reports[0]?.plan.id;
  reports.forEach((report, i) => {
    if (report.plan.id !== first) {
      throw new FatalInputError({
        code: 'plan-mismatch', table: null, file: fileNames?.[i] ?? null, sheet: null, row: null, column: null,
        value: `${report.period.id}: ${report.plan.id} ≠ ${first}`,
        params: { expected: first ?? '', found: report.plan.id },
      });
    }
  });
}

function trendRow(id: IndicatorId, reports: readonly Report[], yearsLeft: number): TrendRow {
  const results = reports.map((r) => totalRow(r).indicators[id]);
  const values = results.map((r) => (r && typeof r.value === 'number' && Number.isFinite(r.value) ? r.value : null));
  const changes = values.map((v, i) => {
    const prev = i > 0 ? values[i - 1] : null;
    return v !== null && prev !== null ? v - prev : null;
  });
  const last = results[results.length - 1];
  const value = values[values.length - 1];
  const target = last?.target ?? null;
  const op = last?.op ?? null;
  const { pace, paceFrom } = recentPace(reports, values);

  const row: TrendRow = {
    indicator: id, unit: INDICATORS[id].unit, values, changes,
    latestStatus: last?.status ?? 'n/a', target, op,
    distance: null, pace, paceFrom, requiredPace: null, status: 'n/a', reason: null,
  };
  if (target === null || op === null) return { ...row, reason: 'no_target' };
  if (value === null) return { ...row, reason: 'no_value' };

  const distance = Math.max(0, op === '>=' ? target - value : value - target);
  if (distance === 0) return { ...row, distance, status: 'met' };
  if (yearsLeft <= 0) return { ...row, distance, status: 'off_track', reason: 'past_target_year' };
  const requiredPace = distance / yearsLeft;
  if (pace === null) return { ...row, distance, requiredPace, reason: 'no_earlier_period' };
  // Progress is change towards the target: up for ">=", down for "<=".
  const progress = op === '>=' ? pace : -pace;
  const status: TrendStatus = progress * yearsLeft >= distance ? 'on_track' : 'off_track';
  return { ...row, distance, requiredPace, status };
}

/** Change per year between the latest period and the latest earlier period of the same quarter (a year = Q4). */
function recentPace(reports: readonly Report[], values: readonly (number | null)[]): { pace: number | null; paceFrom: string | null } {
  const lastIndex = reports.length - 1;
  const last = periodKey(reports[lastIndex].period);
  const value = values[lastIndex];
  for (let i = lastIndex - 1; i >= 0; i--) {
    const earlier = periodKey(reports[i].period);
    if (earlier.quarter !== last.quarter || earlier.year >= last.year) continue;
    const before = values[i];
    if (value === null || before === null) return { pace: null, paceFrom: null };
    return { pace: (value - before) / (last.year - earlier.year), paceFrom: reports[i].period.id };
  }
  return { pace: null, paceFrom: null };
}

/** Years from the period's end to the end of the target year, a quarter counting ¼. */
export function yearsUntilTarget(period: PeriodInfo, targetYear: number): number {
  const { year, quarter } = periodKey(period);
  return targetYear - year + (4 - quarter) / 4;
}

/** Year and quarter of a period; read from the end date, so any id spelling works. */
function periodKey(period: PeriodInfo): { year: number; quarter: number } {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(period.end);
  if (!match) throw new Error(`period end ${period.end} is not an ISO date`);
  return { year: Number(match[1]), quarter: Math.ceil(Number(match[2]) / 3) };
}

function comparePeriods(a: Report, b: Report): number {
  if (a.period.end !== b.period.end) return a.period.end < b.period.end ? -1 : 1;
  if (a.period.start !== b.period.start) return a.period.start < b.period.start ? -1 : 1;
  return a.period.id < b.period.id ? -1 : a.period.id > b.period.id ? 1 : 0;
}

function totalRow(report: Report) {
  return report.areas.find((a) => a.level === 'all') ?? report.areas[0];
}
