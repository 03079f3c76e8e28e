/**
 * `tuoyu report DATA…` and `tuoyu validate DATA…` (SPEC §6, §8) as a city's
 * analyst and a CI job run them: the districts' submissions reported as one
 * city, each submission checked under its own name, the exit code the worst
 * of them. fixtures/split-city is the sample city as its districts send it
 * (scripts/make-split-city.mjs).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, ValidationReport } from '../../src/engine/report.js';
import { makeTempDir } from '../io/temp-files.js';
import { runCli } from './run-cli.js';

const TODAY = { TUOYU_TODAY: '2026-01-31' };
const SPLIT = 'fixtures/split-city';
const SPLIT_DATA = ['全市', '东湖区', '南山区', '北塘区', '西岭县.xlsx'].map((name) => join(SPLIT, name));
const TINY = 'fixtures/tiny-city';

type Edit = (lines: string[]) => string[];

/** The tiny city in a temp folder, its tables changed by `edit` (their CSV lines); a table edited to null is left out. */
function tinyCity(edit: Partial<Record<'census' | 'facilities' | 'visits', Edit | null>> = {}): string {
  const files: Record<string, string> = {};
  for (const table of ['census', 'facilities', 'visits'] as const) {
    const change = edit[table];
    if (change === null) continue;
    const lines = readFileSync(join(TINY, `${table}.csv`), 'utf8').trimEnd().split('\n');
    files[`${table}.csv`] = `${(change ?? ((l) => l))(lines).join('\n')}\n`;
  }
  return makeTempDir(files);
}

/** The tiny city's facilities and records as a second district (3399 02…), without a census of its own. */
function secondDistrict(edit: (lines: string[]) => string[] = (lines) => lines): string {
  const moved = (table: string) =>
    readFileSync(join(TINY, `${table}.csv`), 'utf8')
      .replaceAll('339901', '339902')
      .replace(/^F0/gm, 'G0')
      .replace(/,F0/g, ',G0')
      .replace(/^V0/gm, 'W0')
      .replace(/C00/g, 'D00');
  return makeTempDir({ 'facilities.csv': moved('facilities'), 'visits.csv': edit(moved('visits').trimEnd().split('\n')).join('\n') + '\n' });
}

/** The tiny city's census with the second district's rows added. */
function cityCensus(): string {
  const lines = readFileSync(join(TINY, 'census.csv'), 'utf8').trimEnd().split('\n');
  return makeTempDir({ '人口.csv': [...lines, ...lines.slice(1).map((line) => line.replace('339901', '339902'))].join('\n') + '\n' });
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('fixtures/split-city', () => {
  it('is what scripts/make-split-city.mjs writes from the sample city', () => {
    const out = makeTempDir();
    execFileSync(process.execPath, ['scripts/make-split-city.mjs', out], { stdio: 'pipe' });
    expect(filesUnder(out)).toEqual(filesUnder(SPLIT));
    for (const file of filesUnder(SPLIT)) expect(readFileSync(join(out, file)).equals(readFileSync(join(SPLIT, file))), file).toBe(true);
  });
});

describe('tuoyu report DATA…', () => {
  it('the city split into district folders gives the numbers of the city as one submission, for every period and level', async () => {
    for (const [period, by] of [['2025', 'community'], ['2025Q2', 'street'], ['2024', 'district']]) {
      const split = await runCli(['report', ...SPLIT_DATA, '--period', period, '--by', by, '--format', 'json'], { env: TODAY });
      const whole = await runCli(['report', 'fixtures/sample-city', '--period', period, '--by', by, '--format', 'json'], { env: TODAY });
      expect(split.code).toBe(0);
      const report = JSON.parse(split.stdout) as Report;
      expect(report.areas).toEqual((JSON.parse(whole.stdout) as Report).areas);
      expect(report.submissions?.map((part) => part.name)).toEqual(SPLIT_DATA);
    }
  });

  it('the rows sent twice are counted once, each at its own row', async () => {
    const result = await runCli(['report', ...SPLIT_DATA, '--period', '2025', '--format', 'json', '--max-issues', '0'], { env: TODAY });
    const report = JSON.parse(result.stdout) as Report;
    const repeats = report.issues.filter((issue) => issue.code === 'duplicate-across-submissions');
    // 北塘区 sends its 17 census rows of each year again; 南山区 ends with 东湖区's first three records.
    expect(repeats.reduce((n, issue) => n + issue.count, 0)).toBe(37);
    expect(repeats.find((issue) => issue.value === 'FW01-000001')).toMatchObject({
      file: join(SPLIT, '南山区', '服务记录.csv'), row: 6292, column: '记录编号', cell: 'A6292',
    });
    const byTable = (table: string) => report.inputs.filter((input) => input.table === table).reduce((n, input) => n + input.used, 0);
    expect([byTable('census'), byTable('facilities'), byTable('visits'), byTable('assessments')]).toEqual([116, 102, 22_465, 121]);
  });

  it('the census alone, then each district: both districts reported, exit 1 for a district’s error, listed under the table', async () => {
    const bad = secondDistrict((lines) => [...lines, 'W099,2025-13-01,guidance,D009,2024-12-01,339902001001,']);
    const result = await runCli(['report', cityCensus(), tinyCity({ census: null }), bad, '--period', '2025', '--lang', 'en', '--format', 'json'], { env: TODAY });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.areas.filter((area) => area.level === 'district').map((area) => area.code)).toEqual(['339901', '339902']);
    // Both districts' inclusive slots: the tiny city's 120, twice.
    expect(report.areas[0].indicators.inclusive_slots.value).toBe(240);
    expect(report.issues.filter((issue) => issue.severity === 'error')).toMatchObject([{ code: 'invalid-date', file: join(bad, 'visits.csv'), row: 15 }]);
    const table = await runCli(['report', cityCensus(), tinyCity({ census: null }), bad, '--period', '2025', '--lang', 'en'], { env: TODAY });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('invalid-date');
  });
});

