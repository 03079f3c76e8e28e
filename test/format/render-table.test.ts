import { describe, expect, it } from 'vitest';
import { renderReportTable } from '../../src/format/render-table.js';
import { INDICATORS, INDICATOR_IDS } from '../../src/engine/indicators.js';
import { aReport, anArea, anInput, anIssue, manyAreas, notApplicable } from './builders.js';
import { ESC, columns, tableBlocks } from './helpers.js';

describe('renderReportTable', () => {
  it('contains no escape code at all when colour is off', () => {
    const report = aReport();
    report.areas[1].indicators.community_coverage = notApplicable('community_coverage', '未列出社区');
    for (const lang of ['zh', 'en'] as const) {
      expect(renderReportTable(report, { lang, color: false })).not.toContain(ESC);
    }
  });

  it('colours met green and not met red when colour is on', () => {
    const text = renderReportTable(aReport(), { lang: 'zh', color: true });
    expect(text).toContain('\u001b[32m'); // green: a met indicator
    expect(text).toContain('\u001b[31m'); // red: 66.7% against ≥ 90%
  });

  it('keeps an escape code in the data off the terminal', () => {
    const report = aReport({ areas: [anArea('', '全部', 'all'), anArea('330106', '西湖\u001b[2J区', 'district')] });
    expect(renderReportTable(report, { lang: 'zh', color: false })).not.toContain(ESC);
  });

  it('lines up every table with CJK names: all lines of a table are equally wide', () => {
    const report = aReport({ areas: [anArea('', '全部', 'all'), ...manyAreas(9)] });
    for (const lang of ['zh', 'en'] as const) {
      const blocks = tableBlocks(renderReportTable(report, { lang, color: false, width: 120 }));
      expect(blocks.length).toBeGreaterThan(1);
      for (const block of blocks) {
        const widths = new Set(block.map(columns));
        expect([...widths]).toHaveLength(1);
      }
    }
  });

  it.each([80, 120, 160])('fits %i columns and still shows every area', (width) => {
    const areas = [anArea('', '全部', 'all'), ...manyAreas(12)];
    const text = renderReportTable(aReport({ areas }), { lang: 'zh', color: false, width });
    for (const block of tableBlocks(text)) expect(columns(block[0])).toBeLessThanOrEqual(width);
    for (const area of areas) expect(text).toContain(area.name);
  });

  it('shows rounded values with their status mark and the targets', () => {
    const text = renderReportTable(aReport(), { lang: 'en', color: false });
    expect(text).toContain('66.7% ✗');
    expect(text).toContain('4.87 ✗');
    expect(text).toContain('≥ 90%');
    expect(text).toContain('≥ 2000');
    expect(text).not.toMatch(/66\.66/);
  });

  it.each(['zh', 'en'] as const)('lists every indicator name in full (%s), wrapped but never cut', (lang) => {
    const [table] = tableBlocks(renderReportTable(aReport(), { lang, color: false }));
    const firstColumn = table.map((line) => line.split('│')[1] ?? '').join('').replace(/\s/g, '');
    for (const id of INDICATOR_IDS) expect(firstColumn).toContain(INDICATORS[id].name[lang].replace(/\s/g, ''));
  });

  it('gives an n/a its reason once, as a footnote', () => {
    const report = aReport();
    const reason = '该区人口表未列出社区，无法计算社区覆盖率';
    report.areas[1].indicators.community_coverage = notApplicable('community_coverage', reason);
    report.areas[2].indicators.community_coverage = notApplicable('community_coverage', reason);
    const text = renderReportTable(report, { lang: 'zh', color: false });
    expect(text.match(/— \[1\]/g)).toHaveLength(2);
    expect(text.split(reason)).toHaveLength(2);
    expect(text).toContain(`[1] ${reason}`);
  });

  it('shows the period, the plan and the input reconciliation', () => {
    const report = aReport({ inputs: [anInput({ file: '人口.xlsx', sheet: '2025', read: 10, used: 7, rejected: 2, skipped: 1 })] });
    const text = renderReportTable(report, { lang: 'zh', color: false });
    expect(text).toContain('2025Q2');
    expect(text).toContain('2025-06-30');
    expect(text).toContain('普惠托育服务三年行动方案');
    expect(text).toMatch(/人口\.xlsx \[2025\]\s*│\s*10\s*│\s*7\s*│\s*2\s*│\s*1\s*│/);
    expect(text).not.toContain('≠');
  });

  it('flags inputs whose rows do not add up', () => {
    const report = aReport({ inputs: [anInput({ read: 10, used: 7, rejected: 1, skipped: 1 })] });
    expect(renderReportTable(report, { lang: 'en', color: false })).toContain('read ≠ used + rejected + skipped');
  });

  it('lists its own problems under the numbers, with location and hint, and does not send the reader elsewhere', () => {
    const withErrors = renderReportTable(aReport({ issues: [anIssue()] }), { lang: 'zh', color: false });
    expect(withErrors).toContain('错误 1');
    expect(withErrors).toContain('影响上述数字的问题');
    expect(withErrors).toMatch(/错误\s+not-integer\s+facilities\.csv：第12行「托位数」（F12）应为整数，实际为「约100」。只填数字/);
    expect(withErrors).not.toContain('tuoyu validate');
    const warning = anIssue({ severity: 'warning', code: 'census-year-fallback', row: null, column: null, file: 'census.csv', message: 'No census for 2026; the census of 2025 is used' });
    const clean = renderReportTable(aReport({ issues: [warning] }), { lang: 'en', color: false });
    expect(clean).toContain('warnings 1');
    expect(clean).toContain('census.csv: No census for 2026; the census of 2025 is used');
    expect(clean).not.toContain('tuoyu validate');
  });

  it('never lists infos among the problems', () => {
    const text = renderReportTable(aReport({ issues: [anIssue({ severity: 'info', code: 'total-row-skipped', message: 'total row' })] }), { lang: 'en', color: false });
    expect(text).not.toContain('total row');
  });

  it('renders a report without areas', () => {
    const text = renderReportTable(aReport({ areas: [] }), { lang: 'en', color: false });
    expect(tableBlocks(text).length).toBeGreaterThan(0);
  });
});
