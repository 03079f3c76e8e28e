#!/usr/bin/env node
/**
 * Generates province-scale data in the SPEC §3 format, for benchmarks:
 *
 *   node scripts/generate-province.mjs --out DIR [--visits 1000000] [--communities 2000]
 *        [--facilities 5000] [--format csv|csv-gbk|xlsx] [--seed 1] [--visit-headers en|zh]
 *
 * Writes census, facilities and visits (.csv, or .xlsx with exceljs's streaming
 * writer). The census is sized from the visits asked for, so that every rate
 * stays at most 100 % and the data validate clean: each infant gets about five
 * guidance records while aged 0, toddlers one to three activities while aged 1
 * or 2, and facilities about 4 % of the records as outreach. All in 2025, under
 * the made-up province code 39. Output is streamed in chunks; deterministic for a seed.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mulberry32 } from './lib/random.mjs';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' },
    visits: { type: 'string', default: '1000000' },
    communities: { type: 'string', default: '2000' },
    facilities: { type: 'string', default: '5000' },
    format: { type: 'string', default: 'csv' },
    seed: { type: 'string', default: '1' },
    'visit-headers': { type: 'string', default: 'en' },
  },
});
const usage = (why) => {
  console.error(`${why}\nusage: node scripts/generate-province.mjs --out DIR [--visits N] [--communities N] [--facilities N] [--format csv|csv-gbk|xlsx] [--seed N] [--visit-headers en|zh]`);
  process.exit(2);
};
const count = (name, min) => {
  const n = Number(String(opts[name]).replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be a whole number ≥ ${min}`);
  return n;
};
if (!opts.out) usage('--out DIR is required');
if (!['csv', 'csv-gbk', 'xlsx'].includes(opts.format)) usage(`unknown --format ${opts.format}`);
if (!['en', 'zh'].includes(opts['visit-headers'])) usage(`unknown --visit-headers ${opts['visit-headers']}`);
const N_VISITS = count('visits', 1);
const N_COMMUNITIES = count('communities', 1);
const N_FACILITIES = count('facilities', 1);
const SEED = count('seed', 0);
if (opts.format === 'xlsx' && N_VISITS > 1_048_575) usage('an XLSX sheet holds at most 1,048,575 data rows: use --format csv');

// ---------------------------------------------------------------- randomness and days
const rng = mulberry32(0x7f4a7c15 ^ SEED);
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (p) => rng() < p;

const DAY_MS = 86_400_000;
const day = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
const Y2025 = day(2025, 1, 1);
const END2025 = day(2025, 12, 31);
// Day numbers from 2000 to 2026 as ISO text, looked up instead of formatted a million times.
const ISO_FROM = day(2000, 1, 1);
const ISO = Array.from({ length: day(2027, 1, 1) - ISO_FROM }, (_, i) => new Date((ISO_FROM + i) * DAY_MS).toISOString().slice(0, 10));
const iso = (n) => ISO[n - ISO_FROM];
/** The day a child born on `birth` turns `years` (Date.UTC rolls 29 Feb of a common year to 1 Mar). */
function birthday(birth, years) {
  const b = new Date(birth * DAY_MS);
  return Date.UTC(b.getUTCFullYear() + years, b.getUTCMonth(), b.getUTCDate()) / DAY_MS;
}

// ---------------------------------------------------------------- areas, sized from the visits
// Shares of the records: guidance/online ≈ 62 %, activities ≈ 34 %, outreach ≈ 4 %.
const N_OUTREACH = Math.min(Math.round(N_VISITS * 0.04), N_FACILITIES * 12);
const N_CHILD_VISITS = N_VISITS - N_OUTREACH;
const weights = Array.from({ length: N_COMMUNITIES }, () => 0.4 + rng() * 1.2);
const totalWeight = weights.reduce((a, b) => a + b, 0);
const communities = [];
{
  let given = 0;
  let street = null;
  let district = null;
  let streetsInDistrict = 0;
  let communitiesInStreet = 0;
  let streetTarget = 0;
  let districtTarget = 0;
  let cityNo = 1;
  let districtNo = 0;
  for (let i = 0; i < N_COMMUNITIES; i++) {
    if (!district || (streetsInDistrict >= districtTarget && communitiesInStreet >= streetTarget)) {
      districtNo += 1;
      if (districtNo > 12) { cityNo += 1; districtNo = 1; }
      if (cityNo > 99) usage('too many communities for two-digit city codes');
      district = { code: `39${String(cityNo).padStart(2, '0')}${String(districtNo).padStart(2, '0')}`, streets: [] };
      streetsInDistrict = 0;
      districtTarget = int(6, 14);
      street = null;
    }
    if (!street || communitiesInStreet >= streetTarget) {
      streetsInDistrict += 1;
      street = { code: `${district.code}${String(streetsInDistrict).padStart(3, '0')}`, communities: [] };
      district.streets.push(street);
      communitiesInStreet = 0;
      streetTarget = int(4, 12);
    }
    communitiesInStreet += 1;
    const quota = i === N_COMMUNITIES - 1 ? N_CHILD_VISITS - given : Math.floor((N_CHILD_VISITS * weights[i]) / totalWeight);
    given += quota;
    const guidanceQuota = Math.round(quota * 0.64);
    const activityQuota = quota - guidanceQuota;
    // About 5 guidance records per infant reached; 80–98 % of the infants are reached.
    const infantsReached = Math.ceil(guidanceQuota / 5);
    const toddlersReached = Math.ceil(activityQuota / 2);
    const infants = Math.ceil(infantsReached / (0.8 + rng() * 0.18)) + 1;
    const toddlers = Math.ceil(toddlersReached / (0.55 + rng() * 0.4)) + 1;
    const population = Math.round(infants / (0.005 + rng() * 0.0025));
    const c = {
      code: `${street.code}${String(communitiesInStreet).padStart(3, '0')}`, district, street,
      guidanceQuota, activityQuota, infantsReached, toddlersReached, infants, toddlers, population,
    };
    street.communities.push(c);
    communities.push(c);
  }
}
const districts = [...new Set(communities.map((c) => c.district))];
const streets = districts.flatMap((d) => d.streets);
const sumOf = (cs, k) => cs.reduce((t, c) => t + c[k], 0);

