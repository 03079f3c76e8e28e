/**
 * Hostile and broken inputs (fixtures/hostile/<case>/, plus generated ones
 * too big to commit): every run ends with an exit code and located,
 * one-line messages, never a stack; nothing is polluted, lost or left live.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReport, validateData } from '../../src/api.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { makeTempDir } from '../io/temp-files.js';
import { expectPlantedIssues, fixtureCases, type ExpectedIssue } from './fixture-cases.js';
import { runCli } from './run-cli.js';

interface Expected {
  exit: number;
  command: 'validate' | 'report';
  args: string[];
  data?: string;
  fatal?: { code: string; file: string; row: number | null };
  issues: ExpectedIssue[];
}

interface JsonReport {
  inputs: { table: string; read: number; used: number; rejected: number; skipped: number }[];
  issues: (ExpectedIssue & { value: string | null; message: string })[];
  summary: { errors: number; warnings: number; infos: number };
}

const ROOT = 'fixtures/hostile';
const TINY = 'fixtures/tiny-city';
const cases = fixtureCases<Expected>(ROOT).map((each) => ({
  ...each,
  data: each.expected.data ? join(each.dir, each.expected.data) : each.dir,
}));

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('unreadable input stops with exit 2, one located line and no stack', () => {
  const fatalCases = cases.filter(({ expected }) => expected.exit === 2);

  it('has the unreadable cases of the issue', () => {
    expect(fatalCases.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['password-xlsx', 'truncated-xlsx', 'random-bytes-xlsx', 'lying-zip-header', 'corrupt-sheet-data', 'empty-directory', 'missing-path']),
    );
  });

  it.each(fatalCases)('$name', async ({ dir, data, expected }) => {
    for (const lang of ['en', 'zh']) {
      const result = await runCli([expected.command, data, ...expected.args, '--lang', lang]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      noStack(result.stderr);
      expect(result.stderr).not.toMatch(/internal error|内部错误/);
    }
    // The API throws the catalogued problem, located at the file (and row) it names.
    const run = expected.command === 'report' ? buildReport({ data, lang: 'en' }) : validateData({ data, lang: 'en' });
    const error = await run.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FatalInputError);
    const draft = (error as FatalInputError).draft;
    expect(draft.code).toBe(expected.fatal!.code);
    expect(draft.row).toBe(expected.fatal!.row);
    expect((draft.file ?? '').replace(/\/$/, '')).toBe(expected.fatal!.file === '.' ? dir : join(dir, expected.fatal!.file));
  });

  it('tells a password-protected workbook from a legacy one: the first is refused with the fix, the second read', async () => {
    const locked = await runCli(['validate', join(ROOT, 'password-xlsx'), '--lang', 'en']);
    const legacy = await runCli(['validate', join(ROOT, 'xls-renamed-xlsx'), '--lang', 'en', '--format', 'json']);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/password/i);
    expect(legacy.code, legacy.stderr).toBe(0);
    const inputs = (JSON.parse(legacy.stdout) as JsonReport).inputs;
    expect(inputs.find((input) => input.table === 'facilities')).toMatchObject({ read: 5, used: 5 });
  });

  it('lists every unreadable file of a run at once, one line each', async () => {
    const broken = (name: string) => readFileSync(join(ROOT, name));
    const dir = makeTempDir({
      'census.xlsx': broken('truncated-xlsx/data.xlsx'),
      'facilities.xlsx': broken('password-xlsx/facilities.xlsx'),
      'visits.xlsx': broken('random-bytes-xlsx/facilities.xlsx'),
    });
    const result = await runCli(['validate', dir, '--lang', 'en']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/census\.xlsx.*damaged/);
    expect(lines[1]).toMatch(/facilities\.xlsx.*password/);
    expect(lines[2]).toMatch(/visits\.xlsx.*damaged/);
    noStack(result.stderr);
  });
});

describe('broken structure is located, rows are all accounted for, nothing is polluted', () => {
  const dataCases = cases.filter(({ expected }) => expected.exit !== 2);

  it.each(dataCases)('$name', async ({ data, expected }) => {
    const result = await runCli([expected.command, data, ...expected.args, '--format', 'json', '--lang', 'en']);
    expect(result.code, result.stderr).toBe(expected.exit);
    noStack(result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    expectPlantedIssues(report.issues, expected.issues);
    for (const input of report.inputs) expect(input.read).toBe(input.used + input.rejected + input.skipped);
    for (const issue of report.issues) expect(issue.message).not.toContain('\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps ids named __proto__, constructor and hasOwnProperty as ordinary ids', async () => {
    const hostile = join(ROOT, 'prototype-headers');
    const renamed = (table: string) =>
      readFileSync(join(hostile, `${table}.csv`), 'utf8').replace(/__proto__|constructor|hasOwnProperty|prototype/g, (name) => `id-${name.length}`);
    const control = makeTempDir({ 'census.csv': renamed('census'), 'facilities.csv': renamed('facilities'), 'visits.csv': renamed('visits') });
    const report = await buildReport({ data: hostile, period: '2025', by: 'community', lang: 'en' });
    const expected = await buildReport({ data: control, period: '2025', by: 'community', lang: 'en' });
    expect(report.inputs.map(({ read, used }) => ({ read, used }))).toEqual(expected.inputs.map(({ read, used }) => ({ read, used })));
    expect(report.inputs.find((input) => input.table === 'facilities')?.used).toBe(7);
    expect(report.areas).toEqual(expected.areas);
  });
});

/** Every string a spreadsheet would run as a formula. */
const LIVE = /^[ \t\r]*[=+\-@]/;

