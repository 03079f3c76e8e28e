import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/issues/fatal.js';
import { excelSerialToDate, isDateFormatCode } from '../../src/io/cell-dates.js';
import { findSheet, type TableLocation } from '../../src/io/resolve-inputs.js';
import type { RawCell } from '../../src/io/raw.js';
import { FILES, makeTempDir, readAll } from './temp-files.js';

const xlsx = (file: string, sheet: string | null): TableLocation => ({ table: 'facilities', path: join(FILES, file), sheet, format: 'xlsx' });
const utcDay = (cell: RawCell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : `not a date: ${String(cell)}`);

describe('openTable on a workbook saved by LibreOffice', () => {
  it('reads Chinese text, numbers and date cells; a date cell is that day at UTC midnight', async () => {
    const result = await readAll(xlsx('facilities.xlsx', null));
    expect(result.header).toEqual({ row: 1, cells: ['区划代码', '机构名称', '开办日期', '托位数', '是否普惠'] });
    expect(result.rows.map((row) => row.row)).toEqual([2, 3, 4]);
    const [first, second] = result.rows;
    expect(first.cells[1]).toBe('西湖幼儿园');
    expect(utcDay(first.cells[2])).toBe('2025-03-07');
    expect((first.cells[2] as Date).getTime()).toBe(Date.UTC(2025, 2, 7));
    expect(first.cells[3]).toBe(120);
    expect(second.cells[1]).toBe('留下托育, 中心');
    expect(utcDay(second.cells[2])).toBe('2024-12-31');
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(join(FILES, 'facilities.xlsx'))).digest('hex'));
  });
});

describe('openTable on a multi-sheet workbook written by exceljs (workbook part stored last)', () => {
  it('picks the sheet by its real name and skips title rows with isHeaderRow', async () => {
    const result = await readAll(xlsx('workbook.xlsx', ' 人口 '), { isHeaderRow: (cells) => cells.includes('区划代码') });
    expect(result.header).toEqual({ row: 3, cells: ['区划代码', '区划名称', '常住人口'] });
    expect(result.rows).toEqual([
      { row: 4, cells: ['330106', '西湖区', 1000] },
      // rich text joined, formula unwrapped to its result
      { row: 5, cells: [330106001, '北山街道', 500] },
    ]);
  });

  it.each([
    { name: 'a plain date cell', row: 2, column: 1, check: (cell: RawCell) => expect(utcDay(cell)).toBe('2025-03-07') },
    { name: 'a hyperlink gives its text', row: 2, column: 2, check: (cell: RawCell) => expect(cell).toBe('官网') },
    // a formula's cached error is kept as its text, like an error cell: never a number, never silently empty
    { name: 'a formula whose result is an error gives the error text', row: 2, column: 3, check: (cell: RawCell) => expect(cell).toBe('#DIV/0!') },
    { name: 'a boolean stays boolean', row: 2, column: 4, check: (cell: RawCell) => expect(cell).toBe(true) },
    { name: 'a date formula gives a Date', row: 3, column: 1, check: (cell: RawCell) => expect(utcDay(cell)).toBe('2024-12-31') },
    { name: 'an empty cell is null', row: 3, column: 2, check: (cell: RawCell) => expect(cell).toBeNull() },
    { name: 'an error cell gives the error text', row: 3, column: 3, check: (cell: RawCell) => expect(cell).toBe('#N/A') },
  ])('cells: $name', async ({ row, column, check }) => {
    const result = await readAll(xlsx('workbook.xlsx', '机构'));
    const found = result.rows.find((candidate) => candidate.row === row);
    check(found!.cells[column]);
  });

  it('does not yield rows whose cells are all blank, and keeps numbering', async () => {
    const result = await readAll(xlsx('workbook.xlsx', '机构'));
    expect(result.rows.map((row) => row.row)).toEqual([2, 3, 5]);
  });

  it('an unknown sheet is sheet-not-found', async () => {
    await expect(readAll(xlsx('workbook.xlsx', '不存在'))).rejects.toSatisfy(
      (error: unknown) => error instanceof FatalInputError && error.draft.code === 'sheet-not-found',
    );
  });

  it('the hash covers the whole file even when the sheet read is not the last', async () => {
    const result = await readAll(xlsx('workbook.xlsx', '说明'));
    expect(result.header.cells).toEqual(['本工作簿供测试']);
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(join(FILES, 'workbook.xlsx'))).digest('hex'));
  });
});

