#!/usr/bin/env node
/**
 * An independent count over fixtures/sample-city/ (or DIR): re-reads the three
 * files as a clerk's spreadsheet would, checks them against SPEC §2–§3 and
 * prints the key totals quoted in the fixture's README. It shares no code with
 * the generator or with tuoyu, so it can catch either one out.
 *
 *   node scripts/check-sample-city.mjs [DIR]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '..', 'fixtures', 'sample-city');
const problems = [];
const problem = (text) => problems.push(text);

// ---------------------------------------------------------------- values
const DAY_MS = 86_400_000;
function parseDay(v) {
  if (v instanceof Date) return Math.round(v.getTime() / DAY_MS);
  const s = String(v ?? '').trim();
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}
function ageOn(birth, on) {
  const b = new Date(birth * DAY_MS);
  const t = new Date(on * DAY_MS);
  const before = t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate());
  return t.getUTCFullYear() - b.getUTCFullYear() - (before ? 1 : 0);
}
const integer = (v) => {
  const s = String(v).replaceAll(',', '').trim();
  if (!/^\d+$/.test(s)) { problem(`not an integer: ${v}`); return 0; }
  return Number(s);
};
const code = (v) => {
  let s = String(v ?? '').trim();
  if (!/^\d+$/.test(s)) { if (s) problem(`area code not digits: ${s}`); return s; }
  if (s.length === 12) s = s.endsWith('000000') ? s.slice(0, 6) : s.endsWith('000') ? s.slice(0, 9) : s;
  if (![6, 9, 12].includes(s.length)) problem(`area code of ${s.length} digits: ${s}`);
  return s;
};
const TRUE = new Set(['是', '√', 'y', 'yes', 'true', '1']);
const FALSE = new Set(['否', '×', 'n', 'no', 'false', '0', '']);
const bool = (v) => {
  const s = String(v ?? '').trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (!FALSE.has(s)) problem(`not a boolean: ${v}`);
  return false;
};

// ---------------------------------------------------------------- census
const censusBytes = readFileSync(join(dir, 'census.csv'));
if (censusBytes[0] === 0xef) problem('census.csv should have no BOM');
if (!censusBytes.includes(Buffer.from('\r\n'))) problem('census.csv should use CRLF');
const censusRows = parse(iconv.decode(censusBytes, 'gbk'), { columns: true });
const byYear = new Map();
for (const r of censusRows) {
  const row = {
    code: code(r['区划代码']), name: r['区划名称'], year: r['年份'],
    pop: integer(r['常住人口（人）']), infants: integer(r['0-1岁婴儿数（人）']), toddlers: integer(r['1-3岁幼儿数（人）']),
  };
  if (!byYear.has(row.year)) byYear.set(row.year, []);
  byYear.get(row.year).push(row);
}
const add = (rows) => rows.reduce((t, r) => ({ pop: t.pop + r.pop, infants: t.infants + r.infants, toddlers: t.toddlers + r.toddlers }), { pop: 0, infants: 0, toddlers: 0 });
const same = (a, b) => a.pop === b.pop && a.infants === b.infants && a.toddlers === b.toddlers;
const leavesByYear = new Map();
for (const [year, rows] of byYear) {
  const coded = rows.filter((r) => r.code);
  const leaves = coded.filter((r) => !coded.some((o) => o.code !== r.code && o.code.startsWith(r.code)));
  leavesByYear.set(year, leaves);
  for (const r of coded) {
    if (leaves.includes(r)) continue;
    if (!same(r, add(leaves.filter((l) => l.code.startsWith(r.code))))) problem(`${year} subtotal ${r.code} does not add up`);
  }
  for (const r of rows.filter((x) => !x.code)) {
    if (r.name !== '合计') problem(`row without code: ${r.name}`);
    if (!same(r, add(leaves))) problem(`${year} 合计 does not add up`);
  }
}
const census = byYear.get('2025');
const censusCodes = census.filter((r) => r.code).map((r) => r.code);
const leafCodes = new Set(leavesByYear.get('2025').map((r) => r.code));
/** SPEC §2: a census code, a prefix of one, or under a leaf as its nearest ancestor. */
function known(c) {
  if (censusCodes.some((k) => k.startsWith(c))) return true;
  const ancestors = [c.slice(0, 9), c.slice(0, 6)].filter((a) => a.length < c.length && censusCodes.includes(a));
  return ancestors.length > 0 && leafCodes.has(ancestors[0]);
}

