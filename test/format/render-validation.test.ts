import { describe, expect, it } from 'vitest';
import {
  escapeAnnotationData,
  escapeAnnotationProperty,
  renderGithubAnnotations,
  renderJunit,
  renderValidationText,
} from '../../src/format/render-validation.js';
import { aValidationReport, anInput, anIssue } from './builders.js';
import { ESC, xmlProblem, xmlUnescape } from './helpers.js';

const MIXED = aValidationReport({
  issues: [
    anIssue({ row: 12 }),
    anIssue({ row: 3, severity: 'warning', code: 'duplicate-row', column: null, message: '与第2行重复' }),
    anIssue({ table: 'census', file: 'census.csv', row: null, column: 'population', code: 'missing-column', message: '缺少列「常住人口」' }),
    anIssue({ table: 'census', file: 'census.csv', row: 130, column: null, severity: 'info', code: 'total-row-skipped', message: '合计行已跳过' }),
  ],
});

describe('renderValidationText', () => {
  it('groups issues by file, each issue on one line with row, column, severity, code and message', () => {
    const text = renderValidationText(MIXED, { lang: 'zh', color: false });
    const facilities = text.slice(text.indexOf('facilities.csv'), text.indexOf('visits.csv'));
    expect(facilities).toMatch(/行 12 列「托位数」\s+错误\s+not-integer\s+第12行「托位数」应为整数/);
    // by row within the file
    expect(facilities.indexOf('行 3 ')).toBeLessThan(facilities.indexOf('行 12 '));
    const census = text.slice(text.indexOf('census.csv'), text.indexOf('facilities.csv'));
    expect(census).toContain('missing-column');
    expect(census).toContain('total-row-skipped');
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

describe('renderGithubAnnotations', () => {
  it('writes one workflow command per issue, info as notice', () => {
    const lines = renderGithubAnnotations(MIXED).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('::error file=facilities.csv,line=12,title=not-integer (column 托位数)::第12行「托位数」应为整数，现为「约100」');
    expect(lines[1]).toMatch(/^::warning file=facilities\.csv,line=3,title=duplicate-row::/);
    expect(lines[2]).toMatch(/^::error file=census\.csv,title=missing-column \(column population\)::/);
    expect(lines[3]).toMatch(/^::notice file=census\.csv,line=130,/);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeAnnotationData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeAnnotationProperty('C:\\data\\a,b.csv')).toBe('C%3A\\data\\a%2Cb.csv');
    const report = aValidationReport({
      issues: [anIssue({ file: 'data/人口,2025.csv', column: 'a:b', message: 'line1\nline2 50%' })],
    });
    const line = renderGithubAnnotations(report);
    expect(line).toBe('::error file=data/人口%2C2025.csv,line=12,title=not-integer (column a%3Ab)::line1%0Aline2 50%25\n');
  });

  it('leaves out file and line when an issue has none, and writes nothing without issues', () => {
    const report = aValidationReport({ issues: [anIssue({ file: null, row: null, column: null, code: 'census-year-missing', message: 'm' })] });
    expect(renderGithubAnnotations(report)).toBe('::error title=census-year-missing::m\n');
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
