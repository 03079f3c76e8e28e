/**
 * Random workbooks read back cell for cell. Written two ways — by exceljs,
 * and by the Excel-layout writer of these tests (shared strings after the
 * sheets, rows and cells without `r`, absolute targets, odd part names,
 * prefixes, zip64, data descriptors) — with Chinese, astral and combining
 * text, rich text, inline strings, numbers, booleans, errors and dates in
 * many formats, and read with the inflated bytes cut into pieces of 1–7
 * bytes, so that piece boundaries fall inside characters, tags and entities:
 * the reader exceljs's streaming reader was replaced for decoded each piece on
 * its own and turned such characters into U+FFFD.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../src/io/raw.js';
import { openWorkbook } from '../../src/io/workbook.js';
import { makeTempDir } from './temp-files.js';
import { writeWorkbook, type CellSpec, type DateFormat, type Layout, type SheetSpec } from './workbook-writer.js';

const DAY_MS = 86_400_000;

/** The Date a date cell must give, worked out from the calendar, not from the reader's formula. */
function dateOfSerial(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * DAY_MS));
}

function expectedCell(cell: CellSpec, date1904: boolean): RawCell {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'shared':
    case 'inline':
      return cell.runs.join('');
    case 'formulaText':
      return cell.text;
    case 'number':
    case 'boolean':
      return cell.value;
    case 'error':
      return cell.text;
    case 'date':
    case 'formulaDate':
      return dateOfSerial(cell.serial, date1904);
    case 'isoDate': {
      const [y, m, d] = cell.iso.split('-').map(Number);
      return new Date(Date.UTC(y, m - 1, d));
    }
  }
}

/** What the reader must hand on: trailing empty cells dropped, rows with nothing but blanks left out. */
function expectedRows(sheet: SheetSpec, date1904: boolean): RawRow[] {
  const rows: RawRow[] = [];
  for (const row of sheet.rows) {
    const cells = row.cells.map((cell) => expectedCell(cell, date1904));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    const blank = cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
    if (!blank) rows.push({ row: row.number, cells });
  }
  return rows;
}

// ---------------------------------------------------------------- generators

const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code));
const astral = fc.constantFrom('𠀋', '𡈽', '𪚥', '😀', '👨‍👩‍👧', '🇨🇳', '𝔸');
const combining = fc.constantFrom('é', 'ǘ', 'à̀', '각', 'ﾊﾟ');
const special = fc.constantFrom('&', '<', '>', '"', "'", '&amp;', '&lt;', '&#x4E2D;', ']]>', '_x000D_', '_x', ' ', '\t', '\n', '，', '（万人）', '\u3000');
const plain = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom(...'abcXYZ0123456789-/. ') });
const text = fc
  .array(fc.oneof({ weight: 5, arbitrary: cjk }, astral, combining, special, plain), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

const DATE_FORMATS: DateFormat[] = [14, 15, 16, 17, 22, 27, 30, 31, 34, 36, 50, 55, 57, 58, 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'yyyy年m月d日', 'm/d/yy', 'dd/mm/yyyy hh:mm'];
const NUMBER_FORMATS: DateFormat[] = [1, 2, 3, 4, 9, 10, 11, 37, 40, '0.00', '#,##0"人"', '[Red]0', '0%', '#,##0.00_);[Red](#,##0.00)', '"days"0'];

const dateFormat = fc.constantFrom(...DATE_FORMATS);
// Whole days from 1900-03-01 to 9999, sometimes with a time of day.
const serial = fc.tuple(fc.integer({ min: 61, max: 2_958_465 }), fc.constantFrom(0, 0, 0, 0.5, 0.25)).map(([day, time]) => day + time);

const cellSpec: fc.Arbitrary<CellSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<CellSpec>({ kind: 'empty' }) },
  { weight: 6, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((runs): CellSpec => ({ kind: 'shared', runs })) },
  { weight: 1, arbitrary: fc.tuple(text, text).map(([base, phonetic]): CellSpec => ({ kind: 'shared', runs: [base], phonetic })) },
  { weight: 2, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((runs): CellSpec => ({ kind: 'inline', runs })) },
  { weight: 1, arbitrary: text.map((value): CellSpec => ({ kind: 'formulaText', text: value })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.option(fc.constantFrom(...NUMBER_FORMATS), { nil: undefined }))
      .map(([value, format]): CellSpec => ({ kind: 'number', value: Object.is(value, -0) ? 0 : value, ...(format === undefined ? {} : { format }) })),
  },
  { weight: 1, arbitrary: fc.boolean().map((value): CellSpec => ({ kind: 'boolean', value })) },
  { weight: 1, arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!', '#REF!').map((value): CellSpec => ({ kind: 'error', text: value })) },
  { weight: 3, arbitrary: fc.tuple(serial, dateFormat).map(([value, format]): CellSpec => ({ kind: 'date', serial: value, format })) },
  { weight: 1, arbitrary: fc.tuple(serial, dateFormat).map(([value, format]): CellSpec => ({ kind: 'formulaDate', serial: value, format })) },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((date): CellSpec => ({ kind: 'isoDate', iso: date.toISOString().slice(0, 10) })),
  },
);

const sheetRows = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(cellSpec, { maxLength: 8 })), { maxLength: 12 })
  .map((rows) => {
    let number = 0;
    return rows.map(([gap, cells]) => ({ number: (number += gap), cells }));
  });

const sheets = fc.array(fc.tuple(text, sheetRows), { minLength: 1, maxLength: 3 }).map((list) =>
  // Sheet names are unique in a workbook and at most 31 characters without []:*?/\.
  list.map(([name, rows], index): SheetSpec => ({ name: `${index}${[...name.replace(/[[\]:*?/\\\n\t\r']/g, '')].slice(0, 12).join('')}`, rows })),
);

