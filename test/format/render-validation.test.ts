import { describe, expect, it } from 'vitest';
import {
  escapeAnnotationData,
  escapeAnnotationProperty,
  renderGithubAnnotations,
  renderJunit,
  renderValidationMarkdown,
  renderValidationText,
} from '../../src/format/render-validation.js';
import { aValidationReport, anInput, anIssue } from './builders.js';
import { ESC, xmlProblem, xmlUnescape } from './helpers.js';
import { IssueLog } from '../../src/issues/collector.js';
import { buildDraft } from '../issues/builders.js';

const MIXED = aValidationReport({
  issues: [
    anIssue({ row: 12 }),
    anIssue({ row: 3, severity: 'warning', code: 'duplicate-row', column: null, message: '与第2行重复' }),
    anIssue({ table: 'census', file: 'census.csv', row: null, column: 'population', code: 'missing-column', message: '缺少列「常住人口」' }),
    anIssue({ table: 'census', file: 'census.csv', row: 130, column: null, severity: 'info', code: 'total-row-skipped', message: '合计行已跳过' }),
  ],
});

describe('renderValidationText', () => {
  it('groups issues by file, each on one line with severity, code and the message, which says where once', () => {
    const text = renderValidationText(MIXED, { lang: 'zh', color: false });
    const facilities = text.slice(text.indexOf('facilities.csv（'), text.indexOf('visits.csv'));
    expect(facilities).toMatch(/\n  错误\s+not-integer\s+第12行「托位数」（F12）应为整数/);
    expect(facilities.match(/第12行/g)).toHaveLength(1);
    // by row within the file
    expect(facilities.indexOf('与第2行重复')).toBeLessThan(facilities.indexOf('第12行'));
    const census = text.slice(text.indexOf('census.csv（'), text.indexOf('facilities.csv（'));
    expect(census).toContain('missing-column');
    expect(census).toContain('total-row-skipped');
  });

  it('starts with a summary per code: severity, occurrences and groups, errors first', () => {
    const report = aValidationReport({
      issues: [
        anIssue({ code: 'unknown-area', count: 805, rows: [2, 3], column: 'area_code', value: '330106001001' }),
        anIssue({ code: 'unknown-area', count: 1, value: '330106009999' }),
        anIssue({ severity: 'warning', code: 'duplicate-row', count: 3 }),
      ],
    });
    const text = renderValidationText(report, { lang: 'en', color: false });
    expect(text.startsWith('Issues by code\n')).toBe(true);
    expect(text).toMatch(/^  error\s+unknown-area\s+806 × in 2 groups$/m);
    expect(text).toMatch(/^  warning\s+duplicate-row\s+3 × in 1 group$/m);
    expect(text.indexOf('unknown-area')).toBeLessThan(text.indexOf('duplicate-row'));
  });

  it('shows each input with its counts, and the files without issues', () => {
    const text = renderValidationText(MIXED, { lang: 'en', color: false });
    expect(text).toContain('read 120 · used 117 · rejected 1 · skipped 2');
    expect(text).toMatch(/visits\.csv \(visits\)\n.*\n\s+✓ no issues/);
  });

  it('ends with a summary line and a verdict', () => {
    const text = renderValidationText(MIXED, { lang: 'en', color: false });
    expect(text).toContain('Issues: errors 2 · warnings 1 · infos 1');
    expect(text).toContain('The data has errors');
    const clean = renderValidationText(aValidationReport(), { lang: 'zh', color: false });
    expect(clean).toContain('未发现错误');
  });

  it('puts an issue without a file in its own group', () => {
    const report = aValidationReport({ issues: [anIssue({ file: null, table: null, row: null, column: null, code: 'census-year-missing', message: 'no census' })] });
    expect(renderValidationText(report, { lang: 'en', color: false })).toMatch(/\(no file\)\n\s+error\s+census-year-missing\s+no census/);
  });

  it('colours severities only when asked, and never passes on escapes from the data', () => {
    expect(renderValidationText(MIXED, { lang: 'zh', color: true })).toContain('\u001b[31m');
    const hostile = aValidationReport({ issues: [anIssue({ message: 'bad \u001b[2J value', column: 'a\u001bb' })] });
    expect(renderValidationText(hostile, { lang: 'zh', color: false })).not.toContain(ESC);
  });
});

