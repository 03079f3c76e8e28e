/**
 * A builder for whole `Report` objects (every indicator in every area), for
 * the xlsx and trend tests. Defaults are a plausible small city; pass
 * overrides for what a test is about.
 */
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../../src/engine/indicators.js';
import type { AreaReport, IndicatorResult, PeriodInfo, Report } from '../../src/engine/report.js';
import type { Issue } from '../../src/issues/issue.js';
import type { Plan, Target } from '../../src/plan/plan.js';

export const TEST_TARGETS: Record<IndicatorId, Target | null> = {
  guidance_rate_0_1: { value: 90, op: '>=' },
  activity_rate_1_3: { value: 85, op: '>=' },
  followups_per_infant: { value: 5, op: '>=' },
  combined_kindergarten_share: { value: 50, op: '>=' },
  kindergarten_slots: { value: 2000, op: '>=' },
  inclusive_facility_share: { value: 75, op: '>=' },
  community_coverage: { value: 65, op: '>=' },
  street_coverage: { value: 100, op: '>=' },
  slots_per_1000: { value: 5, op: '>=' },
  provincial_inclusive_count: { value: 10, op: '>=' },
  demonstration_count: { value: 10, op: '>=' },
  new_inclusive_toddler_classes: { value: 50, op: '>=' },
  new_community_inclusive_count: { value: 1, op: '>=' },
  outreach_compliance: { value: 100, op: '>=' },
  inclusive_slots: null,
  employer_facility_count: null,
};

export function buildPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 'test-plan',
    name: '测试方案',
    targets: TEST_TARGETS,
    wording: { slots_per_1000: '每千人口拥有3岁以下婴幼儿托位数达到5个' },
    targetYear: 2025,
    ...overrides,
  };
}

/** A result with value, status derived from the target (or given). */
export function result(value: number | null, target: Target | null, extra: Partial<IndicatorResult> = {}): IndicatorResult {
  if (value === null) {
    return { value: null, numerator: null, denominator: null, target: target?.value ?? null, op: target?.op ?? null, status: 'n/a', reason: '分母为0', ...extra };
  }
  if (!target) return { value, numerator: value, denominator: null, target: null, op: null, status: 'no_target', ...extra };
  const met = target.op === '>=' ? value >= target.value : value <= target.value;
  return { value, numerator: value, denominator: null, target: target.value, op: target.op, status: met ? 'met' : 'not_met', ...extra };
}

/** Every indicator with a default value; `values` overrides per id (null = n/a). */
export function buildIndicators(values: Partial<Record<IndicatorId, number | null>> = {}, targets = TEST_TARGETS): Record<IndicatorId, IndicatorResult> {
  const out = {} as Record<IndicatorId, IndicatorResult>;
  for (const id of INDICATOR_IDS) {
    const unit = INDICATORS[id].unit;
    const fallback = unit === 'percent' ? 50 : unit === 'count' ? 12 : 3.5;
    const value = id in values ? (values[id] as number | null) : fallback;
    out[id] = result(value, targets[id]);
  }
  return out;
}

export function buildArea(code: string, name: string, level: AreaReport['level'], values: Partial<Record<IndicatorId, number | null>> = {}): AreaReport {
  return { code, name, level, indicators: buildIndicators(values) };
}

export function periodOf(id: string): PeriodInfo {
  const year = Number(id.slice(0, 4));
  const quarter = id.length > 4 ? Number(id.slice(5)) : 4;
  const month = quarter * 3;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { id, start: `${year}-01-01`, end: `${year}-${String(month).padStart(2, '0')}-${lastDay}` };
}

export interface ReportOptions {
  period?: string;
  plan?: { id: string; name: string };
  total?: Partial<Record<IndicatorId, number | null>>;
  areas?: AreaReport[];
  issues?: Issue[];
}

export function buildReport(options: ReportOptions = {}): Report {
  const issues = options.issues ?? [];
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: '0.0.0-test' },
    period: periodOf(options.period ?? '2025Q2'),
    plan: options.plan ?? { id: 'test-plan', name: '测试方案' },
    inputs: [
      { table: 'census', file: 'data/人口.csv', sheet: null, sha256: 'a'.repeat(64), read: 12, used: 10, rejected: 1, skipped: 1 },
      { table: 'facilities', file: 'data/tuoyu.xlsx', sheet: '机构', sha256: 'b'.repeat(64), read: 40, used: 40, rejected: 0, skipped: 0 },
    ],
    areas: [
      { code: '', name: '全部', level: 'all', indicators: buildIndicators(options.total ?? {}) },
      ...(options.areas ?? [buildArea('330106', '西湖区', 'district'), buildArea('330106001', '北山街道', 'street')]),
    ],
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
      infos: issues.filter((i) => i.severity === 'info').length,
    },
  };
}

export function buildIssue(overrides: Partial<Issue> = {}): Issue {
  return {
    severity: 'error', code: 'not-integer', table: 'facilities', file: 'data/机构.csv', sheet: null,
    row: 12, column: 'slots', value: '约100', message: '托位数应为整数', ...overrides,
  };
}
