/**
 * The report and the trend as one self-contained HTML page each (`--format
 * html`): tables, and charts drawn on the server as inline SVG (charts.ts).
 * No script, no stylesheet or font from elsewhere, no address of any kind:
 * the file reads the same offline, attached to a mail or printed. Every text
 * from the data is escaped; verdicts are in words as well as in colour.
 */
import type { IndicatorId, IndicatorUnit } from '../engine/indicators.js';
import { INDICATOR_IDS, INDICATORS } from '../engine/indicators.js';
import type { AreaReport, IndicatorResult, Report, Status } from '../engine/report.js';
import type { Trend, TrendRow } from '../engine/trend.js';
import type { Lang } from '../issues/issue.js';
import type { QualityReview } from '../engine/quality/quality-review.js';
import { CHECK_NAMES } from './quality-words.js';
import { methodLines, QUALITY_SHEET_NAME, qualityDisplayGroups, qualityHeadLines } from './render-quality.js';
import type { AreaLevel } from '../schema/records.js';
import {
  achievementChart, barsWithTarget, breakLines, CHART_COLORS, FONT_STACK, renderChartSvg, statusCountChart, trendChart,
  type AchievementBar, type Bar, type StatusCounts, type TrendSeries,
} from './charts.js';
import { Footnotes } from './footnotes.js';
import { groupIssues, rowsText } from './issue-groups.js';
import { levelLabel, periodWords, say, severityLabel, statusLabel, tableLabel, unitLabel, type Words } from './labels.js';
import { formatTarget, formatValue } from './numbers.js';
import { headingLine, reportTitle, type ReportHeading } from './report-heading.js';
import {
  formatDifference, outlookText, periodHead, sectionTitle, trendNotes, trendSections, trendStatusLabel, trendTarget, TREND_WORDS,
} from './render-trend.js';

export interface HtmlOptions extends ReportHeading {
  lang: Lang;
  /** The data-quality review of the same period: a section after the issues (SPEC §11). */
  quality?: QualityReview;
}

/** Issue groups listed in the page; the JSON report has them all. */
export const HTML_ISSUE_GROUP_LIMIT = 200;
/** Up to this many areas the by-area table has areas as columns. */
const AREAS_AS_COLUMNS = 6;
/** Charts are drawn this wide (SVG scales with the page). */
const CHART_WIDTH = 640;

const HTML_WORDS = {
  overview: { zh: '达标情况总览', en: 'Targets at a glance' },
  achievement: { zh: '合计：各指标占目标的比例', en: 'Total: each indicator as a share of its target' },
  targetLine: { zh: '目标', en: 'target' },
  statusByArea: { zh: '各地区达标指标数', en: 'Indicators met, by area' },
  summary: { zh: '主要指标（合计）', en: 'Indicators (total)' },
  charts: { zh: '分指标图示', en: 'Indicator charts' },
  chartTargetAll: { zh: '虚线为目标；合计及各地区均与目标比较。', en: 'Dashed line: the target; the total and every area are compared with it.' },
  chartTargetTotal: { zh: '虚线为目标；该目标仅与合计比较，各地区数值仅供参考。', en: 'Dashed line: the target, compared with the total only; areas are shown for reference.' },
  number: { zh: '序号', en: 'No.' },
  fraction: { zh: '分子 / 分母', en: 'Numerator / denominator' },
  count: { zh: '处数', en: 'Count' },
  rows: { zh: '行号', en: 'Rows' },
  hint: { zh: '处理建议', en: 'What to do' },
  where: { zh: '文件（工作表）', en: 'File (sheet)' },
  issueCounts: { zh: '错误 {errors} 处 · 警告 {warnings} 处 · 提示 {infos} 处', en: '{errors} errors · {warnings} warnings · {infos} notes' },
  moreGroups: { zh: '另有 {n} 组问题未列出，详见 JSON 报告。', en: '{n} more issue groups not listed: see the JSON report.' },
  total: { zh: '合计', en: 'Total' },
  trendCharts: { zh: '各指标历年走势', en: 'Each indicator over the periods' },
  yearToDate: { zh: '年内累计', en: 'year to date' },
  generated: { zh: '由 tuoyu 生成', en: 'Made with tuoyu' },
} as const satisfies Record<string, Words>;

