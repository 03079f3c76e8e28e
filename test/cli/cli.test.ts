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
  ])('$name', async ({ argv }) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
  });
});
