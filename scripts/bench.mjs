// `npm run bench`: tuoyu end to end — on every core, and in one thread (`--threads 1`) —
// beside the floor (csv-parse alone, exceljs's bare streaming read; for xlsx also tuoyu's
// own workbook reader alone) and the peer (DuckDB, one SQL query), on province-scale data made by
// scripts/generate-province.mjs. Runs alternate so that machine noise hits all alike.
// Prints medians, rows/s, MB/s, peak memory (of the whole process, reader threads included)
// and ratios to the floor and to DuckDB; writes bench/out/results.json.
//
//   npm run bench                      # 100k and 1M CSV, 1M GBK CSV, 200k xlsx; 3 runs each
//   npm run bench -- --full            # also 2M CSV (bounded-memory check; or --only csv-2m)
//   npm run bench -- --runs 5 --only csv-1m
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(value('--runs', '3'));
const only = value('--only', null);
const OUT = 'bench/out';
const PERIOD = ['2025-01-01', '2025-12-31'];

const datasets = [
  { id: 'csv-100k', visits: 100_000, format: 'csv', encoding: 'utf8' },
  { id: 'csv-1m', visits: 1_000_000, format: 'csv', encoding: 'utf8' },
  { id: 'csv-gbk-1m', visits: 1_000_000, format: 'csv-gbk', encoding: 'gb18030' },
  { id: 'xlsx-200k', visits: 200_000, format: 'xlsx', encoding: null },
  ...(flag('--full') || only === 'csv-2m' ? [{ id: 'csv-2m', visits: 2_000_000, format: 'csv', encoding: 'utf8' }] : []),
].filter((dataset) => !only || dataset.id === only);

function generate(dataset) {
  const dir = join(OUT, dataset.id);
  const visitsFile = join(dir, dataset.format === 'xlsx' ? 'visits.xlsx' : 'visits.csv');
  if (!existsSync(visitsFile)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(process.execPath, [
      'scripts/generate-province.mjs', '--out', dir, '--visits', String(dataset.visits), '--format', dataset.format, '--seed', '1',
    ], { stdio: 'inherit' });
  }
  return { dir, visitsFile };
}

function measure(kind, childArgs) {
  const output = execFileSync(process.execPath, ['scripts/bench-child.mjs', kind, ...childArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').pop());
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = [];
for (const dataset of datasets) {
  const { dir, visitsFile } = generate(dataset);
  const megabytes = statSync(visitsFile).size / 1e6;
  const contenders = [
    { name: 'tuoyu report', kind: 'tuoyu', args: ['report', dir, '--period', '2025', '--format', 'json'] },
    // The same in one thread: what reading a large CSV on every core gains (a workbook is read in one).
    ...(dataset.format === 'xlsx' ? [] : [{ name: 'tuoyu report --threads 1', kind: 'tuoyu', args: ['report', dir, '--period', '2025', '--format', 'json', '--threads', '1'] }]),
    // The same report as a table, which adds the data-quality review (SPEC §11) and its line under the table.
    { name: 'tuoyu report + quality review', kind: 'tuoyu', args: ['report', dir, '--period', '2025', '--format', 'table'] },
    dataset.format === 'xlsx'
      ? { name: 'exceljs stream read', kind: 'exceljs', args: [visitsFile] }
      : { name: 'csv-parse alone', kind: 'csv-parse', args: [visitsFile, dataset.encoding] },
    // The project's own workbook reader on the same sheet, without validation: what the report pays to read.
    ...(dataset.format === 'xlsx' ? [{ name: 'tuoyu xlsx reader alone', kind: 'xlsx-reader', args: [visitsFile] }] : []),
    ...(dataset.encoding === 'utf8' ? [{ name: 'DuckDB SQL', kind: 'duckdb', args: [visitsFile, ...PERIOD] }] : []),
  ];
  const samples = new Map(contenders.map((contender) => [contender.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const contender of contenders) samples.get(contender.name).push(measure(contender.kind, contender.args));
  }
  const floorName = contenders.find((contender) => contender.kind === 'csv-parse' || contender.kind === 'exceljs').name;
  const floorMs = median(samples.get(floorName).map((sample) => sample.ms));
  const peerMs = samples.has('DuckDB SQL') ? median(samples.get('DuckDB SQL').map((sample) => sample.ms)) : null;
  for (const contender of contenders) {
    const runsOf = samples.get(contender.name);
    const ms = median(runsOf.map((sample) => sample.ms));
    results.push({
      dataset: dataset.id,
      contender: contender.name,
      visits: dataset.visits,
      megabytes: Number(megabytes.toFixed(1)),
      medianSeconds: Number((ms / 1000).toFixed(2)),
      rowsPerSecond: Math.round(dataset.visits / (ms / 1000)),
      megabytesPerSecond: Number((megabytes / (ms / 1000)).toFixed(1)),
      peakMemoryMb: Math.round(Math.max(...runsOf.map((sample) => sample.maxRssMb))),
      ratioToFloor: Number((ms / floorMs).toFixed(2)),
      ratioToDuckDB: peerMs === null ? null : Number((ms / peerMs).toFixed(2)),
      secondsOfRuns: runsOf.map((sample) => Number((sample.ms / 1000).toFixed(2))),
      runs: runsOf.length,
    });
  }
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'results.json'), `${JSON.stringify({ node: process.version, runs, results }, null, 2)}\n`);
const header = '| data | run | median s | rows/s | MB/s | peak MB | × floor | × DuckDB |';
console.log(header);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.dataset} | ${r.contender} | ${r.medianSeconds} | ${r.rowsPerSecond.toLocaleString('en-US')} | ${r.megabytesPerSecond} | ${r.peakMemoryMb} | ${r.ratioToFloor} | ${r.ratioToDuckDB ?? '–'} |`,
  );
}
console.log(`\n(floor = csv-parse alone for CSV, exceljs's bare streaming read for xlsx; written to ${join(OUT, 'results.json')})`);
