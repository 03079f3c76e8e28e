import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/engine/indicators.js';
import type { Report } from '../../src/engine/report.js';
import { renderReportXlsx, REPORT_SHEET_NAMES, SUMMARY_HEADER_ROW } from '../../src/format/render-xlsx.js';
import { FILL_COLORS, UNIT_FORMATS } from '../../src/format/xlsx-sheet.js';
import { aPlan, aReport, anArea, anInput, anIssue } from './builders.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}; have ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

/** The Summary row of an indicator, found by its id in column B. */
function summaryRow(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  for (let r = SUMMARY_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, 2).value === id) return ws.getRow(r);
  }
  throw new Error(`no summary row for ${id}`);
}

/** The plan the report follows; its wording shows on the Definitions sheet. */
const plan = aPlan({ id: 'test-plan', name: '测试方案' });

const report: Report = aReport({
  plan: { id: plan.id, name: plan.name },
  inputs: [
    anInput({ file: 'data/人口.csv', sha256: 'a'.repeat(64), read: 12, used: 10, rejected: 1, skipped: 1 }),
    anInput({ table: 'facilities', file: 'data/tuoyu.xlsx', sheet: '机构', sha256: 'b'.repeat(64), read: 40, used: 40, rejected: 0, skipped: 0 }),
  ],
  areas: [
    anArea('', '全部', 'all', {
      slots_per_1000: { value: 4.8765 },
      guidance_rate_0_1: { value: 92.345 },
      kindergarten_slots: { value: 12345 },
      community_coverage: { value: null },
      inclusive_slots: { value: 3100 },
    }),
    anArea('330106', '西湖区', 'district', { slots_per_1000: { value: 5.5 } }),
    anArea('330106001', '北山街道', 'street', { street_coverage: { value: null } }),
    anArea('330106001001', '-1+1社区', 'community'),
  ],
  issues: [
    anIssue({ file: 'data/机构.csv', column: 'slots', message: '托位数应为整数' }),
    anIssue({ severity: 'warning', code: 'unknown-column', file: '@evil.csv', column: '+SUM(A1)', value: '=HYPERLINK("http://x.example","点我")', message: '未知列' }),
    anIssue({ severity: 'info', code: 'total-row-skipped', value: '  -2', row: 20 }),
  ],
});

