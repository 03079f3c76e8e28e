#!/usr/bin/env node
/**
 * Writes fixtures/tiny-city/ (a tiny valid data directory) and
 * fixtures/invalid/<issue-code>/: the tiny city with exactly one planted
 * problem each, plus expected.json — the exit code, command, extra arguments
 * and every issue the case must produce (row as a spreadsheet shows it,
 * header = row 1; column as its header reads in the file, or the English id
 * when the column is absent; null for file-level issues).
 *
 * Deterministic, no clock. `node scripts/make-invalid-fixtures.mjs`.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { pinZipTimes } from './lib/pin-zip-times.mjs';
import { writeEncryptedOfficeContainer } from './lib/write-zip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');

// ---------------------------------------------------------------- the tiny valid city
// Tables are arrays of rows; index 0 is the header, so spreadsheet row = index + 1.
function baseCity() {
  return {
    census: [
      ['area_code', 'area_name', 'year', 'population', 'infants_0_1', 'toddlers_1_3'],
      ['339901', '东湖区', '2025', '20000', '120', '260'],
      ['339901001', '湖滨街道', '2025', '9000', '50', '110'],
      ['339901001001', '柳岸社区', '2025', '4000', '20', '50'],
      ['339901001002', '荷塘社区', '2025', '5000', '30', '60'],
      ['339901002', '青石街道', '2025', '11000', '70', '150'],
      ['339901002001', '石桥社区', '2025', '6000', '40', '80'],
      ['339901002002', '松风社区', '2025', '5000', '30', '70'],
    ],
    facilities: [
      ['facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new', 'provincial', 'demonstration', 'opened', 'closed'],
      ['F001', '柳岸幼儿园', '339901001001', 'kindergarten', 'yes', '40', '2', '1', 'no', 'no', '2018-09-01', ''],
      ['F002', '湖滨托育中心', '339901001', 'nursery', 'yes', '60', '0', '0', 'yes', 'yes', '2020-03-01', ''],
      ['F003', '石桥社区托育点', '339901002001', 'community', 'yes', '20', '0', '0', 'no', 'no', '2025-04-01', ''],
      ['F004', '松风幼儿园', '339901002002', 'kindergarten', 'no', '20', '1', '0', 'no', 'no', '2015-09-01', ''],
      ['F005', '青石医院托育部', '339901002', 'medical', 'no', '15', '0', '0', 'no', 'no', '2022-01-10', ''],
    ],
    // F004 and F005 are referenced by no record, so rejecting one of them changes nothing else.
    visits: [
      ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'],
      ['V001', '2025-01-15', 'guidance', 'C001', '2024-11-20', '339901001001', ''],
      ['V002', '2025-02-20', 'guidance', 'C002', '2024-12-05', '339901001002', ''],
      ['V003', '2025-03-10', 'online', 'C003', '2025-01-08', '339901002001', ''],
      ['V004', '2025-03-18', 'activity', 'C004', '2023-06-12', '339901002002', ''],
      ['V005', '2025-04-02', 'outreach', '', '', '', 'F001'],
      ['V006', '2025-05-06', 'guidance', 'C001', '2024-11-20', '339901001001', ''],
      ['V007', '2025-05-21', 'activity', 'C005', '2022-09-30', '339901001001', 'F003'],
      ['V008', '2025-06-12', 'outreach', '', '', '', 'F002'],
      ['V009', '2025-07-08', 'guidance', 'C002', '2024-12-05', '339901001002', ''],
      ['V010', '2025-08-19', 'activity', 'C004', '2023-06-12', '339901002002', ''],
      ['V011', '2025-09-03', 'outreach', '', '', '', 'F003'],
      ['V012', '2025-10-15', 'guidance', 'C003', '2025-01-08', '339901002001', ''],
      ['V013', '2025-11-20', 'guidance', 'C006', '2025-06-30', '339901001001', ''],
    ],
  };
}

/** The optional quality assessments (SPEC §9): written only by the cases about them. */
function baseAssessments() {
  return [
    ['facility_id', 'date', 'kind', 'conditions', 'staff', 'care', 'health', 'family_support', 'safety', 'management', 'basic_passed', 'level'],
    ['F001', '2025-05-10', 'self', '88', '120.5', '176', '190', '70', '180', '62', 'yes', 'B'],
    ['F002', '2025-06-20', 'external', '92.5', '131', '188', '201', '75', '192', '66', 'yes', 'A'],
  ];
}

