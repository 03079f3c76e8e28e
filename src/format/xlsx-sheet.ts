/**
 * What every workbook tuoyu writes shares: text cells neutralised (SPEC §5),
 * number formats per indicator unit, status fills, a frozen header with an
 * autofilter, column widths that fit Chinese text, and a page setup that
 * prints one page wide. Builds exceljs objects only; callers turn the
 * workbook into bytes.
 */
import type ExcelJS from 'exceljs';
import type { IndicatorUnit } from '../engine/indicators.js';
import type { Status, TargetOp } from '../engine/report.js';
import type { Lang } from '../issues/issue.js';
import { neutralizeCell } from './neutralize.js';
import { displayWidth } from './text-width.js';

/**
 * Number formats on the unrounded value, so the cell holds exactly the JSON
 * number and shows the display rounding of SPEC §7. Percent values stay on
 * the 0–100 scale of the JSON (format `0.0"%"`), never divided by 100.
 */
export const UNIT_FORMATS: Readonly<Record<IndicatorUnit, string>> = {
  percent: '0.0"%"',
  per_1000: '0.00',
  per_infant: '0.00',
  score: '0.0',
  count: '#,##0',
};

export const COUNT_FORMAT = '#,##0';

/** A count's format, with two decimals for the odd value that is not whole (a mean, a scaled figure). */
export function countFormat(value: number | null): string {
  return value !== null && !Number.isInteger(value) ? '#,##0.00' : COUNT_FORMAT;
}

/**
 * A target's format: the operator in front and the decimals the target has
 * ("≥ 90%", "≥ 4.5", "≥ 2000"), as the plan states it.
 */
export function targetFormat(unit: IndicatorUnit, op: TargetOp): string {
  return `"${op === '>=' ? '≥' : '≤'} "General${unit === 'percent' ? '"%"' : ''}`;
}

/** Light fills: green met, red not met, grey n/a; warnings yellow. ARGB. */
export const FILL_COLORS = {
  met: 'FFC6EFCE',
  not_met: 'FFFFC7CE',
  na: 'FFE7E6E6',
  warning: 'FFFFEB9C',
  header: 'FFDDEBF7',
} as const;

export function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** The fill that shows a status, or none for `no_target`. */
export function statusFill(status: Status): ExcelJS.Fill | undefined {
  switch (status) {
    case 'met':
      return solidFill(FILL_COLORS.met);
    case 'not_met':
      return solidFill(FILL_COLORS.not_met);
    case 'n/a':
      return solidFill(FILL_COLORS.na);
    default:
      return undefined;
  }
}

/** A cell's content: text is always neutralised; numbers stay numbers; null leaves the cell empty. */
export type CellInput = string | number | null | undefined;

export function setCell(cell: ExcelJS.Cell, value: CellInput, numFmt?: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return;
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
    return;
  }
  cell.value = neutralizeCell(value);
  if (numFmt) cell.numFmt = numFmt;
}

/** Writes a row of cells starting at column 1 and returns the row. */
export function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, values: readonly CellInput[]): ExcelJS.Row {
  const row = sheet.getRow(rowNumber);
  values.forEach((value, i) => setCell(row.getCell(i + 1), value));
  return row;
}

/** Header row: bold and centred on a light blue fill, wrapped. */
export function writeHeader(sheet: ExcelJS.Worksheet, rowNumber: number, headers: readonly string[]): ExcelJS.Row {
  const row = writeRow(sheet, rowNumber, headers);
  headers.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = solidFill(FILL_COLORS.header);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  return row;
}

export interface SheetLayout {
  /** The (last) header row (1-based): frozen with everything above it and given the autofilter. */
  headerRow: number;
  /** Header rows ending at `headerRow`, repeated on every printed page; 1 by default. */
  headerRows?: number;
  /** Widest a header may make its column before it wraps (default: half its text, at least 12). */
  headerWidth?: number;
  /** Columns repeated at the left of every printed page, e.g. 'A:B'. */
  printTitleColumns?: string;
  /** Page numbers in the footer in these words ("第 1 页，共 3 页"); figures only without. */
  lang?: Lang;
  columnCount: number;
  /** Columns frozen at the left. */
  freezeColumns?: number;
  /** Widest a column may grow before its text wraps, in width units. */
  maxWidth?: number;
  /** Skip the autofilter (e.g. a notes sheet). */
  noFilter?: boolean;
}

/**
 * Freezes the header, sets the autofilter over the table, fits column widths
 * to their content (a CJK character counts 2) and prints landscape, one page wide.
 */