// ---------------------------------------------------------------- facilities
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(join(dir, 'facilities.xlsx'));
const ws = wb.worksheets[0];
const header = ws.getRow(1).values.slice(1);
const facilities = [];
let openedDateCells = 0;
ws.eachRow((row, n) => {
  if (n === 1) return;
  const get = (h) => { const v = row.getCell(header.indexOf(h) + 1).value; return v === null || v === undefined ? '' : v; };
  if (get('开办日期') instanceof Date) openedDateCells += 1;
  const f = {
    row: n, id: String(get('机构编码')), area: code(get('区划代码')), type: get('机构类型'), inclusive: bool(get('是否普惠')),
    slots: integer(get('托位数（个）')), classes: integer(get('托班数（个）') || 0), classesNew: integer(get('本年新增托班数（个）') || 0),
    provincial: bool(get('省级普惠托育机构')), demonstration: bool(get('示范性托育机构')),
    opened: get('开办日期') === '' ? null : parseDay(get('开办日期')), closed: get('停办日期') === '' ? null : parseDay(get('停办日期')),
  };
  if (f.opened === undefined || (get('开办日期') !== '' && f.opened === null)) problem(`facility ${f.id}: bad opened`);
  if (get('停办日期') !== '' && f.closed === null) problem(`facility ${f.id}: bad closed`);
  if (f.opened !== null && f.closed !== null && f.closed <= f.opened) problem(`facility ${f.id}: closed before opened`);
  if (f.classesNew > f.classes) problem(`facility ${f.id}: new classes exceed classes`);
  if (!known(f.area)) problem(`facility ${f.id}: unknown area ${f.area}`);
  if (!['幼儿园', '托育机构', '社区托育点', '用人单位托育', '医疗机构托育', '其他'].includes(f.type)) problem(`facility ${f.id}: type ${f.type}`);
  facilities.push(f);
});
const facilityById = new Map(facilities.map((f) => [f.id, f]));
if (facilityById.size !== facilities.length) problem('duplicate facility ids');
const END = Date.UTC(2025, 11, 31) / DAY_MS;
const START = Date.UTC(2025, 0, 1) / DAY_MS;
const isOpen = (f) => (f.opened === null || f.opened <= END) && (f.closed === null || f.closed > END);
const open = facilities.filter(isOpen);

