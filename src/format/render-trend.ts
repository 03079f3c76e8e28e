/**
 * Views of a trend (`tuoyu trend`): periods side by side with the latest
 * change, the distance still to go, the pace per year and whether that pace
 * reaches the target by the plan's target year. Text, Markdown and JSON
 * return strings; the workbook returns bytes. Nothing here writes.
 *
 * Differences of percent indicators are percentage points, shown as "pp"
 * (百分点), never as "%", so that +5.0 from 80% to 85% is not read as +5%.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { INDICATORS, type IndicatorUnit } from '../engine/indicators.js';
import type { Trend, TrendReason, TrendRow, TrendStatus } from '../engine/trend.js';
import type { Lang } from '../issues/issue.js';
import { say, STATUS_LABELS, unitLabel, type Words } from './labels.js';
import { escapeCell } from './render-markdown.js';
import { formatTarget, formatValue, missingValue, roundForDisplay, UNIT_DECIMALS } from './numbers.js';
import { drawTable, right, type Cell } from './terminal-table.js';
import { printable, wrapText } from './text-width.js';
import { FILL_COLORS, finishSheet, setCell, solidFill, targetFormat, UNIT_FORMATS, writeHeader, writeRow } from './xlsx-sheet.js';

export type TrendFormat = 'table' | 'md' | 'json';

export interface TrendOptions {
  lang: Lang;
  color: boolean;
  format: TrendFormat;
}

const TREND_STATUS_LABELS: Readonly<Record<TrendStatus, Words>> = {
  met: { zh: '已达标', en: 'met' },
  on_track: { zh: '按当前进度可达标', en: 'on track' },
  off_track: { zh: '按当前进度难达标', en: 'off track' },
  'n/a': { zh: '无法判断', en: 'n/a' },
};

const REASON_LABELS: Readonly<Record<TrendReason, Words>> = {
  no_target: STATUS_LABELS.no_target,
  no_value: { zh: '最新一期无数值', en: 'no value in the latest period' },
  no_earlier_period: { zh: '无往年同期', en: 'no earlier same period' },
  past_target_year: { zh: '目标年份已过', en: 'the target year is over' },
};

const TREND_WORDS = {
  title: { zh: '年度趋势', en: 'Annual trend' },
  targetYear: { zh: '目标年份', en: 'Target year' },
  yearsLeft: { zh: '剩余年数', en: 'Years left' },
  change: { zh: '较上期变化', en: 'Change' },
  distance: { zh: '距目标', en: 'To go' },
  pace: { zh: '年均进度', en: 'Pace per year' },
  requiredPace: { zh: '所需年均进度', en: 'Pace needed' },
  outlook: { zh: '研判', en: 'Outlook' },
  note: { zh: '说明', en: 'Note' },
  id: { zh: '编号', en: 'ID' },
  points: { zh: '百分点', en: 'pp' },
  paceNote: {
    zh: '年均进度比较最新一期与往年同一季度（全年视为第四季度）；百分比指标的变化以百分点计。',
    en: 'Pace compares the latest period with the same quarter of an earlier year (a whole year counts as Q4); changes of percentages are in percentage points (pp).',
  },
} as const satisfies Record<string, Words>;

export function trendStatusLabel(status: TrendStatus, lang: Lang): string {
  return TREND_STATUS_LABELS[status][lang];
}

export function renderTrend(trend: Trend, options: TrendOptions): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(trend, null, 2)}\n`;
    case 'md':
      return renderTrendMarkdown(trend, options.lang);
    default:
      return renderTrendTable(trend, options.lang, new Chalk({ level: options.color ? 1 : 0 }));
  }
}

/** A difference in the indicator's unit, signed: "+0.75", "-3.0pp", "+12". */
export function formatDifference(value: number | null, unit: IndicatorUnit, lang: Lang, signed = true): string {
  if (value === null || !Number.isFinite(value)) return missingValue(lang);
  const text = roundForDisplay(value, UNIT_DECIMALS[unit]);
  const sign = signed && /[1-9]/.test(text) && !text.startsWith('-') ? '+' : '';
  return `${sign}${text}${unit === 'percent' ? TREND_WORDS.points[lang] : ''}`;
}

