/**
 * Views of a trend (`tuoyu trend`): periods side by side, the distance still
 * to go, the average pace per year and whether that pace reaches the target
 * by the plan's target year — for the total and, with `--by`, each area.
 * Text, Markdown and JSON return strings; the workbook returns bytes.
 * Nothing here writes. (The HTML view with charts is in render-html.ts.)
 *
 * Differences of percent indicators are percentage points, shown as "pp"
 * (百分点), never as "%", so that +5.0 from 80% to 85% is not read as +5%.
 * A year-to-date period is marked `*`; a per-year quantity shows each year's
 * verdict beside its value (✓ met, ✗ missed, … year still running).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { INDICATORS, type IndicatorUnit } from '../engine/indicators.js';
import type { PeriodStatus, Trend, TrendArea, TrendReason, TrendRow, TrendStatus } from '../engine/trend.js';
import type { Lang } from '../issues/issue.js';
import { levelLabel, periodWords, say, STATUS_LABELS, unitLabel, type Words } from './labels.js';
import { escapeCell } from './render-markdown.js';
import { formatTarget, formatValue, missingValue, roundForDisplay, UNIT_DECIMALS } from './numbers.js';
import { drawTable, right, type Cell } from './terminal-table.js';
import { displayWidth, printable, wrapText } from './text-width.js';
import { FILL_COLORS, finishSheet, setCell, solidFill, targetFormat, UNIT_FORMATS, writeHeader, writeRow } from './xlsx-sheet.js';

export type TrendFormat = 'table' | 'md' | 'json';

export interface TrendOptions {
  lang: Lang;
  color: boolean;
  format: TrendFormat;
  /** Terminal columns to fit; the caller decides (a formatter never asks the terminal). Without it the table is drawn whole. */
  width?: number;
}

const TREND_STATUS_LABELS: Readonly<Record<TrendStatus, Words>> = {
  met: { zh: '已达标', en: 'met' },
  on_track: { zh: '按年均进度可达标', en: 'on track' },
  off_track: { zh: '按年均进度难达标', en: 'off track' },
  not_met: { zh: '未达标', en: 'not met' },
  in_progress: { zh: '年内进行中', en: 'year in progress' },
  'n/a': { zh: '无法判断', en: 'n/a' },
};

const REASON_LABELS: Readonly<Record<TrendReason, Words>> = {
  no_target: STATUS_LABELS.no_target,
  no_value: { zh: '最新一期无数值', en: 'no value in the latest period' },
  no_earlier_period: { zh: '可比数据不足两期', en: 'fewer than two comparable periods' },
  target_year_over: { zh: '目标年已结束', en: 'the target year is over' },
  met_year_to_date: { zh: '按本年至今的数据', en: 'on the year to date' },
};

/** A period's verdict beside a per-year quantity's value. */
const PERIOD_MARKS: Readonly<Record<PeriodStatus, string>> = {
  met: '✓', not_met: '✗', in_progress: '…', no_target: '', 'n/a': '',
};

export const TREND_WORDS = {
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
  areaCode: { zh: '区划代码', en: 'Area code' },
  area: { zh: '地区', en: 'Area' },
  total: { zh: '合计', en: 'Total' },
  points: { zh: '百分点', en: 'pp' },
  perYear: { zh: '/年', en: ' a year' },
  paceNote: {
    zh: '年均进度 = {from}至{to}的平均每年变化（各年变化的平均值，不只是最近一年）；百分比指标的变化以百分点计。',
    en: 'Pace = the average change per year from {from} to {to} (the mean of every year’s change, not the last one alone); changes of percentages are in percentage points (pp).',
  },
  noPaceNote: {
    zh: '可比期间不足两期，无法计算年均进度；百分比指标的变化以百分点计。',
    en: 'Fewer than two comparable periods: no pace per year; changes of percentages are in percentage points (pp).',
  },
  yearToDateNote: {
    zh: '* 年内累计期间（{words}）：不计入年均进度；每年考核的指标按年内进度判断。',
    en: '* Year to date ({words}): no pace is drawn from it; a per-year target is judged on the year so far.',
  },
  flowNote: {
    zh: '“/年”为每年考核的指标（本年新增数），逐年与目标比较：✓ 达标，✗ 未达标，… 年内进行中。',
    en: '“a year” marks a per-year target (new this year), judged year by year: ✓ met, ✗ not met, … year in progress.',
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
      return renderTrendTable(trend, options.lang, new Chalk({ level: options.color ? 1 : 0 }), options.width);
  }
}

