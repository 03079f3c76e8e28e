/**
 * Builders for whole reports (SPEC §7), plans and issues, for the format and
 * trend tests: a full, valid report with every indicator of INDICATOR_IDS in
 * every area, that a test then bends to the case it is about.
 */
import { INDICATORS, INDICATOR_IDS, type IndicatorId } from '../../src/engine/indicators.js';
import type {
  AreaReport,
  IndicatorResult,
  InputSummary,
  Report,
  PeriodInfo,
  ValidationReport,
} from '../../src/engine/report.js';
import type { Issue } from '../../src/issues/issue.js';
import type { AreaLevel } from '../../src/schema/records.js';
import type { Plan } from '../../src/plan/plan.js';
import { WHO_QUALITY_THRESHOLDS } from '../../src/engine/quality/thresholds.js';

interface Sample {
  value: number;
  numerator: number;
  denominator: number | null;
  target: number | null;
}

/** A plausible value and target per indicator; targets as in SPEC §1. */
const LISTED: Partial<Record<IndicatorId, Sample>> = {
  guidance_rate_0_1: { value: 66.66666666666667, numerator: 2, denominator: 3, target: 90 },
  activity_rate_1_3: { value: 90, numerator: 9, denominator: 10, target: 85 },
  followups_per_infant: { value: 4.866666, numerator: 73, denominator: 15, target: 5 },
  combined_kindergarten_share: { value: 50, numerator: 1, denominator: 2, target: 50 },
  kindergarten_slots: { value: 2100, numerator: 2100, denominator: null, target: 2000 },
  inclusive_facility_share: { value: 80, numerator: 4, denominator: 5, target: 75 },
  community_coverage: { value: 70, numerator: 7, denominator: 10, target: 65 },
  street_coverage: { value: 100, numerator: 3, denominator: 3, target: 100 },
  slots_per_1000: { value: 4.870316, numerator: 1234, denominator: 253376, target: 5 },
  provincial_inclusive_count: { value: 12, numerator: 12, denominator: null, target: 10 },
  demonstration_count: { value: 8, numerator: 8, denominator: null, target: 10 },
  new_inclusive_toddler_classes: { value: 50, numerator: 50, denominator: null, target: 50 },
  new_community_inclusive_count: { value: 1, numerator: 1, denominator: null, target: 1 },
  outreach_compliance: { value: 100, numerator: 4, denominator: 4, target: 100 },
  inclusive_slots: { value: 900, numerator: 900, denominator: null, target: null },
  employer_facility_count: { value: 2, numerator: 2, denominator: null, target: null },
};

/** An indicator the table above does not name gets a plausible value of its unit and its entry's default target. */
function sampleOf(id: IndicatorId): Sample {
  const listed = LISTED[id];
  if (listed) return listed;
  const { unit, target } = INDICATORS[id];
  const value = unit === 'count' ? { value: 3, numerator: 3, denominator: null } : { value: 75, numerator: 3, denominator: 4 };
  return { ...value, target: target?.value ?? null };
}

/**
 * The result an area of `level` gets for `id`: the sample value unless
 * `overrides` gives another, with the status that value earns against the
 * target (n/a for a null value) unless `overrides` gives the status too.
 */
export function anIndicator(id: IndicatorId, level: AreaLevel, overrides: Partial<IndicatorResult> = {}): IndicatorResult {
  const sample = sampleOf(id);
  const value = overrides.value === undefined ? sample.value : overrides.value;
  if (value === null) return { ...notApplicable(id, '分母为0'), ...overrides };
  const compared = sample.target !== null && INDICATORS[id].targetLevels.includes(level);
  const base: IndicatorResult = compared
    ? {
        value,
        numerator: sample.numerator,
        denominator: sample.denominator,
        target: sample.target,
        op: '>=',
        status: value >= (sample.target as number) ? 'met' : 'not_met',
      }
    : { value, numerator: sample.numerator, denominator: sample.denominator, target: null, op: null, status: 'no_target' };
  return { ...base, ...overrides };
}

/** An n/a result: value, numerator and denominator null, target kept. */
export function notApplicable(id: IndicatorId, reason: string): IndicatorResult {
  const target = sampleOf(id).target;
  return { value: null, numerator: null, denominator: null, target, op: target === null ? null : '>=', status: 'n/a', reason };
}

