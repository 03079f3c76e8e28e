/**
 * Workbooks as LibreOffice writes them, read as a clerk's files would be: the
 * sample city's facility registry saved by LibreOffice as .xlsx and as
 * Excel 97–2003 .xls, its census converted from CSV with numbers and dates
 * recognised, and the service records as an .xlsx. Each combination gives
 * exactly the report of the original files. Needs LibreOffice (`soffice`);
 * run with `npm run test:office`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/api.js';
import type { Report } from '../../src/engine/report.js';

const SAMPLE = 'fixtures/sample-city';
let dir: string;
let original: Report;

/** `file` converted by LibreOffice with `filter`, saved as `target`. */
function convert(file: string, filter: string, target: string): void {
  const work = mkdtempSync(join(dir, 'convert-'));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', filter, '--infilter=CSV:44,34,76,1', '--outdir', work, file],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const written = readdirSync(work).find((name) => name !== 'profile');
  if (!written) throw new Error(`LibreOffice wrote nothing for ${file}`);
  renameSync(join(work, written), target);
  rmSync(work, { recursive: true, force: true });
}

function folder(name: string, files: Record<string, string>): string {
  const target = mkdtempSync(join(dir, `${name}-`));
  for (const [as, from] of Object.entries(files)) copyFileSync(from, join(target, as));
  return target;
}

const comparable = (report: Report) => ({
  areas: report.areas,
  counts: report.inputs.map(({ table, read, used, rejected, skipped }) => ({ table, read, used, rejected, skipped })),
  issues: report.issues.map(({ code, table, row, column, value }) => ({ code, table, row, column, value })),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuoyu-office-workbooks-'));
  convert(join(SAMPLE, 'facilities.xlsx'), 'xlsx:Calc MS Excel 2007 XML', join(dir, 'registry.xlsx'));
  convert(join(SAMPLE, 'facilities.xlsx'), 'xls:MS Excel 97', join(dir, 'registry.xls'));
  // The sample census is GBK, as Excel's CSV export writes it; LibreOffice's filter is told UTF-8.
  mkdirSync(join(dir, 'utf8'));
  writeFileSync(join(dir, 'utf8', 'census.csv'), iconv.decode(readFileSync(join(SAMPLE, 'census.csv')), 'gbk'));
  convert(join(dir, 'utf8', 'census.csv'), 'xlsx:Calc MS Excel 2007 XML', join(dir, 'census.xlsx'));
  convert(join(SAMPLE, 'visits.csv'), 'xlsx:Calc MS Excel 2007 XML', join(dir, 'visits.xlsx'));
  original = await buildReport({ data: SAMPLE, period: '2025', by: 'community', lang: 'en' });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workbooks written by LibreOffice give the report of the original files', () => {
  it.each([
    { name: 'the registry saved as .xlsx by LibreOffice', files: () => ({ '2025年机构名录.xlsx': join(dir, 'registry.xlsx') }) },
    { name: 'the same registry saved as .xls', files: () => ({ '2025年机构名录.xls': join(dir, 'registry.xls') }) },
    { name: 'the .xls renamed .xlsx (read by its bytes)', files: () => ({ 'facilities.xlsx': join(dir, 'registry.xls') }) },
    { name: 'the .xls as a WPS .et', files: () => ({ '机构.et': join(dir, 'registry.xls') }) },
    {
      name: 'every table a LibreOffice workbook',
      files: () => ({ '西湖区人口统计表2025.xlsx': join(dir, 'census.xlsx'), '机构.xls': join(dir, 'registry.xls'), '服务记录.xlsx': join(dir, 'visits.xlsx') }),
    },
  ])('$name', async ({ name, files }) => {
    const chosen = files();
    const base: Record<string, string> = {
      'census.csv': join(SAMPLE, 'census.csv'),
      'facilities.xlsx': join(SAMPLE, 'facilities.xlsx'),
      'visits.csv': join(SAMPLE, 'visits.csv'),
      '质量评估.csv': join(SAMPLE, '质量评估.csv'),
    };
    // Each chosen file takes the place of its table's original.
    for (const as of Object.keys(chosen)) {
      const table = /人口|census/.test(as) ? 'census' : /机构|facilities/.test(as) ? 'facilities' : 'visits';
      for (const key of Object.keys(base)) if (key.startsWith(table)) delete base[key];
    }
    const data = folder(name.replace(/\W+/g, '-'), { ...base, ...chosen });
    const report = await buildReport({ data, period: '2025', by: 'community', lang: 'en' });
    expect(comparable(report).areas).toEqual(comparable(original).areas);
    expect(comparable(report).counts).toEqual(comparable(original).counts);
    expect(comparable(report).issues).toEqual(comparable(original).issues);
    expect(report.inputs.every((input) => input.sha256.length === 64)).toBe(true);
  });
});
