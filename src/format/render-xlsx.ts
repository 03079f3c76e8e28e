/**
 * The report as an Excel workbook (`tuoyu report --format xlsx`), laid out as
 * a 报表 a commission sends up the line: a title naming the region and the
 * period in words, 填报单位 and 制表日期, bordered tables whose header rows
 * repeat on every printed page, page numbers, status in words (达标/未达标, so
 * that a black-and-white printer loses nothing) and the reason of every n/a,
 * and a line for signatures. Sheets: the total (汇总), the breakdown by area
 * (分区明细), data issues one line per cause (数据问题), the indicator
 * definitions with the plan's wording (指标定义, which also keeps the
 * indicator ids) and the inputs read.
 *
 * Numbers stay numbers (the JSON's unrounded values) with number formats
 * that show the display rounding; every text cell is neutralised, since
 * names, values and file names come from untrusted spreadsheets. Returns
 * bytes; the CLI writes them.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorId, type IndicatorUnit } from '../engine/indicators.js';
import type { AreaReport, IndicatorResult, Report } from '../engine/report.js';
import { lookupIssue } from '../issues/catalogue.js';
import type { Lang } from '../issues/issue.js';
import type { AreaLevel } from '../schema/records.js';
import type { Plan } from '../plan/plan.js';
import type { QualityReview } from '../engine/quality/quality-review.js';
import { addQualitySheet, renderQualityPointer } from './render-quality.js';
import { Footnotes } from './footnotes.js';
import { groupIssues, rowsText } from './issue-groups.js';
import { periodWords, say, severityLabel, statusLabel, tableLabel, targetLevelsLabel, unitLabel, WORDS, type Words } from './labels.js';
import { formatTarget } from './numbers.js';
import { headingLine, reportTitle, type ReportHeading } from './report-heading.js';
import {
  COUNT_FORMAT, countFormat, drawBorders, FILL_COLORS, finishSheet, setCell, setRunningHeader, solidFill, statusFill, targetFormat, UNIT_FORMATS,
  writeBanner, writeHeader, writeRow,
} from './xlsx-sheet.js';

export interface XlsxOptions extends ReportHeading {
  lang: Lang;
  /** The data-quality review of the same period: adds the 数据质量 sheet after the issues (SPEC §11). */
  quality?: QualityReview;
}

export const REPORT_SHEET_NAMES = {
  summary: { zh: '汇总', en: 'Summary' },
  breakdown: { zh: '分区明细', en: 'Breakdown' },
  issues: { zh: '数据问题', en: 'Issues' },
  definitions: { zh: '指标定义', en: 'Definitions' },
  inputs: WORDS.inputs,
} as const satisfies Record<string, Words>;

/** The Summary's columns, by key: Chinese output leaves the indicator id to the Definitions sheet. */
export type SummaryColumn = 'number' | 'indicator' | 'id' | 'unit' | 'target' | 'value' | 'status' | 'numerator' | 'denominator' | 'note';

const SUMMARY_HEADS: Readonly<Record<SummaryColumn, Words>> = {
  number: { zh: '序号', en: 'No.' },
  indicator: { zh: '指标', en: 'Indicator' },
  id: { zh: '编号', en: 'ID' },
  unit: { zh: '单位', en: 'Unit' },
  target: { zh: '目标', en: 'Target' },
  value: { zh: '本期数值', en: 'Value' },
  status: { zh: '达标情况', en: 'Status' },
  numerator: { zh: '分子', en: 'Numerator' },
  denominator: { zh: '分母', en: 'Denominator' },
  note: { zh: '说明', en: 'Note' },
};

export function summaryColumns(lang: Lang): SummaryColumn[] {
  const all: SummaryColumn[] = ['number', 'indicator', 'id', 'unit', 'target', 'value', 'status', 'numerator', 'denominator', 'note'];
  return lang === 'zh' ? all.filter((column) => column !== 'id') : all;
}

/** Title, 填报单位/制表日期, period/plan/issues; then the header. */
export const SUMMARY_HEADER_ROW = 4;
/** Title, 填报单位/制表日期; indicator names, then targets: the data starts below. */
export const BREAKDOWN_HEADER_ROW = 4;
/** Title, counts; then the header. */
export const ISSUES_HEADER_ROW = 3;
/** Leading columns of the breakdown: area code, area name. */
export const BREAKDOWN_LEAD_COLUMNS = 2;

