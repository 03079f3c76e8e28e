import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/engine/indicators.js';
import { computeTrend, type Trend } from '../../src/engine/trend.js';
import {
  DIFFERENCE_FORMATS, formatDifference, renderTrend, renderTrendXlsx, TREND_HEADER_ROW, trendStatusLabel,
} from '../../src/format/render-trend.js';
import { FILL_COLORS, UNIT_FORMATS } from '../../src/format/xlsx-sheet.js';
import { aPeriodReport } from './builders.js';

function sampleTrend(): Trend {
  return computeTrend([
    aPeriodReport('2023', { slots_per_1000: { value: 2.75 }, guidance_rate_0_1: { value: 70 }, community_coverage: { value: 40 } }),
    aPeriodReport('2024', { slots_per_1000: { value: 3.5 }, guidance_rate_0_1: { value: 85.5 }, community_coverage: { value: 40 } }),
  ]);
}

const ANSI = /\u001b\[/;

describe('renderTrend', () => {
  it('json is the trend object itself', () => {
    const trend = sampleTrend();
    expect(JSON.parse(renderTrend(trend, { lang: 'zh', color: false, format: 'json' }))).toEqual(trend);
  });

  it('table: periods side by side, change, distance, pace and outlook, without colour codes when colour is off', () => {
    const text = renderTrend(sampleTrend(), { lang: 'en', color: false, format: 'table' });
    expect(text).not.toMatch(ANSI);
    const slots = text.split('\n').find((line) => line.includes('Childcare slots per 1,000'))!;
    // 2.75 → 3.5: +0.75 a year; 1.50 to go in 1 year; on track.
    expect(slots).toMatch(/2\.75\s.*3\.50\s.*\+0\.75\s.*≥ 5\s.*1\.50\s.*\+0\.75\s.*\+1\.50\s.*✗ off track/);
    const guidance = text.split('\n').find((line) => line.includes('Parenting-guidance'))!;
    // 70 → 85.5: +15.5 points a year, 4.5 to go: on track.
    expect(guidance).toMatch(/70\.0%\s.*85\.5%\s.*\+15\.5pp\s.*4\.5pp\s.*✓ on track/);
    expect(text).toContain('Target year: 2025');
  });

  it('table: colours the outlook when colour is on', () => {
    const text = renderTrend(sampleTrend(), { lang: 'zh', color: true, format: 'table' });
    expect(text).toMatch(ANSI);
    expect(text).toContain(trendStatusLabel('on_track', 'zh'));
  });

  it('md: one table row per indicator, pipes in data escaped', () => {
    const trend = { ...sampleTrend(), plan: { id: 'a|b', name: '方案|二' } };
    const md = renderTrend(trend, { lang: 'zh', color: false, format: 'md' });
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2 + INDICATOR_IDS.length);
    expect(md).toContain('方案\\|二');
    expect(rows[0]).toContain('| 2023 | 2024 |');
  });

  it.each([
    { value: 0.75, unit: 'per_1000' as const, text: '+0.75' },
    { value: -3, unit: 'percent' as const, text: '-3.0pp' },
    { value: 0.004, unit: 'per_1000' as const, text: '0.00' },
    { value: 12, unit: 'count' as const, text: '+12' },
    { value: null, unit: 'count' as const, text: 'n/a' },
  ])('formats a difference $value ($unit) as $text', ({ value, unit, text }) => {
    expect(formatDifference(value, unit, 'en')).toBe(text);
  });
});

describe('renderTrendXlsx', () => {
  it('holds the unrounded numbers with formats and the outlook as a fill', async () => {
    const trend = sampleTrend();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderTrendXlsx(trend, { lang: 'zh' })) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('趋势');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: TREND_HEADER_ROW });
    expect(sheet.getRow(TREND_HEADER_ROW).getCell(4).value).toBe('2023');
    trend.rows.forEach((row, i) => {
      const line = sheet.getRow(TREND_HEADER_ROW + 1 + i);
      expect(line.getCell(2).value).toBe(row.indicator);
      expect(line.getCell(4).value).toBe(row.values[0]);
      expect(line.getCell(5).value).toBe(row.values[1]);
      expect(line.getCell(4).numFmt).toBe(UNIT_FORMATS[INDICATORS[row.indicator].unit]);
    });
    const slots = sheet.getRow(TREND_HEADER_ROW + 1 + INDICATOR_IDS.indexOf('slots_per_1000'));
    expect(slots.getCell(6).value).toBeCloseTo(0.75, 10);
    expect(slots.getCell(6).numFmt).toBe(DIFFERENCE_FORMATS.per_1000);
    expect(slots.getCell(8).value).toBeCloseTo(1.5, 10);
    expect(slots.getCell(11).value).toBe(trendStatusLabel('off_track', 'zh'));
    expect((slots.getCell(11).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILL_COLORS.not_met);
    const guidance = sheet.getRow(TREND_HEADER_ROW + 1 + INDICATOR_IDS.indexOf('guidance_rate_0_1'));
    expect((guidance.getCell(11).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILL_COLORS.met);
  });

  it('neutralises text that came from the report files', async () => {
    const trend = sampleTrend();
    trend.periods[0] = { ...trend.periods[0], id: '=1+1' };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderTrendXlsx(trend, { lang: 'en' })) as unknown as ExcelJS.Buffer);
    const cell = workbook.worksheets[0].getRow(TREND_HEADER_ROW).getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=1+1`);
  });
});
