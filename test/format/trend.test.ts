import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/engine/indicators.js';
import { computeTrend, type Trend } from '../../src/engine/trend.js';
import {
  DIFFERENCE_FORMATS, formatDifference, renderTrend, renderTrendXlsx, TREND_HEADER_ROW, TREND_LEAD_COLUMNS, trendStatusLabel,
} from '../../src/format/render-trend.js';
import { displayWidth } from '../../src/format/text-width.js';
import { FILL_COLORS, UNIT_FORMATS } from '../../src/format/xlsx-sheet.js';
import { aPeriodReport, anArea } from './builders.js';

function sampleTrend(): Trend {
  return computeTrend([
    aPeriodReport('2023', { slots_per_1000: { value: 2.75 }, guidance_rate_0_1: { value: 70 }, new_inclusive_toddler_classes: { value: 52 } }),
    aPeriodReport('2024', { slots_per_1000: { value: 3.5 }, guidance_rate_0_1: { value: 85.5 }, new_inclusive_toddler_classes: { value: 30 } }),
    aPeriodReport('2025Q2', { slots_per_1000: { value: 3.9 }, guidance_rate_0_1: { value: 40 }, new_inclusive_toddler_classes: { value: 20 } }),
  ], { targetYear: 2025 });
}

function byDistrictTrend(): Trend {
  const areas = (total: number, east: number) => [
    anArea('', '全部', 'all', { slots_per_1000: { value: total } }),
    anArea('339901', '东湖区', 'district', { slots_per_1000: { value: east } }),
  ];
  return computeTrend([
    aPeriodReport('2023', {}, { areas: areas(3, 2) }),
    aPeriodReport('2024', {}, { areas: areas(3.5, 2.5) }),
  ], { targetYear: 2025, by: 'district' });
}

