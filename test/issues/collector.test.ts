import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/issues/collector.js';
import { buildDraft } from './builders.js';

describe('IssueLog: one cause, one line (SPEC §5)', () => {
  it('keeps groups in the order first seen', () => {
    const log = new IssueLog();
    log.add(buildDraft({ row: 2 }));
    log.add(buildDraft({ code: 'duplicate-row', row: 3 }));
    expect(log.drafts().map((d) => [d.code, d.row])).toEqual([['not-integer', 2], ['duplicate-row', 3]]);
    expect(log.dropped()).toBe(0);
  });

  it('folds the same code, file, column and value into one group with its count and first 20 rows', () => {
    const log = new IssueLog();
    for (let row = 2; row < 32; row++) log.add(buildDraft({ row }));
    const [group] = log.drafts();
    expect(log.drafts()).toHaveLength(1);
    expect(group).toMatchObject({ code: 'not-integer', row: 2, count: 30 });
    expect(group.rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it.each([
    { name: 'value', other: { value: '约200' } },
    { name: 'column', other: { column: '托班数' } },
    { name: 'file', other: { file: 'other.csv' } },
    { name: 'sheet', other: { sheet: '机构2' } },
    { name: 'code', other: { code: 'negative-number' } },
  ])('a different $name is a group of its own', ({ other }) => {
    const log = new IssueLog();
    log.add(buildDraft({ row: 2 }));
    log.add(buildDraft({ row: 3, ...other }));
    expect(log.drafts().map((d) => d.count)).toEqual([1, 1]);
  });

  it('caps groups per (code, file), never folding a new value into another group, and counts what is not listed', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 3 });
    // 800 rows of one bad value, then 5 more values: 3 groups listed, 2 values (of 1 row each) counted.
    for (let row = 2; row < 802; row++) log.add(buildDraft({ row }));
    for (let i = 0; i < 5; i++) log.add(buildDraft({ row: 900 + i, value: `bad${i}` }));
    const drafts = log.drafts();
    expect(drafts.filter((d) => d.code === 'not-integer').map((d) => [d.value, d.count])).toEqual([['约100', 800], ['bad0', 1], ['bad1', 1]]);
    expect(drafts.filter((d) => d.code === 'issues-truncated')).toEqual([
      expect.objectContaining({ file: 'facilities.csv', table: 'facilities', row: null, params: { count: 3, code: 'not-integer', listed: 3, groups: 3 } }),
    ]);
    expect(log.summary(false)).toEqual({ errors: 805, warnings: 0, infos: 0 });
    expect(log.countOf('not-integer')).toBe(805);
  });

  it('0 lists every group', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 0 });
    for (let row = 2; row < 502; row++) log.add(buildDraft({ row, value: String(row) }));
    expect(log.drafts()).toHaveLength(500);
    expect(log.dropped()).toBe(0);
  });

  it('counts every occurrence by severity, strict turning warnings into errors', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 1 });
    for (let row = 2; row < 5; row++) log.add(buildDraft({ row, value: String(row) }));
    for (let row = 2; row < 4; row++) log.add(buildDraft({ code: 'duplicate-row', row }));
    for (let row = 2; row < 4; row++) log.add(buildDraft({ code: 'total-row-skipped', row, value: String(row) }));
    expect(log.summary(false)).toEqual({ errors: 3, warnings: 2, infos: 2 });
    expect(log.summary(true)).toEqual({ errors: 5, warnings: 0, infos: 2 });
  });

  it('renders groups with a summary of every occurrence, the notes not counted', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 2 });
    for (let row = 2; row < 102; row++) log.add(buildDraft({ row, value: String(row % 4) }));
    const { issues, summary } = log.render('en', false);
    expect(issues.map((i) => [i.code, i.count])).toEqual([['not-integer', 25], ['not-integer', 25], ['issues-truncated', 50]]);
    expect(issues[2].message).toBe('not-integer in facilities.csv: 2 of 4 groups listed; the other 2 (50 occurrences) are counted in the summary — Pass --max-issues 0 to list them all');
    expect(issues[2]).toMatchObject({ groups: 4, groupsListed: 2 });
    expect(log.render('zh', false).issues[2].message).toContain('「facilities.csv」中「not-integer」问题列出2组，共4组；其余2组（50处）未列出，已计入汇总');
    expect(summary).toEqual({ errors: 100, warnings: 0, infos: 0 });
  });

  it('works out lazy parameters only for a group that will be listed', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 1 });
    let calls = 0;
    const lazy = () => {
      calls++;
      return { params: { suggestion: '330106001001' } };
    };
    for (let row = 2; row < 1002; row++) log.add(buildDraft({ code: 'unknown-area', row, value: String(row) }), lazy);
    for (let row = 2; row < 1002; row++) log.add(buildDraft({ code: 'unknown-area', row, value: '2' }), lazy);
    expect(calls).toBe(1);
    expect(log.drafts()[0]).toMatchObject({ count: 1001, params: { suggestion: '330106001001' } });
  });

  it('stays small with a million bad rows of distinct values', () => {
    const log = new IssueLog();
    for (let row = 2; row < 1_000_002; row++) log.add(buildDraft({ row, value: String(row) }));
    expect(log.drafts()).toHaveLength(101);
    expect(log.summary(false).errors).toBe(1_000_000);
    // Groups not listed are told apart up to a bound, beyond which their number is a floor.
    expect(log.drafts()[100].params).toEqual({ count: 999_900, code: 'not-integer', listed: 100, groups: 100_000, groupsAtLeast: 1 });
    expect(log.render('en', false).issues[100].message).toContain('100 of at least 100100 groups listed');
  }, 120_000);
});