const layout: fc.Arbitrary<Layout> = fc.record({
  sharedStringsLast: fc.boolean(),
  omitReferences: fc.boolean(),
  absoluteTargets: fc.boolean(),
  oddPartNames: fc.boolean(),
  prefix: fc.constantFrom(undefined, 'x'),
  date1904: fc.boolean(),
  zip64: fc.boolean(),
  dataDescriptors: fc.boolean(),
  stored: fc.boolean(),
});

async function readBack(path: string, pieceBytes: number): Promise<{ name: string; rows: RawRow[] }[]> {
  const workbook = await openWorkbook(path);
  const result: { name: string; rows: RawRow[] }[] = [];
  for (const sheet of workbook.sheets) {
    const rows: RawRow[] = [];
    for await (const batch of workbook.rows(sheet, { pieceBytes })) rows.push(...batch);
    result.push({ name: sheet.name, rows });
  }
  return result;
}

const dir = makeTempDir();
let written = 0;

describe('a workbook written in Excel’s layout is read back cell for cell', () => {
  it('whatever the text, the cell types, the layout and where the inflated pieces break', async () => {
    await fc.assert(
      fc.asyncProperty(sheets, layout, fc.integer({ min: 1, max: 7 }), async (specs, options, pieceBytes) => {
        const path = join(dir, `layout-${written++}.xlsx`);
        writeFileSync(path, writeWorkbook(specs, options));
        const read = await readBack(path, pieceBytes);
        expect(read.map((sheet) => sheet.name)).toEqual(specs.map((sheet) => sheet.name));
        read.forEach((sheet, index) => expect(sheet.rows).toEqual(expectedRows(specs[index], options.date1904 ?? false)));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

/** The same model through exceljs: what it cannot write (inline strings, phonetic runs, ISO date cells) becomes its nearest form. */
function asExcelJsValue(cell: CellSpec, date1904: boolean): { value: ExcelJS.CellValue; numFmt?: string } {
  const numFmt = (format: DateFormat) => (typeof format === 'string' ? format : BUILT_IN_CODES[format]);
  switch (cell.kind) {
    case 'empty':
      return { value: null };
    case 'shared':
    case 'inline':
      return { value: cell.runs.length === 1 ? cell.runs[0] : { richText: cell.runs.map((run) => ({ text: run, font: { bold: true } })) } };
    case 'formulaText':
      return { value: { formula: 'CONCATENATE("a")', result: cell.text } };
    case 'number':
      return { value: cell.value, numFmt: cell.format === undefined ? undefined : numFmt(cell.format) };
    case 'boolean':
      return { value: cell.value };
    case 'error':
      return { value: { error: cell.text as ExcelJS.CellErrorValue['error'] } };
    case 'date':
      return { value: dateOfSerial(cell.serial, date1904), numFmt: numFmt(cell.format) };
    case 'formulaDate':
      return { value: { formula: 'TODAY()', result: dateOfSerial(cell.serial, date1904) }, numFmt: numFmt(cell.format) };
    case 'isoDate':
      return { value: expectedCell(cell, date1904) as Date, numFmt: 'yyyy-mm-dd' };
  }
}

/** Codes exceljs maps back to the built-in ids used above. */
const BUILT_IN_CODES: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 37: '#,##0 ;(#,##0)', 40: '#,##0.00;[Red](#,##0.00)',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 22: 'm/d/yy h:mm', 27: 'yyyy"年"m"月"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  34: 'h"时"mm"分"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 55: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** exceljs writes a raw carriage return, which an XML reader would fold into a line feed: keep it out. */
const forExcelJs = (specs: SheetSpec[]) =>
  specs.map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell): CellSpec => {
        if (cell.kind === 'shared' || cell.kind === 'inline') return { kind: 'shared', runs: cell.runs.map((run) => run.replace(/[\r_]/g, '-')) };
        if (cell.kind === 'formulaText') return { kind: 'formulaText', text: cell.text.replace(/[\r_]/g, '-') };
        // exceljs keeps time of day only to its own rounding; the 34 format shows a time only.
        if (cell.kind === 'date' || cell.kind === 'formulaDate') return { ...cell, serial: Math.floor(cell.serial), format: cell.format === 34 ? 14 : cell.format };
        return cell;
      }),
    })),
  }));

describe('a workbook written by exceljs is read back cell for cell', () => {
  it('rich text, formulas with cached results, dates in Chinese formats, errors', async () => {
    await fc.assert(
      fc.asyncProperty(sheets.map(forExcelJs), fc.boolean(), fc.integer({ min: 1, max: 7 }), async (specs, date1904, pieceBytes) => {
        const workbook = new ExcelJS.Workbook();
        workbook.properties.date1904 = date1904;
        for (const spec of specs) {
          const sheet = workbook.addWorksheet(spec.name);
          for (const row of spec.rows) {
            row.cells.forEach((cell, index) => {
              const { value, numFmt } = asExcelJsValue(cell, date1904);
              if (value === null) return;
              const target = sheet.getCell(row.number, index + 1);
              target.value = value;
              if (numFmt !== undefined) target.numFmt = numFmt;
            });
          }
        }
        const path = join(dir, `exceljs-${written++}.xlsx`);
        writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
        const read = await readBack(path, pieceBytes);
        expect(read.map((sheet) => sheet.name)).toEqual(specs.map((sheet) => sheet.name));
        read.forEach((sheet, index) => expect(sheet.rows).toEqual(expectedRows(specs[index], date1904)));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
