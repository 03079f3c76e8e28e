import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/engine/indicators.js';
import type { Report } from '../../src/engine/report.js';
import {
  BREAKDOWN_HEADER_ROW, BREAKDOWN_LEAD_COLUMNS, ISSUES_HEADER_ROW, renderReportXlsx, REPORT_SHEET_NAMES, summaryColumns, SUMMARY_HEADER_ROW,
  type SummaryColumn,
} from '../../src/format/render-xlsx.js';
import { FILL_COLORS, THIN_BORDER, UNIT_FORMATS } from '../../src/format/xlsx-sheet.js';
import type { Lang } from '../../src/issues/issue.js';
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

/** The Summary row of an indicator: the rows follow the catalogue's order. */
function summaryRow(ws: ExcelJS.Worksheet, id: (typeof INDICATOR_IDS)[number]): ExcelJS.Row {
  return ws.getRow(SUMMARY_HEADER_ROW + 1 + INDICATOR_IDS.indexOf(id));
}

function col(lang: Lang, column: SummaryColumn): number {
  return summaryColumns(lang).indexOf(column) + 1;
}

/** Every text of a sheet, joined: what a reader of the printout sees. */
function allText(ws: ExcelJS.Worksheet): string {
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
  return texts.join('\n');
}

async function workbookOf(lang: Lang, heading = {}): Promise<ExcelJS.Workbook> {
  return load(await renderReportXlsx(report, plan, { lang, ...heading }));
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

  it('Summary holds the total row’s unrounded numbers with unit number formats and status in words and fill', async () => {
    const ws = sheet(await workbookOf('zh'), REPORT_SHEET_NAMES.summary.zh);
    const total = report.areas[0].indicators;
    const c = (column: SummaryColumn) => col('zh', column);
    for (const id of INDICATOR_IDS) {
      const row = summaryRow(ws, id);
      const result = total[id];
      expect(row.getCell(c('indicator')).value).toBe(INDICATORS[id].name.zh);
      if (result.value === null) expect(row.getCell(c('value')).value).toBeNull();
      else expect(row.getCell(c('value')).value).toBe(result.value);
      if (result.value !== null) expect(row.getCell(c('value')).numFmt).toBe(UNIT_FORMATS[INDICATORS[id].unit]);
      expect(row.getCell(c('target')).value).toBe(result.target);
    }
    const guidance = summaryRow(ws, 'guidance_rate_0_1');
    expect(guidance.getCell(c('value')).value).toBe(92.345);
    expect(guidance.getCell(c('value')).numFmt).toBe('0.0"%"');
    expect(guidance.getCell(c('target')).numFmt).toBe('"≥ "General"%"');
    expect(guidance.getCell(c('status')).value).toBe('达标');
    expect(fillOf(guidance.getCell(c('status')))).toBe(FILL_COLORS.met);
    const slots = summaryRow(ws, 'slots_per_1000');
    expect(slots.getCell(c('value')).numFmt).toBe('0.00');
    expect(fillOf(slots.getCell(c('value')))).toBe(FILL_COLORS.not_met);
    expect(slots.getCell(c('status')).value).toBe('未达标');
    const kindergarten = summaryRow(ws, 'kindergarten_slots');
    expect(kindergarten.getCell(c('value')).value).toBe(12345);
    expect(kindergarten.getCell(c('value')).numFmt).toBe('#,##0');
    const coverage = summaryRow(ws, 'community_coverage');
    expect(fillOf(coverage.getCell(c('status')))).toBe(FILL_COLORS.na);
    expect(coverage.getCell(c('note')).value).toBe(total.community_coverage.reason);
    const noTarget = summaryRow(ws, 'inclusive_slots');
    expect(noTarget.getCell(c('target')).value).toBeNull();
    expect(noTarget.getCell(c('status')).value).toBe('无目标');
  });

  it('heads the Summary as a 报表: title with region and period in words, 填报单位, 制表日期, signatures', async () => {
    const district = aReport({ areas: [anArea('', '全部', 'all'), anArea('339901', '东湖区', 'district'), anArea('339901001', '白鹭街道', 'street')] });
    const ws = sheet(await load(await renderReportXlsx(district, plan, { lang: 'zh', unit: '东湖区卫生健康局', date: '2025-07-03' })), '汇总');
    expect(ws.getCell('A1').value).toBe('东湖区 2025年1—6月普惠托育服务三年行动方案指标监测表');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    const text = allText(ws);
    expect(text).toContain('填报单位：东湖区卫生健康局');
    expect(text).toContain('制表日期：2025年7月3日');
    expect(text).toContain('统计期间：2025年1—6月（2025-01-01至2025-06-30）');
    expect(text).toContain('单位负责人');
    expect(text).toContain('填表人');
  });

  it('takes --title as given, and names no region for a city of several districts', async () => {
    const city = aReport();
    const title = async (lang: Lang, heading = {}) => sheet(await load(await renderReportXlsx(city, plan, { lang, ...heading })), REPORT_SHEET_NAMES.summary[lang]).getCell('A1').value;
    expect(await title('zh')).toBe('2025年1—6月普惠托育服务三年行动方案指标监测表');
    expect(await title('zh', { title: '东湖市托育指标' })).toBe('东湖市托育指标');
    expect(await title('en')).toBe('Inclusive childcare action plan: indicator monitoring report, January–June 2025');
  });

  it('keeps indicator ids off the Chinese main sheets and on the definitions; English keeps an ID column', async () => {
    const zh = await workbookOf('zh');
    for (const name of ['汇总', '分区明细']) {
      const text = allText(sheet(zh, name));
      for (const id of INDICATOR_IDS) expect(text, `${name}: ${id}`).not.toContain(id);
    }
    expect(allText(sheet(zh, '指标定义'))).toContain('slots_per_1000');
    const en = sheet(await workbookOf('en'), 'Summary');
    expect(summaryRow(en, 'slots_per_1000').getCell(col('en', 'id')).value).toBe('slots_per_1000');
  });

  it('draws thin borders round every cell of the tables', async () => {
    const workbook = await workbookOf('zh');
    const summary = sheet(workbook, '汇总');
    const columns = summaryColumns('zh').length;
    for (let r = SUMMARY_HEADER_ROW; r <= SUMMARY_HEADER_ROW + INDICATOR_IDS.length; r++) {
      for (let c = 1; c <= columns; c++) expect(summary.getCell(r, c).border, `${r},${c}`).toEqual(THIN_BORDER);
    }
    const breakdown = sheet(workbook, '分区明细');
    expect(breakdown.getCell(BREAKDOWN_HEADER_ROW + report.areas.length, BREAKDOWN_LEAD_COLUMNS + INDICATOR_IDS.length).border).toEqual(THIN_BORDER);
  });

  it('Breakdown: one row per area indented by level, a target per column, the verdict in words after each value, n/a with its reason', async () => {
    const ws = sheet(await workbookOf('en'), 'Breakdown');
    const names = ws.getRow(BREAKDOWN_HEADER_ROW - 1);
    const targets = ws.getRow(BREAKDOWN_HEADER_ROW);
    expect(names.getCell(1).value).toBe('Area code');
    INDICATOR_IDS.forEach((id, j) => expect(names.getCell(BREAKDOWN_LEAD_COLUMNS + 1 + j).value).toBe(INDICATORS[id].name.en));
    const targetOf = (id: (typeof INDICATOR_IDS)[number]) => targets.getCell(BREAKDOWN_LEAD_COLUMNS + 1 + INDICATOR_IDS.indexOf(id)).value;
    expect(targetOf('guidance_rate_0_1')).toBe('≥ 90%');
    expect(targetOf('kindergarten_slots')).toBe('≥ 2000 (total only)');
    expect(targetOf('inclusive_slots')).toBe('no target');
    report.areas.forEach((area, i) => {
      const row = ws.getRow(BREAKDOWN_HEADER_ROW + 1 + i);
      expect(row.getCell(1).value ?? '').toBe(area.code);
      INDICATOR_IDS.forEach((id, j) => {
        const value = area.indicators[id].value;
        if (value !== null) expect(row.getCell(BREAKDOWN_LEAD_COLUMNS + 1 + j).value).toBe(value);
      });
    });
    const row = (i: number) => ws.getRow(BREAKDOWN_HEADER_ROW + 1 + i);
    expect(row(0).getCell(2).value).toBe('Total');
    expect(row(1).getCell(2).alignment).toMatchObject({ indent: 1 });
    expect(row(2).getCell(2).alignment).toMatchObject({ indent: 2 });
    expect(row(3).getCell(2).alignment).toMatchObject({ indent: 3 });
    expect(row(3).getCell(2).value).toBe(`'-1+1社区`);
    expect(ws.getCell(BREAKDOWN_HEADER_ROW + 4, 1).value).toBe('330106001001');
    expect(ws.getCell(BREAKDOWN_HEADER_ROW + 4, 1).numFmt).toBe('@');
    const slots = BREAKDOWN_LEAD_COLUMNS + 1 + INDICATOR_IDS.indexOf('slots_per_1000');
    // 西湖区 5.5 per 1,000 against ≥ 5: the word is in the number format, the number stays a number.
    expect(row(1).getCell(slots).value).toBe(5.5);
    expect(row(1).getCell(slots).numFmt).toBe('0.00" met"');
    expect(fillOf(row(1).getCell(slots))).toBe(FILL_COLORS.met);
    expect(row(0).getCell(slots).numFmt).toBe('0.00" not met"');
    // n/a: says so, with the number of its reason, listed under the table.
    const streetCoverage = BREAKDOWN_LEAD_COLUMNS + 1 + INDICATOR_IDS.indexOf('street_coverage');
    expect(row(2).getCell(streetCoverage).value).toBe('n/a [1]');
    expect(fillOf(row(2).getCell(streetCoverage))).toBe(FILL_COLORS.na);
    expect(allText(ws)).toContain(`[1] ${report.areas[2].indicators.street_coverage.reason}`);
  });

  it('freezes the header, filters, and prints landscape with repeated header rows and page numbers on every sheet', async () => {
    const workbook = await workbookOf('zh');
    const headerRows: Record<string, [number, number]> = {
      汇总: [SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW],
      分区明细: [BREAKDOWN_HEADER_ROW - 1, BREAKDOWN_HEADER_ROW],
      数据问题: [ISSUES_HEADER_ROW, ISSUES_HEADER_ROW],
    };
    for (const ws of workbook.worksheets) {
      const [first, last] = headerRows[ws.name] ?? [1, 1];
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: last });
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${last}:[A-Z]+\\d+$`));
      // The 汇总 is signed and sent as one page; the other sheets run as long as they need.
      expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToHeight: ws.name === '汇总' ? 1 : 0, orientation: 'landscape', paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow).toBe(`${first}:${last}`);
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
      expect(ws.headerFooter.oddHeader).toContain(ws.name);
    }
    const breakdown = sheet(workbook, '分区明细');
    expect(breakdown.views[0]).toMatchObject({ xSplit: BREAKDOWN_LEAD_COLUMNS });
    expect(breakdown.pageSetup.printTitlesColumn).toBe('A:B');
    expect(sheet(await workbookOf('en'), 'Summary').headerFooter.oddFooter).toContain('Page &P of &N');
  });

  it('neutralises formula-like text from the data and never writes a formula', async () => {
    const workbook = await workbookOf('zh');
    const ws = sheet(workbook, '数据问题');
    const text = allText(ws);
    expect(text).toContain(`'=HYPERLINK("http://x.example","点我")`);
    expect(text).toContain('@evil.csv');
    expect(text).toContain(`'+SUM(A1)`);
    expect(text).toContain(`'  -2`);
    for (const each of workbook.worksheets) {
      each.eachRow((row) => row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[\s]*[=+\-@]/);
      }));
    }
  });

  it('lists issues one line per cause, errors first, with count, rows and the catalogue’s hint', async () => {
    const repeated = aReport({
      issues: [
        anIssue({ severity: 'warning', code: 'unknown-column', column: '备注2', value: '备注2', row: 1, message: '未知列「备注2」' }),
        anIssue({ row: 12 }),
        anIssue({ row: 15 }),
        // A group as the validator reports it once grouping is in: first row, count and rows.
        { ...anIssue({ row: 20 }), count: 30, rows: [20, 21, 22] } as ReturnType<typeof anIssue>,
      ],
    });
    const ws = sheet(await load(await renderReportXlsx(repeated, plan, { lang: 'zh' })), '数据问题');
    const heads = (ws.getRow(ISSUES_HEADER_ROW).values as unknown[]).slice(1);
    expect(heads).toEqual(['序号', '级别', '问题', '文件（工作表）', '列', '值', '处数', '行号', '说明（首处）', '处理建议', '问题代码']);
    const at = (name: string) => heads.indexOf(name) + 1;
    const first = ws.getRow(ISSUES_HEADER_ROW + 1);
    expect(first.getCell(at('级别')).value).toBe('错误');
    expect(first.getCell(at('处数')).value).toBe(32);
    expect(first.getCell(at('行号')).value).toBe('12、15、20、21、22…');
    expect(first.getCell(at('问题代码')).value).toBe('not-integer');
    expect(String(first.getCell(at('处理建议')).value ?? '')).not.toBe('');
    expect(fillOf(first.getCell(at('级别')))).toBe(FILL_COLORS.not_met);
    const second = ws.getRow(ISSUES_HEADER_ROW + 2);
    expect(second.getCell(at('级别')).value).toBe('警告');
    expect(second.getCell(at('处数')).value).toBe(1);
    expect(ws.getCell(ISSUES_HEADER_ROW + 3, 1).value).toBeNull();
  });

  it('Definitions carry formula, target and the plan’s wording; Inputs the counts as numbers', async () => {
    const workbook = await load(await renderReportXlsx(report, plan, { lang: 'zh' }));
    const defs = sheet(workbook, '指标定义');
    const slotsRow = 2 + INDICATOR_IDS.indexOf('slots_per_1000');
    expect(defs.getCell(slotsRow, 1).value).toBe('slots_per_1000');
    expect(defs.getCell(slotsRow, 4).value).toBe(INDICATORS.slots_per_1000.formula.zh);
    expect(defs.getCell(slotsRow, 5).value).toBe(5);
    expect(defs.getCell(slotsRow, 5).numFmt).toBe('"≥ "General');
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
    expect(summary.getColumn(col('zh', 'indicator')).width).toBe(40);
  });
});