function headerLines(trend: Trend, lang: Lang): string[] {
  const colon = lang === 'zh' ? '：' : ': ';
  const years = roundForDisplay(trend.yearsLeft, 2).replace(/\.?0+$/, '');
  return [
    `${TREND_WORDS.title[lang]} · ${say('plan', lang)}${colon}${printable(trend.plan.name)} (${printable(trend.plan.id)})`,
    `${TREND_WORDS.targetYear[lang]}${colon}${trend.targetYear}    ${TREND_WORDS.yearsLeft[lang]}${colon}${years}`,
  ];
}

function columnHeads(trend: Trend, lang: Lang): string[] {
  return [
    say('indicator', lang),
    ...trend.periods.map((p) => printable(p.id)),
    TREND_WORDS.change[lang],
    say('target', lang),
    TREND_WORDS.distance[lang],
    TREND_WORDS.pace[lang],
    TREND_WORDS.requiredPace[lang],
    TREND_WORDS.outlook[lang],
  ];
}

/** The cells of one row as text, after the indicator name. */
function rowTexts(row: TrendRow, lang: Lang): { values: string[]; rest: string[] } {
  const { unit } = row;
  return {
    values: [
      ...row.values.map((v) => formatValue(v, unit, lang)),
      formatDifference(row.changes[row.changes.length - 1] ?? null, unit, lang),
    ],
    rest: [
      formatTarget(row.target, row.op, unit),
      row.distance === null ? missingValue(lang) : formatDifference(row.distance, unit, lang, false),
      formatDifference(row.pace, unit, lang),
      formatDifference(row.requiredPace, unit, lang),
    ],
  };
}

function outlookText(row: TrendRow, lang: Lang, marks: boolean): string {
  const mark = !marks ? '' : row.status === 'met' || row.status === 'on_track' ? '✓ ' : row.status === 'off_track' ? '✗ ' : '';
  const reason = row.reason ? ` (${REASON_LABELS[row.reason][lang]})` : '';
  return `${mark}${trendStatusLabel(row.status, lang)}${reason}`;
}

function paint(chalk: ChalkInstance, status: TrendStatus, text: string): string {
  if (status === 'met' || status === 'on_track') return chalk.green(text);
  if (status === 'off_track') return chalk.red(text);
  return chalk.dim(text);
}

function renderTrendTable(trend: Trend, lang: Lang, chalk: ChalkInstance): string {
  const head = columnHeads(trend, lang).map((h) => chalk.bold(h));
  const rows: Cell[][] = trend.rows.map((row) => {
    const { values, rest } = rowTexts(row, lang);
    const name = wrapText(INDICATORS[row.indicator].name[lang], 30).join('\n');
    return [
      name,
      ...values.map((v) => right(v)),
      rest[0],
      ...rest.slice(1).map((v) => right(v)),
      paint(chalk, row.status, wrapText(outlookText(row, lang, true), 24).join('\n')),
    ];
  });
  const header = headerLines(trend, lang);
  return [chalk.bold(header[0]), header[1], drawTable(head, rows), chalk.dim(TREND_WORDS.paceNote[lang])].join('\n') + '\n';
}

