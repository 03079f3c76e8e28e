#!/usr/bin/env node
/**
 * Writes fixtures/messy-city/ and fixtures/messy-city-planted/: a small city
 * whose files look the way district submissions arrive, written by a real
 * spreadsheet program rather than by tuoyu's own writers, so that the readers
 * and parsers meet what LibreOffice/WPS/Excel actually put in the files.
 *
 * Each table is first described cell by cell (strings, numbers, date cells,
 * booleans, merged titles, line breaks inside header cells) as a flat ODF
 * spreadsheet (.fods, plain XML), then LibreOffice converts it:
 *   人口.xlsx      census, LibreOffice "Calc MS Excel 2007 XML"
 *   机构.csv       facilities, LibreOffice CSV export in code page 936 (GBK)
 *   服务记录.xlsx  visits, LibreOffice xlsx
 *
 * messy-city is correct: it must validate with no error and only the
 * warnings and infos its expected.json lists. messy-city-planted is the same
 * city with one problem of each kind planted at a known spreadsheet row and
 * column (title rows and blank rows above count, as Excel shows them).
 *
 * Needs LibreOffice (soffice). Run `node scripts/make-messy-city.mjs`; the
 * output is committed, so tests never need LibreOffice. Another LibreOffice
 * version may write different xlsx bytes for the same cells.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');

// ---------------------------------------------------------------- cells
// A cell is null (empty), a string (a text cell), or one of these:
const num = (v) => ({ t: 'n', v });
const date = (iso) => ({ t: 'd', v: iso });
const bool = (v) => ({ t: 'b', v });
/** A title cell merged across `span` columns. */
const merged = (text, span) => ({ t: 'm', v: text, span });
const NBSP = '\u00a0';
const IDEOSPACE = '\u3000';

// ---------------------------------------------------------------- the city
// Fictional codes under 3397. 青山区 lists streets and communities; 白水县 only townships.
function census() {
  const header = ['统计用区划代码', '区划名称 ', '年份', '常住人口（人）', '0-1岁婴儿数\n（人）', '1-3岁幼儿数(人)', '备注'];
  return [
    [merged('青山市2025年常住人口统计表', 7)],
    ['填报单位：青山市卫生健康委员会　　单位：人'],
    header,
    // District as a 12-digit padded number cell, its numbers as text with thousands separators.
    [num(339701000000), '青山区', num(2025), '52,300', '410', '1,180', '含流动人口'],
    [num(339701001000), '东门街道', '2025年', num(30100), num(240), num(690), null],
    ['339701001001', '  东门社区', num(2025), num(18000), num(150), num(400), null],
    [`${NBSP}339701001002${NBSP}`, `南岸社区${IDEOSPACE}`, num(2025), '１２，１００', '９０', '２９０', null],
    [],
    [num(339701002000), '西门街道', num(2025), num(22200), num(170), num(490), null],
    ['339701002001', '西门社区', '2025', '22200', '170', '490', null],
    [null, '青山区小计', null, num(52300), num(410), num(1180), '按社区加总'],
    [num(339702), '白水县', num(2025), num(40000), num(300), num(800), null],
    ['339702101', '白水镇', num(2025), num(25000), num(180), num(500), null],
    ['339702102', '河口乡', num(2025), num(15000), num(120), num(300), null],
    // 合计 merged across the code and name cells: its text sits in the code column.
    [merged('合计', 2), num(2025), num(92300), num(710), num(1980), null],
    [],
    [],
  ];
}