export function anArea(
  code: string,
  name: string,
  level: AreaLevel,
  indicators: Partial<Record<IndicatorId, Partial<IndicatorResult>>> = {},
): AreaReport {
  const all = {} as Record<IndicatorId, IndicatorResult>;
  for (const id of INDICATOR_IDS) all[id] = anIndicator(id, level, indicators[id]);
  return { code, name, level, indicators: all };
}

export function anInput(overrides: Partial<InputSummary> = {}): InputSummary {
  return { table: 'census', file: 'census.csv', sheet: null, sha256: 'ab'.repeat(32), read: 120, used: 117, rejected: 1, skipped: 2, ...overrides };
}

export function anIssue(overrides: Partial<Issue> = {}): Issue {
  const row = overrides.row === undefined ? 12 : overrides.row;
  return {
    severity: 'error',
    code: 'not-integer',
    table: 'facilities',
    file: 'facilities.csv',
    sheet: null,
    row,
    column: '托位数',
    cell: row === null ? null : `F${row}`,
    value: '约100',
    count: 1,
    rows: row === null ? [] : [row],
    message: '第12行「托位数」（F12）应为整数，实际为「约100」。只填数字，如 100 或 1,234；不要写小数或文字',
    hint: '只填数字，如 100 或 1,234；不要写小数或文字',
    ...overrides,
  };
}

function summarize(issues: Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    infos: issues.filter((i) => i.severity === 'info').length,
  };
}

export function aValidationReport(overrides: Partial<ValidationReport> = {}): ValidationReport {
  const issues = overrides.issues ?? [];
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: '0.0.0-test' },
    inputs: [
      anInput(),
      anInput({ table: 'facilities', file: 'facilities.csv', read: 40, used: 39, rejected: 1, skipped: 0 }),
      anInput({ table: 'visits', file: 'visits.csv', read: 5000, used: 5000, rejected: 0, skipped: 0 }),
    ],
    issues,
    summary: summarize(issues),
    ...overrides,
  };
}

export const DISTRICTS: AreaReport[] = [
  anArea('330102', '上城区', 'district'),
  anArea('330105', '拱墅区', 'district'),
  anArea('330106', '西湖区', 'district'),
];

export function aReport(overrides: Partial<Report> = {}): Report {
  const issues = overrides.issues ?? [anIssue()];
  return {
    ...aValidationReport({ issues }),
    period: periodOf('2025Q2'),
    plan: { id: 'default', name: '普惠托育服务三年行动方案' },
    areas: [anArea('', '全部', 'all'), ...DISTRICTS],
    ...overrides,
  };
}

/** Many areas, to exercise layouts that must split. */
export function manyAreas(count: number, level: AreaLevel = 'community'): AreaReport[] {
  return Array.from({ length: count }, (_, i) =>
    anArea(`330106001${String(i + 1).padStart(3, '0')}`, `翠苑第${i + 1}社区`, level),
  );
}

/** A report of `period` (`2024`, `2024Q2`) whose total row holds `total`'s values; the trend's input. */
export function aPeriodReport(
  period: string,
  total: Partial<Record<IndicatorId, Partial<IndicatorResult>>> = {},
  overrides: Partial<Report> = {},
): Report {
  return aReport({ period: periodOf(period), areas: [anArea('', '全部', 'all', total), ...DISTRICTS], ...overrides });
}

/** The window a report of `id` covers: from 1 January to the end of the year or quarter. */
export function periodOf(id: string): PeriodInfo {
  const year = Number(id.slice(0, 4));
  const quarter = id.length > 4 ? Number(id.slice(5)) : 4;
  const month = quarter * 3;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { id, start: `${year}-01-01`, end: `${year}-${String(month).padStart(2, '0')}-${lastDay}` };
}

/** A plan with the targets of SPEC §1 (the ones the sample report uses). */
export function aPlan(overrides: Partial<Plan> = {}): Plan {
  const targets = {} as Plan['targets'];
  for (const id of INDICATOR_IDS) {
    const value = sampleOf(id).target;
    targets[id] = value === null ? null : { value, op: '>=' };
  }
  return {
    id: 'default',
    name: '普惠托育服务三年行动方案',
    targets,
    wording: { slots_per_1000: '每千人口拥有3岁以下婴幼儿托位数达到5个' },
    targetYear: 2025,
    quality: WHO_QUALITY_THRESHOLDS,
    ...overrides,
  };
}
