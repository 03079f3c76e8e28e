import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { formatFatal, renderIssue, summarizeIssues } from '../../src/issues/render.js';
import { buildDraft } from './builders.js';

describe('renderIssue', () => {
  it('copies the position and renders the message in the output language', () => {
    expect(renderIssue(buildDraft(), 'zh', false)).toEqual({
      severity: 'error', code: 'not-integer', table: 'facilities', file: 'facilities.csv', sheet: null, row: 12,
      column: '托位数', value: '约100', message: '第12行「托位数」应为整数，实际为「约100」',
    });
    expect(renderIssue(buildDraft({ column: 'slots' }), 'en', false).message).toBe('Row 12, “slots”: expected a whole number, found “约100”');
  });

  it.each([
    { code: 'duplicate-row', strict: false, severity: 'warning' },
    { code: 'duplicate-row', strict: true, severity: 'error' },
    { code: 'total-row-skipped', strict: true, severity: 'info' },
    { code: 'not-integer', strict: false, severity: 'error' },
    { code: 'no-such-code', strict: false, severity: 'error' },
  ])('$code with strict=$strict is $severity', ({ code, strict, severity }) => {
    expect(renderIssue(buildDraft({ code }), 'en', strict).severity).toBe(severity);
  });

  it('an uncatalogued code still renders its position and value', () => {
    const { message } = renderIssue(buildDraft({ code: 'no-such-code' }), 'en', false);
    expect(message).toContain('Row 12');
    expect(message).toContain('no-such-code');
    expect(message).toContain('约100');
  });
});

describe('summarizeIssues', () => {
  const issue = (severity: Issue['severity'], code = 'x'): Issue => ({
    severity, code, table: null, file: null, sheet: null, row: null, column: null, value: null, message: '',
  });

  it('counts by severity, adds what was dropped, and leaves out truncation notes', () => {
    const issues = [issue('error'), issue('error'), issue('warning'), issue('info'), issue('info', 'issues-truncated')];
    expect(summarizeIssues(issues)).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(summarizeIssues(issues, { errors: 10, warnings: 1, infos: 0 })).toEqual({ errors: 12, warnings: 2, infos: 1 });
  });
});

describe('formatFatal', () => {
  it.each([
    {
      name: 'an encoding error names the file, the row and the fix',
      draft: buildDraft({ code: 'encoding-error', file: 'census.csv', row: 3, column: null, value: null, params: { encoding: 'GBK' } }),
      lang: 'zh' as const,
      expected: 'census.csv：第3行含有无法按GBK解读的字节。文件不是 GBK/UTF-8 编码？请用 --encoding 指定',
    },
    {
      name: 'an unsupported format says to save as .xlsx',
      draft: buildDraft({ code: 'unsupported-format', file: 'data/机构.xls', row: null, column: null, value: '.xls' }),
      lang: 'en' as const,
      expected: 'data/机构.xls: Cannot read this file format: “.xls” — Save it as .xlsx or .csv in Excel/WPS',
    },
    {
      name: 'a missing file is not named twice',
      draft: buildDraft({ code: 'file-not-found', file: 'nope.csv', row: null, column: null, value: 'nope.csv' }),
      lang: 'en' as const,
      expected: 'No such file or directory: “nope.csv” — Check the path',
    },
  ])('$name', ({ draft, lang, expected }) => {
    expect(formatFatal(draft, lang)).toBe(expected);
  });

  it('is always one line', () => {
    const line = formatFatal(buildDraft({ code: 'internal-error', value: 'a\nb\r\nc' }), 'en');
    expect(line).not.toMatch(/[\r\n]/);
  });
});