// ---------------------------------------------------------------- facilities
const TYPES = [['kindergarten', '幼儿园', 0.4], ['nursery', '托育机构', 0.3], ['community', '社区托育点', 0.18], ['employer', '用人单位托育', 0.06], ['medical', '医疗机构托育', 0.03], ['other', '其他', 0.03]];
function pickType() {
  let r = rng();
  for (const t of TYPES) { if ((r -= t[2]) < 0) return t; }
  return TYPES[0];
}
const facilities = [];
for (let i = 0; i < N_FACILITIES; i++) {
  const c = communities[Math.floor(rng() * communities.length)];
  const where = rng();
  const area = where < 0.8 ? c.code : where < 0.95 ? c.street.code : c.district.code;
  const [type, typeZh] = pickType();
  const classes = type === 'kindergarten' && chance(0.55) ? int(1, 4) : 0;
  const slots = type === 'kindergarten' ? classes * 20 : type === 'community' ? int(3, 8) * 5 : int(3, 24) * 5;
  const opened = chance(0.1) ? null : chance(0.06) ? day(2025, int(1, 11), int(1, 28)) : day(int(2000, 2024), int(1, 12), int(1, 28));
  const closed = chance(0.01) ? day(2025, int(6, 12), int(1, 28)) : null;
  facilities.push({
    id: `F${String(i + 1).padStart(7, '0')}`, name: `第${i + 1}号${typeZh}`, area, type, typeZh,
    inclusive: type === 'community' ? chance(0.9) : type === 'employer' || type === 'other' ? chance(0.2) : chance(0.6),
    slots, classes, classesNew: classes ? int(0, classes) : 0,
    provincial: chance(0.02), demonstration: chance(0.02), opened, closed,
  });
}

// ---------------------------------------------------------------- writers
mkdirSync(opts.out, { recursive: true });
const ext = opts.format === 'xlsx' ? 'xlsx' : 'csv';

/** A CSV table written in chunks with backpressure. */
function csvTable(name, header) {
  const stream = createWriteStream(join(opts.out, `${name}.csv`));
  const gbk = opts.format === 'csv-gbk';
  let lines = [];
  const encode = (text) => (gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  const flush = async () => {
    if (!lines.length) return;
    const ok = stream.write(encode(lines.join('\n') + '\n'));
    lines = [];
    if (!ok) await once(stream, 'drain');
  };
  if (!gbk) stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  lines.push(header.join(','));
  return {
    /** `cells` are already CSV-safe (no comma, quote or newline). */
    async row(cells) { lines.push(cells.join(',')); if (lines.length >= 20_000) await flush(); },
    async end() { await flush(); stream.end(); await once(stream, 'finish'); },
  };
}

/** An XLSX table through exceljs's streaming writer (inline strings, dates as date cells). */
function xlsxTable(name, header, dateColumns = []) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(opts.out, `${name}.xlsx`), useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(name === 'census' ? '人口' : name === 'facilities' ? '机构' : '服务记录');
  ws.columns = header.map((h, i) => ({ header: h, key: String(i), width: 14, style: dateColumns.includes(i) ? { numFmt: 'yyyy-mm-dd' } : undefined }));
  let n = 0;
  return {
    async row(cells) {
      ws.addRow(cells.map((v, i) => (dateColumns.includes(i) && typeof v === 'number' ? new Date(v * DAY_MS) : v === '' ? null : v))).commit();
      // Let the zip stream drain now and then.
      if (++n % 5000 === 0) await new Promise((r) => setImmediate(r));
    },
    async end() { ws.commit(); await wb.commit(); },
  };
}
const table = (name, header, dateColumns) => (ext === 'xlsx' ? xlsxTable(name, header, dateColumns) : csvTable(name, header));
/** Dates: day numbers for XLSX (written as date cells), ISO text in CSV. */
const dateCell = (n) => (n === null ? '' : ext === 'xlsx' ? n : iso(n));

