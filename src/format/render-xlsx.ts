/**
 * The report as an Excel workbook (`tuoyu report --format xlsx`): the total
 * row, the breakdown by area, every issue, the indicator definitions with the
 * plan's wording, and the inputs read. Numbers stay numbers (the JSON's
 * unrounded values) with number formats that show the display rounding; every
 * text cell is neutralised, since names, values and file names come from
 * untrusted spreadsheets. Returns bytes; the CLI writes them.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { INDICATOR_IDS, INDICATORS } from '../engine/indicators.js';
import type { IndicatorResult, Report } from '../engine/report.js';
import type { Lang } from '../issues/issue.js';
import type { Plan } from '../plan/plan.js';
import { levelLabel, say, targetLevelsLabel, severityLabel, statusLabel, tableLabel, unitLabel, WORDS, type Words } from './labels.js';
import {
  COUNT_FORMAT, FILL_COLORS, finishSheet, setCell, solidFill, statusFill, targetFormat, UNIT_FORMATS, writeHeader, writeRow,
} from './xlsx-sheet.js';

export interface XlsxOptions {
  lang: Lang;
}

export const REPORT_SHEET_NAMES = {
  summary: { zh: '汇总', en: 'Summary' },
  breakdown: { zh: '分区明细', en: 'Breakdown' },
  issues: { zh: '数据问题', en: 'Issues' },
  definitions: { zh: '指标定义', en: 'Definitions' },
  inputs: WORDS.inputs,
} as const satisfies Record<string, Words>;

const HEADERS = {
  summary: {
    zh: ['指标', '编号', '单位', '数值', '目标', '状态', '分子', '分母', '说明'],
    en: ['Indicator', 'ID', 'Unit', 'Value', 'Target', 'Status', 'Numerator', 'Denominator', 'Note'],
  },
  breakdownLead: { zh: ['代码', '名称', '层级'], en: ['Code', 'Name', 'Level'] },
  issues: {
    zh: ['严重程度', '问题代码', '表', '文件', '工作表', '行', '列', '值', '说明'],
    en: ['Severity', 'Code', 'Table', 'File', 'Sheet', 'Row', 'Column', 'Value', 'Message'],
  },
  definitions: {
    zh: ['编号', '指标', '单位', '计算公式', '目标', '目标比较', '方案原文'],
    en: ['ID', 'Indicator', 'Unit', 'Formula', 'Target', 'Target compared at', 'Plan wording'],
  },
  inputs: {
    zh: ['表', '文件', '工作表', 'SHA-256', '读取', '使用', '拒绝', '跳过'],
    en: ['Table', 'File', 'Sheet', 'SHA-256', 'Read', 'Used', 'Rejected', 'Skipped'],
  },
} as const;

/** Rows above the Summary table: title, period and plan, issue counts. */
export const SUMMARY_HEADER_ROW = 4;

export async function renderReportXlsx(report: Report, plan: Plan, options: XlsxOptions): Promise<Uint8Array> {
  const { lang } = options;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  addSummary(workbook, report, lang);
  addBreakdown(workbook, report, lang);
  addIssues(workbook, report, lang);
  addDefinitions(workbook, plan, lang);
  addInputs(workbook, report, lang);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSummary(workbook: ExcelJS.Workbook, report: Report, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.summary[lang]);
  const total = report.areas.find((a) => a.level === 'all') ?? report.areas[0];
  const title = writeRow(sheet, 1, [say('reportTitle', lang)]);
  title.getCell(1).font = { bold: true, size: 14 };
  const colon = lang === 'zh' ? '：' : ': ';
  const { period, plan, summary } = report;
  writeRow(sheet, 2, [
    `${say('period', lang)}${colon}${period.id} (${period.start} ${say('to', lang)} ${period.end})    ` +
      `${say('plan', lang)}${colon}${plan.name} (${plan.id})`,
  ]);
  writeRow(sheet, 3, [
    `${say('issues', lang)}${colon}${say('errors', lang)} ${summary.errors} · ${say('warnings', lang)} ${summary.warnings} · ${say('infos', lang)} ${summary.infos}`,
  ]);
  const headers = HEADERS.summary[lang];
  writeHeader(sheet, SUMMARY_HEADER_ROW, headers);
  INDICATOR_IDS.forEach((id, i) => {
    const info = INDICATORS[id];
    const result = total?.indicators[id];
    const row = writeRow(sheet, SUMMARY_HEADER_ROW + 1 + i, [info.name[lang], id, unitLabel(info.unit, lang)]);
    if (!result) return;
    writeResult(row.getCell(4), result, info.unit);
    if (result.target !== null && result.op !== null) setCell(row.getCell(5), result.target, targetFormat(info.unit, result.op));
    setCell(row.getCell(6), statusLabel(result.status, lang));
    const fill = statusFill(result.status);
    if (fill) row.getCell(6).fill = fill;
    setCell(row.getCell(7), result.numerator, countFormat(result.numerator));
    setCell(row.getCell(8), result.denominator, countFormat(result.denominator));
    setCell(row.getCell(9), result.status === 'n/a' ? result.reason ?? null : null);
  });
  finishSheet(sheet, { headerRow: SUMMARY_HEADER_ROW, columnCount: headers.length, maxWidth: 40 });
}

