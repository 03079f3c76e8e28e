import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { formatFatal, renderIssue, summarizeIssues } from '../../src/issues/render.js';
import { buildDraft } from './builders.js';

describe('renderIssue', () => {
  it('copies the position and renders the message, with the cell and the hint, in the output language', () => {
    expect(renderIssue(buildDraft({ cell: 'F12' }), 'zh', false)).toEqual({
      severity: 'error', code: 'not-integer', table: 'facilities', file: 'facilities.csv', sheet: null, row: 12,
      column: '托位数', cell: 'F12', value: '约100', count: 1, rows: [12],
      message: '第12行「托位数」（F12）应为整数，实际为「约100」。只填数字，如 100 或 1,234，不要写文字；小数只用于表头带单位的列（如「常住人口（万人）」填 12.35），换算后须为整数',
      hint: '只填数字，如 100 或 1,234，不要写文字；小数只用于表头带单位的列（如「常住人口（万人）」填 12.35），换算后须为整数',
    });
    expect(renderIssue(buildDraft({ column: 'slots', cell: 'F12' }), 'en', false).message).toBe(
      'Row 12, “slots” (F12): expected a whole number, found “约100” — Digits only, e.g. 100 or 1,234, no words; decimals only under a header with a unit (12.35 under 常住人口（万人）), and they must scale to a whole number',
    );
  });

  it.each([
    {
      lang: 'zh' as const,
      count: 3,
      rows: [7, 9, 12],
      expected: '第7、9、12行「托位数」（F列）应为整数，实际为「约100」',
    },
    {
      lang: 'zh' as const,
      count: 812,
      rows: [7, 9, 12, 15, 18, 20],
      expected: '第7、9、12、15、18行等共812行「托位数」（F列）应为整数，实际为「约100」',
    },
    {
      lang: 'en' as const,
      count: 812,
      rows: [7, 9, 12, 15, 18, 20],
      expected: 'Rows 7, 9, 12, 15, 18 and 807 more (812 in all), “托位数” (column F): expected a whole number, found “约100”',
    },
  ])('a group of $count in $lang says where once, with its rows', ({ lang, count, rows, expected }) => {
    const issue = renderIssue({ ...buildDraft({ row: rows[0], cell: `F${rows[0]}` }), count, rows }, lang, false);
    expect(issue.message.startsWith(expected)).toBe(true);
    expect(issue.count).toBe(count);
  });

  it('names the cause of a follow-on issue', () => {
    const draft = buildDraft({
      code: 'unknown-area', table: 'visits', column: '区划代码', value: '330106001001',
      cause: { code: 'invalid-area-code', table: 'census', file: 'census.csv', row: 7 },
    });
    expect(renderIssue(draft, 'zh', false).message).toContain('（起因：人口表第7行「区划代码格式错误」）');
    expect(renderIssue(draft, 'en', false)).toMatchObject({
      cause: { code: 'invalid-area-code', row: 7 },
      message: expect.stringContaining('(caused by row 7 of the census: malformed area code)'),
    });
  });

  it.each([
    { table: 'census' as const, zh: '人口表', en: 'census' },
    { table: 'facilities' as const, zh: '机构表', en: 'facility registry' },
    { table: 'visits' as const, zh: '服务记录表', en: 'service records' },
    { table: 'assessments' as const, zh: '质量评估表', en: 'quality assessments' },
  ])('a cause in the $table table names that table in words', ({ table, zh, en }) => {
    const draft = buildDraft({ code: 'unknown-facility', table: 'visits', column: '机构编码', value: 'F1', cause: { code: 'invalid-area-code', table, file: 'f.csv', row: 3 } });
    expect(renderIssue(draft, 'zh', false).message).toContain(`（起因：${zh}第3行`);
    expect(renderIssue(draft, 'en', false).message).toContain(`row 3 of the ${en}:`);
  });

  it.each([
    { code: 'invalid-enum', suggestion: '托育机构 (nursery)', zh: '是否应为「托育机构 (nursery)」？', en: 'did you mean “托育机构 (nursery)”?' },
    { code: 'unknown-area', suggestion: '330106001001', zh: '是否应为「330106001001」（北山社区）？', en: 'did you mean “330106001001” (北山社区)?' },
  ])('$code suggests the nearest value', ({ code, suggestion, zh, en }) => {
    const params: Record<string, string> = code === 'unknown-area' ? { suggestion, suggestionName: '北山社区' } : { suggestion };
    expect(renderIssue(buildDraft({ code, params }), 'zh', false).message).toContain(zh);
    expect(renderIssue(buildDraft({ code, params }), 'en', false).message).toContain(en);
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
    severity, code, table: null, file: null, sheet: null, row: null, column: null, cell: null, value: null, count: 1, rows: [], message: '', hint: null,
  });

  it('counts by severity, adds what was dropped, and leaves out truncation notes', () => {
    const issues = [issue('error'), issue('error'), issue('warning'), issue('info'), issue('info', 'issues-truncated')];
    expect(summarizeIssues(issues)).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(summarizeIssues([{ ...issue('error'), count: 805 }])).toEqual({ errors: 805, warnings: 0, infos: 0 });
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