// ---------------------------------------------------------------- visits
const visitsText = readFileSync(join(dir, 'visits.csv'), 'utf8');
if (!visitsText.startsWith('\ufeff')) problem('visits.csv should start with a BOM');
const visits = parse(visitsText, { columns: true, bom: true });
const KINDS = { 科学育儿指导: 'guidance', 亲子活动: 'activity', 进社区进家庭指导: 'outreach', 线上指导: 'online' };
const recordIds = new Set();
const birthOf = new Map();
const guided = new Map(); // child → area of latest qualifying record (SPEC §2)
const active = new Map();
const outreach = new Map();
const followupsByArea = new Map();
let followups = 0;
let latest = 0;
const quarterCounts = [0, 0, 0, 0];
visits.forEach((r, i) => {
  const row = i + 2;
  if (recordIds.has(r['记录编号'])) problem(`visits row ${row}: duplicate record id`);
  recordIds.add(r['记录编号']);
  const kind = KINDS[r['服务类型']];
  const date = parseDay(r['服务日期']);
  if (!kind || date === null) { problem(`visits row ${row}: kind or date`); return; }
  latest = Math.max(latest, date);
  const inYear = date >= START && date <= END;
  if (inYear) quarterCounts[new Date(date * DAY_MS).getUTCMonth() / 3 | 0] += 1;
  if (r['服务机构编码'] && !facilityById.has(r['服务机构编码'])) problem(`visits row ${row}: unknown facility`);
  if (r['居住地区划代码'] && !known(code(r['居住地区划代码']))) problem(`visits row ${row}: unknown area`);
  if (kind === 'outreach') {
    if (!r['服务机构编码']) problem(`visits row ${row}: outreach without facility`);
    if (inYear) outreach.set(r['服务机构编码'], (outreach.get(r['服务机构编码']) ?? 0) + 1);
    return;
  }
  const birth = parseDay(r['出生日期']);
  const child = r['儿童编号'];
  if (!child || birth === null || !r['居住地区划代码']) { problem(`visits row ${row}: child fields`); return; }
  if (birth > date) problem(`visits row ${row}: visit before birth`);
  if (birthOf.has(child) && birthOf.get(child) !== birth) problem(`visits row ${row}: inconsistent birth date`);
  birthOf.set(child, birth);
  if (!inYear) return;
  const a = ageOn(birth, date);
  const area = code(r['居住地区划代码']);
  // Rows of one district are in date order but districts are not: keep the latest by date.
  const keepLatest = (map) => { const was = map.get(child); if (!was || was.date <= date) map.set(child, { date, area }); };
  if ((kind === 'guidance' || kind === 'online') && a === 0) keepLatest(guided);
  if (kind === 'guidance' && a === 0) { followups += 1; followupsByArea.set(area, (followupsByArea.get(area) ?? 0) + 1); }
  if (kind === 'activity' && (a === 1 || a === 2)) keepLatest(active);
});

// Rates above 100 % in some area would raise numerator-exceeds-denominator: the sample must not.
for (const r of census.filter((x) => x.code)) {
  const g = [...guided.values()].filter((v) => v.area.startsWith(r.code)).length;
  const t = [...active.values()].filter((v) => v.area.startsWith(r.code)).length;
  if (g > r.infants) problem(`guidance numerator ${g} > infants ${r.infants} in ${r.code}`);
  if (t > r.toddlers) problem(`activity numerator ${t} > toddlers ${r.toddlers} in ${r.code}`);
}

// ---------------------------------------------------------------- assessments (SPEC §9)
const assessmentRows = parse(iconv.decode(readFileSync(join(dir, '质量评估.csv')), 'gbk'), { columns: true });
const MAXIMA = { 办托条件: 100, 托育队伍: 140, 保育照护: 200, 卫生保健: 210, 养育支持: 80, 安全保障: 200, 机构管理: 70 };
const assessments = assessmentRows.map((r, i) => {
  const row = i + 2;
  if (!facilityById.has(r['机构编码'])) problem(`assessments row ${row}: unknown facility`);
  const date = parseDay(r['评估日期']);
  if (date === null) problem(`assessments row ${row}: date`);
  if (!['自评', '外部评估'].includes(r['评估类型'])) problem(`assessments row ${row}: kind`);
  // Scores in tenths, so that totals and their mean are exact.
  let tenths = 0;
  for (const [name, max] of Object.entries(MAXIMA)) {
    const text = r[name];
    if (!/^\d+(\.\d)?$/.test(text) || Number(text) > max) problem(`assessments row ${row}: ${name} ${text}`);
    tenths += Math.round(Number(text) * 10);
  }
  if (!['A', 'B', 'C', 'D', ''].includes(r['评估等级'])) problem(`assessments row ${row}: level`);
  return { row, facility: r['机构编码'], date, self: r['评估类型'] === '自评', tenths, passed: bool(r['基础指标全部达标']), level: r['评估等级'] };
});
const assessedInYear = assessments.filter((a) => a.date >= START && a.date <= END);
const latestAssessment = new Map();
for (const a of assessedInYear) {
  const was = latestAssessment.get(a.facility);
  if (!was || a.date > was.date || (a.date === was.date && a.row > was.row)) latestAssessment.set(a.facility, a);
}
const openProviders = open.filter((f) => f.slots > 0);
const latestOfProviders = openProviders.map((f) => latestAssessment.get(f.id)).filter((a) => a !== undefined);
const withLevel = latestOfProviders.filter((a) => a.level !== '');

