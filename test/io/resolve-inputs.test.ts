import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/issues/fatal.js';
import { openTable } from '../../src/io/open-table.js';
import { resolveInputs, type InputSpec, type LocateOptions, type TableLocation } from '../../src/io/resolve-inputs.js';
import { FILES, makeTempDir } from './temp-files.js';

const file = (name: string) => readFileSync(join(FILES, name));
/** A location as data, without the open workbook it carries. */
const plain = ({ table, path, sheet, format }: TableLocation) => ({ table, path, sheet, format });

async function fatalDraft(spec: InputSpec, options: LocateOptions = {}) {
  try {
    await resolveInputs(spec, options);
  } catch (error) {
    if (error instanceof FatalInputError) return error.draft;
    throw error;
  }
  throw new Error('expected a FatalInputError');
}

describe('resolveInputs finds the tables', () => {
  it('in a directory, by English or Chinese file name, any case', async () => {
    const dir = makeTempDir({ 'CENSUS.csv': 'a\n', '机构.xlsx': file('facilities.xlsx'), 'notes.txt': 'x', '服务记录.CSV': 'a\n' });
    const { locations, missing } = await resolveInputs({ data: dir });
    expect(locations.map(plain)).toEqual([
      { table: 'census', path: join(dir, 'CENSUS.csv'), sheet: null, format: 'csv' },
      // LibreOffice named the sheet after the CSV it came from
      { table: 'facilities', path: join(dir, '机构.xlsx'), sheet: 'facilities', format: 'xlsx' },
      { table: 'visits', path: join(dir, '服务记录.CSV'), sheet: null, format: 'csv' },
    ]);
    expect(missing).toEqual([]);
  });

  it('reports absent tables as missing, with where they were looked for', async () => {
    const dir = makeTempDir({ 'census.csv': 'a\n' });
    const { locations, missing } = await resolveInputs({ data: dir });
    expect(locations.map((location) => location.table)).toEqual(['census']);
    expect(missing).toEqual([
      { table: 'facilities', where: dir, kind: 'folder', present: ['census.csv'] },
      { table: 'visits', where: dir, kind: 'folder', present: ['census.csv'] },
    ]);
  });

  it('in one workbook whose sheets carry the names (trimmed, any case)', async () => {
    const path = join(FILES, 'workbook.xlsx');
    const { locations, missing } = await resolveInputs({ data: path });
    expect(locations.map(plain)).toEqual([
      { table: 'census', path, sheet: ' 人口 ', format: 'xlsx' },
      { table: 'facilities', path, sheet: '机构', format: 'xlsx' },
      { table: 'visits', path, sheet: 'VISITS', format: 'xlsx' },
    ]);
    expect(missing).toEqual([]);
  });

  it('in the only workbook of a directory without named files', async () => {
    const dir = makeTempDir({ 'city-2025.xlsx': file('workbook.xlsx') });
    const { locations } = await resolveInputs({ data: dir });
    expect(locations.map((location) => [location.table, location.sheet])).toEqual([
      ['census', ' 人口 '],
      ['facilities', '机构'],
      ['visits', 'VISITS'],
    ]);
  });

  it('explicit paths override and extend DATA', async () => {
    const dir = makeTempDir({ 'census.csv': 'a\n', 'other.csv': 'b\n', 'v.xlsx': file('workbook.xlsx') });
    const { locations, missing } = await resolveInputs({ data: dir, census: join(dir, 'other.csv'), visits: join(dir, 'v.xlsx') });
    expect(locations.map(plain)).toEqual([
      { table: 'census', path: join(dir, 'other.csv'), sheet: null, format: 'csv' },
      // no file is named for the facilities: the folder's other workbook holds them as a sheet
      { table: 'facilities', path: join(dir, 'v.xlsx'), sheet: '机构', format: 'xlsx' },
      { table: 'visits', path: join(dir, 'v.xlsx'), sheet: 'VISITS', format: 'xlsx' },
    ]);
    expect(missing).toEqual([]);
  });

  it('sniffs bytes, not names: a zip workbook named .csv is read as xlsx', async () => {
    const dir = makeTempDir({ 'census.csv': file('facilities.xlsx') });
    const { locations } = await resolveInputs({ data: dir });
    expect(locations[0]).toMatchObject({ table: 'census', format: 'xlsx' });
  });
});

describe('resolveInputs reads legacy workbooks by their bytes', () => {
  const realXls = () => file('facilities.xls');
  it.each([
    { name: 'a real .xls', setup: () => ({ census: join(FILES, 'facilities.xls') }) },
    { name: 'a .xls in a directory', setup: () => ({ data: makeTempDir({ 'census.xls': realXls() }) }) },
    { name: 'a .xls renamed .xlsx', setup: () => ({ data: makeTempDir({ 'census.xlsx': realXls() }) }) },
    { name: 'a .xls renamed .csv', setup: () => ({ data: makeTempDir({ 'census.csv': realXls() }) }) },
    { name: 'a WPS .et file', setup: () => ({ data: makeTempDir({ 'census.et': realXls() }) }) },
  ])('$name is found as a legacy workbook, its sheet named', async ({ setup }) => {
    const { locations } = await resolveInputs(setup());
    expect(locations.map(plain)).toEqual([expect.objectContaining({ table: 'census', format: 'xls', sheet: 'facilities' })]);
  });
});