function addBreakdown(workbook: ExcelJS.Workbook, report: Report, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.breakdown[lang]);
  const headers = [...HEADERS.breakdownLead[lang], ...INDICATOR_IDS.map((id) => INDICATORS[id].name[lang])];
  writeHeader(sheet, 1, headers);
  sheet.getColumn(1).numFmt = '@';
  report.areas.forEach((area, i) => {
    const row = writeRow(sheet, i + 2, [area.code, area.name, levelLabel(area.level, lang)]);
    row.getCell(1).numFmt = '@';
    INDICATOR_IDS.forEach((id, j) => {
      const result = area.indicators[id];
      if (result) writeResult(row.getCell(4 + j), result, INDICATORS[id].unit);
    });
  });
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, freezeColumns: 3, maxWidth: 30 });
}

function addIssues(workbook: ExcelJS.Workbook, report: Report, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.issues[lang]);
  const headers = HEADERS.issues[lang];
  writeHeader(sheet, 1, headers);
  report.issues.forEach((issue, i) => {
    const row = writeRow(sheet, i + 2, [
      severityLabel(issue.severity, lang),
      issue.code,
      issue.table ? tableLabel(issue.table, lang) : null,
      issue.file,
      issue.sheet,
      issue.row,
      issue.column,
      issue.value,
      issue.message,
    ]);
    if (issue.severity !== 'info') {
      row.getCell(1).fill = solidFill(issue.severity === 'error' ? FILL_COLORS.not_met : FILL_COLORS.warning);
    }
    // A value that looks like a number or a code must keep its digits as written.
    row.getCell(8).numFmt = '@';
  });
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 60 });
}

function addDefinitions(workbook: ExcelJS.Workbook, plan: Plan, lang: Lang): void {
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
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 50 });
}

function addInputs(workbook: ExcelJS.Workbook, report: Report, lang: Lang): void {
  const sheet = workbook.addWorksheet(REPORT_SHEET_NAMES.inputs[lang]);
  const headers = HEADERS.inputs[lang];
  writeHeader(sheet, 1, headers);
  report.inputs.forEach((input, i) => {
    const row = writeRow(sheet, i + 2, [tableLabel(input.table, lang), input.file, input.sheet, input.sha256]);
    [input.read, input.used, input.rejected, input.skipped].forEach((n, j) => setCell(row.getCell(5 + j), n, COUNT_FORMAT));
  });
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 70 });
}

/** A value cell: the unrounded number in the unit's format, filled by status; an n/a value stays empty and grey. */
function writeResult(cell: ExcelJS.Cell, result: IndicatorResult, unit: keyof typeof UNIT_FORMATS): void {
  setCell(cell, result.value, UNIT_FORMATS[unit]);
  const fill = statusFill(result.status);
  if (fill) cell.fill = fill;
}

function countFormat(value: number | null): string {
  return value !== null && !Number.isInteger(value) ? '#,##0.00' : COUNT_FORMAT;
}
