#!/usr/bin/env node
/**
 * `npm run fuzz`: throws random input at what reads untrusted data, from the
 * built code in dist/.
 *
 *   1. The value parsers (parseDate, parseInteger, parseBoolean, parseAreaCode,
 *      parseEnum, parseYear, parseScore) get `--cases` random cells (default 1,000,000):
 *      they must never throw and always answer { ok: true | false }.
 *   2. The CSV reader (openTable) gets a file per 500 cases (at least 200) of
 *      random bytes, quote/delimiter soup, UTF-16/GBK/broken UTF-8 text; the
 *      XLSX path gets a valid workbook with random bytes flipped. The only
 *      throw allowed is a FatalInputError, and every read must end (10 s).
 *   3. `--big-mb N` (default 256, 0 skips): a visits CSV of N MB, streamed to
 *      a temp dir, is validated in a child process; its peak memory must stay
 *      under `--max-rss-mb` (default 1024) and its issues capped.
 *
 *   npm run fuzz -- --cases 20000 --big-mb 8 --seed 7
 * Exit 1 on any finding, with the first few inputs printed (as JSON / base64).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseAreaCode, parseBoolean, parseDate, parseEnum, parseInteger, parseScore, parseYear } from '../dist/schema/values.js';
import { openTable } from '../dist/io/open-table.js';
import { sniffFile } from '../dist/io/resolve-inputs.js';
import { FatalInputError } from '../dist/issues/fatal.js';
import { writeXlsx } from './lib/write-zip.mjs';
import { xorshift32 } from './lib/random.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const CASES = option('--cases', 1_000_000);
const SEED = option('--seed', Date.now() % 2 ** 31);
const BIG_MB = option('--big-mb', 256);
const MAX_RSS_MB = option('--max-rss-mb', 1024);
const READ_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------- deterministic randomness
const next = xorshift32(SEED);
const below = (n) => next() % n;
const pick = (list) => list[below(list.length)];
const chance = (p) => next() / 2 ** 32 < p;

const findings = [];
function report(stage, input, error) {
  findings.push({ stage, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), input });
}

// ---------------------------------------------------------------- 1. value parsers
const PIECES = [
  '0', '1', '2', '9', '12', '2025', '1900', '2999', '3000', '0000', '20250307', '330106', '330106001', '330106001001',
  '000', '000000', '-', '−', '+', '.', ',', '，', '/', '年', '月', '日', '号', ' ', '\t', '\u3000', '１', '２', '０',
  'e', 'E', '1e9', 'NaN', 'Infinity', '是', '否', 'Y', 'n', 'true', 'FALSE', '√', '×', '✓', '有', '无', 'guidance',
  '科学育儿指导', 'outreach', 'Kindergarten', '幼儿园', '（', '）', '(', ')', '个', '人', ':', 'T', 'Z', '00:00:00',
  '\u0000', '\ufffd', '\ud800', '\udfff', '😀', '\u200b', '__proto__', 'constructor', 'toString', '=1+1', '"', "'",
];
const KINDS = [
  { id: 'guidance', zh: '科学育儿指导' },
  { id: 'activity', zh: '亲子活动' },
  { id: 'outreach', zh: '进社区进家庭指导' },
  { id: 'online', zh: '线上指导' },
];

function randomString() {
  const parts = [];
  const length = chance(0.01) ? 2000 + below(20000) : below(8);
  for (let index = 0; index < length; index += 1) {
    if (chance(0.7)) parts.push(pick(PIECES));
    else parts.push(String.fromCharCode(below(0x10000)));
  }
  return parts.join('');
}

function randomNumber() {
  switch (below(8)) {
    case 0: return pick([0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, 1e21, 60, 10000]);
    case 1: return below(100000);
    case 2: return 20000000 + below(10000000);
    case 3: return (next() / 2 ** 32) * 1e6 - 5e5;
    case 4: return -below(1000);
    case 5: return 330106000000 + below(1e6);
    default: return (next() - 2 ** 31) * (chance(0.5) ? 1 : 1e-3);
  }
}

function randomCell() {
  switch (below(10)) {
    case 0: return null;
    case 1: return chance(0.5);
    case 2: return new Date(chance(0.1) ? NaN : (next() - 2 ** 31) * 1e5);
    case 3:
    case 4: return randomNumber();
    default: return randomString();
  }
}

const PARSERS = [
  ['parseDate', parseDate],
  ['parseInteger', parseInteger],
  ['parseBoolean', parseBoolean],
  ['parseAreaCode', parseAreaCode],
  ['parseYear', parseYear],
  ['parseEnum', (cell) => parseEnum(KINDS, cell)],
  ['parseScore', (cell) => parseScore(cell, 200)],
];

function describeCell(cell) {
  if (cell instanceof Date) return { date: cell.getTime() };
  if (typeof cell === 'number') return { number: String(cell) };
  return cell;
}

function fuzzParsers() {
  const started = Date.now();
  for (let index = 0; index < CASES; index += 1) {
    const cell = randomCell();
    for (const [name, parse] of PARSERS) {
      try {
        const result = parse(cell);
        if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') {
          report(name, describeCell(cell), new Error(`answered ${JSON.stringify(result)}`));
        } else if (!result.ok && typeof result.code !== 'string') {
          report(name, describeCell(cell), new Error('a failure without a code'));
        }
      } catch (error) {
        report(name, describeCell(cell), error);
      }
    }
  }
  console.log(`parsers: ${CASES} cells × ${PARSERS.length} parsers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- 2. readers
function randomBytes(length) {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) bytes[index] = below(256);
  return bytes;
}

function soup(length) {
  const alphabet = ['"', '"', ',', ';', '\t', '\n', '\r', '\r\n', 'a', '1', '区', ' ', '""', '\u0000', '=', 'record_id', 'date', 'kind'];
  let text = '';
  for (let index = 0; index < length; index += 1) text += pick(alphabet);
  return text;
}

function randomCsvFile() {
  const length = below(4000);
  switch (below(7)) {
    case 0: return randomBytes(length);
    case 1: return Buffer.from(soup(length), 'utf8');
    case 2: return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(soup(length), 'utf16le'), chance(0.5) ? randomBytes(3) : Buffer.alloc(0)]);
    case 3: return Buffer.concat([iconv.encode(`区划代码,名称\n${soup(length)}`, 'gb18030'), chance(0.5) ? randomBytes(5) : Buffer.alloc(0)]);
    case 4: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(soup(length)), randomBytes(below(4))]);
    case 5: {
      // A valid-looking table with damage spliced in at a random point.
      const text = Buffer.from(`record_id,date,kind\n${'V1,2025-01-01,guidance\n'.repeat(1 + below(200))}`);
      const at = below(text.length);
      return Buffer.concat([text.subarray(0, at), randomBytes(below(16)), text.subarray(at)]);
    }
    default: return Buffer.from(soup(length).replace(/"/g, ''), 'latin1');
  }
}

const validWorkbook = writeXlsx([
  { name: 'visits', rows: [{ r: 1, cells: ['record_id', 'date', 'kind'] }, ...Array.from({ length: 30 }, (_, index) => ({ r: index + 2, cells: [`V${index}`, '2025-01-01', 'guidance'] }))] },
]);

function damagedWorkbook() {
  const bytes = Buffer.from(validWorkbook);
  const flips = 1 + below(8);
  for (let index = 0; index < flips; index += 1) bytes[below(bytes.length)] = below(256);
  return chance(0.2) ? bytes.subarray(0, below(bytes.length)) : bytes;
}

function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READ_TIMEOUT_MS} ms (hang)`)), READ_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readWhole(path, format) {
  const table = await openTable({ table: 'visits', path, sheet: null, format }, chance(0.5) ? { isHeaderRow: (cells) => cells.length > 1 } : {});
  let last = table.header.row;
  for await (const batch of table.batches) {
    for (const row of batch) {
      if (!(row.row > last)) throw new Error(`row ${row.row} after row ${last}`);
      last = row.row;
    }
  }
  table.sha256();
}

async function fuzzReaders(dir) {
  const files = Math.max(200, Math.floor(CASES / 500));
  const started = Date.now();
  const unhandled = [];
  const onUnhandled = (error) => unhandled.push(error);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  for (let index = 0; index < files; index += 1) {
    const xlsx = index % 5 === 4;
    const bytes = xlsx ? damagedWorkbook() : randomCsvFile();
    const path = join(dir, xlsx ? 'visits.xlsx' : 'visits.csv');
    writeFileSync(path, bytes);
    try {
      await withTimeout((async () => readWhole(path, await sniffFile(path)))());
    } catch (error) {
      if (!(error instanceof FatalInputError)) report(xlsx ? 'xlsx reader' : 'csv reader', bytes.toString('base64'), error);
    }
    while (unhandled.length > 0) report('unhandled', bytes.toString('base64'), unhandled.shift());
  }
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  console.log(`readers: ${files} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- 3. a big file
async function bigFile(dir) {
  if (BIG_MB <= 0) return;
  const data = join(dir, 'big');
  execFileSync('mkdir', ['-p', data]);
  for (const table of ['census', 'facilities']) writeFileSync(join(data, `${table}.csv`), readFileSync(join('fixtures', 'tiny-city', `${table}.csv`)));
  const out = createWriteStream(join(data, 'visits.csv'));
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write('record_id,date,kind,child_id,birth_date,area_code,facility_id\n');
  const target = BIG_MB * 1024 * 1024;
  let bytes = 0;
  let rows = 0;
  while (bytes < target) {
    let chunk = '';
    for (let index = 0; index < 1000; index += 1) {
      rows += 1;
      // One row in 500 is broken, so the issue cap is exercised on the way.
      const date = rows % 500 === 0 ? '2025-02-30' : `2025-${String(1 + (rows % 12)).padStart(2, '0')}-15`;
      chunk += `R${rows},${date},guidance,C${rows % 50000},2024-11-20,339901001001,\n`;
    }
    bytes += Buffer.byteLength(chunk);
    await write(chunk);
  }
  await new Promise((resolve) => out.end(resolve));
  const started = Date.now();
  const child = `import('./dist/api.js').then(async (api) => {
    const report = await api.validateData({ data: process.argv[1], lang: 'en' });
    console.log(JSON.stringify({ inputs: report.inputs, issues: report.issues.length, summary: report.summary, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  })`;
  const result = JSON.parse(execFileSync(process.execPath, ['-e', child, data], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const visits = result.inputs.find((input) => input.table === 'visits');
  const seconds = (Date.now() - started) / 1000;
  console.log(`big file: ${BIG_MB} MB, ${rows} rows validated in ${seconds.toFixed(1)} s, peak ${Math.round(result.maxRssMb)} MB, ${result.issues} issues listed of ${result.summary.errors} errors`);
  if (visits.read !== rows || visits.rejected !== Math.floor(rows / 500)) report('big file', { rows }, new Error(`counted ${JSON.stringify(visits)}`));
  if (result.maxRssMb > MAX_RSS_MB) report('big file', { rows }, new Error(`peak memory ${Math.round(result.maxRssMb)} MB > ${MAX_RSS_MB} MB`));
  if (result.issues > 200) report('big file', { rows }, new Error(`${result.issues} issues listed: the cap did not hold`));
}

// ---------------------------------------------------------------- run
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-fuzz-'));
console.log(`fuzz: seed ${SEED}, ${CASES} cases`);
try {
  fuzzParsers();
  await fuzzReaders(dir);
  await bigFile(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (findings.length > 0) {
  const saved = join(tmpdir(), `tuoyu-fuzz-findings-${SEED}.json`);
  writeFileSync(saved, JSON.stringify(findings.slice(0, 100), null, 1));
  console.error(`${findings.length} finding(s), inputs in full in ${saved}; the first ones (rerun with --seed ${SEED}):`);
  for (const finding of findings.slice(0, 10)) console.error(JSON.stringify(finding).slice(0, 400));
  process.exitCode = 1;
} else {
  console.log('no findings');
}
