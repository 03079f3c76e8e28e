/**
 * The trend of `tuoyu trend` (SPEC §6): several reports side by side, the
 * change between them, the distance to the plan's target and whether the
 * pace so far closes the gap by the plan's target year — for the total and,
 * with `by`, for every district (and street), matched by code across reports.
 *
 * What is compared with what:
 * - A whole year is the unit of the plan's targets. When the reports hold at
 *   least one whole year, the pace and the outlook are drawn from the whole
 *   years only; a year-to-date period beside them (`2025Q2`: half a year of
 *   services) is shown, marked `yearToDate`, and feeds neither.
 * - Without whole years, year-to-date periods of the latest one's quarter are
 *   compared with each other (like with like).
 * - The average annual pace is the change from the first to the last of
 *   those periods divided by the years between them: the mean of every
 *   year's change, not the last change alone.
 * - A level ("stock", e.g. slots per 1,000) must be reached by the end of the
 *   target year; the target year itself is a year in which it still can be
 *   (from 2024's figures, one year is left). Once the target year's figures
 *   are in, a level not reached is `not_met`.
 * - A per-year quantity ("flow", `flow: true` in the indicator catalogue, e.g.
 *   本年新增幼儿园普惠托班数 ≥ 50 each year) is judged in each year on its own
 *   and never paced; a year still running is `in_progress` until it meets it.
 *
 * Targets and the target year are data: the caller passes the year (from the
 * plan with the reports' plan id); each value is compared with the target its
 * own report carries. Pure: no files, no clock. Values stay unrounded.
 */
import { FatalInputError } from '../issues/fatal.js';
import type { AreaLevel } from '../schema/records.js';
import type { IndicatorId, IndicatorUnit } from './indicators.js';
import { INDICATOR_IDS, INDICATORS } from './indicators.js';
import type { AreaReport, IndicatorResult, PeriodInfo, Report, Status, TargetOp } from './report.js';

/**
 * `met`: the latest value meets its target. A level: `on_track`/`off_track` —
 * at the average pace the gap closes / does not close by the end of the target
 * year; `not_met` — the target year is over and the level was not reached.
 * A per-year quantity: `not_met` — the latest whole year missed it;
 * `in_progress` — the year is still running and has not met it yet.
 */
export type TrendStatus = 'met' | 'on_track' | 'off_track' | 'not_met' | 'in_progress' | 'n/a';

/** One period's own verdict: the report's status, except that a running year of a per-year quantity is `in_progress`. */
export type PeriodStatus = Status | 'in_progress';

export type TrendKind = 'stock' | 'flow';

/** Why a status is what it is, when the status alone does not say: `met_year_to_date` — met on a year to date beside the whole years. */
export type TrendReason = 'no_target' | 'no_value' | 'no_earlier_period' | 'target_year_over' | 'met_year_to_date';

export interface TrendPeriod extends PeriodInfo {
  /** The calendar year the period lies in. */
  year: number;
  /** Ends before 31 December: year to date, not a whole year. */
  yearToDate: boolean;
}

export interface TrendRow {
  indicator: IndicatorId;
  unit: IndicatorUnit;
  /** `flow`: judged year by year; `stock`: a level to reach by the target year. */
  kind: TrendKind;
  /** The area's value in each period, in `Trend.periods` order; null where n/a or absent. */
  values: (number | null)[];
  /**
   * Change from the comparable period before (the previous whole year; for a
   * year-to-date period, the same quarter of an earlier year); null when there
   * is none or either value is null.
   */
  changes: (number | null)[];
  /** Each period judged against its own report's target. */
  statuses: PeriodStatus[];
  /** The latest report's status for this area. */
  latestStatus: Status;
  /** Target and operator of the latest report; null without a target. */
  target: number | null;
  op: TargetOp | null;
  /** What is still to go from the value the outlook is judged on: positive while not met, 0 once met; null without a value or target. */
  distance: number | null;
  /** Average change per year over the compared periods (a level only); null when fewer than two have a value. */
  pace: number | null;
  /** The first and last period ids `pace` is drawn from. */
  paceFrom: string | null;
  paceTo: string | null;
  /** The change per year needed to close `distance` by the end of the target year; null when met, unknown, a flow, or no time left. */
  requiredPace: number | null;
  status: TrendStatus;
  /** Why the status is n/a, `not_met` for lack of time, or `met` on a year to date, as a key formatters translate. */
  reason: TrendReason | null;
}

