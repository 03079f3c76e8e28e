import { describe, expect, it } from 'vitest';
import { escapeCell, MARKDOWN_ISSUE_LIMIT, renderReportMarkdown } from '../../src/format/render-markdown.js';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { aReport, anArea, anIssue, manyAreas, notApplicable } from './builders.js';

/** Cells of a Markdown table row, honouring `\|` escapes. */
function cellsOf(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableLines(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      tables.push(current);
      current = null;
    }
  }
  if (current) tables.push(current);
  return tables;
}

describe('renderReportMarkdown', () => {
  it('has a title with the period, and the plan', () => {
    const text = renderReportMarkdown(aReport(), { lang: 'en' });
    expect(text.split('\n')[0]).toMatch(/^# .*2025Q2$/);
    expect(text).toContain('普惠托育服务三年行动方案 (default)');
  });

  it('summarises the total row: one line per indicator, rounded, with target and status', () => {
    const [summary] = tableLines(renderReportMarkdown(aReport(), { lang: 'zh' }));
    expect(summary).toHaveLength(2 + INDICATOR_IDS.length);
    expect(cellsOf(summary[2])).toEqual(['0-1岁婴幼儿家庭科学育儿指导率', '66.7% ✗', '≥ 90%', '未达标']);
  });

  it('keeps every row of every table as wide as its header, even with pipes in the data', () => {
    const report = aReport({
      areas: [anArea('', '全部', 'all'), anArea('330106', '西|湖|区', 'district')],
      issues: [anIssue({ message: 'a | b', column: 'x|y', file: 'c|d.csv' })],
    });
    report.areas[1].indicators.community_coverage = notApplicable('community_coverage', 'no | rows');
    const text = renderReportMarkdown(report, { lang: 'zh' });
    for (const table of tableLines(text)) {
      const width = cellsOf(table[0]).length;
      for (const line of table) expect(cellsOf(line)).toHaveLength(width);
    }
    expect(text).toContain('西\\|湖\\|区');
    expect(text).toContain('a \\| b');
  });

  it.each([
    { name: 'pipe', text: 'a|b', expected: 'a\\|b' },
    { name: 'backslash before pipe', text: 'a\\|b', expected: 'a\\\\\\|b' },
    { name: 'line break', text: 'a\nb', expected: 'a b' },
    { name: 'raw HTML', text: '<script>', expected: '&lt;script>' },
  ])('escapes a $name in a cell', ({ text, expected }) => {
    expect(escapeCell(text)).toBe(expected);
  });

  it('puts areas in columns when few and in rows when many', () => {
    const few = tableLines(renderReportMarkdown(aReport(), { lang: 'en' }))[1];
    expect(cellsOf(few[0])).toHaveLength(1 + 3);
    const many = tableLines(renderReportMarkdown(aReport({ areas: [anArea('', '全部', 'all'), ...manyAreas(8)] }), { lang: 'en' }))[1];
    expect(many).toHaveLength(2 + 8);
    expect(cellsOf(many[0])).toHaveLength(2 + INDICATOR_IDS.length);
  });

  it('lists n/a reasons once as numbered notes', () => {
    const report = aReport();
    report.areas[1].indicators.community_coverage = notApplicable('community_coverage', '未列出社区');
    report.areas[2].indicators.community_coverage = notApplicable('community_coverage', '未列出社区');
    const text = renderReportMarkdown(report, { lang: 'zh' });
    expect(text.match(/— \[1\]/g)).toHaveLength(2);
    expect(text).toContain('1. 未列出社区');
  });

  it(`lists the first ${MARKDOWN_ISSUE_LIMIT} issues and says how many more there are`, () => {
    const issues = Array.from({ length: MARKDOWN_ISSUE_LIMIT + 7 }, (_, i) => anIssue({ row: i + 2, message: `issue-${i}` }));
    const text = renderReportMarkdown(aReport({ issues }), { lang: 'en' });
    expect(text).toContain(`issue-${MARKDOWN_ISSUE_LIMIT - 1}`);
    expect(text).not.toContain(`issue-${MARKDOWN_ISSUE_LIMIT} `);
    expect(text).toContain('7 more groups of problems not listed: run tuoyu validate to see them all.');
    expect(text).toContain(`errors ${issues.length}`);
  });

  it('shows first the problems only a report finds, with their hints, and never sends the reader to validate for them', () => {
    const fallback = anIssue({
      severity: 'warning', code: 'census-year-fallback', table: 'census', row: null, column: null, cell: null, value: '2024',
      message: 'No census for 2025; the census of 2024 is used — Add that year’s census', hint: 'Add that year’s census',
    });
    const issues = [...Array.from({ length: MARKDOWN_ISSUE_LIMIT }, (_, i) => anIssue({ row: i + 2, message: `issue-${i}` })), fallback];
    const text = renderReportMarkdown(aReport({ issues }), { lang: 'en' });
    const problems = text.slice(text.lastIndexOf('## '));
    expect(problems.indexOf('census-year-fallback')).toBeLessThan(problems.indexOf('issue-0'));
    expect(problems).toContain('Add that year’s census');
    expect(problems).toContain('1 more groups of problems not listed: run tuoyu validate');
    const only = renderReportMarkdown(aReport({ issues: [{ ...fallback, severity: 'error', code: 'census-year-missing' }] }), { lang: 'en' });
    expect(only).toContain('census-year-missing');
    expect(only).not.toContain('tuoyu validate');
  });

  it('shows the input reconciliation', () => {
    const inputs = tableLines(renderReportMarkdown(aReport(), { lang: 'en' }))[2];
    expect(cellsOf(inputs[2])).toEqual(['census', 'census.csv', '120', '117', '1', '2']);
  });
});
