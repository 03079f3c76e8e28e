import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/issues/fatal.js';
import type { RawCell } from '../../src/io/raw.js';
import { openTable } from '../../src/io/open-table.js';
import { FILES, csvAt, makeTempDir, readAll, readCsvText } from './temp-files.js';

const rowsOf = (result: { header: { row: number; cells: RawCell[] }; rows: { row: number; cells: RawCell[] }[] }) => [
  [result.header.row, result.header.cells],
  ...result.rows.map((row) => [row.row, row.cells]),
];

async function fatalOf(promise: Promise<unknown>): Promise<FatalInputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FatalInputError) return error;
    throw error;
  }
  throw new Error('expected a FatalInputError');
}

describe('openTable on real CSV exports', () => {
  it.each([
    {
      name: 'GBK from Excel "CSV" (CRLF, no BOM, Chinese header)',
      file: 'census-gbk.csv',
      header: ['区划代码', '区划名称', '常住人口', '0-1岁婴儿数', '1-3岁幼儿数'],
      last: [3, ['330106001', '北山街道', '1,200', '5', '8']],
    },
    {
      name: 'UTF-16LE with BOM, tab-separated (Excel "Unicode text")',
      file: 'census-utf16le.txt',
      header: ['区划代码', '区划名称', '常住人口'],
      last: [3, ['330106001', '北山, 街道', '500']],
    },
    {
      name: 'UTF-8 with BOM, semicolon-separated',
      file: 'visits-utf8-bom-semicolon.csv',
      header: ['服务日期', '服务类型', '儿童编号'],
      last: [3, ['2025/3/8', '亲子;活动', 'C002']],
    },
  ])('$name', async ({ file, header, last }) => {
    const result = await readAll(csvAt(join(FILES, file)));
    expect(result.header).toEqual({ row: 1, cells: header });
    const final = result.rows.at(-1)!;
    expect([final.row, final.cells]).toEqual(last);
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(join(FILES, file))).digest('hex'));
  });
});

