/**
 * One fixture per failure mode (fixtures/invalid/<code>/): each plants one
 * problem, and its expected.json says the exit code and every issue it must
 * produce, by code, severity, table, row and column.
 */
import { describe, expect, it } from 'vitest';
import { expectPlantedIssues, fixtureCases, type ExpectedIssue } from './fixture-cases.js';
import { runCli } from './run-cli.js';

interface Expected {
  exit: number;
  command: 'validate' | 'report';
  args?: string[];
  issues: ExpectedIssue[];
}

const cases = fixtureCases<Expected>('fixtures/invalid');

describe('every failure mode has a fixture that produces its issue where it was planted', () => {
  it('covers at least the data issue codes of the specification', () => {
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });

  it.each(cases)('$name', async ({ dir, expected }) => {
    const argv = [expected.command, dir, ...(expected.args ?? [])];
    if (expected.exit === 2) {
      const result = await runCli(argv);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      return;
    }
    const result = await runCli([...argv, '--format', 'json']);
    expect(result.code, result.stderr).toBe(expected.exit);
    const report = JSON.parse(result.stdout) as { issues: ExpectedIssue[] };
    expectPlantedIssues(report.issues, expected.issues);
  });
});