const XLSX_WORDS = {
  areaCode: { zh: '区划代码', en: 'Area code' },
  areaName: { zh: '地区', en: 'Area' },
  total: { zh: '合计', en: 'Total' },
  byAreaTitle: { zh: '（分地区）', en: ' — by area' },
  issuesTitle: { zh: '数据问题清单', en: 'Data issues' },
  targetOf: { zh: '目标', en: 'Target' },
  totalOnly: { zh: '（仅合计）', en: ' (total only)' },
  noTarget: { zh: '无目标', en: 'no target' },
  periodLine: { zh: '统计期间：{words}（{start}至{end}）', en: 'Period: {words} ({start} to {end})' },
  planLine: { zh: '目标方案：{plan}', en: 'Plan: {plan}' },
  issuesLine: {
    zh: '3. 数据问题：错误 {errors} 处 · 警告 {warnings} 处 · 提示 {infos} 处，详见“数据问题”表。',
    en: '3. Data issues: {errors} errors · {warnings} warnings · {infos} notes; see the Issues sheet.',
  },
  issuesCounts: {
    zh: '错误 {errors} 处 · 警告 {warnings} 处 · 提示 {infos} 处。同一原因（同一文件、列、值）合并为一行，“处数”为出现次数，“行号”列出前 20 处。',
    en: '{errors} errors · {warnings} warnings · {infos} notes. One line per cause (same file, column and value): “Count” is how often it occurs, “Rows” lists the first 20.',
  },
  notesHead: { zh: '说明：', en: 'Notes:' },
  noteValues: {
    zh: '1. 数值按单位显示取整（百分比 1 位小数，每千人 2 位小数），单元格内保留未取整的原值。',
    en: '1. Values show the display rounding (percent 1 decimal, per 1,000 2 decimals); the cells hold the unrounded values.',
  },
  noteTargets: {
    zh: '2. 各指标的计算公式、方案原文及目标比较层级见“指标定义”表；“仅合计”的目标只与合计比较。',
    en: '2. Formulas, the plan’s wording and where each target is compared are on the Definitions sheet; a “total only” target is compared with the total only.',
  },
  noteNa: { zh: '注：', en: 'Notes:' },
  signatures: {
    zh: '单位负责人：　　　　　　　审核人：　　　　　　　填表人：　　　　　　　联系电话：',
    en: 'Head of unit: ____________    Checked by: ____________    Prepared by: ____________    Telephone: ____________',
  },
  number: { zh: '序号', en: 'No.' },
  problem: { zh: '问题', en: 'Problem' },
  where: { zh: '文件（工作表）', en: 'File (sheet)' },
  column: { zh: '列', en: 'Column' },
  value: { zh: '值', en: 'Value' },
  count: { zh: '处数', en: 'Count' },
  rows: { zh: '行号', en: 'Rows' },
  message: { zh: '说明（首处）', en: 'Message (first)' },
  hint: { zh: '处理建议', en: 'What to do' },
  code: { zh: '问题代码', en: 'Code' },
  severity: { zh: '级别', en: 'Severity' },
  noIssues: { zh: '未发现数据问题。', en: 'No data issues found.' },
} as const satisfies Record<string, Words>;

