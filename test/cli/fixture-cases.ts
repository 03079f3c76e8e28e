/**
 * What the fixture-driven CLI tests share: each fixtures/<kind>/<case>/
 * directory carries an expected.json naming every issue the case must
 * produce, by code, severity, table, row and column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface ExpectedIssue {
  code: string;
  severity: string;
  table: string | null;
  row: number | null;
  column: string | null;
}

/** Every case directory under `root` with its expected.json. */
export function fixtureCases<E>(root: string): { name: string; dir: string; expected: E }[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(root, entry.name);
      return { name: entry.name, dir, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as E };
    });
}

/** Each expected issue is found where it was planted, and nothing beyond what was planted is called an error. */
export function expectPlantedIssues(issues: readonly ExpectedIssue[], expected: readonly ExpectedIssue[]): void {
  const found = issues.map(({ code, severity, table, row, column }) => ({ code, severity, table, row, column }));
  for (const issue of expected) expect(found).toContainEqual(issue);
  const unexpectedErrors = found.filter(
    (issue) => issue.severity === 'error' && !expected.some((wanted) => wanted.code === issue.code),
  );
  expect(unexpectedErrors).toEqual([]);
}