function facilities() {
  return [
    ['2025年第四季度托育机构统计表'],
    [],
    ['Facility_ID', 'NAME', '机构类型 ', '所在区划代码', '是否普惠', '托位数\n（个）', '托班数（个）', '本年新增托班数(个)',
      '省级普惠托育机构', '示范性托育机构', '开办日期', '停办日期', '备注'],
    ['JG001', '东门幼儿园', '幼儿园', '339701001001', '是', '60', '3', '1', '√', '×', '2018-09-01', null, null],
    ['JG002', '南岸托育中心', ' Nursery ', '339701001002', 'Y', '1,200', null, null, '否', 'Y', '2020/3/1', null, '含分园'],
    ['JG003', '东门社区托育点', '社区托育点', '339701001000', '1', '２０', '0', '0', '0', '0', '2025.3.7', null, null],
    [],
    ['JG004', '西门幼儿园', 'KINDERGARTEN', '339701002001', '否', '45', '2', '2', 'N', 'N', '2025年3月7日', null, null],
    ['JG005', '青山区妇幼保健院托育部', '医疗机构托育', '339701', '×', '30', null, null, null, null, '20190601', null, null],
    [`JG006${IDEOSPACE}`, '白水镇中心幼儿园', 'kindergarten', '339702101', `${IDEOSPACE}是${IDEOSPACE}`, '80', '1', '0', 'yes', 'no', '2021-3-7', '2024-12-31', null],
    ['JG007', '河口乡托育园', '托育机构', '339702102', 'TRUE', '40', null, null, 'false', null, '2022-09-01 00:00:00', null, null],
    ['JG008', '白水工业园职工托育室', 'employer', '339702', '√', '25', null, null, null, null, '2023/09/01', null, null],
    ['JG009', '西门社区托育点', '社区托育点', '339701002001', '是', '15', null, null, null, null, '2025-06-01', null, null],
    ['JG010', '白水县托育综合服务中心', '托育机构', '339702', '是', '100', null, null, '是', '是', '2024-01-01', null, null],
    [],
  ];
}

function visits() {
  const header = ['Record_ID', 'DATE', 'Kind', 'Child ID', 'birth date', 'Area_Code', 'facility_id'];
  return [
    [merged('2025年服务记录', 7)],
    header,
    ['FW0001', date('2025-03-07'), '科学育儿指导', 'ET001', date('2024-11-20'), '339701001001', null],
    ['FW0002', date('2025-04-12T00:00:00'), 'guidance', 'ET001', '2024-11-20', num(339701001001), null],
    [null, num(45800), ' Guidance ', 'ET002', num(45600), '339701001002', null],
    [null, '2025-3-7', '亲子活动', 'ET003', '2023/05/06', '339701002001', ''],
    ['FW0005', '2025/03/07', 'ACTIVITY', 'ET004', '2023.8.9', '339702101', null],
    [],
    ['FW0006', '2025.5.20', ' 线上指导', 'ET005', '2025年1月2日', '339702102', null],
    ['FW0007', num(20250601), 'online', 'ET005', num(20250102), '339702102', null],
    ['FW0008', '2025-06-02 00:00:00', '进社区进家庭指导', null, null, null, 'JG001'],
    ['FW0009', date('2025-06-03'), 'Outreach', '', '', '', 'JG004'],
    ['FW0010', '20250604', '科学育儿指导', 'ET006', '2025-01-15 00:00:00', `339701002001${NBSP}`, `JG002${NBSP}`],
    [null, '2025年6月5日', '亲子活动', 'ET007', date('2022-12-01'), num(339702101000), null],
    [],
    [],
  ];
}

// ---------------------------------------------------------------- planted problems
/**
 * One problem of each kind, each in its own row, described by the change to
 * make and the issue it must produce. `row` is the spreadsheet row number the
 * change lands on (header rows and blank rows counted, as Excel shows them),
 * and `column` the header as it reads on one line (trimmed, a line break in
 * the cell read as a space).
 */