describe('renderValidationText of several submissions (SPEC §6, §8)', () => {
  const report = aValidationReport({
    inputs: [
      anInput({ file: '全市/人口.csv' }),
      anInput({ table: 'facilities', file: '东湖区/机构.csv' }),
      anInput({ table: 'visits', file: '东湖区/服务记录.csv' }),
      anInput({ table: 'facilities', file: '西岭区.xlsx', sheet: '机构' }),
      anInput({ table: 'visits', file: '西岭区.xlsx', sheet: '服务记录' }),
    ],
    submissions: [
      { name: '全市/', inputs: [{ table: 'census', file: '全市/人口.csv', sheet: null }], summary: { errors: 0, warnings: 0, infos: 0 } },
      {
        name: '东湖区/',
        inputs: [
          { table: 'facilities', file: '东湖区/机构.csv', sheet: null },
          { table: 'visits', file: '东湖区/服务记录.csv', sheet: null },
        ],
        summary: { errors: 1, warnings: 0, infos: 0 },
      },
      {
        name: '西岭区.xlsx',
        inputs: [
          { table: 'facilities', file: '西岭区.xlsx', sheet: '机构' },
          { table: 'visits', file: '西岭区.xlsx', sheet: '服务记录' },
        ],
        summary: { errors: 0, warnings: 0, infos: 1 },
      },
    ],
    issues: [
      anIssue({ file: '东湖区/机构.csv', message: 'slots not a number' }),
      anIssue({ file: '西岭区.xlsx', sheet: '服务记录', table: 'visits', severity: 'info', code: 'duplicate-across-submissions', message: 'same as 东湖区' }),
      anIssue({ file: null, table: 'assessments', row: null, column: null, code: 'missing-table', message: 'none of them has it' }),
    ],
  });
  const text = renderValidationText(report, { lang: 'en', color: false });
  const headings = ['Submission 1 of 3: 全市/', 'Submission 2 of 3: 东湖区/', 'Submission 3 of 3: 西岭区.xlsx', 'All submissions together'];

  it('a heading per submission with its verdict and counts, in the order given', () => {
    const at = headings.map((heading) => text.indexOf(heading));
    expect(at.every((index, i) => index > -1 && (i === 0 || index > at[i - 1]))).toBe(true);
    expect(text).toContain('Submission 2 of 3: 东湖区/  ✗ has errors (errors 1 · warnings 0 · infos 0)');
    expect(text).toContain('Submission 1 of 3: 全市/  ✓ passed (errors 0 · warnings 0 · infos 0)');
  });

  it('each file beneath its own submission, the issues at no file last', () => {
    const part = (i: number) => text.slice(text.indexOf(headings[i]), i + 1 < headings.length ? text.indexOf(headings[i + 1]) : undefined);
    expect(part(0)).toContain('全市/人口.csv (census)');
    expect(part(1)).toContain('东湖区/机构.csv (facilities)');
    expect(part(1)).toContain('slots not a number');
    expect(part(2)).toContain('西岭区.xlsx [服务记录] (visits)');
    expect(part(2)).toContain('same as 东湖区');
    expect(part(3)).toContain('none of them has it');
    expect(text.trimEnd().endsWith('The data has errors: fix them at the rows and columns above and submit again.')).toBe(true);
  });

  it('the job summary counts each submission', () => {
    const markdown = renderValidationMarkdown(report, { lang: 'en' });
    expect(markdown).toContain('| ✓ 全市/ | 0 | 0 | 0 |');
    expect(markdown).toContain('| ✗ 东湖区/ | 1 | 0 | 0 |');
  });
});