function renderTrendMarkdown(trend: Trend, lang: Lang): string {
  const [title, meta] = headerLines(trend, lang);
  const heads = columnHeads(trend, lang);
  const align = heads.map((_, i) => (i === 0 || i === heads.length - 1 || i === trend.periods.length + 2 ? ':--' : '--:'));
  const lines = [
    `## ${escapeCell(title)}`,
    '',
    escapeCell(meta),
    '',
    `| ${heads.map(escapeCell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...trend.rows.map((row) => {
      const { values, rest } = rowTexts(row, lang);
      const cells = [INDICATORS[row.indicator].name[lang], ...values, ...rest, outlookText(row, lang, true)];
      return `| ${cells.map(escapeCell).join(' | ')} |`;
    }),
    '',
    escapeCell(TREND_WORDS.paceNote[lang]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Signed formats for differences; percent differences are percentage points. */
export const DIFFERENCE_FORMATS: Readonly<Record<IndicatorUnit, string>> = {
  percent: '+0.0;-0.0;0.0',
  per_1000: '+0.00;-0.00;0.00',
  per_infant: '+0.00;-0.00;0.00',
  count: '+#,##0;-#,##0;0',
};

const DISTANCE_FORMATS: Readonly<Record<IndicatorUnit, string>> = {
  percent: '0.0',
  per_1000: '0.00',
  per_infant: '0.00',
  count: '#,##0',
};

export const TREND_SHEET_NAME = { zh: '趋势', en: 'Trend' } as const;
export const TREND_HEADER_ROW = 4;

function outlookFill(status: TrendStatus): ExcelJS.Fill {
  if (status === 'met' || status === 'on_track') return solidFill(FILL_COLORS.met);
  if (status === 'off_track') return solidFill(FILL_COLORS.not_met);
  return solidFill(FILL_COLORS.na);
}

/** The trend as a one-sheet workbook: unrounded numbers with number formats, outlook by fill colour. */
export async function renderTrendXlsx(trend: Trend, options: { lang: Lang }): Promise<Uint8Array> {
  const { lang } = options;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  const sheet = workbook.addWorksheet(TREND_SHEET_NAME[lang]);
  const [title, meta] = headerLines(trend, lang);
  writeRow(sheet, 1, [title]).getCell(1).font = { bold: true, size: 14 };
  writeRow(sheet, 2, [meta]);
  writeRow(sheet, 3, [TREND_WORDS.paceNote[lang]]);
  const periods = trend.periods.length;
  const headers = [
    say('indicator', lang), TREND_WORDS.id[lang], say('unit', lang),
    ...trend.periods.map((p) => p.id),
    TREND_WORDS.change[lang], say('target', lang), TREND_WORDS.distance[lang],
    TREND_WORDS.pace[lang], TREND_WORDS.requiredPace[lang], TREND_WORDS.outlook[lang], TREND_WORDS.note[lang],
  ];
  writeHeader(sheet, TREND_HEADER_ROW, headers);
  trend.rows.forEach((row, i) => {
    const { unit } = row;
    const line = writeRow(sheet, TREND_HEADER_ROW + 1 + i, [INDICATORS[row.indicator].name[lang], row.indicator, unitLabel(unit, lang)]);
    row.values.forEach((value, j) => setCell(line.getCell(4 + j), value, UNIT_FORMATS[unit]));
    let c = 4 + periods;
    setCell(line.getCell(c++), row.changes[row.changes.length - 1] ?? null, DIFFERENCE_FORMATS[unit]);
    if (row.target !== null && row.op !== null) setCell(line.getCell(c), row.target, targetFormat(unit, row.op));
    c++;
    setCell(line.getCell(c++), row.distance, DISTANCE_FORMATS[unit]);
    setCell(line.getCell(c++), row.pace, DIFFERENCE_FORMATS[unit]);
    setCell(line.getCell(c++), row.requiredPace, DIFFERENCE_FORMATS[unit]);
    const outlook = line.getCell(c++);
    setCell(outlook, trendStatusLabel(row.status, lang));
    outlook.fill = outlookFill(row.status);
    setCell(line.getCell(c), row.reason ? REASON_LABELS[row.reason][lang] : null);
  });
  finishSheet(sheet, { headerRow: TREND_HEADER_ROW, columnCount: headers.length, maxWidth: 40 });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