describe('cell text starting with = + - @ never becomes a live formula in an output', () => {
  const data = join(ROOT, 'formula-payloads');
  const args = ['--period', '2025', '--by', 'community', '--lang', 'en'];

  it('report --format csv quotes every such cell', async () => {
    const result = await runCli(['report', data, ...args, '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('HYPERLINK');
    const cells = result.stdout.split(/\r?\n/).flatMap((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
    const live = cells.filter((cell) => LIVE.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
    expect(live).toEqual([]);
  });

  it('report --out x.xlsx holds no formula and no live text', async () => {
    const out = join(makeTempDir(), 'report.xlsx');
    const result = await runCli(['report', data, ...args, '--out', out]);
    expect(result.code).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    let texts = 0;
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.formula).toBeFalsy();
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            texts += 1;
            expect(LIVE.test(cell.value), cell.value).toBe(false);
          }
        });
      });
    });
    expect(texts).toBeGreaterThan(0);
    const names = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    expect(names).toContain('HYPERLINK');
  });

  it('a NUL byte in a value does not break the written workbook (XML cannot hold one)', async () => {
    const out = join(makeTempDir(), 'report.xlsx');
    const result = await runCli(['report', join(ROOT, 'nul-bytes'), '--period', '2025', '--out', out]);
    expect(result.code).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const text = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    expect(text).toContain('not-integer');
    expect(text).not.toContain('\\u0000');
  });

  it('validate --format json keeps the value as it was (JSON is data, not a spreadsheet)', async () => {
    const json = JSON.parse((await runCli(['validate', data, '--format', 'json'])).stdout) as JsonReport;
    expect(json.issues.find((issue) => issue.code === 'not-integer')?.value).toBe('=1+2');
  });
});

describe('abuse of size: bounded, located, capped', () => {
  const tiny = (table: string) => readFileSync(join(TINY, `${table}.csv`), 'utf8');

  it('a 5 MB cell is one located issue on its row', async () => {
    const lines = tiny('facilities').trimEnd().split('\n');
    const cells = lines[3].split(',');
    cells[1] = '托'.repeat(5 * 1024 * 1024 / 3);
    lines[3] = cells.join(',');
    const dir = makeTempDir({ 'census.csv': tiny('census'), 'facilities.csv': `${lines.join('\n')}\n`, 'visits.csv': tiny('visits') });
    const result = await runCli(['validate', dir, '--format', 'json', '--lang', 'en']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const big = report.issues.filter((issue) => issue.code === 'cell-too-large');
    expect(big).toHaveLength(1);
    expect(big[0]).toMatchObject({ table: 'facilities', row: 4 });
    expect((big[0].value ?? '').length).toBeLessThan(100);
    expect(result.stdout.length).toBeLessThan(200_000);
  });

  it('20,000 columns are one located issue, not 20,000', async () => {
    const lines = tiny('visits').trimEnd().split('\n');
    lines[4] = `${lines[4]}${',x'.repeat(20_000)}`;
    const dir = makeTempDir({ 'census.csv': tiny('census'), 'facilities.csv': tiny('facilities'), 'visits.csv': `${lines.join('\n')}\n` });
    const report = JSON.parse((await runCli(['validate', dir, '--format', 'json', '--lang', 'en'])).stdout) as JsonReport;
    const wide = report.issues.filter((issue) => issue.code === 'too-many-columns');
    expect(wide).toEqual([expect.objectContaining({ table: 'visits', row: 5 })]);
    expect(report.issues.length).toBeLessThan(10);
  });

  it('a header of 20,000 columns still finds its columns or says which are missing', async () => {
    const header = `area_code,area_name,year,population,infants_0_1,toddlers_1_3${',extra'.repeat(20_000)}`;
    const census = tiny('census').replace(/^[^\n]*/, header);
    const dir = makeTempDir({ 'census.csv': census, 'facilities.csv': tiny('facilities'), 'visits.csv': tiny('visits') });
    const result = await runCli(['validate', dir, '--format', 'json', '--lang', 'en']);
    expect([0, 1]).toContain(result.code);
    noStack(result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.issues.length).toBeLessThan(300);
  });

  it('caps each code at 100 per file with a note, and the summary still counts them all', async () => {
    const lines = tiny('facilities').trimEnd().split('\n');
    const rows = Array.from({ length: 350 }, (_, index) => `G${index},机构${index},339901001001,nursery,yes,约${index},0,0,no,no,,`);
    const dir = makeTempDir({ 'census.csv': tiny('census'), 'facilities.csv': `${[...lines, ...rows].join('\n')}\n`, 'visits.csv': tiny('visits') });
    const result = await runCli(['report', dir, '--period', '2025', '--format', 'json', '--lang', 'en']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.issues.filter((issue) => issue.code === 'not-integer')).toHaveLength(100);
    expect(report.issues.filter((issue) => issue.code === 'issues-truncated')).toEqual([
      expect.objectContaining({ table: 'facilities', value: 'not-integer' }),
    ]);
    expect(report.summary.errors).toBe(350);
    const facilities = report.inputs.find((input) => input.table === 'facilities')!;
    expect(facilities).toMatchObject({ read: 355, used: 5, rejected: 350 });
  });

  it('an unterminated quote near the start does not swallow the file silently', async () => {
    const lines = tiny('visits').trimEnd().split('\n');
    lines[1] = lines[1].replace(',guidance', ',"guidance');
    const dir = makeTempDir({ 'census.csv': tiny('census'), 'facilities.csv': tiny('facilities'), 'visits.csv': `${lines.join('\n')}\n` });
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    const report = JSON.parse((await runCli(['validate', dir, '--format', 'json', '--lang', 'en'])).stdout) as JsonReport;
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'unclosed-quote', table: 'visits', row: 2 }));
    const visits = report.inputs.find((input) => input.table === 'visits')!;
    expect(visits.rejected).toBeGreaterThanOrEqual(1);
  });
});
