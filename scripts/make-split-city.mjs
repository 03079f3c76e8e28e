#!/usr/bin/env node
/**
 * Writes fixtures/split-city/: the sample city (fixtures/sample-city) as its
 * districts would send it (SPEC §8) — the city's census alone, and each
 * district's facilities, service records and quality assessments in a
 * submission of its own:
 *
 *   全市/人口.csv                      the whole census, as the city keeps it (GBK, unchanged)
 *   东湖区/ 南山区/ 北塘区/            机构.csv, 服务记录.csv, 质量评估.csv (UTF-8 with BOM)
 *   西岭县.xlsx                        one workbook, sheets 机构, 服务记录, 质量评估
 *
 * and, as districts do, a few rows sent twice, written differently but with
 * the same values (counted once: `duplicate-across-submissions`):
 *   北塘区/人口.csv  — 北塘区's own census rows again, codes padded to 12
 *                     digits and numbers without thousands separators;
 *   南山区/服务记录.csv — ends with the first three records of 东湖区, dates as 2025年3月7日.
 *
 * `tuoyu report fixtures/split-city/全市 fixtures/split-city/东湖区 fixtures/split-city/南山区
 * fixtures/split-city/北塘区 fixtures/split-city/西岭县.xlsx` gives the numbers of
 * `tuoyu report fixtures/sample-city` (a test holds it).
 *
 * Deterministic: no randomness, zip times pinned. Run `node scripts/make-split-city.mjs [OUT_DIR]`
 * after `node scripts/make-sample-city.mjs`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { pinZipTimes } from './lib/pin-zip-times.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sample = join(here, '..', 'fixtures', 'sample-city');
const outDir = process.argv[2] ?? join(here, '..', 'fixtures', 'split-city');

/** The districts of the sample city (fixtures/sample-city/README.md), in code order; the last sends a workbook. */
const DISTRICTS = [
  { code: '339901', name: '东湖区' },
  { code: '339902', name: '南山区' },
  { code: '339903', name: '北塘区' },
  { code: '339904', name: '西岭县', workbook: true },
];

// ---------------------------------------------------------------- reading the sample

/** Lines of a CSV without quoted line breaks, split into cells (quotes around a cell removed). */
function parseCsv(text) {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => {
      const cells = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
          else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') cells.push(cell), (cell = '');
        else cell += c;
      }
      cells.push(cell);
      return cells;
    });
}

const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csvText = (rows) => '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** A registry cell as a CSV cell: dates as YYYY-MM-DD, everything else as shown. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const censusBytes = readFileSync(join(sample, 'census.csv'));
const census = parseCsv(iconv.decode(censusBytes, 'gbk'));
const visits = parseCsv(readFileSync(join(sample, 'visits.csv'), 'utf8'));
const assessments = parseCsv(iconv.decode(readFileSync(join(sample, '质量评估.csv')), 'gbk'));

const registryBook = new ExcelJS.Workbook();
await registryBook.xlsx.readFile(join(sample, 'facilities.xlsx'));
const registrySheet = registryBook.worksheets[0];
/** Rows of the registry as cell values (index 0 = column A), header first. */
const registry = [];
registrySheet.eachRow((row) => registry.push(Array.from({ length: registrySheet.columnCount }, (_, i) => row.getCell(i + 1).value)));

// ---------------------------------------------------------------- splitting by district

const districtOf = (code) => String(code ?? '').replace(/\s/g, '').slice(0, 6);
const facilityDistrict = new Map(registry.slice(1).map((row) => [cellText(row[0]), districtOf(row[2])]));
const [visitHeader, ...visitRows] = visits;
const visitArea = visitHeader.indexOf('居住地区划代码');
const visitFacility = visitHeader.indexOf('服务机构编码');
/** A record belongs to the district of the child's residence; an outreach record (no residence) to its facility's. */
const visitDistrict = (row) => (row[visitArea] !== '' ? districtOf(row[visitArea]) : facilityDistrict.get(row[visitFacility]));
const [assessmentHeader, ...assessmentRows] = assessments;

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, '全市'), { recursive: true });
writeFileSync(join(outDir, '全市', '人口.csv'), censusBytes);

for (const district of DISTRICTS) {
  const facilities = registry.slice(1).filter((row) => districtOf(row[2]) === district.code);
  const records = visitRows.filter((row) => visitDistrict(row) === district.code);
  const assessed = assessmentRows.filter((row) => facilityDistrict.get(row[0]) === district.code);
  if (district.name === '南山区') {
    // The first three records of 东湖区 again, dates written as 2025年3月7日: the same records.
    const again = visitRows.filter((row) => visitDistrict(row) === '339901').slice(0, 3);
    records.push(...again.map((row) => row.map((cell, i) => (i === 1 || i === 4 ? chineseDate(cell) : cell))));
  }
  if (district.workbook) {
    const book = new ExcelJS.Workbook();
    book.created = new Date(Date.UTC(2026, 0, 5));
    book.modified = book.created;
    const sheetOf = (name, rows) => {
      const sheet = book.addWorksheet(name);
      for (const row of rows) sheet.addRow(row);
    };
    // The registry keeps its cells (real dates, numeric codes); records and assessments are text.
    sheetOf('机构', [registry[0], ...facilities]);
    sheetOf('服务记录', [visitHeader, ...records]);
    sheetOf('质量评估', [assessmentHeader, ...assessed]);
    writeFileSync(join(outDir, `${district.name}.xlsx`), pinZipTimes(Buffer.from(await book.xlsx.writeBuffer())));
    continue;
  }
  const folder = join(outDir, district.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '机构.csv'), csvText([registry[0].map(cellText), ...facilities.map((row) => row.map(cellText))]));
  writeFileSync(join(folder, '服务记录.csv'), csvText([visitHeader, ...records]));
  writeFileSync(join(folder, '质量评估.csv'), csvText([assessmentHeader, ...assessed]));
  if (district.name === '北塘区') {
    // Its own census rows again: codes padded to 12 digits, numbers without separators — the same rows.
    const [header, ...rows] = census;
    const own = rows.filter((row) => districtOf(row[0]) === district.code);
    const padded = own.map(([code, ...rest]) => [code.padEnd(12, '0'), ...rest.map((cell) => cell.replaceAll(',', ''))]);
    writeFileSync(join(folder, '人口.csv'), csvText([header, ...padded]));
  }
}

/** 2025-03-07, 2025/3/7, 2025年3月7日 or 20250307 → 2025年3月7日. */
function chineseDate(text) {
  const match = /^(\d{4})\D?(\d{1,2})\D?(\d{1,2})/.exec(text);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : text;
}

console.log(`wrote ${outDir}: 全市/, ${DISTRICTS.map((d) => (d.workbook ? `${d.name}.xlsx` : `${d.name}/`)).join(', ')}`);
