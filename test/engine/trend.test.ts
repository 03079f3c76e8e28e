import { describe, expect, it } from 'vitest';
import { computeTrend, yearsUntilTarget } from '../../src/engine/trend.js';
import { parseReportJson, parseReportJsons, targetYearOf } from '../../src/engine/trend-input.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { aPeriodReport, aPlan, aReport, periodOf } from '../format/builders.js';

function row(trend: ReturnType<typeof computeTrend>, id: (typeof INDICATOR_IDS)[number]) {
  const found = trend.rows.find((r) => r.indicator === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function fatalCode(fn: () => unknown): { code: string; file: string | null; value: string | null } {
  try {
    fn();
  } catch (error) {
    if (error instanceof FatalInputError) return { code: error.draft.code, file: error.draft.file, value: error.draft.value };
    throw error;
  }
  throw new Error('did not throw');
}

describe('computeTrend', () => {
  it('sorts periods and lines up each indicator with its change from the previous period', () => {
    const trend = computeTrend([
      aPeriodReport('2024', { slots_per_1000: { value: 3.5 } }),
      aPeriodReport('2023', { slots_per_1000: { value: 2.75 } }),
    ]);
    expect(trend.periods.map((p) => p.id)).toEqual(['2023', '2024']);
    const slots = row(trend, 'slots_per_1000');
    expect(slots.values).toEqual([2.75, 3.5]);
    expect(slots.changes[0]).toBeNull();
    expect(slots.changes[1]).toBeCloseTo(0.75, 10);
    expect(trend.rows.map((r) => r.indicator)).toEqual([...INDICATOR_IDS]);
  });

  const cases = [
    // target 5 (>=), 2024 → 2025 target year: one year left.
    { name: 'on_track: the pace closes the gap in the years left', prev: 3, last: 4, status: 'on_track', distance: 1, pace: 1 },
    { name: 'off_track: the pace is too slow', prev: 3.5, last: 4, status: 'off_track', distance: 1, pace: 0.5 },
    { name: 'off_track: going backwards', prev: 4.5, last: 4, status: 'off_track', distance: 1, pace: -0.5 },
    { name: 'met: distance 0 once the target is reached', prev: 4, last: 5.2, status: 'met', distance: 0, pace: 1.2 },
  ] as const;

  it.each(cases)('$name', ({ prev, last, status, distance, pace }) => {
    const trend = computeTrend([
      aPeriodReport('2023', { slots_per_1000: { value: prev } }),
      aPeriodReport('2024', { slots_per_1000: { value: last } }),
    ]);
    const slots = row(trend, 'slots_per_1000');
    expect(trend.yearsLeft).toBe(1);
    expect(slots.status).toBe(status);
    expect(slots.distance).toBeCloseTo(distance, 10);
    expect(slots.pace).toBeCloseTo(pace, 10);
    expect(slots.paceFrom).toBe('2023');
  });

  it('paces over several years and two years left', () => {
    const trend = computeTrend([
      aPeriodReport('2021', { guidance_rate_0_1: { value: 40 } }),
      aPeriodReport('2023', { guidance_rate_0_1: { value: 70 } }),
    ], { targetYear: 2025 });
    const guidance = row(trend, 'guidance_rate_0_1');
    // 2021 → 2023 gained 30 points in 2 years = 15 a year; 20 to go in 2 years needs 10 a year.
    expect(trend.yearsLeft).toBe(2);
    expect(guidance.pace).toBeCloseTo(15, 10);
    expect(guidance.distance).toBeCloseTo(20, 10);
    expect(guidance.requiredPace).toBeCloseTo(10, 10);
    expect(guidance.status).toBe('on_track');
  });

  it('compares a year-to-date quarter only with the same quarter of an earlier year', () => {
    const trend = computeTrend([
      aPeriodReport('2023Q2', { activity_rate_1_3: { value: 20 } }),
      aPeriodReport('2023', { activity_rate_1_3: { value: 60 } }),
      aPeriodReport('2024Q2', { activity_rate_1_3: { value: 30 } }),
    ]);
    const activity = row(trend, 'activity_rate_1_3');
    expect(activity.paceFrom).toBe('2023Q2');
    expect(activity.pace).toBeCloseTo(10, 10);
    // The column-to-column change stays plain.
    expect(activity.changes[2]).toBeCloseTo(-30, 10);
    expect(trend.yearsLeft).toBe(1.5);
  });

  it('is n/a without an earlier comparable period, without a value, or without a target', () => {
    const trend = computeTrend([
      aPeriodReport('2024Q2'),
      aPeriodReport('2024', { community_coverage: { value: null } }),
    ]);
    expect(row(trend, 'slots_per_1000')).toMatchObject({ status: 'n/a', reason: 'no_earlier_period', pace: null });
    expect(row(trend, 'community_coverage')).toMatchObject({ status: 'n/a', reason: 'no_value', distance: null });
    expect(row(trend, 'inclusive_slots')).toMatchObject({ status: 'n/a', reason: 'no_target', target: null });
  });

  it('is off_track once the target year is over and the target is not met', () => {
    const trend = computeTrend([
      aPeriodReport('2024', { slots_per_1000: { value: 3 } }),
      aPeriodReport('2025', { slots_per_1000: { value: 4 } }),
    ]);
    expect(trend.yearsLeft).toBe(0);
    expect(row(trend, 'slots_per_1000')).toMatchObject({ status: 'off_track', reason: 'past_target_year' });
  });

  it('measures distance downwards for a "<=" target', () => {
    const report = (period: string, value: number) => {
      const r = aPeriodReport(period);
      r.areas[0].indicators.slots_per_1000 = { value, numerator: null, denominator: null, target: 2, op: '<=', status: value <= 2 ? 'met' : 'not_met' };
      return r;
    };
    const slots = row(computeTrend([report('2023', 5), report('2024', 3)]), 'slots_per_1000');
    expect(slots.distance).toBeCloseTo(1, 10);
    expect(slots.status).toBe('on_track');
  });

  it('refuses reports of different plans and two reports of one window', () => {
    expect(fatalCode(() => computeTrend([aPeriodReport('2023'), aPeriodReport('2024', {}, { plan: { id: 'national', name: '国家' } })])).code)
      .toBe('plan-mismatch');
    expect(fatalCode(() => computeTrend([aPeriodReport('2024'), aPeriodReport('2024Q4')])).code)
      .toBe('duplicate-period');
  });

  it('counts the years left by quarter', () => {
    expect(yearsUntilTarget(periodOf('2024'), 2025)).toBe(1);
    expect(yearsUntilTarget(periodOf('2025Q1'), 2025)).toBe(0.75);
    expect(yearsUntilTarget(periodOf('2026'), 2025)).toBe(-1);
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
    { name: 'an indicator missing from the total row', text: (() => {
      const r = aReport();
      delete (r.areas[0].indicators as Partial<typeof r.areas[0]['indicators']>).slots_per_1000;
      return JSON.stringify(r);
    })() },
    { name: 'a value that is a string', text: good.replace('"value":50', '"value":"50"') },
  ];

  it.each(refusals)('refuses $name as not-a-report naming the file', ({ text }) => {
    const fatal = fatalCode(() => parseReportJson(text, 'reports/2024.json'));
    expect(fatal.code).toBe('not-a-report');
    expect(fatal.file).toBe('reports/2024.json');
  });

  it('names the file whose plan differs', () => {
    const other = JSON.stringify(aPeriodReport('2024', {}, { plan: { id: 'national', name: '国家' } }));
    const fatal = fatalCode(() => parseReportJsons([{ text: good, fileName: 'a.json' }, { text: other, fileName: 'b.json' }]));
    expect(fatal).toMatchObject({ code: 'plan-mismatch', file: 'b.json' });
  });

  it('takes the target year from the plan with the report’s id, else 2025', () => {
    expect(targetYearOf('test-plan', [aPlan({ id: 'test-plan', targetYear: 2027 })])).toBe(2027);
    expect(targetYearOf('unknown', [aPlan({ targetYear: 2027 })])).toBe(2025);
  });
});

describe('target year', () => {
  it('comes from the built-in plan with the reports’ plan id by default', () => {
    const trend = computeTrend([aPeriodReport('2024', {}, { plan: { id: 'default', name: '普惠托育服务三年行动方案' } })]);
    expect(trend.targetYear).toBe(2025);
    expect(trend.yearsLeft).toBe(1);
  });

  it('comes from the given plans, or the option', () => {
    const reports = [aPeriodReport('2024')];
    expect(computeTrend(reports, { plans: [aPlan({ targetYear: 2027 })] })).toMatchObject({ targetYear: 2027, yearsLeft: 3 });
    expect(computeTrend(reports, { targetYear: 2026 })).toMatchObject({ targetYear: 2026, yearsLeft: 2 });
  });
});