export interface TrendArea {
  code: string;
  name: string;
  level: AreaLevel;
  rows: TrendRow[];
}

/** The levels a trend breaks down by, as `tuoyu report --by` does. */
export type TrendBy = 'all' | 'district' | 'street';

export interface Trend {
  plan: { id: string; name: string };
  /** The year the plan's targets are due. */
  targetYear: number;
  /** Sorted by period end, then start, then id. */
  periods: TrendPeriod[];
  /** What the pace and outlook of a level are drawn from: whole years, or year-to-date periods of one quarter. */
  basis: { kind: 'years' | 'same_quarter'; periods: string[] };
  /** Years from the end of the latest compared period to 31 December of the target year (a quarter is ¼ year); may be ≤ 0. */
  yearsLeft: number;
  /** The total row, one per indicator of the catalogue. */
  rows: TrendRow[];
  by: TrendBy;
  /** With `by`: every area of those levels found in any report, by code; the total is `rows`. */
  areas: TrendArea[];
}

export interface TrendOptions {
  /** The year the plan's targets are due (both built-in plans: 2025). */
  targetYear: number;
  /** Areas to trend beside the total; default `all` (the total only). */
  by?: TrendBy;
}

const LEVELS_SHOWN: Readonly<Record<TrendBy, readonly AreaLevel[]>> = {
  all: [],
  district: ['district'],
  street: ['district', 'street'],
};

/**
 * Sorts the reports by period and computes the trend. Throws `FatalInputError`
 * `plan-mismatch` when the reports follow different plans, `duplicate-period`
 * when two reports cover the same window (`2025` and `2025Q4` included) and
 * `trend-areas-missing` when `by` asks for areas no report holds.
 */
