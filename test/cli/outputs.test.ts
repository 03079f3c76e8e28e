/**
 * The files tuoyu writes, as their readers meet them: the xlsx report read
 * back equals the JSON report, --out picks the format from its extension and
 * never overwrites an input, filled-in templates validate, trend compares
 * reports and refuses what is not one.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { runCli } from './run-cli.js';

const SAMPLE = 'fixtures/sample-city';
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tuoyu-outputs-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function reportJson(...extra: string[]): Promise<Report> {
  const result = await runCli(['report', SAMPLE, '--format', 'json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('report --out', () => {
  it.each([
    { file: 'r.json', check: (bytes: Buffer) => expect(JSON.parse(bytes.toString('utf8')).schemaVersion).toBe(1) },
    { file: 'r.md', check: (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/^# /) },
    { file: 'r.csv', check: (bytes: Buffer) => expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])) },
    { file: 'r.xlsx', check: (bytes: Buffer) => expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK') },
    { file: 'r.html', check: (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<svg/) },
    { file: 'r.htm', check: (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/^<!DOCTYPE html>/) },
  ])('$file: the format follows the extension', async ({ file, check }) => {
    const out = join(workDir, file);
    const result = await runCli(['report', SAMPLE, '--period', '2025', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    check(readFileSync(out));
  });

  it('the xlsx summary shows the same numbers as the JSON report', async () => {
    const json = await reportJson('--period', '2025');
    const out = join(workDir, 'summary.xlsx');
    expect((await runCli(['report', SAMPLE, '--period', '2025', '--out', out, '--lang', 'en'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const summary = workbook.worksheets[0];
    const total = json.areas[0].indicators;
    const seen = new Map<string, unknown>();
    let idColumn = 0;
    let valueColumn = 0;
    summary.eachRow((row) => {
      const values = row.values as unknown[];
      if (values.includes('ID') && values.includes('Value')) [idColumn, valueColumn] = [values.indexOf('ID'), values.indexOf('Value')];
      const id = values[idColumn];
      if (idColumn > 0 && typeof id === 'string' && (INDICATOR_IDS as readonly string[]).includes(id)) seen.set(id, values[valueColumn] ?? null);
    });
    for (const id of INDICATOR_IDS) {
      expect(seen.has(id), id).toBe(true);
      if (total[id].value !== null) expect(seen.get(id), id).toBeCloseTo(total[id].value as number, 9);
    }
  });

  it('refuses to write over an input, leaving it unchanged (exit 2)', async () => {
    const data = join(workDir, 'city');
    copyCity(data);
    const before = readFileSync(join(data, 'visits.csv'));
    const result = await runCli(['report', data, '--format', 'csv', '--out', join(data, 'visits.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(data, 'visits.csv')).equals(before)).toBe(true);
  });

  it('says in one line when the output folder does not exist (exit 2)', async () => {
    const result = await runCli(['report', SAMPLE, '--out', join(workDir, 'no', 'such', 'folder', 'r.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ENOENT/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('template', () => {
  it('writes workbooks and CSVs that, filled in by hand, validate clean', async () => {
    const dir = join(workDir, 'templates');
    const result = await runCli(['template', '--out', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['assessments.xlsx', 'census.xlsx', 'csv', 'facilities.xlsx', 'visits.xlsx']);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['assessments.csv', 'census.csv', 'facilities.csv', 'visits.csv']);

    await fillIn(join(dir, 'census.xlsx'), [
      ['330106', '西湖区', 2025, 1000, 10, 20],
      ['330106001', '北山街道', 2025, 1000, 10, 20],
    ]);
    await fillIn(join(dir, 'facilities.xlsx'), [
      ['F1', '小星星托育', '330106001', '托育机构', '是', 30, 2, 1, '否', '是', new Date(Date.UTC(2024, 0, 15)), null],
    ]);
    await fillIn(join(dir, 'visits.xlsx'), [
      ['R1', new Date(Date.UTC(2025, 2, 7)), '科学育儿指导', 'C1', new Date(Date.UTC(2024, 11, 1)), '330106001', null],
      ['R2', new Date(Date.UTC(2025, 3, 7)), '进社区进家庭指导', null, null, null, 'F1'],
    ]);
    await fillIn(join(dir, 'assessments.xlsx'), [
      ['F1', new Date(Date.UTC(2025, 4, 20)), '自评', 90, 120.5, 180, 200, 70, 190, 60, '是', 'B'],
    ]);
    const validated = await runCli(['validate', dir, '--format', 'json']);
    expect(validated.code, validated.stdout).toBe(0);
    const report = JSON.parse(validated.stdout) as Report;
    expect(report.inputs.map((input) => [input.table, input.used])).toEqual([
      ['census', 2],
      ['facilities', 1],
      ['visits', 2],
      ['assessments', 1],
    ]);
    // exceljs reads each validated range back as 10,000 cells: four workbooks take a while on a busy machine.
  }, 60_000);
});

describe('trend', () => {
  it('puts periods side by side and refuses files that are not reports', async () => {
    const year2024 = join(workDir, '2024.json');
    const year2025 = join(workDir, '2025.json');
    writeFileSync(year2024, JSON.stringify(await reportJson('--period', '2024')));
    writeFileSync(year2025, JSON.stringify(await reportJson('--period', '2025')));

    const table = await runCli(['trend', year2024, year2025, '--lang', 'en']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('2024');
    expect(table.stdout).toContain('2025');

    const json = await runCli(['trend', year2024, year2025, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toBeTypeOf('object');

    const notReport = join(workDir, 'not-a-report.json');
    writeFileSync(notReport, '{"hello": "world"}');
    const refused = await runCli(['trend', year2024, notReport]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not-a-report.json');
  });

  it('trends each district beside the total (--by district), and draws the trend as HTML', async () => {
    const files = [];
    for (const period of ['2024', '2025Q2', '2025']) {
      const file = join(workDir, `by-${period}.json`);
      writeFileSync(file, JSON.stringify(await reportJson('--period', period)));
      files.push(file);
    }
    const json = await runCli(['trend', ...files, '--by', 'district', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const trend = JSON.parse(json.stdout) as { areas: { code: string; name: string; rows: { indicator: string; values: unknown[] }[] }[]; periods: { id: string; yearToDate: boolean }[] };
    expect(trend.areas.map((a) => a.code)).toEqual(['339901', '339902', '339903', '339904']);
    expect(trend.periods.map((p) => [p.id, p.yearToDate])).toEqual([['2024', false], ['2025Q2', true], ['2025', false]]);
    expect(trend.areas[0].rows.find((r) => r.indicator === 'slots_per_1000')!.values).toHaveLength(3);
    const table = await runCli(['trend', ...files, '--by', 'district']);
    expect(table.stdout).toContain('东湖区（339901，区县）');

    const html = await runCli(['trend', ...files, '--out', join(workDir, 'trend.html')]);
    expect(html.code, html.stderr).toBe(0);
    expect(readFileSync(join(workDir, 'trend.html'), 'utf8').match(/<svg/g)).toHaveLength(INDICATOR_IDS.length);
  });

  it('takes the target year from the plan file the reports were made with (--plan), and refuses another plan', async () => {
    const planFile = join(workDir, 'city-2026.json');
    writeFileSync(planFile, JSON.stringify({ id: 'city-2026', name: '东湖市方案', base: 'default', targetYear: 2026, targets: {} }));
    const files = [];
    for (const period of ['2024', '2025']) {
      const file = join(workDir, `plan-${period}.json`);
      writeFileSync(file, JSON.stringify(await reportJson('--period', period, '--plan', planFile)));
      files.push(file);
    }
    const byFile = await runCli(['trend', ...files, '--plan', planFile, '--format', 'json']);
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(JSON.parse(byFile.stdout)).toMatchObject({ targetYear: 2026 });
    const byId = await runCli(['trend', ...files, '--format', 'json']);
    expect(JSON.parse(byId.stdout)).toMatchObject({ targetYear: 2025 });
    const other = await runCli(['trend', ...files, '--plan', 'national']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('national');
    expect(other.stderr).toContain('city-2026');
  });

  it('refuses reports made against different plans', async () => {
    const ours = join(workDir, 'default.json');
    const national = join(workDir, 'national.json');
    writeFileSync(ours, JSON.stringify(await reportJson('--period', '2024')));
    writeFileSync(national, JSON.stringify(await reportJson('--period', '2025', '--plan', 'national')));
    const refused = await runCli(['trend', ours, national]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});

function copyCity(target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(SAMPLE)) if (!name.endsWith('.md')) copyFileSync(join(SAMPLE, name), join(target, name));
}

/** Types rows into a template's first sheet the way a clerk would, below the header. */
async function fillIn(path: string, rows: unknown[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  rows.forEach((values, index) => {
    const row = sheet.getRow(index + 2);
    values.forEach((value, column) => {
      if (value !== null) row.getCell(column + 1).value = value as ExcelJS.CellValue;
    });
    row.commit();
  });
  await workbook.xlsx.writeFile(path);
}

describe('a workbook on a terminal', () => {
  it.each([
    { command: 'report', args: () => ['report', SAMPLE, '--format', 'xlsx'] },
    { command: 'quality', args: () => ['quality', SAMPLE, '--format', 'xlsx'] },
    {
      command: 'trend',
      args: () => {
        const file = join(workDir, 'trend-input.json');
        return ['trend', file, '--format', 'xlsx'];
      },
    },
  ])('$command --format xlsx is refused on a terminal (exit 2, one line, no bytes), and written when piped', async ({ command, args }) => {
    if (command === 'trend') {
      const report = await runCli(['report', SAMPLE, '--format', 'json', '--period', '2025']);
      writeFileSync(join(workDir, 'trend-input.json'), report.stdout);
    }
    const onTerminal = await runCli(args(), { tty: true });
    expect(onTerminal.code).toBe(2);
    expect(onTerminal.stdoutBytes.length).toBe(0);
    expect(onTerminal.stderr).toMatch(/--out/);
    const piped = await runCli(args());
    expect(piped.code, piped.stderr).toBeLessThanOrEqual(1);
    // An xlsx is a zip: it starts with PK.
    expect(piped.stdoutBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);
});