// ---------------------------------------------------------------- streets and towns (SPEC §10)
const streetCodes = [...new Set(censusCodes.filter((c) => c.length >= 9).map((c) => c.slice(0, 9)))];
const coveredStreet = (s) => open.some((f) => f.inclusive && f.slots > 0 && f.area.startsWith(s));
const urban = streetCodes.filter((s) => Number(s.slice(6)) >= 1 && Number(s.slice(6)) <= 99);
const rural = streetCodes.filter((s) => Number(s.slice(6)) >= 100 && Number(s.slice(6)) <= 399);

// ---------------------------------------------------------------- totals
const total2025 = add(leavesByYear.get('2025'));
const kindergartens = open.filter((f) => f.type === '幼儿园');
const providers = open.filter((f) => f.slots > 0);
const obliged = open.filter((f) => f.type === '幼儿园' || (f.inclusive && f.slots > 0));
const iso = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const totals = {
  'census 2025 rows (incl. 合计)': census.length,
  'population 2025': total2025.pop,
  'infants_0_1 2025': total2025.infants,
  'toddlers_1_3 2025': total2025.toddlers,
  'population 2024': add(leavesByYear.get('2024')).pop,
  'facility rows': facilities.length,
  'facility opened cells that are real dates': openedDateCells,
  'open facilities at 2025-12-31': open.length,
  'open-facility slots at 2025-12-31': open.reduce((t, f) => t + f.slots, 0),
  'open kindergartens': kindergartens.length,
  'open kindergartens with toddler classes': kindergartens.filter((f) => f.classes > 0).length,
  'open kindergarten slots': kindergartens.reduce((t, f) => t + f.slots, 0),
  'open providers (slots > 0)': providers.length,
  'open inclusive providers': providers.filter((f) => f.inclusive).length,
  'open inclusive slots': open.filter((f) => f.inclusive).reduce((t, f) => t + f.slots, 0),
  'open provincial': open.filter((f) => f.provincial).length,
  'open demonstration': open.filter((f) => f.demonstration).length,
  'new toddler classes in open inclusive kindergartens': kindergartens.filter((f) => f.inclusive).reduce((t, f) => t + f.classesNew, 0),
  'open inclusive community facilities opened in 2025': open.filter((f) => f.type === '社区托育点' && f.inclusive && f.opened !== null && f.opened >= START).length,
  'open employer facilities': open.filter((f) => f.type === '用人单位托育').length,
  'kindergartens/inclusive providers open at 2025-12-31': obliged.length,
  '… of them with >= 5 outreach in 2025': obliged.filter((f) => (outreach.get(f.id) ?? 0) >= 5).length,
  'visit rows': visits.length,
  'visit rows in 2025 by quarter': quarterCounts.join(' / '),
  'latest visit date': iso(latest),
  'distinct infants with guidance/online while aged 0 in 2025': guided.size,
  'guidance records while aged 0 in 2025': followups,
  'distinct toddlers with activity while aged 1-2 in 2025': active.size,
  'assessment rows': assessments.length,
  'open providers with a self-assessment in 2025': openProviders.filter((f) => assessedInYear.some((a) => a.facility === f.id && a.self)).length,
  'open providers with an assessment in 2025 / sum of their latest totals': `${latestOfProviders.length} / ${latestOfProviders.reduce((t, a) => t + a.tenths, 0) / 10}`,
  '… whose latest records a level / of them A or B with basic items passed': `${withLevel.length} / ${withLevel.filter((a) => ['A', 'B'].includes(a.level) && a.passed).length}`,
  'streets 001-099 / covered': `${urban.length} / ${urban.filter(coveredStreet).length}`,
  'towns and townships 100-399 / covered': `${rural.length} / ${rural.filter(coveredStreet).length}`,
};
for (const [k, v] of Object.entries(totals)) console.log(`${k}: ${v}`);
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n${problems.slice(0, 30).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nno problems found');
}
