import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/issues/collector.js';
import { buildDraft } from './builders.js';

describe('IssueLog', () => {
  it('keeps drafts in the order added while under the cap', () => {
    const log = new IssueLog();
    log.add(buildDraft({ row: 2 }));
    log.add(buildDraft({ code: 'duplicate-row', row: 3 }));
    expect(log.drafts().map((d) => d.row)).toEqual([2, 3]);
    expect(log.dropped()).toBe(0);
  });

  it('keeps at most the cap per (code, file), counts the rest and adds one note per capped pair', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 3 });
    for (let row = 2; row < 12; row++) log.add(buildDraft({ row }));
    for (let row = 2; row < 4; row++) log.add(buildDraft({ row, file: 'other.csv' }));
    for (let row = 2; row < 7; row++) log.add(buildDraft({ code: 'duplicate-row', row }));
    const drafts = log.drafts();
    expect(drafts.filter((d) => d.code === 'not-integer' && d.file === 'facilities.csv')).toHaveLength(3);
    expect(drafts.filter((d) => d.code === 'not-integer' && d.file === 'other.csv')).toHaveLength(2);
    expect(drafts.filter((d) => d.code === 'issues-truncated')).toEqual([
      expect.objectContaining({ file: 'facilities.csv', table: 'facilities', row: null, params: { count: 7, code: 'not-integer' } }),
      expect.objectContaining({ file: 'facilities.csv', params: { count: 2, code: 'duplicate-row' } }),
    ]);
    expect(log.dropped()).toBe(9);
    expect(log.countOf('not-integer')).toBe(12);
  });

  it('counts dropped issues by severity, strict turning warnings into errors', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 1 });
    for (let row = 2; row < 5; row++) log.add(buildDraft({ row }));
    for (let row = 2; row < 4; row++) log.add(buildDraft({ code: 'duplicate-row', row }));
    for (let row = 2; row < 4; row++) log.add(buildDraft({ code: 'total-row-skipped', row }));
    expect(log.droppedSummary(false)).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(log.droppedSummary(true)).toEqual({ errors: 3, warnings: 0, infos: 1 });
  });

  it('renders issues with a summary that includes what was dropped, notes excluded', () => {
    const log = new IssueLog({ maxPerCodeAndFile: 2 });
    for (let row = 2; row < 102; row++) log.add(buildDraft({ row }));
    const { issues, summary } = log.render('en', false);
    expect(issues).toHaveLength(3);
    expect(issues[2]).toMatchObject({ code: 'issues-truncated', severity: 'info', message: '98 more issues of code not-integer in facilities.csv not listed' });
    expect(summary).toEqual({ errors: 100, warnings: 0, infos: 0 });
  });

  it('defaults to 100 per (code, file)', () => {
    const log = new IssueLog();
    for (let row = 2; row < 252; row++) log.add(buildDraft({ row }));
    expect(log.drafts()).toHaveLength(101);
    expect(log.dropped()).toBe(150);
  });
});