const PLANTED = [
  // census (LibreOffice xlsx, header on row 3)
  { table: 'census', row: 6, col: 3, value: '约18000', issue: { code: 'not-integer', column: '常住人口（人）' } },
  { table: 'census', row: 13, col: 4, value: num(-5), issue: { code: 'negative-number', column: '0-1岁婴儿数 （人）' } },
  { table: 'census', row: 9, col: 3, value: num(22300), issue: { code: 'census-subtotal-mismatch', column: '常住人口（人）' } },
  { table: 'census', row: 5, col: 2, value: '二〇二五', issue: { code: 'invalid-year', column: '年份' } },
  // facilities (GBK CSV, header on row 3)
  { table: 'facilities', row: 4, col: 4, value: '待定', issue: { code: 'invalid-boolean', column: '是否普惠' } },
  { table: 'facilities', row: 5, col: 2, value: '早教中心', issue: { code: 'invalid-enum', column: '机构类型' } },
  { table: 'facilities', row: 6, col: 10, value: '2025-02-30', issue: { code: 'invalid-date', column: '开办日期' } },
  { table: 'facilities', row: 8, col: 10, value: '03/07/2025', issue: { code: 'ambiguous-date', column: '开办日期' } },
  { table: 'facilities', row: 9, col: 11, value: '2019-01-01', issue: { code: 'closed-before-opened', column: '停办日期' } },
  { table: 'facilities', row: 10, col: 7, value: '3', issue: { code: 'classes-new-exceeds-total', column: '本年新增托班数(个)' } },
  { table: 'facilities', row: 11, col: 0, value: 'JG001', issue: { code: 'duplicate-id', column: 'Facility_ID' } },
  { table: 'facilities', row: 12, col: 3, value: '339799001', issue: { code: 'unknown-area', column: '所在区划代码' } },
  { table: 'facilities', row: 13, col: 5, value: null, issue: { code: 'missing-value', column: '托位数 （个）' } },
  { table: 'facilities', row: 14, col: 13, value: '多余', issue: { code: 'extra-cells', column: 'N' } },
  // visits (LibreOffice xlsx, header on row 2)
  { table: 'visits', row: 13, col: 4, value: date('2025-06-05'), issue: { code: 'visit-before-birth', column: 'birth date' } },
  { table: 'visits', row: 12, col: 6, value: 'JG999', issue: { code: 'unknown-facility', column: 'facility_id' } },
  { table: 'visits', row: 6, col: 2, value: '早教', issue: { code: 'invalid-enum', column: 'Kind' } },
  { table: 'visits', row: 10, col: 4, value: '2025-01-03', issue: { code: 'inconsistent-birth-date', column: 'birth date' } },
  { table: 'visits', row: 14, col: 3, value: null, issue: { code: 'missing-value', column: 'Child ID' } },
  { table: 'visits', row: 7, col: 5, value: '33970210', issue: { code: 'invalid-area-code', column: 'Area_Code' } },
  { table: 'visits', row: 4, col: 1, value: '2025-13-01', issue: { code: 'invalid-date', column: 'DATE' } },
];

/**
 * What two planted census problems set off (SPEC §5, follow-on issues): a
 * community or street whose census row is rejected for its numbers is no known
 * area, so the facilities and records in it are `unknown-area`, naming that
 * row (339701001001 is census row 6, 339702101 row 13). The records of
 * 339701001001 are one group, at its first row.
 */
const FOLLOW_ONS = [
  { code: 'unknown-area', table: 'facilities', row: 4, column: '所在区划代码', value: '339701001001' },
  { code: 'unknown-area', table: 'facilities', row: 10, column: '所在区划代码', value: '339702101' },
  { code: 'unknown-area', table: 'visits', row: 3, column: 'Area_Code', value: '339701001001' },
  { code: 'unknown-area', table: 'visits', row: 14, column: 'Area_Code', value: '339702101' },
];

/** A copy of the row at `at` (a 1-based spreadsheet row) appended as a last data row: `duplicate-row`. */
const DUPLICATED_VISIT_ROW = 5;

/** Planted problems that are warnings; every other planted problem is an error. */
const WARNING_CODES = new Set(['inconsistent-birth-date', 'duplicate-row']);
/** A cell as tuoyu reports it in an issue's `value`. */
const valueText = (cell) => (cell === null ? null : typeof cell === 'string' ? cell : cell.t === 'd' ? cell.v.slice(0, 10) : String(cell.v));

function plant(tables) {
  for (const p of PLANTED) {
    const row = tables[p.table][p.row - 1];
    while (row.length <= p.col) row.push(null);
    row[p.col] = p.value;
  }
  const visitRows = tables.visits;
  const lastData = visitRows.findLastIndex((r) => r.length > 0);
  visitRows.splice(lastData + 1, 0, [...visitRows[DUPLICATED_VISIT_ROW - 1]]);
  return [
    ...PLANTED.map((p) => ({ ...p.issue, value: p.issue.value ?? valueText(p.value), table: p.table, row: p.row })),
    { code: 'duplicate-row', column: null, value: null, table: 'visits', row: lastData + 2 },
    ...FOLLOW_ONS,
  ].map(({ code, table, row, column, value }) => ({ code, severity: WARNING_CODES.has(code) ? 'warning' : 'error', table, row, column, value }));
}

// ---------------------------------------------------------------- flat ODF
const xml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const paragraphs = (s) => s.split('\n').map((line) => `<text:p>${xml(line)}</text:p>`).join('');