describe('tuoyu validate DATA…', () => {
  it.each(['validate', 'report', 'quality'])('%s: --sheet with several submissions is said at once (exit 2), not passed over', async (command) => {
    const result = await runCli([command, ...SPLIT_DATA, '--sheet', '2025年', '--lang', 'en'], { env: TODAY });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--sheet 2025年 applies to one submission, and 5 are given');
    expect(result.stdout).toBe('');
  });

  it('each submission under its own name, its files beneath; exit 1 when one has an error', async () => {
    const clean = tinyCity();
    const broken = tinyCity({ facilities: (lines) => lines.map((line) => line.replace(',60,', ',约60,')) });
    const result = await runCli(['validate', clean, broken, '--lang', 'en'], { env: TODAY });
    expect(result.code).toBe(1);
    const first = result.stdout.indexOf(`Submission 1 of 2: ${clean}`);
    const second = result.stdout.indexOf(`Submission 2 of 2: ${broken}`);
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    const [underFirst, underSecond] = [result.stdout.slice(first, second), result.stdout.slice(second)];
    expect(underFirst.split('\n')[0]).toContain('✓ passed');
    expect(underSecond.split('\n')[0]).toContain('✗ has errors (errors 1');
    // The error is under the broken submission, at its file; the clean one's files have nothing wrong.
    expect(underSecond).toContain(`${join(broken, 'facilities.csv')} (facilities)`);
    expect(underSecond).toMatch(/error\s+not-integer\s+Row 3, “slots”/);
    expect(underFirst).not.toContain('not-integer');
    // Every record of the clean city is in the broken one too, identical: counted once, at the later submission's rows.
    expect(underSecond).toContain('duplicate-across-submissions');
  });

  it('exit 0 when no submission has an error (warnings and infos allowed); --strict makes the warnings count', async () => {
    const result = await runCli(['validate', cityCensus(), tinyCity({ census: null }), secondDistrict(), '--lang', 'en'], { env: TODAY });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Submission 3 of 3');
    expect((await runCli(['validate', cityCensus(), tinyCity({ census: null }), secondDistrict(), '--strict'], { env: TODAY })).code).toBe(1);
  });

  it('JSON keeps SPEC §7’s single object, issues at their own file, with each submission and its counts', async () => {
    const clean = tinyCity();
    const broken = secondDistrict((lines) => [...lines, 'W099,2025-13-01,guidance,D009,2024-12-01,339902001001,']);
    const census = cityCensus();
    const result = await runCli(['validate', census, clean, broken, '--format', 'json'], { env: TODAY });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidationReport;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'inputs', 'submissions', 'issues', 'summary']);
    expect(report.submissions!.map((part) => [part.name, part.summary.errors])).toEqual([[census, 0], [clean, 0], [broken, 1]]);
    expect(report.issues.find((issue) => issue.code === 'invalid-date')).toMatchObject({ file: join(broken, 'visits.csv'), row: 15 });
    // The tiny city's census repeats the city's rows for 339901: identical, counted once.
    expect(report.submissions![1].summary.infos).toBe(7);
  });

  it('GitHub annotations and JUnit group by file, whichever submission it belongs to', async () => {
    const clean = tinyCity();
    const broken = tinyCity({ facilities: (lines) => lines.map((line) => line.replace(',60,', ',约60,')) });
    const github = await runCli(['validate', clean, broken, '--format', 'github', '--lang', 'en'], { env: TODAY });
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(`::error file=${join(broken, 'facilities.csv')},line=3,`);
    const junit = await runCli(['validate', clean, broken, '--format', 'junit'], { env: TODAY });
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain(`<testsuite name="${join(broken, 'facilities.csv')}"`);
    expect(junit.stdout).toContain(`<testsuite name="${join(clean, 'facilities.csv')}"`);
  });

  it('--census beside several DATA is one more submission, read first', async () => {
    const census = join(cityCensus(), '人口.csv');
    const result = await runCli(['validate', tinyCity({ census: null }), secondDistrict(), '--census', census, '--format', 'json'], { env: TODAY });
    const report = JSON.parse(result.stdout) as ValidationReport;
    expect(result.code).toBe(0);
    expect(report.submissions!.map((part) => part.name)[0]).toBe(census);
  });

  it('one folder given twice is a usage error: one line, exit 2', async () => {
    const result = await runCli(['validate', TINY, `${TINY}/`, '--lang', 'en'], { env: TODAY });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is part of more than one submission');
  });

  it('the help says DATA may be several', async () => {
    const result = await runCli(['validate', '--help', '--lang', 'en']);
    expect(result.stdout).toContain('[data...]');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('several are the submissions of one city');
  });
});