describe('renderReportXlsx', () => {
  it.each([
    { lang: 'zh' as const, names: ['汇总', '分区明细', '数据问题', '指标定义', '输入文件'] },
    { lang: 'en' as const, names: ['Summary', 'Breakdown', 'Issues', 'Definitions', 'Inputs'] },
  ])('names its five sheets in $lang', async ({ lang, names }) => {
    const workbook = await load(await renderReportXlsx(report, plan, { lang }));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(names);
  });

  it('Summary holds the total row’s unrounded numbers with unit number formats and status fills', async () => {
    const ws = sheet(await load(await renderReportXlsx(report, plan, { lang: 'zh' })), REPORT_SHEET_NAMES.summary.zh);
    expect(String(ws.getCell(2, 1).value)).toContain('2025Q2');
    expect(String(ws.getCell(2, 1).value)).toContain('测试方案');
    const total = report.areas[0].indicators;
    for (const id of INDICATOR_IDS) {
      const row = summaryRow(ws, id);
      const result = total[id];
      expect(row.getCell(1).value).toBe(INDICATORS[id].name.zh);
      if (result.value === null) expect(row.getCell(4).value).toBeNull();
      else expect(row.getCell(4).value).toBe(result.value);
      if (result.value !== null) expect(row.getCell(4).numFmt).toBe(UNIT_FORMATS[INDICATORS[id].unit]);
      expect(row.getCell(5).value).toBe(result.target);
    }
    const guidance = summaryRow(ws, 'guidance_rate_0_1');
    expect(guidance.getCell(4).value).toBe(92.345);
    expect(guidance.getCell(4).numFmt).toBe('0.0"%"');
    expect(guidance.getCell(5).numFmt).toBe('"≥ "0.0"%"');
    expect(guidance.getCell(6).value).toBe('达标');
    expect(fillOf(guidance.getCell(6))).toBe(FILL_COLORS.met);
    const slots = summaryRow(ws, 'slots_per_1000');
    expect(slots.getCell(4).numFmt).toBe('0.00');
    expect(fillOf(slots.getCell(4))).toBe(FILL_COLORS.not_met);
    expect(slots.getCell(6).value).toBe('未达标');
    const kindergarten = summaryRow(ws, 'kindergarten_slots');
    expect(kindergarten.getCell(4).value).toBe(12345);
    expect(kindergarten.getCell(4).numFmt).toBe('#,##0');
    expect(summaryRow(ws, 'followups_per_infant').getCell(4).numFmt).toBe('0.00');
    const coverage = summaryRow(ws, 'community_coverage');
    expect(fillOf(coverage.getCell(6))).toBe(FILL_COLORS.na);
    expect(coverage.getCell(9).value).toBe(total.community_coverage.reason);
    const noTarget = summaryRow(ws, 'inclusive_slots');
    expect(noTarget.getCell(5).value).toBeNull();
    expect(fillOf(noTarget.getCell(6))).toBeUndefined();
  });

  it('Breakdown has one row per area, codes as text, every indicator as a column', async () => {
    const ws = sheet(await load(await renderReportXlsx(report, plan, { lang: 'en' })), 'Breakdown');
    expect(ws.getRow(1).values).toEqual([undefined, 'Code', 'Name', 'Level', ...INDICATOR_IDS.map((id) => INDICATORS[id].name.en)]);
    expect(ws.rowCount).toBe(1 + report.areas.length);
    report.areas.forEach((area, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value ?? '').toBe(area.code);
      expect(row.getCell(2).value).toBe(area.name.startsWith('-') ? `'${area.name}` : area.name);
      INDICATOR_IDS.forEach((id, j) => expect(row.getCell(4 + j).value ?? null).toBe(area.indicators[id].value));
    });
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A5').value).toBe('330106001001');
    expect(ws.getCell('A5').numFmt).toBe('@');
    // n/a: empty and grey.
    const streetCoverage = 4 + INDICATOR_IDS.indexOf('street_coverage');
    expect(ws.getCell(4, streetCoverage).value).toBeNull();
    expect(fillOf(ws.getCell(4, streetCoverage))).toBe(FILL_COLORS.na);
    expect(fillOf(ws.getCell(3, 4 + INDICATOR_IDS.indexOf('slots_per_1000')))).toBe(FILL_COLORS.met);
    expect(ws.getCell(3, 4 + INDICATOR_IDS.indexOf('slots_per_1000')).numFmt).toBe('0.00');
  });

  it('freezes header rows, filters and prints one page wide in landscape on every sheet', async () => {
    const workbook = await load(await renderReportXlsx(report, plan, { lang: 'zh' }));
    for (const ws of workbook.worksheets) {
      const headerRow = ws.name === '汇总' ? SUMMARY_HEADER_ROW : 1;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
      expect(ws.autoFilter).toBeTruthy();
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${headerRow}:[A-Z]+\\d+$`));
      expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape' });
    }
    expect(sheet(workbook, '分区明细').views[0]).toMatchObject({ xSplit: 3 });
  });

  it('neutralises formula-like text from the data and never writes a formula', async () => {
    const workbook = await load(await renderReportXlsx(report, plan, { lang: 'zh' }));
    const ws = sheet(workbook, '数据问题');
    const warning = ws.getRow(3);
    expect(warning.getCell(8).type).toBe(ExcelJS.ValueType.String);
    expect(warning.getCell(8).value).toBe(`'=HYPERLINK("http://x.example","点我")`);
    expect(warning.getCell(4).value).toBe(`'@evil.csv`);
    expect(warning.getCell(7).value).toBe(`'+SUM(A1)`);
    expect(ws.getCell(4, 8).value).toBe(`'  -2`);
    expect(ws.getCell(4, 6).value).toBe(20);
    expect(fillOf(ws.getCell(2, 1))).toBe(FILL_COLORS.not_met);
    expect(fillOf(ws.getCell(3, 1))).toBe(FILL_COLORS.warning);
    for (const each of workbook.worksheets) {
      each.eachRow((row) => row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[\s]*[=+\-@]/);
      }));
    }
  });

  it('lists every issue with its position and message', async () => {
    const ws = sheet(await load(await renderReportXlsx(report, plan, { lang: 'en' })), 'Issues');
    expect(ws.rowCount).toBe(1 + report.issues.length);
    expect(ws.getRow(2).values).toEqual([undefined, 'error', 'not-integer', 'facilities', 'data/机构.csv', undefined, 12, 'slots', '约100', '托位数应为整数']);
  });

  it('Definitions carry formula, target and the plan’s wording; Inputs the counts as numbers', async () => {
    const workbook = await load(await renderReportXlsx(report, plan, { lang: 'zh' }));
    const defs = sheet(workbook, '指标定义');
    const slotsRow = 2 + INDICATOR_IDS.indexOf('slots_per_1000');
    expect(defs.getCell(slotsRow, 1).value).toBe('slots_per_1000');
    expect(defs.getCell(slotsRow, 4).value).toBe(INDICATORS.slots_per_1000.formula.zh);
    expect(defs.getCell(slotsRow, 5).value).toBe(5);
    expect(defs.getCell(slotsRow, 5).numFmt).toBe('"≥ "0.00');
    expect(defs.getCell(slotsRow, 7).value).toBe(plan.wording.slots_per_1000);
    const inputs = sheet(workbook, '输入文件');
    expect(inputs.getRow(2).values).toEqual([undefined, '人口', 'data/人口.csv', undefined, 'a'.repeat(64), 12, 10, 1, 1]);
    expect(inputs.getRow(3).values).toEqual([undefined, '机构', 'data/tuoyu.xlsx', '机构', 'b'.repeat(64), 40, 40, 0, 0]);
  });

  it('sizes columns for Chinese text at two units a character', async () => {
    const ws = sheet(await load(await renderReportXlsx(report, plan, { lang: 'zh' })), '分区明细');
    // "-1+1社区" shows as "'-1+1社区": 5 + 2×2 = 9 units, plus padding.
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(9);
    const summary = sheet(await load(await renderReportXlsx(report, plan, { lang: 'zh' })), '汇总');
    // The longest name is 25 CJK characters; the column grows to its cap of 40 and wraps.
    expect(summary.getColumn(1).width).toBe(40);
  });
});
