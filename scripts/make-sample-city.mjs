#!/usr/bin/env node
/**
 * Writes fixtures/sample-city/: a fictional city (codes under the made-up
 * prefix 3399) in the SPEC §3 format, with the texture of real district
 * submissions: Chinese headers with units, GBK census with thousands
 * separators and padded codes, an XLSX registry with real date cells and
 * 是/否 or √/× flags, a UTF-8-with-BOM visits file with four date styles,
 * and the optional quality self-assessments (SPEC §9) as a GBK CSV.
 *
 * Deterministic: a seeded PRNG, no clock. Run `node scripts/make-sample-city.mjs [OUT_DIR]`.
 * Then `node scripts/check-sample-city.mjs` re-reads the output and prints the key totals.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { pinZipTimes } from './lib/pin-zip-times.mjs';
import { mulberry32 } from './lib/random.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..', 'fixtures', 'sample-city');

// ---------------------------------------------------------------- helpers
const rng = mulberry32(20250307);
const uniform = (lo, hi) => lo + (hi - lo) * rng();
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (p) => rng() < p;
const pick = (list) => list[Math.floor(rng() * list.length)];

const DAY_MS = 86_400_000;
const day = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
const ymd = (n) => {
  const t = new Date(n * DAY_MS);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
};
const pad = (n, w = 2) => String(n).padStart(w, '0');
const DATE_STYLES = {
  iso: (n) => { const [y, m, d] = ymd(n); return `${y}-${pad(m)}-${pad(d)}`; },
  slash: (n) => { const [y, m, d] = ymd(n); return `${y}/${m}/${d}`; },
  zh: (n) => { const [y, m, d] = ymd(n); return `${y}年${m}月${d}日`; },
  compact: (n) => { const [y, m, d] = ymd(n); return `${y}${pad(m)}${pad(d)}`; },
};
/** Completed years from birth to date (SPEC §3). */
function age(birth, on) {
  const [by, bm, bd] = ymd(birth);
  const [y, m, d] = ymd(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
const thousands = (n) => n.toLocaleString('en-US');
const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csvLine = (cells) => cells.map(csvCell).join(',');

/** Names are drawn without repetition from a shuffled pool. */
function pool(words) {
  const list = [...words];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  let k = 0;
  return () => list[k++ % list.length] + (k > list.length ? String(Math.ceil(k / list.length)) : '');
}
const streetName = pool(['湖滨', '望江', '青石', '柳营', '文昌', '南塘', '云溪', '凤鸣', '北关', '桃源', '金沙', '白鹭', '星河', '长乐', '清波']);
const communityName = pool([
  '柳岸', '荷塘', '石桥', '松风', '竹园', '梅林', '兰亭', '枫桥', '杏花', '芳草', '翠微', '明月', '清泉', '碧波', '春晖',
  '朝阳', '锦绣', '和平', '东苑', '西苑', '南苑', '北苑', '玉泉', '紫荆', '丹桂', '银杏', '香樟', '海棠', '芙蓉', '青竹',
  '新桥', '古井', '山前', '水岸', '云栖', '晓风', '景园', '嘉禾', '瑞丰', '百合', '采荷', '望湖', '临江', '观澜', '听涛',
  '映月', '双溪', '三里', '五福', '七星', '九龙', '金桂', '红枫', '绿洲', '彩虹', '阳光', '晨曦', '华庭', '康乐', '安居',
]);
const villageName = pool(['上塘', '下岙', '桐坑', '茶园', '竹坞', '溪口', '岭脚', '石门', '龙井', '梅坞', '白沙', '黄泥', '枣林', '杨家', '前洋', '后垟', '新塘', '高田']);

// ---------------------------------------------------------------- areas
/**
 * Four districts; each district submits in its own habits (SPEC §3 allows all of them).
 * 西岭县 lists only its townships in the census (a rural county reporting at township
 * level); its villages appear in facilities and visits only (SPEC §2, nearest ancestor a leaf).
 */
const DISTRICTS = [
  { code: '339901', name: '东湖区', streets: 4, suffix: '街道', listsCommunities: true, paddedCodes: false, thousands: true, dateStyle: 'iso', bool: ['是', '否'] },
  { code: '339902', name: '南山区', streets: 3, suffix: '街道', listsCommunities: true, paddedCodes: true, thousands: false, dateStyle: 'slash', bool: ['√', '×'] },
  { code: '339903', name: '北塘区', streets: 3, suffix: '街道', listsCommunities: true, paddedCodes: false, thousands: true, dateStyle: 'zh', bool: ['是', '否'] },
  { code: '339904', name: '西岭县', streets: 3, suffix: '镇', listsCommunities: false, paddedCodes: false, thousands: false, dateStyle: 'compact', bool: ['√', ''] },
];

for (const [di, d] of DISTRICTS.entries()) {
  d.index = di + 1;
  d.streetList = [];
  for (let s = 1; s <= d.streets; s++) {
    const sCode = d.listsCommunities ? `${d.code}${pad(s, 3)}` : `${d.code}${pad(100 + s, 3)}`;
    const street = { code: sCode, name: streetName() + d.suffix, district: d, communities: [] };
    const nCom = d.listsCommunities ? int(3, 6) : int(3, 5);
    for (let c = 1; c <= nCom; c++) {
      const cCode = d.listsCommunities ? `${sCode}${pad(c, 3)}` : `${sCode}${pad(200 + c, 3)}`;
      const pop = d.listsCommunities ? int(5000, 16000) : int(1800, 5000);
      const infants = Math.round(pop * uniform(0.0045, 0.0075));
      const toddlers = Math.round(pop * uniform(0.0105, 0.0150));
      street.communities.push({
        code: cCode,
        name: d.listsCommunities ? communityName() + '社区' : villageName() + '村',
        street,
        y2025: { pop, infants, toddlers },
        y2024: { pop: Math.round(pop * uniform(0.975, 1.005)), infants: Math.round(infants * uniform(1.0, 1.15)), toddlers: Math.round(toddlers * uniform(0.98, 1.1)) },
      });
    }
    d.streetList.push(street);
  }
}
const allStreets = DISTRICTS.flatMap((d) => d.streetList);
const allCommunities = allStreets.flatMap((s) => s.communities);
const sum = (items, year, key) => items.reduce((t, c) => t + c[year][key], 0);

// ---------------------------------------------------------------- census.csv (GBK, CRLF, no BOM)
function censusFile() {
  const lines = [csvLine(['区划代码', '区划名称', '年份', '常住人口（人）', '0-1岁婴儿数（人）', '1-3岁幼儿数（人）'])];
  for (const year of ['y2024', 'y2025']) {
    const y = year.slice(1);
    for (const d of DISTRICTS) {
      const fmt = (n) => (d.thousands ? thousands(n) : String(n));
      const code = (c) => (d.paddedCodes ? c.padEnd(12, '0') : c);
      const row = (c, name, items) => csvLine([code(c), name, y, fmt(sum(items, year, 'pop')), fmt(sum(items, year, 'infants')), fmt(sum(items, year, 'toddlers'))]);
      const leaves = d.streetList.flatMap((s) => s.communities);
      lines.push(row(d.code, d.name, leaves));
      for (const s of d.streetList) {
        lines.push(row(s.code, s.name, s.communities));
        if (d.listsCommunities) for (const c of s.communities) lines.push(row(c.code, c.name, [c]));
      }
    }
    // The city total, as Excel sheets carry it: no code, name 合计 (SPEC §2: skipped, checked).
    lines.push(csvLine(['', '合计', y, thousands(sum(allCommunities, year, 'pop')), thousands(sum(allCommunities, year, 'infants')), thousands(sum(allCommunities, year, 'toddlers'))]));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

// ---------------------------------------------------------------- facilities
const facilities = [];
let facilitySeq = 0;
function addFacility(f) {
  facilitySeq += 1;
  const full = {
    id: `JG${pad(facilitySeq, 4)}`, toddlerClasses: 0, toddlerClassesNew: 0, provincial: false, demonstration: false,
    opened: null, closed: null, ...f,
  };
  facilities.push(full);
  return full;
}
const randomOpened = () => (chance(0.12) ? null : day(int(2003, 2024), int(1, 12), int(1, 28)));
const opened2025 = () => day(2025, int(1, 11), int(1, 28));

for (const d of DISTRICTS) {
  for (const s of d.streetList) {
    // Kindergartens: 3–5 per street; public ones (most) are inclusive; some run toddler classes.
    const nKg = int(3, 5);
    for (let k = 0; k < nKg; k++) {
      const home = k === 0 ? null : pick(s.communities);
      const classes = chance(0.6) ? int(1, 3) : 0;
      addFacility({
        name: k === 0 ? `${s.name.replace(/街道|镇/, '')}中心幼儿园` : `${home.name.replace(/社区|村/, '')}幼儿园`,
        area: home ? home.code : s.code,
        district: d,
        type: 'kindergarten',
        inclusive: chance(0.8),
        slots: classes ? classes * pick([15, 20, 20, 25]) : 0,
        toddlerClasses: classes,
        toddlerClassesNew: classes ? Math.min(classes, pick([0, 0, 1, 1, 2])) : 0,
        opened: chance(0.08) ? opened2025() : randomOpened(),
      });
    }
    // Nurseries: 1–2 per street, half of them inclusive.
    const nNur = int(1, 2);
    for (let k = 0; k < nNur; k++) {
      const home = pick(s.communities);
      addFacility({
        name: `${home.name.replace(/社区|村/, '')}${pick(['宝贝', '童心', '小树苗', '启航', '爱育'])}托育中心`,
        area: home.code, district: d, type: 'nursery', inclusive: chance(0.55),
        slots: int(4, 16) * 5, opened: chance(0.1) ? opened2025() : randomOpened(),
      });
    }
    // Community childcare points in about 40% of communities, nearly all inclusive.
    for (const c of s.communities) {
      if (!chance(d.listsCommunities ? 0.42 : 0.3)) continue;
      addFacility({
        name: `${c.name}托育点`, area: c.code, district: d, type: 'community', inclusive: chance(0.9),
        slots: int(3, 8) * 5, opened: chance(0.2) ? opened2025() : day(int(2019, 2024), int(1, 12), int(1, 28)),
      });
    }
  }
  // District-level facilities: the maternal and child hospital's unit, an employer or two, an early-education centre.
  addFacility({ name: `${d.name}妇幼保健院托育部`, area: d.code, district: d, type: 'medical', inclusive: chance(0.5), slots: int(3, 8) * 5, opened: randomOpened() });
  for (let k = 0; k < int(1, 3); k++) {
    const s = pick(d.streetList);
    addFacility({
      name: `${s.name.replace(/街道|镇/, '')}${pick(['科创园', '产业园', '制造厂', '物流港', '医药园'])}职工托育室`,
      area: chance(0.5) ? s.code : pick(s.communities).code, district: d, type: 'employer', inclusive: chance(0.3),
      slots: int(3, 10) * 5, opened: chance(0.15) ? opened2025() : randomOpened(),
    });
  }
  if (chance(0.7)) {
    const s = pick(d.streetList);
    addFacility({ name: `${s.name.replace(/街道|镇/, '')}早教中心`, area: s.code, district: d, type: 'other', inclusive: false, slots: int(0, 4) * 5, opened: randomOpened() });
  }
}

// Closures and a planned opening: a few facilities closed in 2024 or 2025, one opens in 2026.
const providers = facilities.filter((f) => f.slots > 0 && f.opened !== null && f.opened < day(2023, 1, 1));
for (let k = 0; k < 4; k++) {
  const f = providers[Math.floor(rng() * providers.length)];
  if (f.closed) continue;
  f.closed = k < 2 ? day(2024, int(3, 11), int(1, 28)) : day(2025, int(2, 10), int(1, 28));
}
{
  const s = pick(DISTRICTS[0].streetList);
  const c = pick(s.communities);
  addFacility({ name: `${c.name}托育点（筹）`, area: c.code, district: DISTRICTS[0], type: 'community', inclusive: true, slots: 30, opened: day(2026, 1, 15) });
}
// Provincial and demonstration flags among inclusive providers (a closed one keeps its flag).
const flagCandidates = facilities.filter((f) => f.inclusive && f.slots >= 30);
for (const f of flagCandidates) {
  if (chance(0.3)) f.provincial = true;
  if (chance(0.2)) f.demonstration = true;
}

function facilitiesWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tuoyu sample city';
  wb.created = new Date(Date.UTC(2026, 0, 5));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('机构');
  ws.columns = [
    { header: '机构编码', width: 10 },
    { header: '机构名称', width: 28 },
    { header: '区划代码', width: 16 },
    { header: '机构类型', width: 12 },
    { header: '是否普惠', width: 9 },
    { header: '托位数（个）', width: 11 },
    { header: '托班数（个）', width: 11 },
    { header: '本年新增托班数（个）', width: 18 },
    { header: '省级普惠托育机构', width: 15 },
    { header: '示范性托育机构', width: 14 },
    { header: '开办日期', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: '停办日期', width: 12 },
  ];
  const TYPE_ZH = { kindergarten: '幼儿园', nursery: '托育机构', community: '社区托育点', employer: '用人单位托育', medical: '医疗机构托育', other: '其他' };
  for (const f of facilities) {
    const d = f.district;
    const [yes, no] = d.bool;
    // 南山区 pads codes to 12 digits; 北塘区 types codes as numbers (Excel shows them as numbers).
    let area = d.paddedCodes ? f.area.padEnd(12, '0') : f.area;
    if (d.index === 3) area = Number(area);
    ws.addRow([
      f.id, f.name, area, TYPE_ZH[f.type], f.inclusive ? yes : d.bool[1] || '否', f.slots,
      f.type === 'kindergarten' ? f.toddlerClasses : null,
      f.type === 'kindergarten' ? f.toddlerClassesNew : null,
      f.provincial ? yes : no || null, f.demonstration ? yes : no || null,
      f.opened === null ? null : new Date(f.opened * DAY_MS),
      f.closed === null ? null : DATE_STYLES[d.dateStyle](f.closed),
    ]);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb;
}

// ---------------------------------------------------------------- visits
const START = day(2024, 12, 1);
const LAST = day(2025, 12, 19);
const visits = [];
let childSeq = 0;
const newChildId = () => `ET${pad(++childSeq, 6)}`;
const facilitiesByDistrict = new Map(DISTRICTS.map((d) => [d.code, facilities.filter((f) => f.district === d)]));
const openOn = (f, t) => (f.opened === null || f.opened <= t) && (f.closed === null || f.closed > t);

/** A child's home may change once: movers continue in another community of the city. */
function homeAfterMove(c) {
  return chance(0.7) ? pick(c.street.district.streetList.flatMap((s) => s.communities)) : pick(allCommunities);
}

for (const c of allCommunities) {
  const { infants, toddlers } = c.y2025;
  const reach = uniform(0.8, 0.97); // share of infants the community's doctors reach
  const keep = uniform(0.5, 0.85); // how reliably each scheduled follow-up happens
  const onlineShare = uniform(0.05, 0.2);
  const nInfants = Math.round(infants * reach);
  for (let k = 0; k < nInfants; k++) {
    const child = newChildId();
    const birth = day(2024, 4, 1) + int(0, day(2025, 9, 30) - day(2024, 4, 1));
    const mover = chance(0.04);
    let home = c;
    // Follow-ups on a home-visit and clinic schedule: weeks 1, 2, 4 and 6, then months 2–6, 8, 10 and 12.
    for (const [i, offset] of [7, 14, 28, 42, 61, 91, 122, 152, 182, 243, 304, 365].entries()) {
      const t = birth + offset + int(-3, 12);
      if (t < START || t > LAST) continue;
      if (!chance(keep)) continue;
      if (mover && i === 6) home = homeAfterMove(c);
      visits.push({ date: t, kind: chance(onlineShare) ? 'online' : 'guidance', child, birth, area: home.code, facility: null });
    }
  }
  const toddlerReach = uniform(0.72, 0.97);
  const nToddlers = Math.round(toddlers * toddlerReach);
  const local = facilitiesByDistrict.get(c.street.district.code);
  for (let k = 0; k < nToddlers; k++) {
    const child = newChildId();
    const birth = day(2022, 4, 1) + int(0, day(2024, 3, 31) - day(2022, 4, 1));
    const n = pick([1, 1, 1, 2, 2, 3]);
    const home = chance(0.03) ? homeAfterMove(c) : c;
    for (let j = 0; j < n; j++) {
      const t = day(2025, 1, 4) + int(0, LAST - day(2025, 1, 4));
      const host = chance(0.5) ? pick(local) : null;
      visits.push({ date: t, kind: 'activity', child, birth, area: j > 0 ? home.code : c.code, facility: host && openOn(host, t) ? host.id : null });
    }
  }
}
// Outreach: kindergartens and inclusive providers mostly reach five visits a year; some fall short.
for (const f of facilities) {
  const obliged = f.type === 'kindergarten' || (f.inclusive && f.slots > 0);
  if (!obliged && !chance(0.3)) continue;
  const n = chance(0.8) ? int(5, 12) : int(0, 4);
  const from = Math.max(day(2025, 1, 6), f.opened ?? 0);
  const to = Math.min(LAST, (f.closed ?? Infinity) - 1);
  for (let k = 0; k < n && from <= to; k++) {
    const t = from + int(0, to - from);
    visits.push({ date: t, kind: 'outreach', child: null, birth: null, area: chance(0.5) ? f.area : null, facility: f.id });
  }
}

const KIND_ZH = { guidance: '科学育儿指导', activity: '亲子活动', outreach: '进社区进家庭指导', online: '线上指导' };
function visitsFile() {
  // Each district submits its own block, sorted by date, in its own date style.
  const districtOf = (v) => (v.area ?? facilities.find((f) => f.id === v.facility).area).slice(0, 6);
  const lines = [csvLine(['记录编号', '服务日期', '服务类型', '儿童编号', '出生日期', '居住地区划代码', '服务机构编码'])];
  for (const d of DISTRICTS) {
    const block = visits.filter((v) => districtOf(v) === d.code).sort((a, b) => a.date - b.date);
    const fmt = DATE_STYLES[d.dateStyle];
    block.forEach((v, i) => {
      lines.push(csvLine([
        `FW${pad(d.index)}-${pad(i + 1, 6)}`, fmt(v.date), KIND_ZH[v.kind], v.child ?? '',
        v.birth === null ? '' : fmt(v.birth), v.area ?? '', v.facility ?? '',
      ]));
    });
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

// ---------------------------------------------------------------- assessments (SPEC §9)
/**
 * Quality assessments against WS/T 821—2023: most providers assess themselves
 * each year, some also get an external assessment; a few rows record no level.
 * Drawn from a generator of their own, after everything else, so that adding
 * this table left the other three files byte for byte as they were.
 */
const arng = mulberry32(20250520);
const aInt = (lo, hi) => lo + Math.floor(arng() * (hi - lo + 1));
const aChance = (p) => arng() < p;
const DIMENSIONS = [['办托条件', 100], ['托育队伍', 140], ['保育照护', 200], ['卫生保健', 210], ['养育支持', 80], ['安全保障', 200], ['机构管理', 70]];
const assessments = [];
function assess(f, date, kind) {
  const quality = 0.55 + 0.43 * arng();
  // Scores in tenths of a point: whole points mostly, a half or another tenth now and then.
  const scores = DIMENSIONS.map(([, max]) => {
    const tenths = Math.min(max * 10, Math.round(max * 10 * (quality + 0.08 * (arng() - 0.5))));
    return aChance(0.6) ? Math.round(tenths / 10) * 10 : tenths;
  });
  const total = scores.reduce((t, s) => t + s, 0) / 10;
  const basicPassed = aChance(0.9);
  const level = aChance(0.12) ? '' : total >= 850 ? 'A' : total >= 750 ? 'B' : total >= 600 ? 'C' : 'D';
  assessments.push({ facility: f.id, date, kind, scores, basicPassed, level });
}
for (const f of facilities) {
  const provider = f.slots > 0;
  // Kindergartens without toddler classes assess too (not providers: the indicators pass them over).
  if (!provider && !(f.type === 'kindergarten' && aChance(0.3))) continue;
  if (aChance(0.35)) assess(f, day(2024, aInt(3, 11), aInt(1, 28)), 'self');
  if (aChance(0.75)) {
    const selfDate = day(2025, aInt(2, 11), aInt(1, 28));
    assess(f, selfDate, 'self');
    // An external assessment, now and then on the day of the self-assessment (then the later row is the latest).
    if (aChance(0.3)) assess(f, aChance(0.25) ? selfDate : Math.min(LAST - 10, selfDate + aInt(20, 120)), 'external');
  } else if (aChance(0.2)) {
    assess(f, day(2025, aInt(3, 11), aInt(1, 28)), 'external');
  }
}
function assessmentsFile() {
  const lines = [csvLine(['机构编码', '评估日期', '评估类型', ...DIMENSIONS.map(([name]) => name), '基础指标全部达标', '评估等级'])];
  for (const a of [...assessments].sort((x, y) => x.date - y.date)) {
    lines.push(csvLine([
      a.facility, DATE_STYLES.iso(a.date), a.kind === 'self' ? '自评' : '外部评估',
      ...a.scores.map((tenths) => (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1))),
      a.basicPassed ? '是' : '否', a.level,
    ]));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

// ---------------------------------------------------------------- write
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'census.csv'), censusFile());
writeFileSync(join(outDir, 'visits.csv'), visitsFile());
writeFileSync(join(outDir, '质量评估.csv'), assessmentsFile());
const wb = facilitiesWorkbook();
writeFileSync(join(outDir, 'facilities.xlsx'), pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer())));
console.log(
  `sample city: ${allCommunities.length} communities/villages, ${facilities.length} facilities, ${visits.length} service records, ${assessments.length} assessments`,
);
