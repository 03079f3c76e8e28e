import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/engine/indicators.js';
import { computeTrend } from '../../src/engine/trend.js';
import { breakLines, niceCeiling } from '../../src/format/charts.js';
import { escapeHtml, renderReportHtml, renderTrendHtml } from '../../src/format/render-html.js';
import { aPeriodReport, aReport, anArea, anIssue } from './builders.js';

/** The figures of the page: each an <h3> caption and an inline SVG. */
function figures(html: string): { caption: string; svg: string }[] {
  return [...html.matchAll(/<figure><h3>([^<]*)<\/h3>(<svg[\s\S]*?<\/svg>)/g)].map((m) => ({ caption: m[1], svg: m[2] }));
}

const report = aReport({
  areas: [
    anArea('', '全部', 'all', { community_coverage: { value: null, reason: '人口表未列出社区' } }),
    anArea('330102', '上城区', 'district', { slots_per_1000: { value: 3.2 } }),
    anArea('330105', '<b>拱墅区</b>', 'district'),
    anArea('330106', '西湖区', 'district'),
  ],
  issues: [anIssue(), anIssue({ row: 13 }), anIssue({ severity: 'warning', code: 'unknown-column', value: '<script>x</script>', message: '未知列 <script>' })],
});

describe('renderReportHtml', () => {
  it('is one page that needs no script and no network: no script, no address, styles inline', async () => {
    const html = await renderReportHtml(report, { lang: 'zh', date: '2025-07-03' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<link|@import|url\(|src=/i);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/font-family: 'Noto Sans CJK SC'/);
  });

  it('draws a bar chart by area for every indicator with a target, the target as a line, and the overview charts', async () => {
    const html = await renderReportHtml(report, { lang: 'zh' });
    const drawn = figures(html);
    const withTarget = INDICATOR_IDS.filter((id) => report.areas.some((a) => a.indicators[id].target !== null));
    for (const id of withTarget) {
      const chart = drawn.find((f) => f.caption === escapeHtml(INDICATORS[id].name.zh));
      expect(chart, id).toBeDefined();
      // The areas are the categories; the dashed line is the target.
      expect(chart!.svg).toContain('上城区');
      expect(chart!.svg).toContain('stroke-dasharray');
      expect(chart!.svg).toMatch(/目标 ≥/);
    }
    expect(drawn.find((f) => f.caption === escapeHtml(INDICATORS.inclusive_slots.name.zh))).toBeUndefined();
    expect(drawn.map((f) => f.caption)).toEqual(expect.arrayContaining(['合计：各指标占目标的比例', '各地区达标指标数']));
    expect(drawn.length).toBe(withTarget.length + 2);
  });

  it('says met and not met in words, shows why a value is n/a, escapes names from the data', async () => {
    const html = await renderReportHtml(report, { lang: 'zh' });
    expect(html).toContain('未达标');
    expect(html).toContain('达标');
    expect(html).toContain('[1] 人口表未列出社区');
    expect(html).toContain('&lt;b&gt;拱墅区&lt;/b&gt;');
    expect(html).not.toContain('<b>拱墅区');
    expect(html).not.toContain('<script>x');
  });

  it('heads the page with the title, 填报单位 and 制表日期; --title replaces the title', async () => {
    const html = await renderReportHtml(report, { lang: 'zh', unit: '东湖市卫健委', date: '2025-07-03' });
    expect(html).toContain('<h1>2025年1—6月普惠托育服务三年行动方案指标监测表</h1>');
    expect(html).toContain('填报单位：东湖市卫健委');
    expect(html).toContain('制表日期：2025年7月3日');
    expect(await renderReportHtml(report, { lang: 'en', title: 'East Lake 2025' })).toContain('<h1>East Lake 2025</h1>');
  });

  it('lists issues one line per cause with count and rows', async () => {
    const html = await renderReportHtml(report, { lang: 'zh' });
    expect(html).toMatch(/<td class="num">2<\/td><td>12、13<\/td>/);
  });
});

describe('renderTrendHtml', () => {
  const trend = computeTrend([
    aPeriodReport('2023', { slots_per_1000: { value: 3 }, new_inclusive_toddler_classes: { value: 52 } }),
    aPeriodReport('2024', { slots_per_1000: { value: 4 }, new_inclusive_toddler_classes: { value: 30 } }),
    aPeriodReport('2025Q2', { slots_per_1000: { value: 4.2 }, new_inclusive_toddler_classes: { value: 20 } }),
  ], { targetYear: 2025, by: 'district' });

  it('draws each indicator over the periods against its target, with the areas as further lines', async () => {
    const html = await renderTrendHtml(trend, { lang: 'zh' });
    expect(html).not.toMatch(/<script|https?:/i);
    const drawn = figures(html);
    expect(drawn).toHaveLength(INDICATOR_IDS.length);
    const slots = drawn.find((f) => f.caption === escapeHtml(INDICATORS.slots_per_1000.name.zh))!;
    expect(slots.svg).toContain('2025Q2*');
    expect(slots.svg).toContain('目标 ≥ 5');
    expect(slots.svg).toContain('上城区');
    // A per-year quantity: each year's verdict in words.
    const classes = drawn.find((f) => f.caption === escapeHtml(INDICATORS.new_inclusive_toddler_classes.name.zh))!;
    expect(classes.svg).toContain('目标 ≥ 50/年');
    expect(html).toContain('年内进行中');
  });
});

describe('breakLines', () => {
  it.each([
    { text: '0-1岁婴幼儿家庭科学育儿指导率', per: 8, lines: '0-1岁婴幼儿家\n庭科学育儿指导率' },
    { text: 'Parenting-guidance rate, families with infants under 1', per: 26, lines: 'Parenting-guidance rate,\nfamilies with infants\nunder 1' },
    { text: 'a b c d e f g h', per: 3, lines: 'a b\nc d\ne …' },
  ])('$text', ({ text, per, lines }) => {
    expect(breakLines(text, per)).toBe(lines);
  });
});

describe('niceCeiling', () => {
  it.each([
    [0.9, 1], [1, 1], [1.1, 1.2], [4.7, 5], [6.3, 8], [93, 100], [2160, 2500], [0, 1],
  ])('%d → %d', (value, ceiling) => {
    expect(niceCeiling(value)).toBe(ceiling);
  });
});
