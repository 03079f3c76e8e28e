/**
 * Files as districts submit them, written by LibreOffice rather than by
 * tuoyu (scripts/make-messy-city.mjs): title rows and merged titles above
 * the header, units and line breaks in headers, English headers in odd
 * cases, padded and numeric codes, text numbers with separators and
 * full-width digits, every boolean and date spelling, blank rows, 小计 rows.
 * The correct city must pass with only its notes-column warnings and
 * total-row infos; the planted copy must report each planted problem at
 * the row Excel shows and the column as its header reads — and the
 * follow-ons two census rows rejected for their numbers set off in the
 * facilities and records of their areas —, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface Located {
  code: string;
  severity: string;
  table: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
}

interface Expected {
  exit: number;
  issues: Located[];
}

interface ReportIssue extends Located {
  message: string;
  rows: number[];
}

const CLEAN = 'fixtures/messy-city';
const PLANTED = 'fixtures/messy-city-planted';
const expectedOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
const located = ({ code, severity, table, row, column, value }: Located): Located => ({ code, severity, table, row, column, value });
const byPosition = (a: Located, b: Located) =>
  `${a.table}|${String(a.row).padStart(6, '0')}|${a.code}`.localeCompare(`${b.table}|${String(b.row).padStart(6, '0')}|${b.code}`);

async function validate(dir: string, lang: 'zh' | 'en' = 'zh') {
  const result = await runCli(['validate', dir, '--format', 'json', '--lang', lang]);
  return { code: result.code, stderr: result.stderr, issues: (JSON.parse(result.stdout) as { issues: ReportIssue[] }).issues };
}

describe('a messy but correct city written by LibreOffice', () => {
  it('validates with exactly the expected warnings and infos', async () => {
    const expected = expectedOf(CLEAN);
    const { code, stderr, issues } = await validate(CLEAN);
    expect(code, stderr).toBe(expected.exit);
    expect(issues.map(located).sort(byPosition)).toEqual([...expected.issues].sort(byPosition));
  });

  it('uses every data row it reads', async () => {
    const result = await runCli(['validate', CLEAN, '--format', 'json']);
    const inputs = (JSON.parse(result.stdout) as { inputs: { table: string; read: number; used: number; rejected: number; skipped: number }[] }).inputs;
    expect(inputs.map(({ table, read, used, rejected, skipped }) => ({ table, read, used, rejected, skipped }))).toEqual([
      { table: 'census', read: 11, used: 9, rejected: 0, skipped: 2 },
      { table: 'facilities', read: 10, used: 10, rejected: 0, skipped: 0 },
      { table: 'visits', read: 11, used: 11, rejected: 0, skipped: 0 },
    ]);
  });
});

/** Words a message must carry beyond row, column and value, where the value alone does not say what was wanted. */
const SAYS_WHAT_IS_EXPECTED: Record<string, { zh: string[]; en: string[] }> = {
  'invalid-date': { zh: ['应为有效日期（如2025-03-07）'], en: ['expected a real date such as 2025-03-07'] },
  'extra-cells': { zh: ['N列在表头之外'], en: ['column N is beyond the last header column'] },
  'classes-new-exceeds-total': { zh: ['大于托班数1'], en: ['exceed the toddler classes in all (1)'] },
  'unknown-column': { zh: ['第3行表头中的列「备注」'], en: ['Row 3: column “备注”'] },
};

describe('the same city with one planted problem of each kind', () => {
  const expected = expectedOf(PLANTED);

  it('reports every planted problem where it was planted, and nothing else', async () => {
    const { code, stderr, issues } = await validate(PLANTED);
    expect(code, stderr).toBe(expected.exit);
    expect(issues.map(located).sort(byPosition)).toEqual([...expected.issues].sort(byPosition));
  });

  const planted = expected.issues.filter((issue) => issue.severity !== 'info');
  it.each(planted.map((issue) => ({ ...issue, name: `${issue.code} at ${issue.table} row ${issue.row}` })))(
    'a clerk reading $name is told the row, the column as written and the value',
    async (issue) => {
      for (const lang of ['zh', 'en'] as const) {
        const { issues } = await validate(PLANTED, lang);
        const found = issues.find((i) => i.code === issue.code && i.table === issue.table && i.row === issue.row);
        expect(found, lang).toBeDefined();
        const message = found?.message ?? '';
        // A group of rows (the records of one community whose census row was rejected) names them all.
        const rows = found?.rows ?? [issue.row];
        expect(message).toContain(lang === 'zh' ? `第${rows.join('、')}行` : `Row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}`);
        if (issue.column !== null) expect(message).toContain(issue.column);
        if (issue.value !== null) expect(message).toContain(issue.value);
        for (const words of SAYS_WHAT_IS_EXPECTED[issue.code]?.[lang] ?? []) expect(message).toContain(words);
      }
    },
  );
});
