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
  count: '#,##0',
};

export const COUNT_FORMAT = '#,##0';

/** A target's format: the unit's, with the operator in front ("≥ 90.0%"). */
export function targetFormat(unit: IndicatorUnit, op: TargetOp): string {
  return `"${op === '>=' ? '≥' : '≤'} "${UNIT_FORMATS[unit]}`;
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

/** Header row: bold on a light blue fill, wrapped. */
export function writeHeader(sheet: ExcelJS.Worksheet, rowNumber: number, headers: readonly string[]): ExcelJS.Row {
  const row = writeRow(sheet, rowNumber, headers);
  headers.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = solidFill(FILL_COLORS.header);
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  return row;
}

export interface SheetLayout {
  /** The header row (1-based): frozen with everything above it and given the autofilter. */
  headerRow: number;
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
  const { headerRow, columnCount, freezeColumns = 0, maxWidth = 50 } = layout;
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
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  // Lines each row needs once long text wraps: Excel and LibreOffice do not grow a row for it on their own.
  const lines = new Map<number, number>();
  for (let c = 1; c <= columnCount; c++) {
    let bodyWidest = 4;
    for (let r = headerRow + 1; r <= lastRow; r++) bodyWidest = Math.max(bodyWidest, cellWidth(sheet.getCell(r, c)));
    // A long header wraps onto two lines rather than widen a narrow numeric column.
    let headerWidth = cellWidth(sheet.getCell(headerRow, c));
    if (headerWidth > bodyWidest && headerWidth > 16) headerWidth = Math.max(bodyWidest, Math.ceil(headerWidth / 2), 12);
    const width = Math.max(8, Math.min(Math.max(bodyWidest, headerWidth) + 3, maxWidth));
    sheet.getColumn(c).width = width;
    for (let r = headerRow; r <= lastRow; r++) {
      const cell = sheet.getCell(r, c);
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
      cell.alignment = { ...cell.alignment, vertical: 'top' };
    }
  }
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
