/**
 * One fixture per failure mode (fixtures/invalid/<code>/): each plants one
 * problem, and its expected.json says the exit code and every issue it must
 * produce, by code, severity, table, row and column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface ExpectedIssue {
  code: string;
  severity: string;
  table: string | null;
  row: number | null;
  column: string | null;
}

interface Expected {
  exit: number;
  command: 'validate' | 'report';
  args?: string[];
  issues: ExpectedIssue[];
}

const ROOT = 'fixtures/invalid';
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    name: entry.name,
    dir: join(ROOT, entry.name),
    expected: JSON.parse(readFileSync(join(ROOT, entry.name, 'expected.json'), 'utf8')) as Expected,
  }));

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
    const found = report.issues.map(({ code, severity, table, row, column }) => ({ code, severity, table, row, column }));
    for (const issue of expected.issues) expect(found).toContainEqual(issue);
    // Nothing beyond what was planted is called an error.
    const unexpectedErrors = found.filter(
      (issue) => issue.severity === 'error' && !expected.issues.some((wanted) => wanted.code === issue.code),
    );
    expect(unexpectedErrors).toEqual([]);
  });
});