const toCsv = (rows) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n') + '\n';
const issue = (code, severity, table, row, column) => ({ code, severity, table, row, column });
/** Row `row` (spreadsheet numbering) of a table; header is row 1. */
const at = (table, row) => table[row - 1];
const col = (table, name) => table[0].indexOf(name);
const setCell = (table, row, name, value) => { at(table, row)[col(table, name)] = value; };

/** UTF-8 text of `csv` with two 0xFF bytes (invalid in UTF-8 and in GB18030) inside `word`. */
function withInvalidBytes(csv, word, at) {
  const [head, tail] = [word.slice(0, at), word.slice(at)];
  const i = csv.indexOf(word);
  return Buffer.concat([Buffer.from(csv.slice(0, i) + head, 'utf8'), Buffer.from([0xff, 0xff]), Buffer.from(tail + csv.slice(i + word.length), 'utf8')]);
}

// ---------------------------------------------------------------- the cases
/**
 * Each case: what is planted (for the README), how, and what it must produce.
 * `plant(city)` edits the tables and may return extra files {name: Buffer} or
 * `omit` (tables not written as CSV).
 */
const CASES = [
  {
    code: 'encoding-error', what: 'census.csv has two bytes (0xFF 0xFF) that are neither UTF-8 nor GB18030 in row 4',
    exit: 2, issues: [],
    plant: (c) => ({ raw: { 'census.csv': withInvalidBytes(toCsv(c.census), '柳岸社区', 2) } }),
  },
  {
    code: 'empty-file', what: 'visits.csv is 0 bytes',
    exit: 1, issues: [issue('empty-file', 'error', 'visits', null, null)],
    plant: () => ({ raw: { 'visits.csv': Buffer.alloc(0) } }),
  },
  {
    code: 'sheet-not-found', what: 'data.xlsx holds sheets census and facilities but no visits sheet',
    exit: 1, issues: [issue('sheet-not-found', 'error', 'visits', null, null)],
    plant: () => ({ workbook: ['census', 'facilities'] }),
  },
  {
    code: 'missing-column', what: 'visits.csv has no kind column',
    exit: 1, issues: [issue('missing-column', 'error', 'visits', 1, 'kind')],
    plant: (c) => { const k = col(c.visits, 'kind'); for (const r of c.visits) r.splice(k, 1); },
  },
  {
    code: 'duplicate-column', what: 'visits.csv has both date and 服务日期',
    exit: 1, issues: [issue('duplicate-column', 'error', 'visits', 1, '服务日期')],
    plant: (c) => { c.visits.forEach((r, i) => r.push(i === 0 ? '服务日期' : r[1])); },
  },
  {
    code: 'unknown-column', what: 'census.csv has an extra column 联系电话 (a remarks column, 备注, would be known and ignored)',
    exit: 0, issues: [issue('unknown-column', 'warning', 'census', 1, '联系电话')],
    plant: (c) => { c.census.forEach((r, i) => r.push(i === 0 ? '联系电话' : i === 3 ? '0571-8888' : '')); },
  },
  {
    code: 'extra-cells', what: 'visits row 10 has one cell more than the header (in column H, which has no header)',
    exit: 1, issues: [issue('extra-cells', 'error', 'visits', 10, 'H')],
    plant: (c) => { at(c.visits, 10).push('补录'); },
  },
  {
    code: 'missing-value', what: 'visits row 7 (a guidance record) has no child_id',
    exit: 1, issues: [issue('missing-value', 'error', 'visits', 7, 'child_id')],
    plant: (c) => setCell(c.visits, 7, 'child_id', ''),
  },
  {
    code: 'not-integer', what: 'facilities row 6 has slots 约15',
    exit: 1, issues: [issue('not-integer', 'error', 'facilities', 6, 'slots')],
    plant: (c) => setCell(c.facilities, 6, 'slots', '约15'),
  },
  {
    code: 'negative-number', what: 'facilities row 6 has slots -15',
    exit: 1, issues: [issue('negative-number', 'error', 'facilities', 6, 'slots')],
    plant: (c) => setCell(c.facilities, 6, 'slots', '-15'),
  },
  {
    code: 'invalid-date', what: 'visits row 10 is dated 2025-02-30',
    exit: 1, issues: [issue('invalid-date', 'error', 'visits', 10, 'date')],
    plant: (c) => setCell(c.visits, 10, 'date', '2025-02-30'),
  },
  {
    code: 'ambiguous-date', what: 'visits row 10 is dated 07/08/2025',
    exit: 1, issues: [issue('ambiguous-date', 'error', 'visits', 10, 'date')],
    plant: (c) => setCell(c.visits, 10, 'date', '07/08/2025'),
  },
  {
    code: 'invalid-boolean', what: 'facilities row 5 has inclusive 待定',
    exit: 1, issues: [issue('invalid-boolean', 'error', 'facilities', 5, 'inclusive')],
    plant: (c) => setCell(c.facilities, 5, 'inclusive', '待定'),
  },
  {
    code: 'invalid-enum', what: 'facilities row 6 has type hospital',
    exit: 1, issues: [issue('invalid-enum', 'error', 'facilities', 6, 'type')],
    plant: (c) => setCell(c.facilities, 6, 'type', 'hospital'),
  },
  {
    code: 'invalid-area-code', what: 'visits row 13 has the 11-digit area code 33990100200',
    exit: 1, issues: [issue('invalid-area-code', 'error', 'visits', 13, 'area_code')],
    plant: (c) => setCell(c.visits, 13, 'area_code', '33990100200'),
  },
  {
    code: 'duplicate-id', what: 'facilities row 7 repeats facility_id F005',
    exit: 1, issues: [issue('duplicate-id', 'error', 'facilities', 7, 'facility_id')],
    plant: (c) => { c.facilities.push(['F005', '青石街道托育室', '339901002', 'other', 'no', '10', '0', '0', 'no', 'no', '2023-05-01', '']); },
  },
  {
    code: 'duplicate-row', what: 'visits has no record_id column and row 15 repeats row 10',
    exit: 0, issues: [issue('duplicate-row', 'warning', 'visits', 15, null)],
    plant: (c) => { c.visits.push([...at(c.visits, 10)]); for (const r of c.visits) r.shift(); },
  },
  {
    code: 'unknown-area', what: 'visits row 14 lives in 339901003001, a street the census does not know',
    exit: 1, issues: [issue('unknown-area', 'error', 'visits', 14, 'area_code')],
    plant: (c) => setCell(c.visits, 14, 'area_code', '339901003001'),
  },
  {
    code: 'unknown-facility', what: 'visits row 12 (outreach) names facility F009, not in facilities',
    exit: 1, issues: [issue('unknown-facility', 'error', 'visits', 12, 'facility_id')],
    plant: (c) => setCell(c.visits, 12, 'facility_id', 'F009'),
  },
  {
    code: 'visit-before-birth', what: 'visits row 14 is dated 2025-11-20 for a child born 2025-12-01',
    exit: 1, issues: [issue('visit-before-birth', 'error', 'visits', 14, 'birth_date')],
    plant: (c) => setCell(c.visits, 14, 'birth_date', '2025-12-01'),
  },
  {
    code: 'closed-before-opened', what: 'facilities row 6 closed 2021-06-30, opened 2022-01-10',
    exit: 1, issues: [issue('closed-before-opened', 'error', 'facilities', 6, 'closed')],
    plant: (c) => setCell(c.facilities, 6, 'closed', '2021-06-30'),
  },
  {
    code: 'classes-new-exceeds-total', what: 'facilities row 5 has 1 toddler class and 2 new ones',
    exit: 1, issues: [issue('classes-new-exceeds-total', 'error', 'facilities', 5, 'toddler_classes_new')],
    plant: (c) => setCell(c.facilities, 5, 'toddler_classes_new', '2'),
  },
  {
    code: 'census-subtotal-mismatch', what: 'census row 3 (湖滨街道) says population 9100, its communities add up to 9000',
    exit: 1, issues: [issue('census-subtotal-mismatch', 'error', 'census', 3, 'population')],
    plant: (c) => setCell(c.census, 3, 'population', '9100'),
  },
  {
    code: 'total-row-skipped', what: 'census row 9 is a 合计 row without a code (it adds up)',
    exit: 0, issues: [issue('total-row-skipped', 'info', 'census', 9, 'area_name')],
    plant: (c) => { c.census.push(['', '合计', '2025', '20000', '120', '260']); },
  },
  {
    code: 'census-year-fallback', what: 'the census is for 2024 only; report for 2025 falls back to it',
    command: 'report', args: ['--period', '2025'],
    exit: 0, issues: [issue('census-year-fallback', 'warning', 'census', null, 'year')],
    plant: (c) => c.census.slice(1).forEach((r) => { r[2] = '2024'; }),
  },
  {
    code: 'census-year-missing', what: 'the census is for 2026 only; report for 2025 has no census',
    command: 'report', args: ['--period', '2025'],
    exit: 1, issues: [issue('census-year-missing', 'error', 'census', null, 'year')],
    plant: (c) => c.census.slice(1).forEach((r) => { r[2] = '2026'; }),
  },
  {
    code: 'inconsistent-birth-date', what: 'child C001 is born 2024-11-20 in row 2 and 2024-11-02 in row 7',
    exit: 0, issues: [issue('inconsistent-birth-date', 'warning', 'visits', 7, 'birth_date')],
    plant: (c) => setCell(c.visits, 7, 'birth_date', '2024-11-02'),
  },
  {
    code: 'numerator-exceeds-denominator',
    what: 'census says 柳岸社区 (339901001001) has 1 infant (rows 2–4 adjusted so subtotals add up); two infants there get guidance in 2025, so its guidance rate is 200 % (`--by community` so that the community is computed)',
    command: 'report', args: ['--period', '2025', '--by', 'community'],
    exit: 0, issues: [issue('numerator-exceeds-denominator', 'warning', null, null, 'guidance_rate_0_1')],
    plant: (c) => { setCell(c.census, 4, 'infants_0_1', '1'); setCell(c.census, 3, 'infants_0_1', '31'); setCell(c.census, 2, 'infants_0_1', '101'); },
  },
  {
    code: 'score-out-of-range', what: 'assessments.csv row 3 scores care 230, above its maximum of 200',
    exit: 1, issues: [issue('score-out-of-range', 'error', 'assessments', 3, 'care')],
    plant: () => { const a = baseAssessments(); setCell(a, 3, 'care', '230'); return { assessments: a }; },
  },
  {
    code: 'invalid-score', what: 'assessments.csv row 2 scores staff 120.55 (two decimals)',
    exit: 1, issues: [issue('invalid-score', 'error', 'assessments', 2, 'staff')],
    plant: () => { const a = baseAssessments(); setCell(a, 2, 'staff', '120.55'); return { assessments: a }; },
  },
  {
    code: 'unsupported-format', what: 'facilities.xlsx is password-protected (an OLE container holding an encrypted package)',
    exit: 2, issues: [],
    plant: () => ({ encrypted: 'facilities' }),
  },
];