function odfCell(cell) {
  if (cell === null || cell === undefined) return '<table:table-cell/>';
  if (typeof cell === 'string') return cell === '' ? '<table:table-cell/>' : `<table:table-cell office:value-type="string">${paragraphs(cell)}</table:table-cell>`;
  switch (cell.t) {
    case 'n': return `<table:table-cell office:value-type="float" office:value="${cell.v}"/>`;
    case 'b': return `<table:table-cell office:value-type="boolean" office:boolean-value="${cell.v}"/>`;
    // A date cell with a date format, as Excel or WPS keeps a typed date.
    case 'd': return `<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${cell.v}"/>`;
    case 'm': return `<table:table-cell table:number-columns-spanned="${cell.span}" office:value-type="string">${paragraphs(cell.v)}</table:table-cell>`
      + `<table:covered-table-cell table:number-columns-repeated="${cell.span - 1}"/>`;
    default: throw new Error(`unknown cell ${JSON.stringify(cell)}`);
  }
}

function fods(sheet, rows) {
  const body = rows.map((r) => `<table:table-row>${r.length === 0 ? '<table:table-cell/>' : r.map(odfCell).join('')}</table:table-row>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="ymd"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="ymd"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="${xml(sheet)}">
${body}
</table:table></office:spreadsheet></office:body></office:document>
`;
}

// ---------------------------------------------------------------- LibreOffice
function soffice() {
  for (const bin of ['soffice', 'libreoffice']) {
    try { execFileSync(bin, ['--version'], { stdio: 'ignore' }); return bin; } catch { /* next */ }
  }
  throw new Error('LibreOffice (soffice) is needed to write the messy city; the committed files stay as they are');
}

/** Code page 936 (GBK), what Excel's "CSV" export writes on a Chinese Windows; 44 = comma, 34 = double quote. */
const GBK_CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,56,1';

function convert(bin, work, base, filter) {
  execFileSync(bin, [
    // A private profile, so that a LibreOffice the user has open does not swallow the conversion.
    `-env:UserInstallation=file://${join(work, 'profile')}`,
    '--headless', '--convert-to', filter, '--outdir', join(work, 'out'), join(work, `${base}.fods`),
  ], { stdio: 'ignore' });
}

function writeCity(bin, dir, tables, expected) {
  const work = mkdtempSync(join(tmpdir(), 'tuoyu-messy-'));
  try {
    const files = [
      { base: '人口', sheet: '人口', rows: tables.census, filter: 'xlsx:Calc MS Excel 2007 XML', ext: 'xlsx' },
      { base: '机构', sheet: '机构', rows: tables.facilities, filter: GBK_CSV_FILTER, ext: 'csv' },
      { base: '服务记录', sheet: '服务记录', rows: tables.visits, filter: 'xlsx:Calc MS Excel 2007 XML', ext: 'xlsx' },
    ];
    // Files are overwritten by name, so a README beside them stays.
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      writeFileSync(join(work, `${f.base}.fods`), fods(f.sheet, f.rows));
      convert(bin, work, f.base, f.filter);
      renameSync(join(work, 'out', `${f.base}.${f.ext}`), join(dir, `${f.base}.${f.ext}`));
    }
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What the correct city must produce, and nothing else: its two total rows, and
 * the plausibility warnings its deliberately odd numbers earn (1,200 slots in
 * one facility; in the clean city, whose latest record is in 2025, two community
 * facilities opened that year with 20 and 15 slots, outside the plan's 50–80).
 */
const BASELINE = [
  { code: 'total-row-skipped', severity: 'info', table: 'census', row: 11, column: '区划名称', value: '青山区小计' },
  { code: 'total-row-skipped', severity: 'info', table: 'census', row: 15, column: '统计用区划代码', value: '合计' },
  { code: 'implausible-slots', severity: 'warning', table: 'facilities', row: 5, column: '托位数 （个）', value: '1200' },
];
const NEW_COMMUNITY_2025 = [
  { code: 'new-community-slots-out-of-range', severity: 'warning', table: 'facilities', row: 6, column: '托位数 （个）', value: '20' },
  { code: 'new-community-slots-out-of-range', severity: 'warning', table: 'facilities', row: 13, column: '托位数 （个）', value: '15' },
];

const bin = soffice();
writeCity(bin, join(fixtures, 'messy-city'), { census: census(), facilities: facilities(), visits: visits() }, { exit: 0, issues: [...BASELINE, ...NEW_COMMUNITY_2025] });
const dirty = { census: census(), facilities: facilities(), visits: visits() };
const planted = plant(dirty);
writeCity(bin, join(fixtures, 'messy-city-planted'), dirty, { exit: 1, issues: [...BASELINE, ...planted] });
console.log(`wrote messy-city and messy-city-planted (${planted.length} planted problems): ${readdirSync(join(fixtures, 'messy-city')).join(', ')}`);
