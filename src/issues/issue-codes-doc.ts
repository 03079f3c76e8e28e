/**
 * docs/issue-codes.md, generated from the catalogue so that the two cannot
 * drift apart (a test compares the file with this output).
 */
import { ISSUE_CATALOGUE, type IssueSpec } from './catalogue.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderIssueCodesMarkdown(): string {
  const entries = (Object.entries(ISSUE_CATALOGUE) as [string, IssueSpec][]).sort(
    ([a, x], [b, y]) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || a.localeCompare(b),
  );
  const lines = [
    '# Issue codes',
    '',
    'Every problem tuoyu reports carries one of these codes. Codes are stable: they',
    'are never renamed. An `error` rejects its row (or, for a file-level issue, the',
    'table) and makes the exit code 1; a `warning` keeps the row; `info` says what',
    'was done. `--strict` turns warnings into errors.',
    '',
    'This file is generated from `src/issues/catalogue.ts`; after changing the',
    'catalogue, run `npx vitest run test/issues -u` to regenerate it.',
    '',
    '| code | severity | 问题 | issue | 建议 | what to do |',
    '|---|---|---|---|---|---|',
  ];
  for (const [code, spec] of entries) {
    lines.push(
      `| \`${code}\` | ${spec.severity} | ${escapeCell(spec.title.zh)} | ${escapeCell(spec.title.en)} | ${escapeCell(spec.hint?.zh ?? '')} | ${escapeCell(spec.hint?.en ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
