/**
 * The xlsx report as a real spreadsheet program sees it: LibreOffice opens it,
 * converts every sheet to CSV (raw values and values as shown) and to PDF,
 * and the numbers equal the JSON report's. Needs LibreOffice (`soffice`) on
 * the PATH; run with `npm run test:office` (CI installs LibreOffice first).
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

const SAMPLE = 'fixtures/sample-city';
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

function summaryRows(sheets: Map<string, string[][]>): Map<string, string[]> {
  const summary = sheets.get('Summary');
  expect(summary, [...sheets.keys()].join(', ')).toBeDefined();
  const rows = new Map<string, string[]>();
  for (const row of summary!) if ((INDICATOR_IDS as readonly string[]).includes(row[1])) rows.set(row[1], row);
  return rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuoyu-office-'));
  const json = await runCli(['report', SAMPLE, '--period', '2025', '--format', 'json', '--lang', 'en']);
  report = JSON.parse(json.stdout) as Report;
  const xlsx = await runCli(['report', SAMPLE, '--period', '2025', '--lang', 'en', '--out', join(dir, 'report.xlsx')]);
  expect(xlsx.code, xlsx.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the xlsx report opened in LibreOffice', () => {
  it('has the five sheets, and the summary holds the JSON report’s exact numbers', () => {
    const sheets = sheetsAsCsv(join(dir, 'report.xlsx'), false);
    expect([...sheets.keys()].sort()).toEqual(['Breakdown', 'Definitions', 'Inputs', 'Issues', 'Summary']);
    const rows = summaryRows(sheets);
    const total = report.areas[0].indicators;
    for (const id of INDICATOR_IDS) {
      const row = rows.get(id);
      expect(row, id).toBeDefined();
      const value = total[id].value;
      if (value === null) expect(row![3], id).toBe('');
      else expect(Number(row![3]), id).toBeCloseTo(value, 9);
    }
  });

  it('shows each value rounded as the terminal and Markdown reports show it', () => {
    const rows = summaryRows(sheetsAsCsv(join(dir, 'report.xlsx'), true));
    const total = report.areas[0].indicators;
    for (const id of INDICATOR_IDS) {
      const value = total[id].value;
      if (value === null) continue;
      const shown = rows.get(id)![3].replace(/,/g, '');
      expect(shown, id).toBe(formatValue(value, INDICATORS[id].unit, 'en').replace(/,/g, ''));
    }
  });

  it('prints to PDF', () => {
    convert(join(dir, 'report.xlsx'), 'pdf', dir);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