export function computeTrend(reports: readonly Report[], options: TrendOptions): Trend {
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
  const periods = sorted.map((r) => trendPeriod(r.period));
  const basis = comparedPeriods(periods);
  const lastCompared = periods[basis[basis.length - 1]];
  const yearsLeft = yearsUntilTarget(lastCompared, options.targetYear);
  const context: RowContext = { periods, basis, yearsLeft, targetYear: options.targetYear };
  const totals = sorted.map((r) => totalRow(r));
  const by = options.by ?? 'all';
  const areas = areasOf(sorted, by).map(({ code, name, level }) => {
    const rows = sorted.map((r) => r.areas.find((a) => a.code === code && a.level === level));
    return { code, name, level, rows: INDICATOR_IDS.map((id) => trendRow(id, rows, context)) };
  });
  const latest = sorted[sorted.length - 1];
  return {
    plan: { id: latest.plan.id, name: latest.plan.name },
    targetYear: options.targetYear,
    periods,
    basis: { kind: lastCompared.yearToDate ? 'same_quarter' : 'years', periods: basis.map((i) => periods[i].id) },
    yearsLeft,
    rows: INDICATOR_IDS.map((id) => trendRow(id, totals, context)),
    by,
    areas,
  };
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

/** Years from the period's end to the end of the target year, a quarter counting ¼. */
export function yearsUntilTarget(period: PeriodInfo, targetYear: number): number {
  const { year, quarter } = periodKey(period);
  return targetYear - year + (4 - quarter) / 4;
}

export function trendPeriod(period: PeriodInfo): TrendPeriod {
  const { year, quarter } = periodKey(period);
  return { ...period, year, yearToDate: quarter < 4 };
}

interface RowContext {
  periods: readonly TrendPeriod[];
  /** Indexes of the periods a level's pace and outlook are drawn from, in order. */
  basis: readonly number[];
  yearsLeft: number;
  targetYear: number;
}

/**
 * The periods a level is judged on: the whole years when there is one;
 * otherwise the latest period's quarter in every year that has it.
 */
function comparedPeriods(periods: readonly TrendPeriod[]): number[] {
  const years = periods.flatMap((p, i) => (p.yearToDate ? [] : [i]));
  if (years.length > 0) return years;
  const quarter = periodKey(periods[periods.length - 1]).quarter;
  return periods.flatMap((p, i) => (periodKey(p).quarter === quarter ? [i] : []));
}

/** The period before `i` that `i` compares with: the previous whole year, or the same quarter of an earlier year. */
function comparableBefore(periods: readonly TrendPeriod[], i: number): number | null {
  const quarter = periodKey(periods[i]).quarter;
  for (let j = i - 1; j >= 0; j--) {
    if (periodKey(periods[j]).quarter === quarter && periods[j].year < periods[i].year) return j;
  }
  return null;
}

function trendRow(id: IndicatorId, results: readonly (AreaReport | undefined)[], context: RowContext): TrendRow {
  const { periods } = context;
  const cells = results.map((area) => area?.indicators[id]);
  const values = cells.map((r) => (r && typeof r.value === 'number' && Number.isFinite(r.value) ? r.value : null));
  const changes = values.map((value, i) => {
    const j = comparableBefore(periods, i);
    const before = j === null ? null : values[j];
    return value !== null && before !== null ? value - before : null;
  });
  const kind: TrendKind = INDICATORS[id].flow ? 'flow' : 'stock';
  const statuses = cells.map((r, i) => periodStatus(r, values[i], kind, periods[i]));
  const last = cells[cells.length - 1];
  const base: TrendRow = {
    indicator: id, unit: INDICATORS[id].unit, kind, values, changes, statuses,
    latestStatus: last?.status ?? 'n/a', target: last?.target ?? null, op: last?.op ?? null,
    distance: null, pace: null, paceFrom: null, paceTo: null, requiredPace: null, status: 'n/a', reason: null,
  };
  return kind === 'flow' ? flowOutlook(base, cells) : stockOutlook(base, cells, context);
}

/** A per-year quantity: the latest period decides; a year still running has until 31 December. */
function flowOutlook(row: TrendRow, cells: readonly (IndicatorResult | undefined)[]): TrendRow {
  const i = cells.length - 1;
  const cell = cells[i];
  const value = row.values[i];
  const target = cell?.target ?? null;
  const op = cell?.op ?? null;
  if (target === null || op === null) return { ...row, reason: 'no_target' };
  if (value === null) return { ...row, reason: 'no_value' };
  const distance = gap(value, target, op);
  const verdict = row.statuses[i];
  const status: TrendStatus = verdict === 'met' ? 'met' : verdict === 'in_progress' ? 'in_progress' : 'not_met';
  return { ...row, distance, status };
}

/** A level: the last compared period's value, the average pace over the compared periods, and the time left. */
function stockOutlook(row: TrendRow, cells: readonly (IndicatorResult | undefined)[], context: RowContext): TrendRow {
  const { basis, yearsLeft } = context;
  const lastIndex = basis[basis.length - 1];
  const cell = cells[lastIndex];
  const value = row.values[lastIndex];
  const target = cell?.target ?? row.target;
  const op = cell?.op ?? row.op;
  const withValues = basis.filter((i) => row.values[i] !== null);
  const first = withValues[0];
  const lastWithValue = withValues[withValues.length - 1];
  const paced = withValues.length >= 2
    ? {
        pace: (row.values[lastWithValue]! - row.values[first]!) / yearsBetween(context.periods[first], context.periods[lastWithValue]),
        paceFrom: context.periods[first].id,
        paceTo: context.periods[lastWithValue].id,
      }
    : { pace: null, paceFrom: null, paceTo: null };
  const pacedRow: TrendRow = { ...row, ...paced, target, op };
  const metSoFar = metInYearToDate(row, cells, context);
  if (metSoFar !== null) return { ...pacedRow, ...metSoFar };
  if (target === null || op === null) return { ...pacedRow, reason: 'no_target' };
  if (value === null) return { ...pacedRow, reason: 'no_value' };
  const distance = gap(value, target, op);
  if (distance === 0) return { ...pacedRow, distance, status: 'met' };
  if (yearsLeft <= 0) return { ...pacedRow, distance, status: 'not_met', reason: 'target_year_over' };
  const requiredPace = distance / yearsLeft;
  // Only a pace that runs up to the value judged on says anything about it.
  if (paced.pace === null || lastWithValue !== lastIndex) return { ...pacedRow, distance, requiredPace, reason: 'no_earlier_period' };
  // Progress is change towards the target: up for ">=", down for "<=".
  const progress = op === '>=' ? paced.pace : -paced.pace;
  return { ...pacedRow, distance, requiredPace, status: progress * yearsLeft >= distance ? 'on_track' : 'off_track' };
}

/**
 * A year to date beside the whole years feeds no pace (the outlook is drawn
 * from the whole years), but a level it already reaches is reached: `met`,
 * judged on it, rather than a pace or a distance from last year's figure.
 */
function metInYearToDate(
  row: TrendRow,
  cells: readonly (IndicatorResult | undefined)[],
  { periods, basis }: RowContext,
): Pick<TrendRow, 'target' | 'op' | 'distance' | 'status' | 'reason'> | null {
  const latest = periods.length - 1;
  if (!periods[latest].yearToDate || basis.includes(latest)) return null;
  const cell = cells[latest];
  const value = row.values[latest];
  if (!cell || value === null || cell.target === null || cell.op === null || gap(value, cell.target, cell.op) !== 0) return null;
  return { target: cell.target, op: cell.op, distance: 0, status: 'met', reason: 'met_year_to_date' };
}

function periodStatus(cell: IndicatorResult | undefined, value: number | null, kind: TrendKind, period: TrendPeriod): PeriodStatus {
  if (!cell || value === null) return 'n/a';
  if (cell.target === null || cell.op === null) return 'no_target';
  if (gap(value, cell.target, cell.op) === 0) return 'met';
  return kind === 'flow' && period.yearToDate ? 'in_progress' : 'not_met';
}

/** What is still to go to the target, 0 once met (a value equal to a `>=` target meets it). */
function gap(value: number, target: number, op: TargetOp): number {
  return Math.max(0, op === '>=' ? target - value : value - target);
}

function yearsBetween(a: TrendPeriod, b: TrendPeriod): number {
  const [ka, kb] = [periodKey(a), periodKey(b)];
  return kb.year - ka.year + (kb.quarter - ka.quarter) / 4;
}

/** Every area of the levels `by` shows, from any report, by code; named as the latest report that has it names it. */
function areasOf(reports: readonly Report[], by: TrendBy): { code: string; name: string; level: AreaLevel }[] {
  const levels = LEVELS_SHOWN[by];
  if (levels.length === 0) return [];
  const found = new Map<string, { code: string; name: string; level: AreaLevel }>();
  for (const report of reports) {
    for (const area of report.areas) if (levels.includes(area.level)) found.set(`${area.level}:${area.code}`, { code: area.code, name: area.name, level: area.level });
  }
  const missing = levels.filter((level) => ![...found.values()].some((a) => a.level === level));
  if (missing.length > 0) {
    throw new FatalInputError({
      code: 'trend-areas-missing', table: null, file: null, sheet: null, row: null, column: null,
      value: by, params: { level: missing[0] },
    });
  }
  return [...found.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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

function totalRow(report: Report): AreaReport | undefined {
  return report.areas.find((a) => a.level === 'all') ?? report.areas[0];
}
