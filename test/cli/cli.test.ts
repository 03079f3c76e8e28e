import { describe, expect, it } from 'vitest';
import { buildReport, validateData } from '../../src/api.js';
import { runCli } from './run-cli.js';

const SAMPLE = 'fixtures/sample-city';

describe('tuoyu validate', () => {
  it('passes the sample city with exit 0', async () => {
    const result = await runCli(['validate', SAMPLE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints as JSON exactly what the API returns', async () => {
    const result = await runCli(['validate', SAMPLE, '--format', 'json']);
    expect(JSON.parse(result.stdout)).toEqual(await validateData({ data: SAMPLE, lang: 'zh' }));
  });
});

describe('exit codes follow the issues', () => {
  it.each([
    { name: 'a warning alone exits 0', argv: ['validate', 'fixtures/invalid/unknown-column'], code: 0 },
    { name: '--strict makes a warning an error (exit 1)', argv: ['validate', 'fixtures/invalid/unknown-column', '--strict'], code: 1 },
    { name: 'an error exits 1', argv: ['validate', 'fixtures/invalid/not-integer'], code: 1 },
    { name: 'report still produced with errors, exit 1', argv: ['report', 'fixtures/invalid/not-integer', '--format', 'json'], code: 1 },
  ])('$name', async ({ argv, code }) => {
    const result = await runCli(argv);
    expect(result.code, result.stderr).toBe(code);
    if (argv.includes('json')) expect(JSON.parse(result.stdout).areas.length).toBeGreaterThan(0);
  });

  it('--strict reports the warning as an error in JSON', async () => {
    const result = await runCli(['validate', 'fixtures/invalid/unknown-column', '--strict', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { issues: { code: string; severity: string; count: number }[]; summary: { errors: number; warnings: number } };
    expect(report.issues.find((issue) => issue.code === 'unknown-column')?.severity).toBe('error');
    expect(report.summary.warnings).toBe(0);
    expect(report.summary.errors).toBe(report.issues.filter((issue) => issue.severity === 'error').reduce((n, issue) => n + issue.count, 0));
  });
});

describe('one table on its own', () => {
  it('validates alone: the other tables are not missing (a district CI job checks one file)', async () => {
    for (const argv of [
      ['validate', '--facilities', `${SAMPLE}/facilities.xlsx`, '--format', 'json'],
      ['validate', `${SAMPLE}/visits.csv`, '--format', 'json'],
    ]) {
      const result = await runCli(argv);
      expect(result.code, result.stdout).toBe(0);
      expect(JSON.parse(result.stdout).issues).toEqual([]);
    }
  });

  it('is not enough for a report, which lists the missing tables (exit 1)', async () => {
    const result = await runCli(['report', '--facilities', `${SAMPLE}/facilities.xlsx`, '--format', 'json', '--period', '2025']);
    expect(result.code).toBe(1);
    const codes = (JSON.parse(result.stdout) as { issues: { code: string; table: string; severity: string }[] }).issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.code} ${i.table}`);
    expect(codes).toEqual(['missing-table census', 'missing-table visits']);
  });

  it('a data folder is a whole submission: a missing table is an error', async () => {
    const result = await runCli(['validate', 'fixtures/invalid/sheet-not-found', '--format', 'json']);
    expect(result.code).toBe(1);
  });
});

describe('output language', () => {
  it('is Chinese by default, English with --lang en or TUOYU_LANG=en', async () => {
    const argv = ['validate', 'fixtures/invalid/not-integer'];
    expect((await runCli(argv)).stdout).toContain('应为整数');
    expect((await runCli([...argv, '--lang', 'en'])).stdout).toContain('expected a whole number');
    expect((await runCli(argv, { env: { TUOYU_LANG: 'en' } })).stdout).toContain('expected a whole number');
  });

  it('names the plan in the output language', async () => {
    const plan = async (lang: string) =>
      JSON.parse((await runCli(['report', SAMPLE, '--format', 'json', '--lang', lang])).stdout).plan as { id: string; name: string };
    expect(await plan('zh')).toEqual({ id: 'default', name: '普惠托育服务三年行动方案' });
    expect(await plan('en')).toEqual({ id: 'default', name: 'Three-year action plan for inclusive childcare' });
  });
});

describe('tuoyu report', () => {
  it('prints as JSON exactly what the API returns', async () => {
    const result = await runCli(['report', SAMPLE, '--format', 'json', '--period', '2025', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(await buildReport({ data: SAMPLE, period: '2025', lang: 'en' }));
  });

  it('prints a table without colour codes when not on a terminal', async () => {
    const result = await runCli(['report', SAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('每千人口');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('colours the table on a terminal unless NO_COLOR is set', async () => {
    expect((await runCli(['report', SAMPLE], { tty: true })).stdout).toContain('\u001b[');
    expect((await runCli(['report', SAMPLE], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});

describe('usage and I/O failures exit 2 with one line and no stack', () => {
  it.each([
    { name: 'unknown flag', argv: ['report', SAMPLE, '--bogus'] },
    { name: 'bad format', argv: ['validate', SAMPLE, '--format', 'pdf'] },
    { name: 'bad level', argv: ['report', SAMPLE, '--by', 'planet'] },
    { name: 'missing path', argv: ['validate', 'no/such/dir'] },
    { name: 'bad period', argv: ['report', SAMPLE, '--period', '2025Q5'] },
    { name: 'missing plan file', argv: ['report', SAMPLE, '--plan', 'no-such-plan.json'] },
    { name: 'unknown command', argv: ['frobnicate'] },
    { name: 'xlsx to a terminal', argv: ['report', SAMPLE, '--format', 'xlsx'], tty: true },
  ])('$name', async ({ argv, tty }) => {
    const result = await runCli(argv, { tty });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
  });
});