/** The total first, then every area of `--by`: each a table of its own. */
export function trendSections(trend: Trend, lang: Lang): TrendArea[] {
  return [{ code: '', name: TREND_WORDS.total[lang], level: 'all', rows: trend.rows }, ...trend.areas];
}

export function sectionTitle(area: TrendArea, lang: Lang): string {
  if (area.level === 'all') return area.name;
  const name = printable(area.name);
  const level = levelLabel(area.level, lang);
  return lang === 'zh' ? `${name}（${area.code}，${level}）` : `${name} (${area.code}, ${level})`;
}

/** A difference in the indicator's unit, signed: "+0.75", "-3.0pp", "+12". */
export function formatDifference(value: number | null, unit: IndicatorUnit, lang: Lang, signed = true): string {
  if (value === null || !Number.isFinite(value)) return missingValue(lang);
  const text = roundForDisplay(value, UNIT_DECIMALS[unit]);
  const sign = signed && /[1-9]/.test(text) && !text.startsWith('-') ? '+' : '';
  return `${sign}${text}${unit === 'percent' ? TREND_WORDS.points[lang] : ''}`;
}

/** A period's column head: its id, with `*` when it is a year to date. */
export function periodHead(period: Trend['periods'][number]): string {
  return `${printable(period.id)}${period.yearToDate ? '*' : ''}`;
}

/** A target as the plan states it, "/年" after a per-year one. */
export function trendTarget(row: TrendRow, lang: Lang): string {
  const text = formatTarget(row.target, row.op, row.unit);
  return row.kind === 'flow' && row.target !== null ? `${text}${TREND_WORDS.perYear[lang]}` : text;
}

function headerLines(trend: Trend, lang: Lang): string[] {
  const colon = lang === 'zh' ? '：' : ': ';
  const years = roundForDisplay(trend.yearsLeft, 2).replace(/\.?0+$/, '');
  return [
    `${TREND_WORDS.title[lang]} · ${say('plan', lang)}${colon}${printable(trend.plan.name)} (${printable(trend.plan.id)})`,
    `${TREND_WORDS.targetYear[lang]}${colon}${trend.targetYear}    ${TREND_WORDS.yearsLeft[lang]}${colon}${years}`,
  ];
}

/** What the pace is drawn from, what `*` and "/年" mean: the lines under every view. */
export function trendNotes(trend: Trend, lang: Lang): string[] {
  const basis = trend.basis.periods;
  const notes = [
    basis.length >= 2
      ? TREND_WORDS.paceNote[lang].replace('{from}', basis[0]).replace('{to}', basis[basis.length - 1])
      : TREND_WORDS.noPaceNote[lang],
  ];
  const yearToDate = trend.periods.filter((p) => p.yearToDate);
  if (yearToDate.length > 0) {
    notes.push(TREND_WORDS.yearToDateNote[lang].replace('{words}', yearToDate.map((p) => periodWords(p, lang)).join(lang === 'zh' ? '、' : '; ')));
  }
  if (trend.rows.some((row) => row.kind === 'flow' && row.target !== null)) notes.push(TREND_WORDS.flowNote[lang]);
  return notes;
}

function columnHeads(trend: Trend, lang: Lang): string[] {
  return [
    say('indicator', lang),
    ...trend.periods.map(periodHead),
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
    values: row.values.map((v, i) => {
      const mark = row.kind === 'flow' ? PERIOD_MARKS[row.statuses[i]] : '';
      return `${formatValue(v, unit, lang)}${mark ? ` ${mark}` : ''}`;
    }),
    rest: [
      trendTarget(row, lang),
      row.distance === null ? missingValue(lang) : formatDifference(row.distance, unit, lang, false),
      formatDifference(row.pace, unit, lang),
      formatDifference(row.requiredPace, unit, lang),
    ],
  };
}

export function outlookText(row: TrendRow, lang: Lang, marks: boolean): string {
  if (row.reason === 'no_target') return REASON_LABELS.no_target[lang];
  const good = row.status === 'met' || row.status === 'on_track';
  const bad = row.status === 'off_track' || row.status === 'not_met';
  const mark = !marks ? '' : good ? '✓ ' : bad ? '✗ ' : row.status === 'in_progress' ? '… ' : '';
  const reason = row.reason ? ` (${REASON_LABELS[row.reason][lang]})` : '';
  return `${mark}${trendStatusLabel(row.status, lang)}${reason}`;
}