const ANSI = /\u001b\[/;

describe('renderTrend', () => {
  it('json is the trend object itself', () => {
    const trend = sampleTrend();
    expect(JSON.parse(renderTrend(trend, { lang: 'zh', color: false, format: 'json' }))).toEqual(trend);
  });

  it('table: periods side by side, the year to date marked, distance, average pace and outlook, no colour codes when off', () => {
    const text = renderTrend(sampleTrend(), { lang: 'en', color: false, format: 'table' });
    expect(text).not.toMatch(ANSI);
    expect(text).toMatch(/2023\s.*2024\s.*2025Q2\*/);
    const slots = text.split('\n').find((line) => line.includes('Childcare slots per 1,000'))!;
    // 2.75 → 3.5 a year: +0.75; 1.50 to go in 2025 needs +1.50: off track (2025Q2 draws no pace).
    expect(slots).toMatch(/2\.75\s.*3\.50\s.*3\.90\s.*≥ 5\s.*1\.50\s.*\+0\.75\s.*\+1\.50\s.*✗ off track/);
    const guidance = text.split('\n').find((line) => line.includes('Parenting-guidance'))!;
    expect(guidance).toMatch(/70\.0%\s.*85\.5%\s.*40\.0%\s.*4\.5pp\s.*\+15\.5pp\s.*✓ on track/);
    const classes = text.split('\n').find((line) => line.includes('New inclusive toddler classes'))!;
    expect(classes).toMatch(/52 ✓\s.*30 ✗\s.*20 …\s.*≥ 50 a year\s.*30\s.*… year in progress/);
    expect(text).toContain('Target year: 2025');
    expect(text).toContain('Pace = the average change per year from 2023 to 2024');
    expect(text).toContain('* Year to date (January–June 2025)');
  });

  it.each([
    { lang: 'zh' as const, width: 80 },
    { lang: 'en' as const, width: 80 },
    { lang: 'zh' as const, width: 60 },
  ])('table on a $width-column terminal ($lang): a block per indicator, no line wider, every cell still there', ({ lang, width }) => {
    const wide = renderTrend(sampleTrend(), { lang, color: false, format: 'table' });
    expect(Math.max(...wide.split('\n').map(displayWidth))).toBeGreaterThan(width);
    const text = renderTrend(sampleTrend(), { lang, color: false, format: 'table', width });
    const body = text.slice(0, text.indexOf(lang === 'zh' ? '年均进度 =' : 'Pace ='));
    expect(Math.max(...body.split('\n').map(displayWidth))).toBeLessThanOrEqual(width);
    const name = INDICATORS.slots_per_1000.name[lang];
    const block = text.slice(text.indexOf(name), text.indexOf('\n', text.indexOf(lang === 'zh' ? '研判' : 'Outlook', text.indexOf(name))));
    for (const cell of ['2.75', '3.50', '3.90', '≥ 5', '1.50', '+0.75', trendStatusLabel('off_track', lang)]) expect(block).toContain(cell);
  });

  it('table: drawn whole when it fits the terminal', () => {
    expect(renderTrend(sampleTrend(), { lang: 'en', color: false, format: 'table', width: 400 }))
      .toBe(renderTrend(sampleTrend(), { lang: 'en', color: false, format: 'table' }));
  });

  it('table: a section per area after the total', () => {
    const text = renderTrend(byDistrictTrend(), { lang: 'zh', color: false, format: 'table' });
    const total = text.indexOf('合计');
    const east = text.indexOf('东湖区（339901，区县）');
    expect(total).toBeGreaterThan(-1);
    expect(east).toBeGreaterThan(total);
  });

  it('table: colours the outlook when colour is on', () => {
    const text = renderTrend(sampleTrend(), { lang: 'zh', color: true, format: 'table' });
    expect(text).toMatch(ANSI);
    expect(text).toContain(trendStatusLabel('on_track', 'zh'));
  });

  it('md: one table row per indicator and section, pipes in data escaped', () => {
    const trend = { ...byDistrictTrend(), plan: { id: 'a|b', name: '方案|二' } };
    const md = renderTrend(trend, { lang: 'zh', color: false, format: 'md' });
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2 * (2 + INDICATOR_IDS.length));
    expect(md).toContain('方案\\|二');
    expect(rows[0]).toContain('| 2023 | 2024 |');
    expect(md).toContain('### 东湖区（339901，区县）');
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

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

describe('renderTrendXlsx', () => {
  it('holds the unrounded numbers with formats, the outlook in words and fill, one row per area and indicator', async () => {
    const trend = sampleTrend();
    const sheet = await load(await renderTrendXlsx(trend, { lang: 'zh' }));
    expect(sheet.name).toBe('趋势');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: TREND_HEADER_ROW });
    const first = TREND_LEAD_COLUMNS + 1;
    expect(sheet.getRow(TREND_HEADER_ROW).getCell(first).value).toBe('2023');
    expect(sheet.getRow(TREND_HEADER_ROW).getCell(first + 2).value).toBe('2025Q2*');
    trend.rows.forEach((row, i) => {
      const line = sheet.getRow(TREND_HEADER_ROW + 1 + i);
      expect(line.getCell(2).value).toBe('合计');
      expect(line.getCell(4).value).toBe(row.indicator);
      expect(line.getCell(first).value ?? null).toBe(row.values[0]);
      expect(line.getCell(first + 1).value ?? null).toBe(row.values[1]);
      if (row.kind === 'stock') expect(line.getCell(first).numFmt).toBe(UNIT_FORMATS[INDICATORS[row.indicator].unit]);
    });
    const slots = sheet.getRow(TREND_HEADER_ROW + 1 + INDICATOR_IDS.indexOf('slots_per_1000'));
    const pace = first + 3 + 3;
    expect(slots.getCell(pace).value).toBeCloseTo(0.75, 10);
    expect(slots.getCell(pace).numFmt).toBe(DIFFERENCE_FORMATS.per_1000);
    expect(slots.getCell(pace + 2).value).toBe(trendStatusLabel('off_track', 'zh'));
    expect((slots.getCell(pace + 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILL_COLORS.not_met);
    const classes = sheet.getRow(TREND_HEADER_ROW + 1 + INDICATOR_IDS.indexOf('new_inclusive_toddler_classes'));
    // Each year's verdict is in the number format, so it prints in black and white.
    expect(classes.getCell(first).numFmt).toContain('达标');
    expect(classes.getCell(first + 1).numFmt).toContain('未达标');
    expect(classes.getCell(first + 2).numFmt).toContain('年内进行中');
  });

  it('adds the areas of --by below the total', async () => {
    const sheet = await load(await renderTrendXlsx(byDistrictTrend(), { lang: 'en' }));
    const firstArea = sheet.getRow(TREND_HEADER_ROW + 1 + INDICATOR_IDS.length);
    expect(firstArea.getCell(1).value).toBe('339901');
    expect(firstArea.getCell(2).value).toBe('东湖区');
  });

  it('neutralises text that came from the report files', async () => {
    const trend = sampleTrend();
    trend.periods[0] = { ...trend.periods[0], id: '=1+1' };
    const sheet = await load(await renderTrendXlsx(trend, { lang: 'en' }));
    const cell = sheet.getRow(TREND_HEADER_ROW).getCell(TREND_LEAD_COLUMNS + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=1+1`);
  });
});