describe('resolveInputs refuses what can never be read', () => {
  it.each([
    { name: 'a path that does not exist', setup: () => ({ data: join(makeTempDir(), 'nope') }), code: 'file-not-found', reason: undefined },
    { name: 'an explicit file that does not exist', setup: () => ({ census: join(makeTempDir(), 'nope.csv') }), code: 'file-not-found', reason: undefined },
    { name: 'a directory with none of the tables', setup: () => ({ data: makeTempDir({ 'readme.txt': 'x' }) }), code: 'empty-directory', reason: undefined },
    { name: 'a .numbers file', setup: () => ({ data: makeTempDir({ '人口.numbers': Buffer.from('PK\u0003\u0004rest') }) }), code: 'unsupported-format', reason: 'numbers' },
    { name: 'a password-protected xlsx (an OLE container)', setup: () => ({ census: join(FILES, 'encrypted-standin.xlsx') }), code: 'unsupported-format', reason: 'encrypted' },
    { name: 'a truncated xlsx', setup: () => ({ census: join(FILES, 'truncated.xlsx') }), code: 'unsupported-format', reason: 'corrupt' },
    { name: 'random bytes named .xlsx', setup: () => ({ census: join(FILES, 'random-bytes.xlsx') }), code: 'unsupported-format', reason: 'corrupt' },
    { name: 'a web page saved as .xls', setup: () => ({ data: makeTempDir({ '人口.xls': '<html><table><tr><td>区划代码</td></tr></table></html>' }) }), code: 'unsupported-format', reason: 'unknown' },
    { name: 'census.csv and census.xlsx side by side', setup: () => ({ data: makeTempDir({ 'census.csv': 'a\n', 'census.xlsx': file('facilities.xlsx') }) }), code: 'ambiguous-input', reason: undefined },
  ])('$name → $code', async ({ setup, code, reason }) => {
    const draft = await fatalDraft(setup());
    expect(draft.code).toBe(code);
    if (reason) expect(draft.params?.reason).toBe(reason);
  });

  it('a zero-byte file is found, and opening it is empty-file (the other tables stay readable)', async () => {
    const { locations } = await resolveInputs({ data: makeTempDir({ 'census.csv': '' }) });
    expect(locations.map((location) => location.table)).toEqual(['census']);
    await expect(openTable(locations[0])).rejects.toMatchObject({ draft: { code: 'empty-file' } });
  });

  it('a workbook without any table sheet is sheet-not-found, naming its sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['a']);
    workbook.addWorksheet('说明').addRow(['b']);
    const path = join(makeTempDir(), 'book.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await fatalDraft({ data: path })).toMatchObject({ code: 'sheet-not-found', value: 'Sheet1, 说明' });
  });

  it('every unreadable file of a run is listed at once, each with its reason', async () => {
    const dir = makeTempDir({ '人口.xlsx': file('truncated.xlsx'), '机构.numbers': Buffer.from('PK\u0003\u0004rest'), 'visits.xlsx': file('encrypted-standin.xlsx') });
    const error = await resolveInputs({ data: dir }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FatalInputError);
    const drafts = (error as FatalInputError).drafts;
    expect(drafts.map((draft) => [draft.file, draft.params?.reason])).toEqual([
      [join(dir, '人口.xlsx'), 'corrupt'],
      [join(dir, '机构.numbers'), 'numbers'],
      [join(dir, 'visits.xlsx'), 'encrypted'],
    ]);
  });
});

