/**
 * DATA… and the table flags as API options (SPEC §6, §8), the piece every
 * command that reads a city's tables shares: one DATA is one submission
 * whose tables the flags replace; several are one submission each, and the
 * flags one more, read first.
 */
import { describe, expect, it } from 'vitest';
import { readDataOptions, type RawDataFlags } from '../../src/cli/shared-options.js';
import type { CliContext } from '../../src/cli/context.js';

const context: CliContext = {
  stdout: () => {},
  stderr: () => {},
  env: { TUOYU_TODAY: '2026-01-31' },
  stdoutIsTTY: false,
  stderrIsTTY: false,
  cwd: '.',
};

describe('readDataOptions', () => {
  it.each<{ name: string; data: string[]; flags: RawDataFlags; sources: object[] }>([
    { name: 'nothing: the current folder', data: [], flags: {}, sources: [{ data: '.' }] },
    { name: 'one DATA', data: ['东湖区/'], flags: {}, sources: [{ data: '东湖区/' }] },
    { name: 'one table by its flag', data: [], flags: { facilities: '机构.xlsx' }, sources: [{ facilities: '机构.xlsx' }] },
    { name: 'one DATA and a flag: the flag replaces that table', data: ['东湖区/'], flags: { census: '人口.csv' }, sources: [{ data: '东湖区/', census: '人口.csv' }] },
    { name: 'several DATA: one submission each, in order', data: ['东湖区/', '西岭区/', '南港区.xlsx'], flags: {}, sources: [{ data: '东湖区/' }, { data: '西岭区/' }, { data: '南港区.xlsx' }] },
    {
      name: 'several DATA and flags: the flags are one more submission, read first',
      data: ['东湖区/', '西岭区/'], flags: { census: '全市人口.csv' }, sources: [{ census: '全市人口.csv' }, { data: '东湖区/' }, { data: '西岭区/' }],
    },
  ])('$name', ({ data, flags, sources }) => {
    const options = readDataOptions(data, flags, context);
    expect(options.sources!.map((source) => Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined)))).toEqual(sources);
    // One submission is also there as plain paths, for a caller that locates it itself.
    if (sources.length === 1) expect(options).toMatchObject(sources[0]);
    else expect(options.data).toBeUndefined();
    expect(options.today).toBe('2026-01-31');
  });

  it('passes --threads on as the API option, absent when not given (the API then uses the cores there are)', () => {
    expect(readDataOptions(['东湖区/'], { threads: 1 }, context).threads).toBe(1);
    expect(readDataOptions(['东湖区/'], {}, context).threads).toBeUndefined();
  });
});
