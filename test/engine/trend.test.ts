import { describe, expect, it } from 'vitest';
import { computeTrend, yearsUntilTarget, type Trend, type TrendRow } from '../../src/engine/trend.js';
import { parseReportJson, parseReportJsons } from '../../src/engine/trend-input.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../../src/engine/indicators.js';
import type { IndicatorResult, Report } from '../../src/engine/report.js';
import { aPeriodReport, aReport, anArea, periodOf } from '../format/builders.js';
import { outlookText } from '../../src/format/render-trend.js';

const TARGET_YEAR = { targetYear: 2025 };

function row(trend: Trend, id: IndicatorId): TrendRow {
  const found = trend.rows.find((r) => r.indicator === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function fatal(fn: () => unknown): { code: string; file: string | null; value: string | null } {
  try {
    fn();
  } catch (error) {
    if (error instanceof FatalInputError) return { code: error.draft.code, file: error.draft.file, value: error.draft.value };
    throw error;
  }
  throw new Error('did not throw');
}

/** Reports of the given periods whose total holds `values[i]` for `id`. */
function series(id: IndicatorId, points: Record<string, number | null>): Report[] {
  return Object.entries(points).map(([period, value]) => aPeriodReport(period, { [id]: { value } }));
}

describe('computeTrend: the average annual pace', () => {
  it('is the change from the first to the last year over the years between, not the last change', () => {
    // 40 → 70 → 72: +30 then +2; the average is 16 a year (the last change alone would say 2).
    const guidance = row(computeTrend(series('guidance_rate_0_1', { 2021: 40, 2022: 70, 2023: 72 }), TARGET_YEAR), 'guidance_rate_0_1');
    expect(guidance.pace).toBeCloseTo(16, 10);
    expect(guidance).toMatchObject({ paceFrom: '2021', paceTo: '2023' });
    // 18 to go in the two years left (2024, 2025): 9 a year needed, 16 a year made: on track.
    expect(guidance.distance).toBeCloseTo(18, 10);
    expect(guidance.requiredPace).toBeCloseTo(9, 10);
    expect(guidance.status).toBe('on_track');
  });

  it('a city with one good year is judged on its average, not on that year', () => {
    // 2.5 → 3.0 → 4.0 per 1,000: the last change (+1.0) alone would close the 1.0 gap in 2025;
    // the average, +0.75 a year, does not.
    const slots = row(computeTrend(series('slots_per_1000', { 2022: 2.5, 2023: 3.0, 2024: 4.0 }), TARGET_YEAR), 'slots_per_1000');
    expect(slots.pace).toBeCloseTo(0.75, 10);
    expect(slots.requiredPace).toBeCloseTo(1, 10);
    expect(slots.status).toBe('off_track');
  });

  const cases = [
    // target 5 (>=); from 2024 one year (2025) is left.
    { name: 'on_track: the pace closes the gap in the year left', prev: 3, last: 4, status: 'on_track', distance: 1, pace: 1 },
    { name: 'off_track: the pace is too slow', prev: 3.5, last: 4, status: 'off_track', distance: 1, pace: 0.5 },
    { name: 'off_track: going backwards', prev: 4.5, last: 4, status: 'off_track', distance: 1, pace: -0.5 },
    { name: 'met: distance 0 once the target is reached', prev: 4, last: 5.2, status: 'met', distance: 0, pace: 1.2 },
  ] as const;

  it.each(cases)('$name', ({ prev, last, status, distance, pace }) => {
    const trend = computeTrend(series('slots_per_1000', { 2023: prev, 2024: last }), TARGET_YEAR);
    const slots = row(trend, 'slots_per_1000');
    expect(trend.yearsLeft).toBe(1);
    expect(slots.status).toBe(status);
    expect(slots.distance).toBeCloseTo(distance, 10);
    expect(slots.pace).toBeCloseTo(pace, 10);
  });

  it('measures distance and progress downwards for a "<=" target', () => {
    const report = (period: string, value: number) => {
      const r = aPeriodReport(period);
      r.areas[0].indicators.slots_per_1000 = { value, numerator: null, denominator: null, target: 2, op: '<=', status: value <= 2 ? 'met' : 'not_met' };
      return r;
    };
    const slots = row(computeTrend([report('2023', 5), report('2024', 3)], TARGET_YEAR), 'slots_per_1000');
    expect(slots.distance).toBeCloseTo(1, 10);
    expect(slots.status).toBe('on_track');
  });
});

describe('computeTrend: the target year', () => {
  it('is still a year to meet the target in: from 2024, one year is left', () => {
    expect(yearsUntilTarget(periodOf('2024'), 2025)).toBe(1);
    expect(yearsUntilTarget(periodOf('2023'), 2025)).toBe(2);
    expect(yearsUntilTarget(periodOf('2025Q1'), 2025)).toBe(0.75);
    expect(yearsUntilTarget(periodOf('2025'), 2025)).toBe(0);
    expect(yearsUntilTarget(periodOf('2026'), 2025)).toBe(-1);
  });

  it('once its figures are in, a level not reached is not_met, one reached is met', () => {
    const trend = computeTrend(series('slots_per_1000', { 2024: 3, 2025: 4 }), TARGET_YEAR);
    expect(trend.yearsLeft).toBe(0);
    expect(row(trend, 'slots_per_1000')).toMatchObject({ status: 'not_met', reason: 'target_year_over', requiredPace: null });
    const met = computeTrend(series('slots_per_1000', { 2024: 3, 2025: 5 }), TARGET_YEAR);
    expect(row(met, 'slots_per_1000')).toMatchObject({ status: 'met', distance: 0, reason: null });
  });

  it('is taken as given', () => {
    expect(computeTrend([aPeriodReport('2024')], { targetYear: 2027 })).toMatchObject({ targetYear: 2027, yearsLeft: 3 });
  });
});

describe('computeTrend: a year to date beside whole years', () => {
  const trend = computeTrend(series('activity_rate_1_3', { 2023: 60, 2024: 70, '2025Q2': 30 }), TARGET_YEAR);

  it('is marked as such and draws no pace: the pace and the outlook come from the whole years', () => {
    expect(trend.periods.map((p) => [p.id, p.yearToDate])).toEqual([['2023', false], ['2024', false], ['2025Q2', true]]);
    expect(trend.basis).toEqual({ kind: 'years', periods: ['2023', '2024'] });
    const activity = row(trend, 'activity_rate_1_3');
    expect(activity.pace).toBeCloseTo(10, 10);
    expect(activity).toMatchObject({ paceFrom: '2023', paceTo: '2024' });
    // Judged on 2024 (70), one year left: 15 to go at 10 a year is off track — not on the half year's 30.
    expect(activity.distance).toBeCloseTo(15, 10);
    expect(activity.status).toBe('off_track');
    expect(trend.yearsLeft).toBe(1);
  });

  it('a level the year to date already reaches is met, judged on it, not a pace or distance from the whole years', () => {
    const reached = computeTrend(series('activity_rate_1_3', { 2023: 60, 2024: 70, '2025Q2': 90 }), TARGET_YEAR);
    const activity = row(reached, 'activity_rate_1_3');
    expect(activity).toMatchObject({ status: 'met', reason: 'met_year_to_date', distance: 0, requiredPace: null });
    expect(outlookText(activity, 'zh', true)).toBe('✓ 已达标 (按本年至今的数据)');
    expect(outlookText(activity, 'en', true)).toBe('✓ met (on the year to date)');
    // A level the year to date has not reached keeps the whole years' outlook.
    expect(row(trend, 'activity_rate_1_3').status).toBe('off_track');
  });

  it('changes compare like with like: no change from a whole year to half a year', () => {
    const activity = row(trend, 'activity_rate_1_3');
    expect(activity.changes[0]).toBeNull();
    expect(activity.changes[1]).toBeCloseTo(10, 10);
    expect(activity.changes[2]).toBeNull();
  });

  it('without whole years, compares the same quarter across years', () => {
    const quarters = computeTrend(series('activity_rate_1_3', { '2023Q2': 20, '2023Q3': 45, '2024Q2': 30 }), TARGET_YEAR);
    expect(quarters.basis).toEqual({ kind: 'same_quarter', periods: ['2023Q2', '2024Q2'] });
    const activity = row(quarters, 'activity_rate_1_3');
    expect(activity.pace).toBeCloseTo(10, 10);
    expect(activity.changes[2]).toBeCloseTo(10, 10);
    expect(quarters.yearsLeft).toBe(1.5);
  });
});

describe('computeTrend: per-year quantities are judged year by year', () => {
  it('declares which indicators are per-year in the catalogue', () => {
    const flows = INDICATOR_IDS.filter((id) => INDICATORS[id].flow);
    expect(flows).toEqual(expect.arrayContaining(['new_inclusive_toddler_classes', 'new_community_inclusive_count']));
    expect(flows).not.toContain('slots_per_1000');
  });

  it('each whole year against ≥ 50 on its own; a running year is in progress, never paced', () => {
    const trend = computeTrend(series('new_inclusive_toddler_classes', { 2023: 52, 2024: 30, '2025Q2': 20 }), TARGET_YEAR);
    const classes = row(trend, 'new_inclusive_toddler_classes');
    expect(classes.kind).toBe('flow');
    expect(classes.statuses).toEqual(['met', 'not_met', 'in_progress']);
    expect(classes).toMatchObject({ status: 'in_progress', pace: null, requiredPace: null, distance: 30 });
  });

  it('a whole year that misses is not_met however the earlier years went; one that meets is met', () => {
    const missed = row(computeTrend(series('new_inclusive_toddler_classes', { 2023: 40, 2024: 60, 2025: 45 }), TARGET_YEAR), 'new_inclusive_toddler_classes');
    expect(missed.statuses).toEqual(['not_met', 'met', 'not_met']);
    expect(missed).toMatchObject({ status: 'not_met', distance: 5, pace: null });
    // A stock would call 40 → 60 (+20 a year) "on track" for 2025; a flow does not add years up.
    const met = row(computeTrend(series('new_community_inclusive_count', { 2023: 0, 2024: 1 }), TARGET_YEAR), 'new_community_inclusive_count');
    expect(met.statuses).toEqual(['not_met', 'met']);
    expect(met.status).toBe('met');
  });
});

describe('computeTrend: per area', () => {
  const district = (code: string, name: string, value: number) => anArea(code, name, 'district', { slots_per_1000: { value } });
  const reports = [
    aPeriodReport('2023', { slots_per_1000: { value: 3 } }, {
      areas: [anArea('', '全部', 'all', { slots_per_1000: { value: 3 } }), district('339901', '东湖区', 2), district('339903', '北塘区', 4)],
    }),
    aPeriodReport('2024', { slots_per_1000: { value: 3.5 } }, {
      areas: [anArea('', '全部', 'all', { slots_per_1000: { value: 3.5 } }), district('339901', '东湖区', 3), district('339903', '北塘区', 4.2), district('339904', '西岭县', 6)],
    }),
    aPeriodReport('2025', { slots_per_1000: { value: 4 } }, {
      areas: [anArea('', '全部', 'all', { slots_per_1000: { value: 4 } }), district('339903', '北塘区（新）', 4.6), district('339901', '东湖区', 5), district('339904', '西岭县', 6.5)],
    }),
  ];

  it('matches areas by code across reports, names them as the latest report does, leaves a missing year empty', () => {
    const trend = computeTrend(reports, { targetYear: 2026, by: 'district' });
    expect(trend.by).toBe('district');
    expect(trend.areas.map((a) => [a.code, a.name, a.level])).toEqual([
      ['339901', '东湖区', 'district'], ['339903', '北塘区（新）', 'district'], ['339904', '西岭县', 'district'],
    ]);
    const slotsOf = (code: string) => trend.areas.find((a) => a.code === code)!.rows.find((r) => r.indicator === 'slots_per_1000')!;
    expect(slotsOf('339901').values).toEqual([2, 3, 5]);
    expect(slotsOf('339901').pace).toBeCloseTo(1.5, 10);
    expect(slotsOf('339901').status).toBe('met');
    expect(slotsOf('339903').values).toEqual([4, 4.2, 4.6]);
    // 0.4 to go in 2026 at 0.3 a year: off track.
    expect(slotsOf('339903').pace).toBeCloseTo(0.3, 10);
    expect(slotsOf('339903').status).toBe('off_track');
    expect(slotsOf('339904').values).toEqual([null, 6, 6.5]);
    expect(slotsOf('339904')).toMatchObject({ paceFrom: '2024', paceTo: '2025' });
    expect(row(trend, 'slots_per_1000').values).toEqual([3, 3.5, 4]);
  });

  it('a target compared at the total only is no target for an area', () => {
    const trend = computeTrend(reports, { targetYear: 2026, by: 'district' });
    const classes = trend.areas[0].rows.find((r) => r.indicator === 'kindergarten_slots')!;
    expect(classes).toMatchObject({ target: null, status: 'n/a', reason: 'no_target' });
  });

  it('without --by, the total only', () => {
    expect(computeTrend(reports, TARGET_YEAR).areas).toEqual([]);
  });

  it('refuses a level no report holds', () => {
    expect(fatal(() => computeTrend(reports, { targetYear: 2025, by: 'street' }))).toMatchObject({ code: 'trend-areas-missing', value: 'street' });
  });
});

describe('computeTrend: what it cannot judge, and what it refuses', () => {
  it('is n/a without an earlier comparable period, without a value, or without a target', () => {
    const trend = computeTrend([aPeriodReport('2024Q2'), aPeriodReport('2024', { community_coverage: { value: null } })], TARGET_YEAR);
    expect(row(trend, 'slots_per_1000')).toMatchObject({ status: 'n/a', reason: 'no_earlier_period', pace: null });
    expect(row(trend, 'community_coverage')).toMatchObject({ status: 'n/a', reason: 'no_value', distance: null });
    expect(row(trend, 'inclusive_slots')).toMatchObject({ status: 'n/a', reason: 'no_target', target: null });
  });

  it('shows an indicator a report lacks as no value for that period', () => {
    const old = aPeriodReport('2023');
    delete (old.areas[0].indicators as Partial<Record<IndicatorId, IndicatorResult>>).slots_per_1000;
    const slots = row(computeTrend([old, aPeriodReport('2024', { slots_per_1000: { value: 4 } })], TARGET_YEAR), 'slots_per_1000');
    expect(slots.values).toEqual([null, 4]);
    expect(slots.statuses[0]).toBe('n/a');
  });

  it('refuses reports of different plans and two reports of one window', () => {
    expect(fatal(() => computeTrend([aPeriodReport('2023'), aPeriodReport('2024', {}, { plan: { id: 'national', name: '国家' } })], TARGET_YEAR)).code)
      .toBe('plan-mismatch');
    expect(fatal(() => computeTrend([aPeriodReport('2024'), aPeriodReport('2024Q4')], TARGET_YEAR)).code).toBe('duplicate-period');
  });
});

describe('parseReportJson', () => {
  const good = JSON.stringify(aReport());

  it('reads a report written as JSON, BOM or not', () => {
    expect(parseReportJson(good, 'r.json').period.id).toBe('2025Q2');
    expect(parseReportJson(`\uFEFF${good}`, 'r.json').areas[0].code).toBe('');
  });

  const refusals = [
    { name: 'not JSON', text: '{"schemaVersion": 1,' },
    { name: 'a validation report (no areas)', text: JSON.stringify({ ...aReport(), areas: undefined, period: undefined, plan: undefined }) },
    { name: 'another tool', text: JSON.stringify({ ...aReport(), tool: { name: 'other', version: '1' } }) },
    { name: 'a later schema version', text: JSON.stringify({ ...aReport(), schemaVersion: 2 }) },
    { name: 'no total row first', text: JSON.stringify({ ...aReport(), areas: aReport().areas.slice(1) }) },
    { name: 'a value that is a string', text: good.replace('"value":50', '"value":"50"') },
  ];

  it.each(refusals)('refuses $name as not-a-report naming the file', ({ text }) => {
    const refused = fatal(() => parseReportJson(text, 'reports/2024.json'));
    expect(refused.code).toBe('not-a-report');
    expect(refused.file).toBe('reports/2024.json');
  });

  it('names the file whose plan differs', () => {
    const other = JSON.stringify(aPeriodReport('2024', {}, { plan: { id: 'national', name: '国家' } }));
    expect(fatal(() => parseReportJsons([{ text: good, fileName: 'a.json' }, { text: other, fileName: 'b.json' }])))
      .toMatchObject({ code: 'plan-mismatch', file: 'b.json' });
  });
});