function paint(chalk: ChalkInstance, status: TrendStatus, text: string): string {
  if (status === 'met' || status === 'on_track') return chalk.green(text);
  if (status === 'off_track' || status === 'not_met') return chalk.red(text);
  return chalk.dim(text);
}

function renderTrendTable(trend: Trend, lang: Lang, chalk: ChalkInstance, width: number | undefined): string {
  const head = columnHeads(trend, lang).map((h) => chalk.bold(h));
  const [title, meta] = headerLines(trend, lang);
  const parts = [chalk.bold(title), meta];
  for (const section of trendSections(trend, lang)) {
    const rows: Cell[][] = section.rows.map((row) => {
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
    const table = drawTable(head, rows);
    const fits = width === undefined || Math.max(...table.split('\n').map((line) => displayWidth(line))) <= width;
    parts.push('', chalk.bold(sectionTitle(section, lang)), fits ? table : trendBlocks(trend, section, lang, chalk, width));
  }
  parts.push(...trendNotes(trend, lang).map((note) => chalk.dim(note)));
  return parts.join('\n') + '\n';
}

/**
 * A section too wide for the terminal (eight columns and more need about 130):
 * one block per indicator, its name on a line of its own and the same cells
 * as "head value" pairs wrapped to the width, so that nothing is cut off.
 */
function trendBlocks(trend: Trend, section: TrendArea, lang: Lang, chalk: ChalkInstance, width: number): string {
  const heads = columnHeads(trend, lang);
  const space = lang === 'zh' ? '：' : ': ';
  const blocks = section.rows.map((row) => {
    const { values, rest } = rowTexts(row, lang);
    const pairs = [...values, ...rest].map((text, i) => `${heads[i + 1]}${space}${text}`);
    const lines = packPairs(pairs, width - 2).map((line) => `  ${line}`);
    const outlook = wrapText(`${TREND_WORDS.outlook[lang]}${space}${outlookText(row, lang, true)}`, width - 2).map((line) => `  ${line}`);
    return [chalk.bold(wrapText(INDICATORS[row.indicator].name[lang], width).join('\n')), ...lines, paint(chalk, row.status, outlook.join('\n'))].join('\n');
  });
  return blocks.join('\n');
}

/** "head: value" pairs on as few lines as fit, two spaces apart, a pair never split unless it is wider than a line. */
function packPairs(pairs: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const pair of pairs) {
    const joined = line === '' ? pair : `${line}  ${pair}`;
    if (displayWidth(joined) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = wrapText(pair, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line !== '') lines.push(line);
  return lines;
}

function renderTrendMarkdown(trend: Trend, lang: Lang): string {
  const [title, meta] = headerLines(trend, lang);
  const heads = columnHeads(trend, lang);
  const align = heads.map((_, i) => (i === 0 || i === heads.length - 1 || i === trend.periods.length + 1 ? ':--' : '--:'));
  const lines = [`## ${escapeCell(title)}`, '', escapeCell(meta)];
  for (const section of trendSections(trend, lang)) {
    lines.push(
      '',
      `### ${escapeCell(sectionTitle(section, lang))}`,
      '',
      `| ${heads.map(escapeCell).join(' | ')} |`,
      `| ${align.join(' | ')} |`,
      ...section.rows.map((row) => {
        const { values, rest } = rowTexts(row, lang);
        const cells = [INDICATORS[row.indicator].name[lang], ...values, ...rest, outlookText(row, lang, true)];
        return `| ${cells.map(escapeCell).join(' | ')} |`;
      }),
    );
  }
  lines.push('', ...trendNotes(trend, lang).map((note) => `${escapeCell(note)}  `));
  return `${lines.join('\n')}\n`;
}

/** Signed formats for differences; percent differences are percentage points. */
export const DIFFERENCE_FORMATS: Readonly<Record<IndicatorUnit, string>> = {
  percent: '+0.0;-0.0;0.0',
  per_1000: '+0.00;-0.00;0.00',
  per_infant: '+0.00;-0.00;0.00',
  score: '+0.0;-0.0;0.0',
  count: '+#,##0;-#,##0;0',
};

const DISTANCE_FORMATS: Readonly<Record<IndicatorUnit, string>> = {
  percent: '0.0',
  per_1000: '0.00',
  per_infant: '0.00',
  score: '0.0',
  count: '#,##0',
};

export const TREND_SHEET_NAME = { zh: '趋势', en: 'Trend' } as const;
/** Title, plan and target year, then the notes, then the header. */
export const TREND_HEADER_ROW = 5;
/** Columns before the periods: area code, area, indicator, id, unit. */
export const TREND_LEAD_COLUMNS = 5;

function outlookFill(status: TrendStatus): ExcelJS.Fill {
  if (status === 'met' || status === 'on_track') return solidFill(FILL_COLORS.met);
  if (status === 'off_track' || status === 'not_met') return solidFill(FILL_COLORS.not_met);
  return solidFill(FILL_COLORS.na);
}

/** A period's value of a per-year quantity carries its verdict in words, so it reads in black and white too. */
function periodFormat(row: TrendRow, i: number, lang: Lang): string {
  const status = row.statuses[i];
  if (row.kind !== 'flow' || (status !== 'met' && status !== 'not_met' && status !== 'in_progress')) return UNIT_FORMATS[row.unit];
  const word = status === 'in_progress' ? TREND_STATUS_LABELS.in_progress[lang] : STATUS_LABELS[status][lang];
  return `${UNIT_FORMATS[row.unit]}" ${word}"`;
}

/** The trend as a one-sheet workbook: one row per area and indicator, unrounded numbers with number formats, the outlook in words and fill. */
export async function renderTrendXlsx(trend: Trend, options: { lang: Lang }): Promise<Uint8Array> {
  const { lang } = options;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  const sheet = workbook.addWorksheet(TREND_SHEET_NAME[lang]);
  const [title, meta] = headerLines(trend, lang);
  writeRow(sheet, 1, [title]).getCell(1).font = { bold: true, size: 14 };
  writeRow(sheet, 2, [meta]);
  const notes = trendNotes(trend, lang);
  writeRow(sheet, 3, [notes[0]]);
  writeRow(sheet, 4, [notes.slice(1).join(' ')]);
  const periods = trend.periods.length;
  const headers = [
    TREND_WORDS.areaCode[lang], TREND_WORDS.area[lang], say('indicator', lang), TREND_WORDS.id[lang], say('unit', lang),
    ...trend.periods.map(periodHead),
    TREND_WORDS.change[lang], say('target', lang), TREND_WORDS.distance[lang],
    TREND_WORDS.pace[lang], TREND_WORDS.requiredPace[lang], TREND_WORDS.outlook[lang], TREND_WORDS.note[lang],
  ];
  writeHeader(sheet, TREND_HEADER_ROW, headers);
  sheet.getColumn(1).numFmt = '@';
  let r = TREND_HEADER_ROW + 1;
  for (const section of trendSections(trend, lang)) {
    for (const row of section.rows) {
      const { unit } = row;
      const line = writeRow(sheet, r++, [section.code || null, section.name, INDICATORS[row.indicator].name[lang], row.indicator, unitLabel(unit, lang)]);
      line.getCell(1).numFmt = '@';
      row.values.forEach((value, j) => setCell(line.getCell(TREND_LEAD_COLUMNS + 1 + j), value, periodFormat(row, j, lang)));
      let c = TREND_LEAD_COLUMNS + 1 + periods;
      setCell(line.getCell(c++), row.changes[row.changes.length - 1] ?? null, DIFFERENCE_FORMATS[unit]);
      if (row.target !== null && row.op !== null) {
        setCell(line.getCell(c), row.target, `${targetFormat(unit, row.op)}${row.kind === 'flow' ? `"${TREND_WORDS.perYear[lang]}"` : ''}`);
      }
      c++;
      setCell(line.getCell(c++), row.distance, DISTANCE_FORMATS[unit]);
      setCell(line.getCell(c++), row.pace, DIFFERENCE_FORMATS[unit]);
      setCell(line.getCell(c++), row.requiredPace, DIFFERENCE_FORMATS[unit]);
      const outlook = line.getCell(c++);
      setCell(outlook, trendStatusLabel(row.status, lang));
      outlook.fill = outlookFill(row.status);
      setCell(line.getCell(c), row.reason ? REASON_LABELS[row.reason][lang] : null);
    }
  }
  finishSheet(sheet, { headerRow: TREND_HEADER_ROW, columnCount: headers.length, freezeColumns: 3, maxWidth: 40 });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