export function finishSheet(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  const { headerRow, columnCount, freezeColumns = 0, maxWidth = 50, headerRows = 1 } = layout;
  const firstHeaderRow = headerRow - headerRows + 1;
  sheet.views = [{ state: 'frozen', xSplit: freezeColumns, ySplit: headerRow, topLeftCell: cellAddress(headerRow + 1, freezeColumns + 1) }];
  const lastRow = Math.max(sheet.rowCount, headerRow);
  if (!layout.noFilter) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: columnCount } };
  }
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${firstHeaderRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(layout.printTitleColumns ? { printTitlesColumn: layout.printTitleColumns } : {}),
  };
  setPageNumbers(sheet, layout.lang);
  // Lines each row needs once long text wraps: Excel and LibreOffice do not grow a row for it on their own.
  const lines = new Map<number, number>();
  for (let c = 1; c <= columnCount; c++) {
    let bodyWidest = 4;
    for (let r = headerRow + 1; r <= lastRow; r++) bodyWidest = Math.max(bodyWidest, cellWidth(sheet.getCell(r, c)));
    // A long header wraps onto two lines rather than widen a narrow numeric column.
    let headerWidth = 0;
    for (let r = firstHeaderRow; r <= headerRow; r++) headerWidth = Math.max(headerWidth, cellWidth(sheet.getCell(r, c)));
    if (layout.headerWidth !== undefined) headerWidth = Math.min(headerWidth, layout.headerWidth);
    else if (headerWidth > bodyWidest && headerWidth > 16) headerWidth = Math.max(bodyWidest, Math.ceil(headerWidth / 2), 12);
    const width = Math.max(8, Math.min(Math.max(bodyWidest, headerWidth) + 3, maxWidth));
    sheet.getColumn(c).width = width;
    for (let r = firstHeaderRow; r <= lastRow; r++) {
      const cell = sheet.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) continue;
      const needed = Math.ceil(cellWidth(cell) / (width - 2));
      if (needed > 1) {
        cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
        lines.set(r, Math.max(lines.get(r) ?? 1, needed));
      }
    }
  }
  for (const [r, n] of lines) {
    const row = sheet.getRow(r);
    row.height = 15 * Math.min(n, 8);
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      cell.alignment = { ...cell.alignment, vertical: r <= headerRow ? 'middle' : 'top' };
    }
  }
}

const PAGE_NUMBERS: Readonly<Record<Lang | 'neutral', string>> = {
  zh: '第 &P 页，共 &N 页',
  en: 'Page &P of &N',
  neutral: '&P / &N',
};

/** Page numbers centred in the footer of every page. */
function setPageNumbers(sheet: ExcelJS.Worksheet, lang: Lang | undefined): void {
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&C${PAGE_NUMBERS[lang ?? 'neutral']}` };
}

/** A small running header at the right of every printed page (what the sheet is, for loose pages). */
export function setRunningHeader(sheet: ExcelJS.Worksheet, text: string): void {
  // "&" starts a code in a header or footer: data text doubles it. The space ends the font size
  // code "&9", which would otherwise swallow the digits of a text that starts with a year.
  sheet.headerFooter = { ...sheet.headerFooter, oddHeader: `&R&9 ${text.replace(/&/g, '&&')}` };
}

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Thin lines around every cell of the block, as a printed 报表 has them. */
export function drawBorders(sheet: ExcelJS.Worksheet, fromRow: number, toRow: number, columnCount: number): void {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = 1; c <= columnCount; c++) sheet.getCell(r, c).border = THIN_BORDER;
  }
}

/** A line of text across `columnCount` columns (merged), e.g. a title or a note under the table. */
export function writeBanner(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  text: string,
  columnCount: number,
  style: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right'; height?: number; fromColumn?: number } = {},
): ExcelJS.Cell {
  const from = style.fromColumn ?? 1;
  const cell = sheet.getCell(rowNumber, from);
  setCell(cell, text);
  if (columnCount > from) sheet.mergeCells(rowNumber, from, rowNumber, columnCount);
  cell.font = { bold: style.bold ?? false, size: style.size ?? 11 };
  cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
  if (style.height) sheet.getRow(rowNumber).height = style.height;
  return cell;
}

/** Width units a cell needs: text by display width, numbers by their formatted length. */
function cellWidth(cell: ExcelJS.Cell): number {
  const value = cell.value;
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    const fmt = typeof cell.numFmt === 'string' ? cell.numFmt : '';
    const literal = (fmt.match(/"([^"]*)"/g) ?? []).map((s) => s.slice(1, -1)).join('');
    const decimals = /0\.(0+)/.exec(fmt)?.[1].length ?? 0;
    const digits = value.toFixed(decimals);
    const separators = fmt.includes('#,##') ? Math.floor((Math.abs(Math.trunc(value)).toString().length - 1) / 3) : 0;
    return digits.length + separators + displayWidth(literal);
  }
  const text = String(value);
  return Math.max(...text.split('\n').map((line) => displayWidth(line)));
}

/** "A1"-style address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  let letters = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row}`;
}