// ---------------------------------------------------------------- census
{
  const t = table('census', ['区划代码', '区划名称', '年份', '常住人口（人）', '0-1岁婴儿数（人）', '1-3岁幼儿数（人）']);
  const row = (code, name, cs) => t.row([code, name, 2025, sumOf(cs, 'population'), sumOf(cs, 'infants'), sumOf(cs, 'toddlers')]);
  for (const d of districts) {
    const dcs = d.streets.flatMap((s) => s.communities);
    await row(d.code, `第${d.code.slice(2)}区`, dcs);
    for (const s of d.streets) {
      await row(s.code, `第${s.code.slice(6)}街道`, s.communities);
      for (const c of s.communities) await row(c.code, `第${c.code.slice(9)}社区`, [c]);
    }
  }
  await t.end();
}

// ---------------------------------------------------------------- facilities
{
  const t = table('facilities', ['机构编码', '机构名称', '区划代码', '机构类型', '是否普惠', '托位数（个）', '托班数（个）', '本年新增托班数（个）', '省级普惠托育机构', '示范性托育机构', '开办日期', '停办日期'], [10, 11]);
  const yn = (b) => (b ? '是' : '否');
  for (const f of facilities) {
    await t.row([f.id, f.name, f.area, f.typeZh, yn(f.inclusive), f.slots, f.classes, f.classesNew, yn(f.provincial), yn(f.demonstration), dateCell(f.opened), dateCell(f.closed)]);
  }
  await t.end();
}

// ---------------------------------------------------------------- visits
let written = 0;
{
  const zh = opts['visit-headers'] === 'zh';
  const t = table('visits', zh ? ['记录编号', '服务日期', '服务类型', '儿童编号', '出生日期', '区划代码', '机构编码'] : ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'], [1, 4]);
  const K = zh ? { guidance: '科学育儿指导', activity: '亲子活动', outreach: '进社区进家庭指导', online: '线上指导' } : { guidance: 'guidance', activity: 'activity', outreach: 'outreach', online: 'online' };
  let childSeq = 0;
  const emit = (date, kind, child, birth, area, facility) => {
    written += 1;
    return t.row([`R${String(written).padStart(9, '0')}`, dateCell(date), K[kind], child, dateCell(birth), area, facility]);
  };
  const dates = [];
  /** `k` distinct-ish sorted days in [from, to]. */
  const daysIn = (from, to, k) => {
    dates.length = 0;
    for (let i = 0; i < k; i++) dates.push(from + Math.floor(rng() * (to - from + 1)));
    return dates.sort((a, b) => a - b);
  };
  /**
   * Splits `quota` records over exactly `children` children, each getting lo..hi
   * records (typical in the middle), so the census sized from `children` holds.
   */
  async function* split(quota, children, lo, hi) {
    let left = quota;
    for (let r = children; r > 0; r--) {
      const k = Math.max(left - hi * (r - 1), Math.min(left - lo * (r - 1), int(lo + 1, hi - 1)));
      left -= k;
      yield [`C${String(++childSeq).padStart(9, '0')}`, k];
    }
  }
  for (const c of communities) {
    // Infants: born so that they are aged 0 for part of 2025; their records fall in that part.
    for await (const [child, k] of split(c.guidanceQuota, c.infantsReached, 1, 9)) {
      const birth = day(2024, 3, 1) + int(0, day(2025, 10, 31) - day(2024, 3, 1));
      const from = Math.max(Y2025, birth);
      const to = Math.min(END2025, birthday(birth, 1) - 1);
      for (const d of daysIn(from, to, k)) await emit(d, chance(0.12) ? 'online' : 'guidance', child, birth, c.code, '');
    }
    // Toddlers: one to three activities while aged 1 or 2.
    for await (const [child, k] of split(c.activityQuota, c.toddlersReached, 1, 3)) {
      const birth = day(2022, 3, 1) + int(0, day(2024, 10, 31) - day(2022, 3, 1));
      const from = Math.max(Y2025, birthday(birth, 1));
      const to = Math.min(END2025, birthday(birth, 3) - 1);
      for (const d of daysIn(from, to, k)) await emit(d, 'activity', child, birth, c.code, '');
    }
  }
  // Outreach, spread over the facilities that are open for part of 2025.
  const active = facilities.filter((f) => (f.opened ?? 0) <= END2025 && (f.closed ?? Infinity) > Y2025 + 30);
  const share = active.map(() => 0.3 + rng() * 1.4);
  const shareTotal = share.reduce((a, b) => a + b, 0);
  let left = N_OUTREACH;
  for (let i = 0; i < active.length && left > 0; i++) {
    const f = active[i];
    const k = i === active.length - 1 ? left : Math.min(left, Math.round((N_OUTREACH * share[i]) / shareTotal));
    left -= k;
    const from = Math.max(Y2025, f.opened ?? 0);
    const to = Math.min(END2025, (f.closed ?? Infinity) - 1);
    for (const d of daysIn(from, to, k)) await emit(d, 'outreach', '', null, '', f.id);
  }
  await t.end();
}

console.log(`${opts.out}: ${districts.length} districts, ${streets.length} streets, ${communities.length} communities; ${facilities.length} facilities; ${written} visits (${opts.format})`);
