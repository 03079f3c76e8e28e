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
  score: { zh: '分', en: 'points' },
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
  count: { zh: '处数', en: 'count' },
  cell: { zh: '位置', en: 'cell' },
  column: { zh: '列', en: 'col' },
  noFile: { zh: '（未关联文件）', en: '(no file)' },
  noIssues: { zh: '无问题', en: 'no issues' },
  countsMismatch: {
    zh: '读取数 ≠ 使用 + 拒绝 + 跳过',
    en: 'read ≠ used + rejected + skipped',
  },
  moreProblemsValidate: {
    zh: '另有 {n} 组问题未列出，运行 tuoyu validate 查看全部。',
    en: '{n} more groups of problems not listed: run tuoyu validate to see them all.',
  },
  moreProblemsJson: {
    zh: '另有 {n} 组问题未列出，用 --format json 查看全部。',
    en: '{n} more groups of problems not listed: --format json has them all.',
  },
  reportErrors: {
    zh: '数据有错误（有错误的行不计入指标），见下列问题。',
    en: 'The data has errors (rows with errors are not counted): see the problems listed.',
  },
  validateFailed: {
    zh: '数据有错误：请按上面的行列位置修改后重新提交。',
    en: 'The data has errors: fix them at the rows and columns above and submit again.',
  },
  validateOk: { zh: '未发现错误。', en: 'No errors found.' },
  errorsFound: { zh: '数据有错误', en: 'the data has errors' },
  moreGroups: { zh: '另有 {n} 组问题未在此列出（{total}）。', en: '{n} more groups not listed here ({total}).' },
  byCode: { zh: '问题汇总（按代码）', en: 'Issues by code' },
  submissionHeading: { zh: '报送 {i}/{n}：{name}', en: 'Submission {i} of {n}: {name}' },
  submission: { zh: '报送', en: 'Submission' },
  wholeRun: { zh: '各份报送合并后', en: 'All submissions together' },
  submissionOk: { zh: '通过', en: 'passed' },
  submissionFailed: { zh: '有错误', en: 'has errors' },
  problems: { zh: '影响上述数字的问题', en: 'Problems behind these numbers' },
  legend: { zh: '✓ 达标  ✗ 未达标', en: '✓ met  ✗ not met' },
  tablePart: { zh: '第 {i}/{n} 部分', en: 'part {i} of {n}' },
} as const satisfies Record<string, Words>;

export function say(key: keyof typeof WORDS, lang: Lang, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A period in words, as a 报表 names it: a whole year is "2025年" ("2025"),
 * a year to date "2025年1—6月" ("January–June 2025"); anything else its
 * dates. Read from the ISO start and end, so any period id works.
 */
export function periodWords(period: { start: string; end: string }, lang: Lang): string {
  const start = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period.start);
  const end = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period.end);
  const wholeMonths = start && end && start[1] === end[1] && start[3] === '01' && isLastDayOfMonth(Number(end[1]), Number(end[2]), Number(end[3]));
  if (!start || !end || !wholeMonths) return lang === 'zh' ? `${period.start}至${period.end}` : `${period.start} to ${period.end}`;
  const year = end[1];
  const [from, to] = [Number(start[2]), Number(end[2])];
  if (from === 1 && to === 12) return lang === 'zh' ? `${year}年` : year;
  if (lang === 'zh') return from === to ? `${year}年${to}月` : `${year}年${from}—${to}月`;
  return from === to ? `${MONTHS_EN[to - 1]} ${year}` : `${MONTHS_EN[from - 1]}–${MONTHS_EN[to - 1]} ${year}`;
}

function isLastDayOfMonth(year: number, month: number, day: number): boolean {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() === day;
}
