/**
 * A realistic submission as Excel lays it out: one workbook holding all three
 * tables behind a 填报说明 cover sheet, over 1 MB of Chinese shared
 * strings stored after the sheets (record numbers and child ids in Chinese),
 * dates as date cells in Chinese formats, codes as numbers, and the service
 * records on a sheet called Sheet3 that only its header row gives away. It
 * must validate with no error and give the numbers of the same city read
 * from CSV, and those of the reference implementation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, loadSubmission, validateData, type Visit } from '../../src/api.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { comparable } from '../reference/compare.js';
import { referenceReport } from '../reference/reference-report.js';
import { makeTempDir } from './temp-files.js';
import { writeWorkbook, type CellSpec, type SheetSpec } from './workbook-writer.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_FORMATS = [31, 57, 'yyyy"年"m"月"d"日"', 14] as const;

/** A CSV cell as Excel would store it: numbers as numbers, ISO dates as date cells, text as shared strings. */
function asCell(text: string, column: number): CellSpec {
  if (text === '') return { kind: 'empty' };
  const date = ISO_DATE.exec(text);
  if (date) {
    const serial = (Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - Date.UTC(1899, 11, 30)) / 86_400_000;
    return { kind: 'date', serial, format: DATE_FORMATS[column % DATE_FORMATS.length] };
  }
  if (/^\d{1,12}$/.test(text) && !/^0\d/.test(text)) return { kind: 'number', value: Number(text) };
  return { kind: 'shared', runs: [text] };
}

function asSheet(name: string, rows: string[][]): SheetSpec {
  return { name, rows: rows.map((cells, index) => ({ number: index + 1, cells: cells.map(asCell) })) };
}

let csvDir: string;
let workbookPath: string;
let sharedStringsBytes = 0;

beforeAll(() => {
  csvDir = makeTempDir();
  execFileSync(process.execPath, ['scripts/generate-province.mjs', '--out', csvDir, '--visits', '12000', '--communities', '120', '--facilities', '300', '--visit-headers', 'zh', '--seed', '3'], { stdio: 'ignore' });
  const read = (table: string) => parse(readFileSync(join(csvDir, `${table}.csv`)), { bom: true }) as string[][];
  const census = read('census');
  const facilities = read('facilities');
  const visits = read('visits');
  // Record numbers and child ids in Chinese, as many districts write them: the shared strings grow past 800 KB (about 1.1 MB).
  for (const row of visits.slice(1)) {
    row[0] = row[0].replace(/^R0*/, '东湖区服务记录第') + '号';
    if (row[3] !== '') row[3] = row[3].replace(/^C0*/, '东湖区婴幼儿健康档案编号第') + '号';
  }
  const csv = (rows: string[][]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;
  writeFileSync(join(csvDir, 'visits.csv'), csv(visits));

  const cover: SheetSpec = {
    name: '填报说明',
    rows: [
      { number: 1, cells: [{ kind: 'shared', runs: ['2025年普惠托育服务数据报送'] }] },
      { number: 3, cells: [{ kind: 'shared', runs: ['请按模板填写区划代码、机构编码等信息，日期填写为日期格式。'] }] },
    ],
  };
  workbookPath = join(makeTempDir(), '东湖区2025年托育数据.xlsx');
  writeFileSync(
    workbookPath,
    writeWorkbook([cover, asSheet('人口', census), asSheet('2025年机构名录', facilities), asSheet('Sheet3', visits)], { sharedStringsLast: true, omitReferences: true }),
  );
  // How much Chinese text the shared strings hold, read back from the file written.
  const bytes = readFileSync(workbookPath);
  const name = bytes.lastIndexOf('xl/sharedStrings.xml');
  const header = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), name);
  const dataStart = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  sharedStringsBytes = inflateRawSync(bytes.subarray(dataStart, dataStart + bytes.readUInt32LE(header + 18))).length;
}, 120_000);

describe('a realistic Excel-layout workbook holding the whole submission', () => {
  it('has more than 800 KB of shared strings, stored after the sheets', () => {
    expect(sharedStringsBytes).toBeGreaterThan(800 * 1024);
    expect(statSync(workbookPath).size).toBeGreaterThan(0);
  });

  it('validates with no error, each table found in its sheet (the visits by their header)', async () => {
    const report = await validateData({ data: workbookPath, lang: 'en' });
    expect(report.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(report.inputs.map((input) => [input.table, input.sheet])).toEqual([
      ['census', '人口'],
      ['facilities', '2025年机构名录'],
      ['visits', 'Sheet3'],
    ]);
    const fromCsv = await validateData({ data: csvDir, lang: 'en' });
    expect(report.inputs.map(({ read, used, rejected, skipped }) => ({ read, used, rejected, skipped }))).toEqual(
      fromCsv.inputs.map(({ read, used, rejected, skipped }) => ({ read, used, rejected, skipped })),
    );
  });

  it('gives the numbers of the same city read from CSV, and of the reference implementation', async () => {
    const fromWorkbook = await buildReport({ data: workbookPath, period: '2025', by: 'street', lang: 'en' });
    const fromCsv = await buildReport({ data: csvDir, period: '2025', by: 'street', lang: 'en' });
    expect(fromWorkbook.areas).toEqual(fromCsv.areas);
    // The records the reference needs, through the API (which hands every service record to `onVisit`).
    const visits: Visit[] = [];
    const { census, facilities, assessments } = await loadSubmission(workbookPath, { onVisit: (visit) => visits.push(visit) });
    expect(visits).toHaveLength(12_000);
    const records = { census, facilities, visits, assessments };
    expect(comparable(fromWorkbook.areas)).toEqual(comparable(referenceReport({ ...records, period: { year: 2025, quarter: null }, plan: DEFAULT_PLAN, by: 'street' })));
  });
});