// ---------------------------------------------------------------- writing
async function writeWorkbook(path, city, sheets) {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 5));
  wb.modified = wb.created;
  for (const name of sheets) {
    const ws = wb.addWorksheet(name);
    for (const row of city[name]) ws.addRow(row.map((v) => (v === '' ? null : v)));
  }
  writeFileSync(path, pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer())));
}

async function writeCase(dir, city, planted, expected) {
  if (existsSync(dir)) for (const f of readdirSync(dir)) rmSync(join(dir, f));
  mkdirSync(dir, { recursive: true });
  const raw = planted?.raw ?? {};
  if (planted?.workbook) {
    await writeWorkbook(join(dir, 'data.xlsx'), city, planted.workbook);
  } else {
    for (const table of ['census', 'facilities', 'visits']) {
      const name = `${table}.csv`;
      if (planted?.encrypted === table) writeFileSync(join(dir, `${table}.xlsx`), writeEncryptedOfficeContainer());
      else writeFileSync(join(dir, name), raw[name] ?? toCsv(city[table]));
    }
    if (planted?.assessments) writeFileSync(join(dir, 'assessments.csv'), toCsv(planted.assessments));
  }
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
}

await writeCase(join(fixtures, 'tiny-city'), baseCity(), null, { exit: 0, command: 'validate', args: [], issues: [] });
const readme = [
  '# One failure mode per directory',
  '',
  'Each directory is a complete data directory: the tiny valid city of `../tiny-city/`',
  '(UTF-8 CSV, English headers) with exactly one planted problem, and `expected.json`:',
  'the exit code, the command (`validate` or `report`), extra arguments, and every issue',
  'the case must produce. `row` is the spreadsheet row (header = row 1); `column` is the',
  'header as written in the file, or the English id of a column the file lacks; `null` for',
  'file-level issues; a cell beyond the header is named by its column letter, an area',
  'indicator issue by the indicator id. Cases that cannot be read at all (exit 2) list no issues.',
  '',
  'Regenerate with `node scripts/make-invalid-fixtures.mjs`.',
  '',
  '| case | planted | exit |',
  '|---|---|---|',
];
for (const k of CASES) {
  const city = baseCity();
  const planted = k.plant(city);
  await writeCase(join(fixtures, 'invalid', k.code), city, planted, {
    exit: k.exit, command: k.command ?? 'validate', args: k.args ?? [], issues: k.issues,
  });
  readme.push(`| \`${k.code}\` | ${k.what} | ${k.exit} |`);
}
writeFileSync(join(fixtures, 'invalid', 'README.md'), readme.join('\n') + '\n');
console.log(`tiny-city and ${CASES.length} invalid cases written`);