/** A workbook of named sheets, each a list of rows of text, written by exceljs. */
async function workbookOf(sheets: Record<string, string[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CENSUS_HEADER = ['区划代码', '区划名称', '年份', '常住人口', '0-1岁婴儿数', '1-3岁幼儿数'];
const FACILITIES_HEADER = ['机构编码', '机构名称', '区划代码', '机构类型', '是否普惠', '托位数'];
const VISITS_HEADER = ['记录编号', '服务日期', '服务类型', '儿童编号', '出生日期', '区划代码', '机构编码'];
/** The schema's answer, as the API passes it: how many of the table's columns a row names. */
const headerScore = (table: string, cells: readonly unknown[]) =>
  cells.filter((cell) => (({ census: CENSUS_HEADER, facilities: FACILITIES_HEADER, visits: VISITS_HEADER } as Record<string, string[]>)[table] ?? []).includes(String(cell))).length;

describe('resolveInputs finds tables where people put them (SPEC §3)', () => {
  it('files whose names contain the table word; the longer word decides; a .txt text export counts', async () => {
    const dir = makeTempDir({
      '西湖区人口统计表2025.xlsx': await workbookOf({ Sheet1: [CENSUS_HEADER] }),
      '托育机构服务记录.csv': 'a,b\n',
      '2025年机构名录.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('机构编码\t机构名称\n', 'utf16le')]),
      '人口说明.txt': '这是说明，不是数据。\n',
    });
    const { locations, missing } = await resolveInputs({ data: dir }, { headerScore });
    expect(locations.map(plain)).toEqual([
      { table: 'census', path: join(dir, '西湖区人口统计表2025.xlsx'), sheet: 'Sheet1', format: 'xlsx' },
      { table: 'facilities', path: join(dir, '2025年机构名录.txt'), sheet: null, format: 'csv' },
      { table: 'visits', path: join(dir, '托育机构服务记录.csv'), sheet: null, format: 'csv' },
    ]);
    expect(missing).toEqual([]);
  });

  it('a cover sheet is passed over: each table is the sheet whose header is its own', async () => {
    const path = join(makeTempDir(), '2025年报送.xlsx');
    writeFileSync(path, await workbookOf({ 填报说明: [['请按模板填写'], ['区划代码请填12位']], Sheet2: [['东湖区2025年'], VISITS_HEADER], Sheet3: [CENSUS_HEADER], 名录: [FACILITIES_HEADER] }));
    const { locations, missing, wholeSubmission } = await resolveInputs({ data: path }, { headerScore });
    expect(locations.map((location) => [location.table, location.sheet])).toEqual([
      ['census', 'Sheet3'],
      ['facilities', '名录'],
      ['visits', 'Sheet2'],
    ]);
    expect(missing).toEqual([]);
    expect(wholeSubmission).toBe(true);
  });

  it('a one-table workbook: the sheet named for it, else by its header, else --sheet; a missing sheet lists those there', async () => {
    const path = join(makeTempDir(), '人口.xlsx');
    writeFileSync(path, await workbookOf({ 说明: [['说明']], '2024年': [CENSUS_HEADER], '2025年': [CENSUS_HEADER] }));
    const ambiguousSheets = await fatalDraft({ data: path }, { headerScore });
    expect(ambiguousSheets).toMatchObject({ code: 'ambiguous-input', table: 'census', value: '2024年, 2025年' });
    const picked = await resolveInputs({ data: path }, { headerScore, sheet: '2025年' });
    expect(picked.locations.map(plain)).toEqual([{ table: 'census', path, sheet: '2025年', format: 'xlsx' }]);
    expect(picked.wholeSubmission).toBe(false);
    const absent = await resolveInputs({ census: path }, { headerScore, sheet: '2026年' });
    expect(absent.locations).toEqual([]);
    expect(absent.missing[0]).toEqual({ table: 'census', where: path, kind: 'workbook', wanted: '2026年', present: ['说明', '2024年', '2025年'] });
  });

  it('--sheet with no one-table workbook in the run is a usage error', async () => {
    expect(await fatalDraft({ data: makeTempDir({ 'census.csv': 'a\n' }) }, { sheet: 'x' })).toMatchObject({ code: 'sheet-option-unused', value: 'x' });
  });

  it('a table missing from a workbook lists its sheets', async () => {
    const path = join(makeTempDir(), 'city.xlsx');
    writeFileSync(path, await workbookOf({ 人口: [CENSUS_HEADER], 机构: [FACILITIES_HEADER], 备用: [['x']] }));
    const { missing } = await resolveInputs({ data: path }, { headerScore });
    expect(missing).toEqual([{ table: 'visits', where: path, kind: 'workbook', present: ['人口', '机构', '备用'] }]);
  });

  it('two sheets named for one table are ambiguous-input, both named', async () => {
    const path = join(makeTempDir(), 'city.xlsx');
    writeFileSync(path, await workbookOf({ 人口2024: [CENSUS_HEADER], 人口2025: [CENSUS_HEADER], 机构: [FACILITIES_HEADER] }));
    expect(await fatalDraft({ data: path }, { headerScore })).toMatchObject({ code: 'ambiguous-input', table: 'census', value: '人口2024, 人口2025' });
  });

  it('a sheet that explains a table does not compete with it; the sheet named exactly for a table wins', async () => {
    const path = join(makeTempDir(), 'city.xlsx');
    writeFileSync(path, await workbookOf({ 服务记录填报说明: [['请逐条填写']], 人口: [CENSUS_HEADER], '人口（备用）': [CENSUS_HEADER], 机构: [FACILITIES_HEADER], 服务记录: [VISITS_HEADER] }));
    const { locations } = await resolveInputs({ data: path }, { headerScore });
    expect(locations.map((location) => [location.table, location.sheet])).toEqual([
      ['census', '人口'],
      ['facilities', '机构'],
      ['visits', '服务记录'],
    ]);
  });
});