function word(key: keyof typeof XLSX_WORDS, lang: Lang, params: Record<string, string | number> = {}): string {
  return XLSX_WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const HEADERS = {
  definitions: {
    zh: ['编号', '指标', '单位', '计算公式', '目标', '目标比较', '方案原文'],
    en: ['ID', 'Indicator', 'Unit', 'Formula', 'Target', 'Target compared at', 'Plan wording'],
  },
  inputs: {
    zh: ['表', '文件', '工作表', 'SHA-256', '读取', '使用', '拒绝', '跳过'],
    en: ['Table', 'File', 'Sheet', 'SHA-256', 'Read', 'Used', 'Rejected', 'Skipped'],
  },
} as const;

export async function renderReportXlsx(report: Report, plan: Plan, options: XlsxOptions): Promise<Uint8Array> {
  const { lang } = options;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  const title = reportTitle(report, lang, options);
  workbook.title = title;
  addSummary(workbook, report, title, options);
  addBreakdown(workbook, report, title, options);
  addIssues(workbook, report, title, lang);
  if (options.quality) addQualitySheet(workbook, options.quality, { ...options, title });
  addDefinitions(workbook, plan, title, lang);
  addInputs(workbook, report, title, lang);
  for (const sheet of workbook.worksheets) setRunningHeader(sheet, `${periodWords(report.period, lang)} · ${sheet.name}`);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Title over the whole width; 填报单位 at the left and 制表日期 at the right of the line below. */
function writeTitleRows(sheet: ExcelJS.Worksheet, title: string, heading: ReportHeading, lang: Lang, columnCount: number): void {
  writeBanner(sheet, 1, title, columnCount, { bold: true, size: 16, align: 'center', height: 32 });
  const { unit, date } = headingLine(heading, lang);
  const middle = Math.max(1, Math.floor(columnCount / 2));
  writeBanner(sheet, 2, unit, middle);
  if (date) writeBanner(sheet, 2, date, columnCount, { align: 'right', fromColumn: middle + 1 });
}

function addSummary(workbook: ExcelJS.Workbook, report: Report, title: string, options: XlsxOptions): void {
  const { lang } = options;
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.summary[lang]);
  const columns = summaryColumns(lang);
  const at = (column: SummaryColumn) => columns.indexOf(column) + 1;
  writeTitleRows(sheet, title, options, lang, columns.length);
  const { period, plan, summary } = report;
  writeBanner(
    sheet, 3,
    `${word('periodLine', lang, { words: periodWords(period, lang), start: period.start, end: period.end })}    ` +
      word('planLine', lang, { plan: plan.name }),
    columns.length,
  );
  writeHeader(sheet, SUMMARY_HEADER_ROW, columns.map((column) => SUMMARY_HEADS[column][lang]));
  const total = report.areas.find((a) => a.level === 'all') ?? report.areas[0];
  INDICATOR_IDS.forEach((id, i) => {
    const info = INDICATORS[id];
    const row = sheet.getRow(SUMMARY_HEADER_ROW + 1 + i);
    setCell(row.getCell(at('number')), i + 1);
    row.getCell(at('number')).alignment = { horizontal: 'center' };
    setCell(row.getCell(at('indicator')), info.name[lang]);
    if (at('id') > 0) setCell(row.getCell(at('id')), id);
    setCell(row.getCell(at('unit')), unitLabel(info.unit, lang));
    const result = total?.indicators[id];
    if (!result) return;
    writeResult(row.getCell(at('value')), result, info.unit);
    if (result.target !== null && result.op !== null) setCell(row.getCell(at('target')), result.target, targetFormat(info.unit, result.op));
    const status = row.getCell(at('status'));
    setCell(status, statusLabel(result.status, lang));
    const fill = statusFill(result.status);
    if (fill) status.fill = fill;
    status.alignment = { horizontal: 'center' };
    setCell(row.getCell(at('numerator')), result.numerator, countFormat(result.numerator));
    setCell(row.getCell(at('denominator')), result.denominator, countFormat(result.denominator));
    setCell(row.getCell(at('note')), result.status === 'n/a' ? result.reason ?? null : null);
  });
  const lastRow = SUMMARY_HEADER_ROW + INDICATOR_IDS.length;
  drawBorders(sheet, SUMMARY_HEADER_ROW, lastRow, columns.length);
  finishSheet(sheet, {
    headerRow: SUMMARY_HEADER_ROW, columnCount: columns.length, maxWidth: 40, lang,
  });
  sheet.getColumn(at('number')).width = 6;
  const notes = [word('notesHead', lang), word('noteValues', lang), word('noteTargets', lang), word('issuesLine', lang, { ...summary })];
  const pointer = options.quality ? renderQualityPointer(options.quality, { lang, inWorkbook: true }) : null;
  if (pointer) notes.push(`4. ${pointer}`);
  const after = writeNotes(sheet, lastRow + 2, notes, columns.length);
  writeBanner(sheet, after + 1, word('signatures', lang), columns.length, { height: 28 });
  // The 汇总 is the page that is signed and sent: one page, title to signatures, however many indicators.
  sheet.pageSetup.fitToHeight = 1;
}

function writeNotes(sheet: ExcelJS.Worksheet, fromRow: number, lines: readonly string[], columnCount: number): number {
  lines.forEach((line, i) => {
    const cell = writeBanner(sheet, fromRow + i, line, columnCount);
    cell.font = { size: 10 };
  });
  return fromRow + lines.length;
}

const INDENT: Readonly<Record<AreaLevel, number>> = { all: 0, district: 1, street: 2, community: 3 };

/** The target a breakdown column is held to, in words: "≥ 90%", "≥ 2000（仅合计）", "无目标". */
function columnTarget(id: IndicatorId, areas: readonly AreaReport[], lang: Lang): string {
  const info = INDICATORS[id];
  const compared = areas.map((area) => area.indicators[id]).find((r) => r && r.target !== null && r.op !== null);
  if (!compared || compared.target === null || compared.op === null) return word('noTarget', lang);
  const totalOnly = info.targetLevels.length === 1 && info.targetLevels[0] === 'all';
  return `${formatTarget(compared.target, compared.op, info.unit)}${totalOnly ? word('totalOnly', lang) : ''}`;
}

function addBreakdown(workbook: ExcelJS.Workbook, report: Report, title: string, options: XlsxOptions): void {
  const { lang } = options;
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.breakdown[lang]);
  const columnCount = BREAKDOWN_LEAD_COLUMNS + INDICATOR_IDS.length;
  const namesRow = BREAKDOWN_HEADER_ROW - 1;
  writeHeader(sheet, namesRow, [word('areaCode', lang), word('areaName', lang), ...INDICATOR_IDS.map((id) => INDICATORS[id].name[lang])]);
  writeHeader(sheet, BREAKDOWN_HEADER_ROW, [word('targetOf', lang), '', ...INDICATOR_IDS.map((id) => columnTarget(id, report.areas, lang))]);
  sheet.mergeCells(BREAKDOWN_HEADER_ROW, 1, BREAKDOWN_HEADER_ROW, BREAKDOWN_LEAD_COLUMNS);
  for (let c = 1; c <= columnCount; c++) {
    for (const r of [namesRow, BREAKDOWN_HEADER_ROW]) sheet.getCell(r, c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  sheet.getColumn(1).numFmt = '@';
  const footnotes = new Footnotes();
  report.areas.forEach((area, i) => {
    const row = sheet.getRow(BREAKDOWN_HEADER_ROW + 1 + i);
    setCell(row.getCell(1), area.code || null);
    row.getCell(1).numFmt = '@';
    const name = row.getCell(2);
    setCell(name, area.level === 'all' ? word('total', lang) : area.name);
    name.alignment = { horizontal: 'left', indent: INDENT[area.level] };
    if (area.level === 'all') row.font = { bold: true };
    INDICATOR_IDS.forEach((id, j) => {
      const result = area.indicators[id];
      if (result) writeBreakdownResult(row.getCell(BREAKDOWN_LEAD_COLUMNS + 1 + j), result, INDICATORS[id].unit, lang, footnotes);
    });
  });
  const lastRow = BREAKDOWN_HEADER_ROW + report.areas.length;
  drawBorders(sheet, namesRow, lastRow, columnCount);
  finishSheet(sheet, {
    headerRow: BREAKDOWN_HEADER_ROW, headerRows: 2, headerWidth: 14, columnCount, freezeColumns: BREAKDOWN_LEAD_COLUMNS,
    maxWidth: 30, printTitleColumns: 'A:B', lang,
  });
  // Every indicator of the catalogue is a column: shrunk onto one page the figures would be too small to
  // read, so the sheet prints as many pages wide as it needs at a readable size, area names repeated on each;
  // the title and the notes span the first page.
  const pages = pagesWide(sheet, columnCount);
  sheet.pageSetup.fitToWidth = pages;
  const firstPage = pages === 1 ? columnCount : BREAKDOWN_LEAD_COLUMNS + Math.floor((columnCount - BREAKDOWN_LEAD_COLUMNS) / pages);
  writeTitleRows(sheet, `${title}${word('byAreaTitle', lang)}`, options, lang, firstPage);
  const notes = footnotes.entries().map(([n, reason]) => `[${n}] ${reason}`);
  if (notes.length > 0) writeNotes(sheet, lastRow + 2, [word('noteNa', lang), ...notes], firstPage);
}

/** Width units that print on one A4 landscape page at about 85 %. */
const UNITS_PER_PAGE = 175;

function pagesWide(sheet: ExcelJS.Worksheet, columnCount: number): number {
  let total = 0;
  for (let c = 1; c <= columnCount; c++) total += sheet.getColumn(c).width ?? 8;
  const lead = (sheet.getColumn(1).width ?? 8) + (sheet.getColumn(2).width ?? 8);
  return Math.max(1, Math.ceil((total - lead) / (UNITS_PER_PAGE - lead)));
}

/**
 * A breakdown cell: the unrounded number whose format shows the verdict in
 * words after it ("86.1% 未达标"); an n/a cell says so with the number of its
 * reason, listed under the table.
 */
function writeBreakdownResult(cell: ExcelJS.Cell, result: IndicatorResult, unit: IndicatorUnit, lang: Lang, footnotes: Footnotes): void {
  const fill = statusFill(result.status);
  if (fill) cell.fill = fill;
  if (result.value === null) {
    setCell(cell, `${statusLabel('n/a', lang)}${result.reason ? ` [${footnotes.mark(result.reason)}]` : ''}`);
    cell.alignment = { horizontal: 'center' };
    return;
  }
  const verdict = result.status === 'met' || result.status === 'not_met' ? `" ${statusLabel(result.status, lang)}"` : '';
  setCell(cell, result.value, `${UNIT_FORMATS[unit]}${verdict}`);
}

function addIssues(workbook: ExcelJS.Workbook, report: Report, title: string, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.issues[lang]);
  const keys = ['number', 'severity', 'problem', 'where', 'column', 'value', 'count', 'rows', 'message', 'hint', 'code'] as const;
  const at = (key: (typeof keys)[number]) => keys.indexOf(key) + 1;
  writeBanner(sheet, 1, `${word('issuesTitle', lang)}　${title}`, keys.length, { bold: true, size: 14, align: 'center', height: 28 });
  writeBanner(sheet, 2, word('issuesCounts', lang, { ...report.summary }), keys.length);
  writeHeader(sheet, ISSUES_HEADER_ROW, keys.map((key) => word(key, lang)));
  const groups = groupIssues(report.issues, lang);
  groups.forEach((group, i) => {
    const { first } = group;
    const row = sheet.getRow(ISSUES_HEADER_ROW + 1 + i);
    const where = [first.file, first.sheet].filter((part): part is string => part !== null && part !== '');
    const values: Record<(typeof keys)[number], string | number | null> = {
      number: i + 1,
      severity: severityLabel(first.severity, lang),
      problem: lookupIssue(first.code)?.title[lang] ?? first.code,
      where: `${first.table ? `${tableLabel(first.table, lang)}：` : ''}${where.length > 1 ? `${where[0]}（${where[1]}）` : (where[0] ?? '')}`,
      column: first.column,
      value: first.value,
      count: group.count,
      rows: rowsText(group, lang) || null,
      message: group.message,
      hint: group.hint,
      code: first.code,
    };
    keys.forEach((key) => setCell(row.getCell(at(key)), values[key]));
    if (first.severity !== 'info') {
      row.getCell(at('severity')).fill = solidFill(first.severity === 'error' ? FILL_COLORS.not_met : FILL_COLORS.warning);
    }
    // A value that looks like a number or a code must keep its digits as written.
    row.getCell(at('value')).numFmt = '@';
    row.getCell(at('count')).alignment = { horizontal: 'center' };
  });
  const lastRow = ISSUES_HEADER_ROW + groups.length;
  drawBorders(sheet, ISSUES_HEADER_ROW, lastRow, keys.length);
  finishSheet(sheet, { headerRow: ISSUES_HEADER_ROW, columnCount: keys.length, maxWidth: 44, lang });
  sheet.getColumn(at('number')).width = 6;
  if (groups.length === 0) writeBanner(sheet, lastRow + 2, word('noIssues', lang), keys.length);
}

function addDefinitions(workbook: ExcelJS.Workbook, plan: Plan, title: string, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.definitions[lang]);
  const headers = HEADERS.definitions[lang];
  writeHeader(sheet, 1, headers);
  INDICATOR_IDS.forEach((id, i) => {
    const info = INDICATORS[id];
    const target = plan.targets[id];
    const row = writeRow(sheet, i + 2, [
      id,
      info.name[lang],
      unitLabel(info.unit, lang),
      info.formula[lang],
      null,
      target ? targetLevelsLabel(info.targetLevels, lang) : null,
      plan.wording[id] ?? null,
    ]);
    if (target) setCell(row.getCell(5), target.value, targetFormat(info.unit, target.op));
  });
  drawBorders(sheet, 1, 1 + INDICATOR_IDS.length, headers.length);
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 50, lang });
}

function addInputs(workbook: ExcelJS.Workbook, report: Report, title: string, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.inputs[lang]);
  const headers = HEADERS.inputs[lang];
  writeHeader(sheet, 1, headers);
  report.inputs.forEach((input, i) => {
    const row = writeRow(sheet, i + 2, [tableLabel(input.table, lang), input.file, input.sheet, input.sha256]);
    [input.read, input.used, input.rejected, input.skipped].forEach((n, j) => setCell(row.getCell(5 + j), n, COUNT_FORMAT));
  });
  drawBorders(sheet, 1, 1 + report.inputs.length, headers.length);
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 70, lang });
}

/** A value cell: the unrounded number in the unit's format, filled by status; an n/a value stays empty and grey. */
function writeResult(cell: ExcelJS.Cell, result: IndicatorResult, unit: IndicatorUnit): void {
  setCell(cell, result.value, UNIT_FORMATS[unit]);
  const fill = statusFill(result.status);
  if (fill) cell.fill = fill;
}


