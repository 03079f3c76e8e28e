/**
 * Legacy Excel 97–2003 (.xls, BIFF8) and WPS (.et) workbooks, through
 * SheetJS CE (`@e965/xlsx`, a republish of its tag v0.20.3), loaded only when
 * such a file is met: it takes ~0.3 s to import and reads a file whole,
 * which is bounded here because these formats stop at 65,536 rows.
 * Its CommonJS build is the one that decodes the GBK text of older files.
 */
import { createRequire } from 'node:module';
import type * as SheetJS from '@e965/xlsx';
import { excelSerialToDate, isDateFormatCode } from './cell-dates.js';
import type { RawCell, RawRow } from './raw.js';
import { MAX_CELL_LENGTH } from './read-csv-rows.js';

export interface LegacySheet {
  name: string;
  hidden: boolean;
}

export interface LegacyBook {
  sheets: readonly LegacySheet[];
  rows(sheet: LegacySheet): AsyncGenerator<RawRow[]>;
}

/** Why SheetJS could not read the file: a password, or anything else. */
export class LegacyReadError extends Error {
  constructor(readonly reason: 'encrypted' | 'corrupt') {
    super(reason);
    this.name = 'LegacyReadError';
  }
}

let sheetJs: typeof SheetJS | null = null;

function loadSheetJs(): typeof SheetJS {
  if (sheetJs === null) {
    sheetJs = createRequire(import.meta.url)('@e965/xlsx') as typeof SheetJS;
    // SheetJS knows the built-in formats 14–22 but not the East Asian date built-ins, whose
    // cells would then read as plain numbers: name them as Chinese Excel shows them.
    const table = sheetJs.SSF.get_table() as Record<number, string | undefined>;
    for (const [id, code] of Object.entries(CHINESE_DATE_BUILT_INS)) if (table[Number(id)] === undefined) sheetJs.SSF.load(code, Number(id));
  }
  return sheetJs;
}

/** The East Asian built-in date and time formats (ECMA-376 §18.8.30), as zh-CN Excel shows them. */
const CHINESE_DATE_BUILT_INS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** BIFF error codes (MS-XLS 2.5.97.2) as Excel shows them. */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** Rows handed on at a time, as the streaming readers do. */
const BATCH_ROWS = 2000;

export function openLegacyBook(bytes: Buffer): LegacyBook {
  const XLSX = loadSheetJs();
  let workbook: SheetJS.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: false, cellHTML: false, cellFormula: false });
  } catch (error) {
    throw new LegacyReadError(/password/i.test(error instanceof Error ? error.message : String(error)) ? 'encrypted' : 'corrupt');
  }
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const sheets = workbook.SheetNames.map((name, index) => ({ name, hidden: (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0 }));
  return {
    sheets,
    async *rows(sheet) {
      const data = (workbook.Sheets[sheet.name] as { '!data'?: (SheetJS.CellObject | undefined)[][] } | undefined)?.['!data'] ?? [];
      let batch: RawRow[] = [];
      for (let index = 0; index < data.length; index += 1) {
        const row = convertRow(data[index], index + 1, date1904);
        if (row !== null) batch.push(row);
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

function convertRow(source: (SheetJS.CellObject | undefined)[] | undefined, row: number, date1904: boolean): RawRow | null {
  if (source === undefined) return null;
  const cells: RawCell[] = [];
  let blank = true;
  for (let column = 0; column < source.length; column += 1) {
    const cell = convertCell(source[column], date1904);
    if (cell === null) continue;
    while (cells.length < column) cells.push(null);
    cells.push(cell);
    if (typeof cell === 'string') {
      if (cell.length > MAX_CELL_LENGTH) {
        return { row, cells: [], problem: { code: 'cell-too-large', column: null, value: `${cell.slice(0, 20)}…`, params: { columnIndex: column + 1, length: cell.length, limit: MAX_CELL_LENGTH } } };
      }
      if (blank && cell.trim() !== '') blank = false;
    } else {
      blank = false;
    }
  }
  return blank ? null : { row, cells };
}

function convertCell(cell: SheetJS.CellObject | undefined, date1904: boolean): RawCell {
  if (cell === undefined || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      const format = typeof cell.z === 'string' ? cell.z : '';
      return format !== '' && isDateFormatCode(format) ? excelSerialToDate(value, date1904) : value;
    }
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v === true;
    case 'e':
      return ERROR_TEXT[cell.v as number] ?? '#ERROR';
    case 'd':
      return cell.v instanceof Date ? cell.v : String(cell.v);
    default:
      return null;
  }
}