describe('renderGithubAnnotations', () => {
  it('writes one workflow command per group, errors of each file first, info as notice, then a summary', () => {
    const lines = renderGithubAnnotations(MIXED, { lang: 'en' }).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    // files in turn: census's error, facilities' error, census's note, facilities' warning
    expect(lines[0]).toMatch(/^::error file=census\.csv,title=missing-column \(column population\)::/);
    expect(lines[1]).toBe(`::error file=facilities.csv,line=12,title=not-integer (column 托位数%2C cell F12)::${MIXED.issues[0].message}`);
    expect(lines[2]).toMatch(/^::notice file=census\.csv,line=130,/);
    expect(lines[3]).toMatch(/^::warning file=facilities\.csv,line=3,title=duplicate-row/);
    expect(lines[4]).toBe('::error title=tuoyu validate::Issues: errors 2 · warnings 1 · infos 1 (4 groups)');
  });

  it('annotates at most 9 groups, shared over the files, and says in the tenth how many were left out', () => {
    const issues = [
      ...Array.from({ length: 30 }, (_, i) => anIssue({ row: i + 2, value: String(i) })),
      ...Array.from({ length: 5 }, (_, i) => anIssue({ file: 'census.csv', table: 'census', row: i + 2, value: String(i) })),
    ];
    const report = aValidationReport({ issues, summary: { errors: 35, warnings: 0, infos: 0 } });
    const lines = renderGithubAnnotations(report, { lang: 'zh' }).trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.filter((line) => line.includes('file=census.csv'))).toHaveLength(5);
    expect(lines[9]).toContain('另有 26 组未标注');
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeAnnotationData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeAnnotationProperty('C:\\data\\a,b.csv')).toBe('C%3A\\data\\a%2Cb.csv');
    const report = aValidationReport({
      issues: [anIssue({ file: 'data/人口,2025.csv', column: 'a:b', message: 'line1\nline2 50%' })],
    });
    const [line] = renderGithubAnnotations(report, { lang: 'en' }).split('\n');
    expect(line).toBe('::error file=data/人口%2C2025.csv,line=12,title=not-integer (column a%3Ab%2C cell F12)::line1%0Aline2 50%25');
  });

  it('leaves out file and line when an issue has none, and writes nothing without issues', () => {
    const report = aValidationReport({ issues: [anIssue({ file: null, row: null, column: null, code: 'census-year-missing', message: 'm' })] });
    expect(renderGithubAnnotations(report, { lang: 'en' }).split('\n')[0]).toBe('::error title=census-year-missing::m');
    expect(renderGithubAnnotations(aValidationReport())).toBe('');
  });
});

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? xmlUnescape(match[1]) : undefined;
}