function word(key: keyof typeof HTML_WORDS, lang: Lang, params: Record<string, string | number> = {}): string {
  return HTML_WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STATUS_CLASS: Readonly<Record<Status, string>> = { met: 'met', not_met: 'not-met', no_target: 'no-target', 'n/a': 'na' };

const STYLE = `
:root { color-scheme: light; }
body { font-family: ${FONT_STACK}; color: #212121; margin: 24px auto; max-width: 1200px; padding: 0 16px; line-height: 1.5; }
h1 { font-size: 22px; text-align: center; margin: 8px 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #37474f; padding-bottom: 2px; margin-top: 32px; }
h3 { font-size: 15px; margin: 0 0 4px; }
.meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 24px; font-size: 13px; color: #424242; border-bottom: 1px solid #9e9e9e; padding-bottom: 6px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #757575; padding: 3px 6px; vertical-align: top; }
th { background: #dde7f0; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.met { background: #c6efce; } td.not-met { background: #ffc7ce; } td.na { background: #e7e6e6; color: #616161; }
td .status { display: block; font-size: 11px; }
td.name { white-space: nowrap; } td.indent-1 { padding-left: 18px; } td.indent-2 { padding-left: 30px; } td.indent-3 { padding-left: 42px; }
th { min-width: 4em; } tr.targets th { background: #eef3f8; font-weight: normal; white-space: nowrap; }
.scroll { overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px 24px; }
figure { margin: 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; color: #616161; }
.notes { font-size: 12px; color: #424242; }
footer { margin-top: 32px; font-size: 11px; color: #757575; text-align: right; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .scroll { overflow: visible; } }
`;

function page(lang: Lang, title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<footer>${escapeHtml(word('generated', lang))}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function table(head: string[], rows: string[][], options: { scroll?: boolean; secondHead?: string[] } = {}): string {
  const second = options.secondHead ? `<tr class="targets">${options.secondHead.map((h) => `<th>${h}</th>`).join('')}</tr>` : '';
  const html = [
    '<table>',
    `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${second}</thead>`,
    '<tbody>',
    ...rows.map((cells) => `<tr>${cells.join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
  return options.scroll ? `<div class="scroll">${html}</div>` : html;
}

function td(content: string, className?: string): string {
  return className ? `<td class="${className}">${content}</td>` : `<td>${content}</td>`;
}

// ------------------------------------------------------------------ the data-quality review

/** Findings listed in the page; the review's JSON (`tuoyu quality --format json`) has them all. */
export const HTML_QUALITY_LIMIT = 200;

/** The review's counts, then its findings (flagged first in each check) as a table, then how each check judges. */
function qualitySection(review: QualityReview, lang: Lang): string {
  const heads = lang === 'zh' ? ['检查', '标出', '地区或机构', '季度', '说明'] : ['Check', 'Flag', 'Area or facility', 'Quarter', 'Finding'];
  const rows: string[][] = [];
  const more: string[] = [];
  for (const group of qualityDisplayGroups(review, lang)) {
    for (const finding of group.listed) {
      rows.push([
        td(escapeHtml(CHECK_NAMES[finding.check][lang])),
        td(finding.flag ? '⚑' : '', finding.flag ? 'not-met' : undefined),
        td(escapeHtml(finding.name), 'name'),
        td(escapeHtml(finding.quarter ?? ''), 'name'),
        td(escapeHtml(finding.message)),
      ]);
    }
    if (group.more !== null) more.push(group.more);
  }
  const parts = [`<p>${escapeHtml(qualityHeadLines(review, lang).join(lang === 'zh' ? '　' : ' · '))}</p>`];
  if (rows.length > 0) parts.push(table(heads.map(escapeHtml), rows.slice(0, HTML_QUALITY_LIMIT), { scroll: true }));
  if (rows.length > HTML_QUALITY_LIMIT) {
    more.unshift(lang === 'zh' ? `另有 ${rows.length - HTML_QUALITY_LIMIT} 条未列出，见 tuoyu quality。` : `${rows.length - HTML_QUALITY_LIMIT} more not listed: see tuoyu quality.`);
  }
  parts.push(`<p class="notes">${[...more, ...methodLines(review, lang)].map(escapeHtml).join('<br>')}</p>`);
  return parts.join('\n');
}

// ------------------------------------------------------------------ the report

/** `tuoyu report --format html`: the page as a string. */
export async function renderReportHtml(report: Report, options: HtmlOptions): Promise<string> {
  const { lang } = options;
  const title = reportTitle(report, lang, options);
  const footnotes = new Footnotes();
  const total = report.areas.find((area) => area.level === 'all') ?? report.areas[0];
  const breakdown = report.areas.filter((area) => area !== total);
  const body = [`<h1>${escapeHtml(title)}</h1>`, metaLine(report, options)];

  body.push(`<h2>${escapeHtml(word('overview', lang))}</h2>`, '<div class="charts">');
  if (total) body.push(figure(word('achievement', lang), renderAchievement(total, lang)));
  if (breakdown.length > 0) body.push(figure(word('statusByArea', lang), renderStatusCounts(report.areas, lang)));
  body.push('</div>');

  if (total) body.push(`<h2>${escapeHtml(word('summary', lang))}</h2>`, summaryTable(total, lang, footnotes));
  if (breakdown.length > 0) body.push(`<h2>${escapeHtml(say('byArea', lang))}</h2>`, areaTable(breakdown, lang, footnotes));
  if (footnotes.size > 0) {
    body.push(`<p class="notes">${footnotes.entries().map(([n, reason]) => `[${n}] ${escapeHtml(reason)}`).join('<br>')}</p>`);
  }

  const charted = INDICATOR_IDS.filter((id) => report.areas.some((area) => area.indicators[id]?.target != null));
  if (charted.length > 0) {
    body.push(`<h2>${escapeHtml(word('charts', lang))}</h2>`, '<div class="charts">');
    const chartAreas = areasToChart(breakdown);
    for (const id of charted) body.push(indicatorFigure(id, total, chartAreas, lang));
    body.push('</div>');
  }

  body.push(`<h2>${escapeHtml(say('issues', lang))}</h2>`, issuesSection(report, lang));
  if (options.quality) body.push(`<h2>${escapeHtml(QUALITY_SHEET_NAME[lang])}</h2>`, qualitySection(options.quality, lang));
  if (report.inputs.length > 0) body.push(`<h2>${escapeHtml(say('inputs', lang))}</h2>`, inputsTable(report, lang));
  return page(lang, title, body);
}

function metaLine(report: Report, heading: HtmlOptions): string {
  const { lang } = heading;
  const colon = lang === 'zh' ? '：' : ': ';
  const { unit, date } = headingLine(heading, lang);
  const parts = [
    heading.unit?.trim() ? unit : '',
    `${say('period', lang)}${colon}${periodWords(report.period, lang)}（${report.period.start} ${say('to', lang)} ${report.period.end}）`,
    `${say('plan', lang)}${colon}${report.plan.name}`,
    `${say('issues', lang)}${colon}${word('issueCounts', lang, { ...report.summary })}`,
    date,
  ].filter((part) => part !== '');
  return `<div class="meta">${parts.map((p) => `<span>${escapeHtml(p)}</span>`).join('')}</div>`;
}

function figure(caption: string, svg: string, note?: string): string {
  return `<figure><h3>${escapeHtml(caption)}</h3>${svg}${note ? `<figcaption>${escapeHtml(note)}</figcaption>` : ''}</figure>`;
}

function statusColor(status: Status): string {
  return status === 'met' ? CHART_COLORS.met : status === 'not_met' ? CHART_COLORS.not_met : status === 'n/a' ? CHART_COLORS.na : CHART_COLORS.no_target;
}

function renderAchievement(total: AreaReport, lang: Lang): string {
  const bars: AchievementBar[] = [];
  for (const id of INDICATOR_IDS) {
    const result = total.indicators[id];
    if (!result || result.target === null || result.op === null) continue;
    const unit = INDICATORS[id].unit;
    const achieved = result.value === null ? null : shareOfTarget(result.value, result.target, result.op);
    const text = result.value === null
      ? statusLabel('n/a', lang)
      : lang === 'zh'
        ? `${formatValue(result.value, unit, lang)}（${formatTarget(result.target, result.op, unit)}）${statusLabel(result.status, lang)}`
        : `${formatValue(result.value, unit, lang)} (${formatTarget(result.target, result.op, unit)}) ${statusLabel(result.status, lang)}`;
    bars.push({ label: breakLines(INDICATORS[id].name[lang], lang === 'zh' ? 14 : 26), achieved, text, color: statusColor(result.status) });
  }
  const option = achievementChart(bars, { target: word('targetLine', lang) });
  // English names take up to three lines beside their bar, Chinese two.
  return renderChartSvg(option, { width: CHART_WIDTH, height: 60 + bars.length * (lang === 'zh' ? 34 : 46) }, word('achievement', lang));
}

/** The value as a percentage of the target: above 100 once a `>=` target is exceeded; for `<=`, the target over the value. */
function shareOfTarget(value: number, target: number, op: '>=' | '<='): number {
  if (op === '>=') return target === 0 ? 100 : (value / target) * 100;
  return value === 0 ? 200 : (target / value) * 100;
}

function renderStatusCounts(areas: readonly AreaReport[], lang: Lang): string {
  const rows: StatusCounts[] = areas.map((area) => {
    const counts = { met: 0, notMet: 0, na: 0 };
    for (const id of INDICATOR_IDS) {
      const result = area.indicators[id];
      if (!result || result.target === null) continue;
      if (result.status === 'met') counts.met++;
      else if (result.status === 'not_met') counts.notMet++;
      else counts.na++;
    }
    return { label: areaLabel(area, lang), ...counts };
  });
  const option = statusCountChart(rows, {
    met: statusLabel('met', lang), notMet: statusLabel('not_met', lang), na: statusLabel('n/a', lang),
  });
  return renderChartSvg(option, { width: CHART_WIDTH, height: 70 + rows.length * 28 }, word('statusByArea', lang));
}

function areaLabel(area: AreaReport, lang: Lang): string {
  return area.level === 'all' ? word('total', lang) : area.name;
}

/** A finer breakdown is charted at its top level: the districts of a report by street, say. */
function areasToChart(breakdown: readonly AreaReport[]): AreaReport[] {
  const levels: AreaLevel[] = ['district', 'street', 'community'];
  const top = levels.find((level) => breakdown.some((area) => area.level === level));
  return top ? breakdown.filter((area) => area.level === top) : [];
}

function indicatorFigure(id: IndicatorId, total: AreaReport | undefined, areas: readonly AreaReport[], lang: Lang): string {
  const info = INDICATORS[id];
  const shown = total ? [total, ...areas] : [...areas];
  const bars: Bar[] = shown.map((area) => {
    const result = area.indicators[id];
    const verdict = result && (result.status === 'met' || result.status === 'not_met') ? `\n${statusLabel(result.status, lang)}` : '';
    return {
      label: `${areaLabel(area, lang)}${verdict}`,
      value: result?.value ?? null,
      text: result?.value == null ? statusLabel('n/a', lang) : formatValue(result.value, info.unit, lang),
      color: statusColor(result?.status ?? 'n/a'),
    };
  });
  const withTarget = shown.map((area) => area.indicators[id]).find((r) => r?.target != null);
  const target = withTarget && withTarget.target !== null && withTarget.op !== null
    ? { value: withTarget.target, label: `${word('targetLine', lang)} ${formatTarget(withTarget.target, withTarget.op, info.unit)}` }
    : null;
  const option = barsWithTarget(bars, target, { name: unitLabel(info.unit, lang), percent: info.unit === 'percent' });
  const svg = renderChartSvg(option, { width: CHART_WIDTH, height: 320 }, info.name[lang]);
  const totalOnly = info.targetLevels.length === 1 && info.targetLevels[0] === 'all';
  return figure(info.name[lang], svg, word(totalOnly && areas.length > 0 ? 'chartTargetTotal' : 'chartTargetAll', lang));
}

/** A value cell: the rounded value, the verdict in words under it, the status colour; n/a with its numbered reason. */
function valueCell(result: IndicatorResult | undefined, unit: IndicatorUnit, lang: Lang, footnotes: Footnotes, verdicts = true): string {
  if (!result) return td('', 'na');
  if (result.value === null) {
    const note = result.reason ? ` [${footnotes.mark(result.reason)}]` : '';
    return td(`${escapeHtml(statusLabel('n/a', lang))}${note}`, 'num na');
  }
  const verdict = verdicts && (result.status === 'met' || result.status === 'not_met') ? `<span class="status">${escapeHtml(statusLabel(result.status, lang))}</span>` : '';
  return td(`${escapeHtml(formatValue(result.value, unit, lang))}${verdict}`, `num ${STATUS_CLASS[result.status]}`);
}

function summaryTable(total: AreaReport, lang: Lang, footnotes: Footnotes): string {
  const head = [word('number', lang), say('indicator', lang), say('unit', lang), say('target', lang), say('value', lang), say('status', lang), word('fraction', lang)]
    .map(escapeHtml);
  const rows = INDICATOR_IDS.map((id, i) => {
    const result = total.indicators[id];
    const unit = INDICATORS[id].unit;
    const fraction = result && result.numerator !== null && result.denominator !== null
      ? `${result.numerator.toLocaleString('en-US')} / ${result.denominator.toLocaleString('en-US')}`
      : '';
    return [
      td(String(i + 1), 'num'),
      td(escapeHtml(INDICATORS[id].name[lang])),
      td(escapeHtml(unitLabel(unit, lang))),
      td(escapeHtml(result ? formatTarget(result.target, result.op, unit) : '—'), 'num'),
      valueCell(result, unit, lang, footnotes, false),
      td(escapeHtml(result ? statusLabel(result.status, lang) : ''), result ? STATUS_CLASS[result.status] : undefined),
      td(escapeHtml(fraction), 'num'),
    ];
  });
  return table(head, rows);
}

const INDENT: Readonly<Record<AreaLevel, string>> = { all: '', district: 'indent-1', street: 'indent-2', community: 'indent-3' };

function areaTable(areas: readonly AreaReport[], lang: Lang, footnotes: Footnotes): string {
  if (areas.length <= AREAS_AS_COLUMNS) {
    const head = [say('indicator', lang), say('target', lang), ...areas.map((a) => a.name)].map(escapeHtml);
    const rows = INDICATOR_IDS.map((id) => {
      const unit = INDICATORS[id].unit;
      const compared = areas.map((a) => a.indicators[id]).find((r) => r?.target != null);
      return [
        td(escapeHtml(INDICATORS[id].name[lang])),
        td(escapeHtml(compared ? formatTarget(compared.target, compared.op, unit) : '—'), 'num'),
        ...areas.map((area) => valueCell(area.indicators[id], unit, lang, footnotes)),
      ];
    });
    return table(head, rows, { scroll: true });
  }
  const head = [escapeHtml(say('code', lang)), escapeHtml(say('area', lang)), ...INDICATOR_IDS.map((id) => escapeHtml(INDICATORS[id].name[lang]))];
  const targets = ['', escapeHtml(say('target', lang)), ...INDICATOR_IDS.map((id) => {
    const compared = areas.map((a) => a.indicators[id]).find((r) => r?.target != null);
    return escapeHtml(compared ? formatTarget(compared.target, compared.op, INDICATORS[id].unit) : '—');
  })];
  const rows = areas.map((area) => [
    td(escapeHtml(area.code), 'name'),
    td(escapeHtml(area.name), `name ${INDENT[area.level]}`.trim()),
    ...INDICATOR_IDS.map((id) => valueCell(area.indicators[id], INDICATORS[id].unit, lang, footnotes)),
  ]);
  return table(head, rows, { scroll: true, secondHead: targets });
}

function issuesSection(report: Report, lang: Lang): string {
  const counts = `<p>${escapeHtml(word('issueCounts', lang, { ...report.summary }))}</p>`;
  if (report.issues.length === 0) return `${counts}<p>${escapeHtml(say('noIssues', lang))}</p>`;
  const groups = groupIssues(report.issues, lang);
  const head = [word('number', lang), say('severity', lang), say('message', lang), word('where', lang), word('count', lang), word('rows', lang), word('hint', lang)]
    .map(escapeHtml);
  const rows = groups.slice(0, HTML_ISSUE_GROUP_LIMIT).map((group, i) => {
    const { first } = group;
    const where = [first.file, first.sheet].filter((p): p is string => p !== null && p !== '').join(lang === 'zh' ? '／' : ' / ');
    const table = first.table ? `${tableLabel(first.table, lang)} · ` : '';
    return [
      td(String(i + 1), 'num'),
      td(escapeHtml(severityLabel(first.severity, lang)), first.severity === 'error' ? 'not-met' : first.severity === 'warning' ? 'na' : undefined),
      td(escapeHtml(group.message)),
      td(escapeHtml(`${table}${where}${first.column ? ` · ${first.column}` : ''}`)),
      td(String(group.count), 'num'),
      td(escapeHtml(rowsText(group, lang))),
      td(escapeHtml(group.hint ?? '')),
    ];
  });
  const more = groups.length > HTML_ISSUE_GROUP_LIMIT
    ? `<p class="notes">${escapeHtml(word('moreGroups', lang, { n: groups.length - HTML_ISSUE_GROUP_LIMIT }))}</p>`
    : '';
  return `${counts}${table(head, rows, { scroll: true })}${more}`;
}

function inputsTable(report: Report, lang: Lang): string {
  const head = [say('table', lang), say('file', lang), say('read', lang), say('used', lang), say('rejected', lang), say('skipped', lang)].map(escapeHtml);
  const rows = report.inputs.map((input) => [
    td(escapeHtml(tableLabel(input.table, lang))),
    td(escapeHtml(input.sheet ? `${input.file}／${input.sheet}` : input.file)),
    ...[input.read, input.used, input.rejected, input.skipped].map((n) => td(n.toLocaleString('en-US'), 'num')),
  ]);
  return table(head, rows);
}

// ------------------------------------------------------------------ the trend

/** Lines of one chart at most: the total and this many areas. */
const TREND_AREAS_CHARTED = 9;

/** `tuoyu trend --format html`: each indicator over the periods against its target, then the tables. */
export async function renderTrendHtml(trend: Trend, options: { lang: Lang }): Promise<string> {
  const { lang } = options;
  const colon = lang === 'zh' ? '：' : ': ';
  const title = `${TREND_WORDS.title[lang]} · ${trend.plan.name}`;
  const years = trend.yearsLeft.toFixed(2).replace(/\.?0+$/, '');
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="meta"><span>${escapeHtml(`${TREND_WORDS.targetYear[lang]}${colon}${trend.targetYear}`)}</span>` +
      `<span>${escapeHtml(`${TREND_WORDS.yearsLeft[lang]}${colon}${years}`)}</span></div>`,
    `<p class="notes">${trendNotes(trend, lang).map(escapeHtml).join('<br>')}</p>`,
    `<h2>${escapeHtml(word('trendCharts', lang))}</h2>`,
    '<div class="charts">',
  ];
  // A breakdown by street is charted by district: a chart of every street would be a tangle.
  const charted = trend.areas.filter((area) => area.level === 'district').slice(0, TREND_AREAS_CHARTED);
  trend.rows.forEach((row, i) => body.push(trendFigure(trend, row, charted.map((area) => ({ name: area.name, row: area.rows[i] })), lang)));
  body.push('</div>');
  for (const section of trendSections(trend, lang)) {
    body.push(`<h2>${escapeHtml(sectionTitle(section, lang))}</h2>`, trendTable(trend, section.rows, lang));
  }
  return page(lang, title, body);
}

function trendFigure(trend: Trend, row: TrendRow, areas: readonly { name: string; row: TrendRow }[], lang: Lang): string {
  const info = INDICATORS[row.indicator];
  const texts = row.values.map((v, i) => {
    if (v === null) return '';
    const status = row.statuses[i];
    const verdict = status === 'met' || status === 'not_met' ? ` ${statusLabel(status, lang)}` : status === 'in_progress' ? ` ${trendStatusLabel('in_progress', lang)}` : '';
    return `${formatValue(v, row.unit, lang)}${row.kind === 'flow' ? verdict : ''}`;
  });
  const series: TrendSeries[] = [{ name: word('total', lang), values: row.values, texts }, ...areas.map((a) => ({ name: a.name, values: a.row.values }))];
  const target = row.target !== null && row.op !== null ? { value: row.target, label: `${word('targetLine', lang)} ${trendTarget(row, lang)}` } : null;
  const periods = trend.periods.map((p) => ({ label: periodHead(p), yearToDate: p.yearToDate }));
  const option = trendChart(periods, series, target, {
    kind: row.kind, axis: unitLabel(row.unit, lang), percent: row.unit === 'percent', yearToDateName: word('yearToDate', lang),
  });
  const svg = renderChartSvg(option, { width: CHART_WIDTH, height: 300 }, info.name[lang]);
  return figure(info.name[lang], svg, outlookText(row, lang, true));
}

function trendTable(trend: Trend, rows: readonly TrendRow[], lang: Lang): string {
  const head = [
    say('indicator', lang), ...trend.periods.map(periodHead), say('target', lang), TREND_WORDS.distance[lang],
    TREND_WORDS.pace[lang], TREND_WORDS.requiredPace[lang], TREND_WORDS.outlook[lang],
  ].map(escapeHtml);
  const body = rows.map((row) => [
    td(escapeHtml(INDICATORS[row.indicator].name[lang])),
    ...row.values.map((v, i) => {
      const status = row.statuses[i];
      const verdict = row.kind === 'flow' && (status === 'met' || status === 'not_met')
        ? `<span class="status">${escapeHtml(statusLabel(status, lang))}</span>`
        : row.kind === 'flow' && status === 'in_progress' ? `<span class="status">${escapeHtml(trendStatusLabel('in_progress', lang))}</span>` : '';
      const cls = row.kind === 'flow' && (status === 'met' || status === 'not_met') ? ` ${STATUS_CLASS[status]}` : '';
      return td(`${escapeHtml(formatValue(v, row.unit, lang))}${verdict}`, `num${cls}`);
    }),
    td(escapeHtml(trendTarget(row, lang)), 'num'),
    td(escapeHtml(row.distance === null ? '—' : formatDifference(row.distance, row.unit, lang, false)), 'num'),
    td(escapeHtml(formatDifference(row.pace, row.unit, lang)), 'num'),
    td(escapeHtml(formatDifference(row.requiredPace, row.unit, lang)), 'num'),
    td(escapeHtml(outlookText(row, lang, true)), row.status === 'met' || row.status === 'on_track' ? 'met' : row.status === 'off_track' || row.status === 'not_met' ? 'not-met' : 'na'),
  ]);
  return table(head, body, { scroll: true });
}