describe('openTable on a workbook written by a streaming writer (parts with data descriptors)', () => {
  it('reads every row of each sheet, including the last part of the archive', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('人口');
    sheet.addRow(['区划代码', '区划名称', '常住人口']).commit();
    for (let i = 1; i <= 3000; i++) sheet.addRow([`330106${String(i).padStart(3, '0')}`, `街道${i}`, i]).commit();
    sheet.commit();
    await writer.commit();

    const result = await readAll({ table: 'census', path, sheet: '人口', format: 'xlsx' });
    expect(result.header.cells).toEqual(['区划代码', '区划名称', '常住人口']);
    expect(result.rows).toHaveLength(3000);
    expect(result.rows[2999]).toEqual({ row: 3001, cells: ['3301063000', '街道3000', 3000] });
  });
});

describe('openTable on a workbook whose sheet data is damaged', () => {
  /** A 3,000-row sheet with `length` bytes of its compressed data garbled at `at` (a fraction of the data). */
  async function garbledWorkbook(at: number, length: number): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口');
    sheet.addRow(['区划代码', '区划名称', '常住人口']);
    for (let i = 1; i <= 3000; i++) sheet.addRow([`330106${String(i).padStart(3, '0')}`, `街道${i}`, i * 7919]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const name = bytes.indexOf('xl/worksheets/sheet1.xml');
    const header = name - 30;
    const dataStart = name + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    const from = dataStart + Math.floor(bytes.readUInt32LE(header + 18) * at);
    bytes.fill(0xff, from, from + length);
    const path = join(makeTempDir(), 'garbled.xlsx');
    writeFileSync(path, bytes);
    return path;
  }

  // Not only the first bytes: damage deep inside a big part must end the read too, never hang it.
  it.each([0.1, 0.5, 0.9])('garbled at %s of the sheet data is unsupported-format (corrupt)', async (at) => {
    const path = await garbledWorkbook(at, 64);
    await expect(readAll({ table: 'census', path, sheet: '人口', format: 'xlsx' })).rejects.toSatisfy(
      (error: unknown) => error instanceof FatalInputError && error.draft.code === 'unsupported-format' && error.draft.params?.reason === 'corrupt',
    );
  });
});

describe('cell conversion', () => {
  it.each([
    { format: 'yyyy-mm-dd', date: true },
    { format: 'm/d/yy', date: true },
    { format: '[$-804]yyyy"年"m"月"d"日"', date: true },
    { format: '0.00', date: false },
    { format: '#,##0', date: false },
    { format: '"days"0', date: false },
    { format: undefined, date: false },
  ])('isDateFormat($format) is $date', ({ format, date }) => {
    expect(format !== undefined && isDateFormatCode(format)).toBe(date);
  });

  it('serial 45723 is 2025-03-07 at UTC midnight', () => {
    expect(excelSerialToDate(45723, false).toISOString()).toBe('2025-03-07T00:00:00.000Z');
  });

  it.each([
    { wanted: null, picked: 'a' },
    { wanted: 'B', picked: 'B' },
    { wanted: ' b ', picked: 'B' },
    { wanted: 'c', picked: null },
  ])('findSheet($wanted) is $picked', ({ wanted, picked }) => {
    const sheets = [{ name: 'a', hidden: false }, { name: 'B', hidden: false }];
    expect(wanted === null ? sheets[0].name : (findSheet(sheets, wanted)?.name ?? null)).toBe(picked);
  });
});