describe('renderJunit', () => {
  it('is well-formed XML', () => {
    expect(xmlProblem(renderJunit(MIXED))).toBeNull();
    expect(xmlProblem(renderJunit(aValidationReport({ inputs: [] })))).toBeNull();
  });

  it('has one suite per input, one failure per error, warnings as skipped', () => {
    const xml = renderJunit(MIXED);
    const root = /<testsuites[^>]*>/.exec(xml)?.[0] ?? '';
    expect(attr(root, 'failures')).toBe('2');
    expect(attr(root, 'skipped')).toBe('1');
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml.match(/<skipped /g)).toHaveLength(1);
    const suites = [...xml.matchAll(/<testsuite [^>]*>/g)].map((m) => m[0]);
    expect(suites.map((s) => attr(s, 'name'))).toEqual(['census.csv', 'facilities.csv', 'visits.csv']);
    expect(suites.map((s) => attr(s, 'failures'))).toEqual(['1', '1', '0']);
    // counts in the root add up over the suites
    const tests = suites.reduce((sum, s) => sum + Number(attr(s, 'tests')), 0);
    expect(attr(root, 'tests')).toBe(String(tests));
    expect(xml.match(/<testcase /g)).toHaveLength(tests);
  });

  it('never leaves a suite empty: a file without errors has a passing testcase', () => {
    const xml = renderJunit(aValidationReport());
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).not.toContain('<failure');
  });

  it('fails the reconciliation testcase when rows do not add up', () => {
    const xml = renderJunit(aValidationReport({ inputs: [anInput({ read: 5, used: 3, rejected: 0, skipped: 0 })] }));
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });

  it('has one testcase per group, naming how many rows share it', () => {
    const xml = renderJunit(aValidationReport({ issues: [anIssue({ count: 805, rows: [2, 3, 4] })] }));
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('rows 12… (805 occurrences) · column 托位数 · not-integer');
    expect(xml).toContain('occurrences: 805');
  });

  it('gives testcases unique names, which GitLab needs', () => {
    const report = aValidationReport({ issues: [anIssue(), anIssue()] });
    const names = [...renderJunit(report).matchAll(/<testcase [^>]*>/g)].map((m) => attr(m[0], 'name'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('escapes markup and replaces characters XML 1.0 forbids, keeping the message readable', () => {
    const message = 'a <b> & "c" \'d\'\u0007\u0000 e\nf';
    const xml = renderJunit(aValidationReport({ issues: [anIssue({ message, value: '\u001b[31m' })] }));
    expect(xmlProblem(xml)).toBeNull();
    const failure = /<failure [^>]*>/.exec(xml)?.[0] ?? '';
    expect(attr(failure, 'message')).toBe('a <b> & "c" \'d\'\\u0007\\u0000 e\nf');
  });
});

describe('the well-formedness check used above', () => {
  it.each([
    { name: 'unbalanced', xml: '<a><b></a>' },
    { name: 'raw ampersand', xml: '<a>x & y</a>' },
    { name: 'raw < in an attribute', xml: '<a m="<"/>' },
    { name: 'forbidden character', xml: '<a>\u0007</a>' },
    { name: 'two roots', xml: '<a/><b/>' },
  ])('rejects $name', ({ xml }) => {
    expect(xmlProblem(xml)).not.toBeNull();
  });
});

describe('groups capped by --max-issues: every format says how many groups there are and how many are listed', () => {
  /** 5 values of not-integer in one file, 3 rows each, 2 groups kept: 15 occurrences, 2 of 5 groups listed. */
  function capped(lang: 'zh' | 'en') {
    const log = new IssueLog({ maxPerCodeAndFile: 2 });
    for (let row = 2; row < 17; row++) log.add(buildDraft({ row, value: String(row % 5) }));
    const { issues, summary } = log.render(lang, false);
    return aValidationReport({ issues, summary });
  }

  it.each([
    { lang: 'zh' as const, line: /错误\s+not-integer\s+15 处（列出 2 组，共 5 组）/ },
    { lang: 'en' as const, line: /error\s+not-integer\s+15 × \(2 of 5 groups listed\)/ },
  ])('text ($lang): the per-code summary', ({ lang, line }) => {
    const text = renderValidationText(capped(lang), { lang, color: false });
    expect(text.split('\n\n')[0]).toMatch(line);
  });

  it.each([
    { lang: 'zh' as const, summary: '（列出 2 组，共 5 组）；另有 3 组未标注，见任务摘要或 --format json（加 --max-issues 0 列出全部）' },
    { lang: 'en' as const, summary: ' (2 of 5 groups listed); 3 more groups not annotated: see the job summary or --format json (with --max-issues 0 to list them all)' },
  ])('GitHub ($lang): the summary annotation', ({ lang, summary }) => {
    const lines = renderGithubAnnotations(capped(lang), { lang }).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(lang === 'zh' ? '错误 15' : 'errors 15');
    expect(lines[2].endsWith(summary)).toBe(true);
  });

  it.each([
    { lang: 'zh' as const, row: '| 错误 | `not-integer` | 15 | 列出 2 组，共 5 组 |', more: '另有 3 组问题未在此列出（列出 2 组，共 5 组）。' },
    { lang: 'en' as const, row: '| error | `not-integer` | 15 | 2 of 5 groups listed |', more: '3 more groups not listed here (2 of 5 groups listed).' },
  ])('Markdown ($lang): the per-code table and the line under the groups', ({ lang, row, more }) => {
    const markdown = renderValidationMarkdown(capped(lang), { lang });
    expect(markdown).toContain(row);
    expect(markdown).toContain(more);
  });

  it('JUnit: occurrences in all, and the groups in all and listed', () => {
    const xml = renderJunit(capped('en'));
    expect(xml).toContain('<property name="error-occurrences" value="15"/>');
    expect(xml).toContain('<property name="issue-groups" value="5"/>');
    expect(xml).toContain('<property name="issue-groups-listed" value="2"/>');
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });

  it('says nothing of listing when every group is listed', () => {
    const report = aValidationReport({ issues: [anIssue({ count: 3 })] });
    expect(renderValidationText(report, { lang: 'en', color: false })).toMatch(/3 × in 1 group\n/);
    expect(renderJunit(report)).not.toContain('issue-groups');
  });
});
