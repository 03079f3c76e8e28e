/**
 * Words the text views share, in both output languages. Indicator names and
 * issue messages come from their own catalogues; this is only the frame.
 */
import type { Lang, Severity, TableName } from '../issues/issue.js';
import type { AreaLevel } from '../schema/records.js';
import { EVERY_LEVEL, type IndicatorUnit } from '../engine/indicators.js';
import type { Status } from '../engine/report.js';

/** A label in both output languages. */
export type Words = { zh: string; en: string };

const TABLE_LABELS: Readonly<Record<TableName, Words>> = {
  census: { zh: '人口', en: 'census' },
  facilities: { zh: '机构', en: 'facilities' },
  visits: { zh: '服务记录', en: 'visits' },
  assessments: { zh: '质量评估', en: 'assessments' },
};

export function tableLabel(table: TableName, lang: Lang): string {
  return TABLE_LABELS[table][lang];
}

const LEVEL_LABELS: Readonly<Record<AreaLevel, Words>> = {
  all: { zh: '全部', en: 'all' },
  district: { zh: '区县', en: 'district' },
  street: { zh: '乡镇（街道）', en: 'township/street' },
  community: { zh: '村（社区）', en: 'community' },
};

export function levelLabel(level: AreaLevel, lang: Lang): string {
  return LEVEL_LABELS[level][lang];
}

const SEVERITY_LABELS: Readonly<Record<Severity, Words>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

export function severityLabel(severity: Severity, lang: Lang): string {
  return SEVERITY_LABELS[severity][lang];
}

/** Where a target is compared: "every level", "total only", or the levels named. */
export function targetLevelsLabel(levels: readonly AreaLevel[], lang: Lang): string {
  if (levels.length === EVERY_LEVEL.length) return lang === 'zh' ? '各级' : 'every level';
  if (levels.length === 1 && levels[0] === 'all') return lang === 'zh' ? '仅总计' : 'total only';
  return levels.map((level) => levelLabel(level, lang)).join(lang === 'zh' ? '、' : ', ');
}

/** The status of an indicator against its target; the trend's "no target" reads the same. */
export const STATUS_LABELS: Readonly<Record<Status, Words>> = {
  met: { zh: '达标', en: 'met' },
  not_met: { zh: '未达标', en: 'not met' },
  no_target: { zh: '无目标', en: 'no target' },
  'n/a': { zh: '不适用', en: 'n/a' },
};

export function statusLabel(status: Status, lang: Lang): string {
  return STATUS_LABELS[status][lang];
}

const UNIT_LABELS: Readonly<Record<IndicatorUnit, Words>> = {
  percent: { zh: '%', en: '%' },
  per_1000: { zh: '个/千人', en: 'per 1,000' },
  per_infant: { zh: '次/人', en: 'per infant' },
  count: { zh: '个', en: 'count' },
};

export function unitLabel(unit: IndicatorUnit, lang: Lang): string {
  return UNIT_LABELS[unit][lang];
}

/** Fixed phrases of the report and validation views. */
export const WORDS = {
  reportTitle: { zh: '普惠托育三年行动方案指标', en: 'Inclusive childcare action plan indicators' },
  period: { zh: '期间', en: 'Period' },
  plan: { zh: '方案', en: 'Plan' },
  to: { zh: '至', en: 'to' },
  indicator: { zh: '指标', en: 'Indicator' },
  target: { zh: '目标', en: 'Target' },
  value: { zh: '数值', en: 'Value' },
  status: { zh: '状态', en: 'Status' },
  area: { zh: '地区', en: 'Area' },
  byArea: { zh: '分地区', en: 'By area' },
  level: { zh: '层级', en: 'Level' },
  unit: { zh: '单位', en: 'Unit' },
  formula: { zh: '计算公式', en: 'Formula' },
  appliesAt: { zh: '目标比较', en: 'Target compared at' },
  inputs: { zh: '输入文件', en: 'Inputs' },
  table: { zh: '表', en: 'Table' },
  file: { zh: '文件', en: 'File' },
  read: { zh: '读取', en: 'read' },
  used: { zh: '使用', en: 'used' },
  rejected: { zh: '拒绝', en: 'rejected' },
  skipped: { zh: '跳过', en: 'skipped' },
  issues: { zh: '问题', en: 'Issues' },
  errors: { zh: '错误', en: 'errors' },
  warnings: { zh: '警告', en: 'warnings' },
  infos: { zh: '提示', en: 'infos' },
  notes: { zh: '说明', en: 'Notes' },
  severity: { zh: '级别', en: 'Severity' },
  code: { zh: '代码', en: 'Code' },
  message: { zh: '说明', en: 'Message' },
  row: { zh: '行', en: 'row' },
  column: { zh: '列', en: 'col' },
  noFile: { zh: '（未关联文件）', en: '(no file)' },
  noIssues: { zh: '无问题', en: 'no issues' },
  countsMismatch: {
    zh: '读取数 ≠ 使用 + 拒绝 + 跳过',
    en: 'read ≠ used + rejected + skipped',
  },
  validateHint: {
    zh: '数据有错误，运行 tuoyu validate 查看每条问题的位置。',
    en: 'The data has errors: run tuoyu validate to see where each one is.',
  },
  validateFailed: {
    zh: '数据有错误：请按上面的行列位置修改后重新提交。',
    en: 'The data has errors: fix them at the rows and columns above and submit again.',
  },
  validateOk: { zh: '未发现错误。', en: 'No errors found.' },
  moreIssues: { zh: '另有 {n} 条问题未列出。', en: '{n} more issues not listed.' },
  legend: { zh: '✓ 达标  ✗ 未达标', en: '✓ met  ✗ not met' },
  tablePart: { zh: '第 {i}/{n} 部分', en: 'part {i} of {n}' },
} as const satisfies Record<string, Words>;

export function say(key: keyof typeof WORDS, lang: Lang, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
