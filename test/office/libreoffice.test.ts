/**
 * The xlsx report as a real spreadsheet program sees it: LibreOffice opens it,
 * converts every sheet to CSV (raw values and values as shown) and to PDF,
 * and the numbers equal the JSON report's; the printed PDF reads as a 报表
 * (title, 填报单位 and 制表日期, status in words, targets, page numbers on
 * every page). Needs LibreOffice (`soffice`, and `pdftotext` from poppler) on
 * the PATH; run with `npm run test:office` (CI installs LibreOffice first).
 * Skipped, saying so, where LibreOffice is absent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { INDICATORS, INDICATOR_IDS } from '../../src/engine/indicators.js';
import type { Report } from '../../src/engine/report.js';
import { formatValue } from '../../src/format/numbers.js';
import { runCli } from '../cli/run-cli.js';
import { tamperedSampleCity } from '../cli/tampered-city.js';
import type { QualityReview } from '../../src/engine/quality/quality-review.js';

const SAMPLE = 'fixtures/sample-city';

function hasCommand(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const office = hasCommand('soffice') && hasCommand('pdftotext');
if (!office) console.warn('soffice or pdftotext not found: the LibreOffice check of the xlsx report is skipped');
let dir: string;
let report: Report;

function convert(file: string, filter: string, outDir: string): void {
  execFileSync('soffice', ['--headless', '--convert-to', filter, '--outdir', outDir, file], { stdio: 'pipe', timeout: 120_000 });
}

/** CSV of every sheet: raw values (`asShown` false) or as the cells display them. */
function sheetsAsCsv(file: string, asShown: boolean): Map<string, string[][]> {
  const outDir = mkdtempSync(join(dir, asShown ? 'shown-' : 'raw-'));
  convert(file, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,-1`, outDir);
  const sheets = new Map<string, string[][]>();
  for (const name of readdirSync(outDir)) {
    const sheet = name.replace(/^report-/, '').replace(/\.csv$/, '');
    sheets.set(sheet, parse(readFileSync(join(outDir, name), 'utf8'), { relax_column_count: true }) as string[][]);
  }
  return sheets;
}

/** The Summary's rows by indicator id, each as its Value cell. */
function summaryValues(sheets: Map<string, string[][]>): Map<string, string> {
  const summary = sheets.get('Summary');
  expect(summary, [...sheets.keys()].join(', ')).toBeDefined();
  const header = summary!.find((row) => row.includes('ID') && row.includes('Value'));
  expect(header).toBeDefined();
  const [id, value] = [header!.indexOf('ID'), header!.indexOf('Value')];
  const rows = new Map<string, string>();
  for (const row of summary!) if ((INDICATOR_IDS as readonly string[]).includes(row[id])) rows.set(row[id], row[value]);
  return rows;
}

/** The text of every page of a PDF, page by page. */
function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').split('\f').filter((page) => page.trim() !== '');
}

beforeAll(async () => {
  if (!office) return;
  dir = mkdtempSync(join(tmpdir(), 'tuoyu-office-'));
  const json = await runCli(['report', SAMPLE, '--period', '2025', '--format', 'json', '--lang', 'en']);
  report = JSON.parse(json.stdout) as Report;
  const xlsx = await runCli(['report', SAMPLE, '--period', '2025', '--lang', 'en', '--out', join(dir, 'report.xlsx')]);
  expect(xlsx.code, xlsx.stderr).toBe(0);
  const zh = await runCli(
    ['report', SAMPLE, '--period', '2025Q2', '--by', 'street', '--unit', '东湖市卫生健康委员会', '--out', join(dir, 'baobiao.xlsx')],
    // A day after the last record (2025-12-19): an earlier "today" makes the later records future-date errors.
    { env: { TUOYU_TODAY: '2026-01-15' } },
  );
  expect(zh.code, zh.stderr).toBe(0);
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!office)('the xlsx report opened in LibreOffice', () => {
  it('has the six sheets, and the summary holds the JSON report’s exact numbers', () => {
    const sheets = sheetsAsCsv(join(dir, 'report.xlsx'), false);
    expect([...sheets.keys()].sort()).toEqual(['Breakdown', 'Data quality', 'Definitions', 'Inputs', 'Issues', 'Summary']);
    const values = summaryValues(sheets);
    const total = report.areas[0].indicators;
    for (const id of INDICATOR_IDS) {
      expect(values.has(id), id).toBe(true);
      const value = total[id].value;
      if (value === null) expect(values.get(id), id).toBe('');
      else expect(Number(values.get(id)), id).toBeCloseTo(value, 9);
    }
  });

  it('shows each value rounded as the terminal and Markdown reports show it', () => {
    const values = summaryValues(sheetsAsCsv(join(dir, 'report.xlsx'), true));
    const total = report.areas[0].indicators;
    for (const id of INDICATOR_IDS) {
      const value = total[id].value;
      if (value === null) continue;
      const shown = values.get(id)!.replace(/,/g, '');
      expect(shown, id).toBe(formatValue(value, INDICATORS[id].unit, 'en').replace(/,/g, ''));
    }
  });

  it('prints to PDF', () => {
    convert(join(dir, 'report.xlsx'), 'pdf', dir);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('prints as a 报表: title, 填报单位, 制表日期, targets and verdicts in words, signatures, a page number on every page', () => {
    convert(join(dir, 'baobiao.xlsx'), 'pdf', dir);
    const pages = pdfPages(join(dir, 'baobiao.pdf'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toMatch(new RegExp(`第 ${i + 1} 页，共 ${pages.length} 页`)));
    const [summary] = pages;
    expect(summary).toContain('2025年1—6月普惠托育服务三年行动方案指标监测表');
    expect(summary).toContain('填报单位：东湖市卫生健康委员会');
    expect(summary).toContain('制表日期：2026年1月15日');
    expect(summary).toContain('未达标');
    // The notes and the line for signatures close the summary, which may run onto a second page.
    expect(pages.filter((page) => page.includes('· 汇总')).join('\n')).toContain('单位负责人');
    for (const id of INDICATOR_IDS) expect(summary, id).not.toContain(id);
    const breakdown = pages.filter((page) => page.includes('分区明细'));
    expect(breakdown.length).toBeGreaterThanOrEqual(1);
    // Every printed page of the breakdown repeats its header rows (targets) and the area names.
    for (const page of breakdown) {
      expect(page).toContain('目标');
      expect(page).toContain('东湖区');
      expect(page).toMatch(/达标/);
    }
    expect(breakdown.join('\n')).toContain('≥ 90%');
    expect(breakdown.join('\n')).toContain('不适用 [1]');
  });
});

describe.skipIf(!office)('the 数据质量 sheet opened and printed in LibreOffice (SPEC §11)', () => {
  let tampered: string;
  let review: QualityReview;
  beforeAll(async () => {
    tampered = tamperedSampleCity({ gap: { district: '339903', quarter: '2025Q3' }, tripled: { district: '339902', quarter: '2025Q2' } });
    const env = { TUOYU_TODAY: '2026-01-15' };
    review = JSON.parse((await runCli(['quality', tampered, '--period', '2025', '--format', 'json'], { env })).stdout) as QualityReview;
    const written = await runCli(['report', tampered, '--period', '2025', '--out', join(dir, 'quality-report.xlsx')], { env });
    expect(written.code, written.stderr).toBe(0);
  }, 60_000);

  it('holds every finding with the review’s exact numbers', () => {
    const sheets = sheetsAsCsv(join(dir, 'quality-report.xlsx'), false);
    const rows = [...sheets.entries()].find(([name]) => name.endsWith('数据质量'))?.[1];
    expect(rows, [...sheets.keys()].join(', ')).toBeDefined();
    const header = rows!.findIndex((row) => row[0] === '序号');
    const body = rows!.slice(header + 1).filter((row) => /^\d+$/.test(row[0]));
    expect(body).toHaveLength(review.checks.length);
    const [value, reference] = ['数值', '参照'].map((name) => rows![header].indexOf(name));
    const byMessage = new Map(body.map((row) => [row[row.length - 1], row]));
    for (const finding of review.checks) {
      const row = byMessage.get(finding.message);
      expect(row, finding.message).toBeDefined();
      if (finding.value !== null) expect(Number(row![value]), finding.message).toBeCloseTo(finding.value, 9);
      if (finding.reference !== null) expect(Number(row![reference]), finding.message).toBeCloseTo(finding.reference, 9);
    }
  });

  it('prints with its title, the flagged findings in words, how each check judges, and page numbers', () => {
    convert(join(dir, 'quality-report.xlsx'), 'pdf', dir);
    const pages = pdfPages(join(dir, 'quality-report.pdf')).filter((page) => page.includes('数据质量'));
    const text = pages.join('\n').replace(/\s+/g, '');
    expect(text).toContain('数据质量审查');
    expect(text).toContain('北塘区2025年第三季度无任何服务记录');
    expect(text).toContain('南山区2025年第二季度科学育儿指导记录');
    expect(text).toContain('Iglewicz–Hoaglin');
    for (const page of pages) expect(page).toMatch(/第 \d+ 页，共 \d+ 页/);
  });
});