describe('CSV rows are numbered as a spreadsheet shows them', () => {
  it.each([
    { name: 'mixed line endings (CRLF, LF, CR)', text: 'a,b\r\n1,2\n3,4\r5,6\r\n', rows: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']], [4, ['5', '6']]] },
    { name: 'blank lines count but are not yielded', text: '\n\na,b\n\n1,2\n ,  \n,,\n3,4', rows: [[3, ['a', 'b']], [5, ['1', '2']], [8, ['3', '4']]] },
    { name: 'a quoted line break stays one row', text: 'a,b\n"x\ny",1\n2,3\n', rows: [[1, ['a', 'b']], [2, ['x\ny', '1']], [3, ['2', '3']]] },
    { name: 'cells are not trimmed; short and long rows kept', text: 'a,b\n 1 ,2,3\n4\n', rows: [[1, ['a', 'b']], [2, [' 1 ', '2', '3']], [3, ['4']]] },
    { name: 'a NUL byte is just a character', text: 'a,b\n1\u0000,2\n', rows: [[1, ['a', 'b']], [2, ['1\u0000', '2']]] },
    { name: 'a stray quote inside a cell is kept as text', text: 'a,b\n5"3,x\n', rows: [[1, ['a', 'b']], [2, ['5"3', 'x']]] },
    { name: 'tab delimiter detected from the header', text: 'a\tb,c\n1\t2,3\n', rows: [[1, ['a', 'b,c']], [2, ['1', '2,3']]] },
    { name: 'delimiters inside quotes do not count', text: '"a;b;c;d",e,f\n1,2,3\n', rows: [[1, ['a;b;c;d', 'e', 'f']], [2, ['1', '2', '3']]] },
    { name: 'semicolon header with decimal commas', text: 'a;b;c\n1,5;2,5;3\n', rows: [[1, ['a', 'b', 'c']], [2, ['1,5', '2,5', '3']]] },
  ])('$name', async ({ text, rows }) => {
    expect(rowsOf(await readCsvText(text))).toEqual(rows);
  });

  it('yields rows in batches of about a thousand', async () => {
    const text = 'id,n\n' + Array.from({ length: 5000 }, (_, index) => `${index},x`).join('\n');
    const result = await readCsvText(text);
    expect(result.rows).toHaveLength(5000);
    expect(result.rows[4999]).toEqual({ row: 5001, cells: ['4999', 'x'] });
    expect(result.batches).toBeGreaterThan(1);
    expect(result.batches).toBeLessThan(10);
  });
});

describe('the header row', () => {
  const looksLikeHeader = (cells: RawCell[]) => cells.includes('区划代码');
  it.each([
    { name: 'defaults to the first non-blank row', text: '\n标题,,\n区划代码,x\n1,2\n', isHeaderRow: undefined, header: [2, ['标题']], first: 3 },
    {
      name: 'ends at its last named cell when an export pads rows to the used range',
      text: '区划代码,x,, \n1,2,,多余\n', isHeaderRow: looksLikeHeader, header: [1, ['区划代码', 'x']], first: 2,
    },
    { name: 'skips title rows when isHeaderRow recognises the header', text: '\n2025年统计表,,\n单位：人,,\n区划代码,x\n1,2\n', isHeaderRow: looksLikeHeader, header: [4, ['区划代码', 'x']], first: 5 },
    { name: 'falls back to the first non-blank row when nothing is recognised', text: 'a,b\n1,2\n', isHeaderRow: looksLikeHeader, header: [1, ['a', 'b']], first: 2 },
    {
      name: 'looks no further than ten non-blank rows',
      text: Array.from({ length: 10 }, (_, index) => `title${index}`).join('\n') + '\n区划代码,x\n1,2\n',
      isHeaderRow: looksLikeHeader,
      header: [1, ['title0']],
      first: 2,
    },
  ])('$name', async ({ text, isHeaderRow, header, first }) => {
    const result = await readCsvText(text, { isHeaderRow });
    expect([result.header.row, result.header.cells]).toEqual(header);
    expect(result.rows[0].row).toBe(first);
  });

  it.each([
    { name: 'zero bytes', text: '' },
    { name: 'only blank lines', text: '\r\n ,\r\n\r\n' },
  ])('an empty table is empty-file: $name', async ({ text }) => {
    expect((await fatalOf(readCsvText(text))).draft.code).toBe('empty-file');
  });
});

describe('encodings', () => {
  const gbk = (text: string) => iconv.encode(text, 'gbk');
  it.each([
    { name: 'GBK without BOM is detected', bytes: gbk('名称,人口\r\n西湖,1\r\n'), encoding: undefined, header: ['名称', '人口'] },
    { name: 'UTF-16BE with BOM', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('名称\t人口\n', 'utf16be')]), encoding: undefined, header: ['名称', '人口'] },
    { name: '--encoding overrides detection', bytes: gbk('名称,人口\n'), encoding: 'GBK', header: ['名称', '人口'] },
    { name: '--encoding gb18030', bytes: gbk('名称,人口\n'), encoding: 'gb18030', header: ['名称', '人口'] },
    {
      name: 'an ASCII start then GBK switches to GB18030 instead of failing',
      bytes: Buffer.concat([Buffer.from('code,name\n' + 'x,y\n'.repeat(20000)), gbk('1,西湖\n')]),
      encoding: undefined,
      header: ['code', 'name'],
    },
  ])('$name', async ({ bytes, encoding, header }) => {
    const result = await readCsvText(bytes, { encoding });
    expect(result.header.cells).toEqual(header);
    const last = result.rows.at(-1);
    if (last) expect(last.cells.join()).not.toContain('\ufffd');
  });

  it('a GBK tail after UTF-8 Chinese is an encoding-error at its row, never U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('名称,人口\n' + '西湖,1\n'.repeat(30000)), gbk('拱墅,2\n')]);
    const error = await fatalOf(readCsvText(bytes));
    expect(error.draft).toMatchObject({ code: 'encoding-error', row: 30002, params: { encoding: 'utf8' } });
  });

  it.each([
    { name: 'at the start of a row', bytes: Buffer.concat([Buffer.from('名称,人口\n北山,1\n'), Buffer.from([0xff]), Buffer.from(',2\n')]), row: 3 },
    { name: 'in the middle of a row', bytes: Buffer.concat([Buffer.from('名称,人口\n北山,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]), row: 2 },
    { name: 'a character cut off by the end of the file', bytes: Buffer.concat([Buffer.from('名称,人口\n北山,'), Buffer.from([0xe4, 0xb8])]), row: 2 },
    { name: 'after a quoted line break', bytes: Buffer.concat([Buffer.from('名称,人口\n"北\n山",'), Buffer.from([0xff])]), row: 2 },
    { name: 'with CR line endings', bytes: Buffer.concat([Buffer.from('名称,人口\r北山,1\r'), Buffer.from([0xff])]), row: 3 },
  ])('invalid UTF-8 is located: $name', async ({ bytes, row }) => {
    const error = await fatalOf(readCsvText(bytes));
    expect(error.draft).toMatchObject({ code: 'encoding-error', row });
  });

  it('invalid GB18030 bytes are an encoding-error at their row', async () => {
    const bytes = Buffer.concat([gbk('名称,人口\r\n西湖,1\r\n'), Buffer.from([0x81, 0x20]), Buffer.from(',2\r\n')]);
    const error = await fatalOf(readCsvText(bytes, { encoding: 'gbk' }));
    expect(error.draft).toMatchObject({ code: 'encoding-error', row: 3, params: { encoding: 'gbk' } });
  });

  it('an unknown --encoding is refused', async () => {
    expect((await fatalOf(readCsvText('a\n', { encoding: 'klingon' }))).draft).toMatchObject({ code: 'unknown-encoding', value: 'klingon' });
  });
});

describe('rows the reader cannot read as meant', () => {
  it('an unclosed quote is reported where the quote opens, rows before it kept', async () => {
    const result = await readCsvText('a,b\n1,2\n3,"4\n5,6\n7,8\n');
    expect(result.rows.map((row) => row.row)).toEqual([2, 3]);
    expect(result.rows[1].problem).toMatchObject({ code: 'unclosed-quote' });
  });

  it('more than 16,384 cells in a row is too-many-columns, cells dropped, reading goes on', async () => {
    const result = await readCsvText('a,b\n' + 'x,'.repeat(16_384) + 'x\n1,2\n');
    expect(result.rows[0]).toMatchObject({ row: 2, cells: [], problem: { code: 'too-many-columns' } });
    expect(result.rows[1]).toEqual({ row: 3, cells: ['1', '2'] });
  });

  it('a cell over 1,000,000 characters is cell-too-large, reading goes on', async () => {
    const result = await readCsvText('a,b\n1,' + 'x'.repeat(1_000_001) + '\n3,4\n');
    expect(result.rows[0]).toMatchObject({ row: 2, cells: [], problem: { code: 'cell-too-large', params: { columnIndex: 2 } } });
    expect(result.rows[1]).toEqual({ row: 3, cells: ['3', '4'] });
  });

  it('a cell of exactly 1,000,000 characters is fine', async () => {
    const result = await readCsvText('a\n' + 'x'.repeat(1_000_000) + '\n');
    expect(result.rows[0].problem).toBeUndefined();
  });
});

describe('sha256', () => {
  it('is the hash of the file bytes even when the rows were not read', async () => {
    const text = 'a,b\n1,2\n';
    const dir = makeTempDir({ 't.csv': text });
    const table = await openTable(csvAt(join(dir, 't.csv')));
    expect(table.sha256()).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
