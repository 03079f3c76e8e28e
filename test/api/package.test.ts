/**
 * The package as a script's author gets it: `npm pack` builds the tarball
 * (the `prepare` script compiles src/ with declarations), which is unpacked
 * into node_modules/tuoyu of a fresh directory as npm lays a package out; its
 * dependencies are linked from this checkout, so that no test reaches the
 * registry. There, a TypeScript script that imports the package's types is
 * compiled with this checkout's tsc and run, and the README's annual-summary
 * example is run as written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/api.js';

const ROOT = resolve('.');
const SAMPLE = join(ROOT, 'fixtures', 'sample-city');
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tuoyu-package-'));
  execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const installed = join(work, 'node_modules', 'tuoyu');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // A TypeScript author has Node's types, as this checkout has.
  for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
    mkdirSync(join(work, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(work, 'node_modules', name), 'dir');
  }
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'summary-script', private: true, type: 'module' }));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], outDir: 'out',
  },
};

function compile(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = join(work, `ts-${Object.keys(files).join('-').replace(/\W/g, '')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: Object.keys(files) }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    const output = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

describe('the npm package', () => {
  it('ships the API with type declarations, and no tests or sources', () => {
    const manifest = JSON.parse(readFileSync(join(work, 'node_modules', 'tuoyu', 'package.json'), 'utf8'));
    expect(manifest.exports['.']).toEqual({ types: './dist/api.d.ts', import: './dist/api.js' });
    const files = readdirSync(join(work, 'node_modules', 'tuoyu', 'dist'));
    expect(files).toEqual(expect.arrayContaining(['api.js', 'api.d.ts']));
    expect(readdirSync(join(work, 'node_modules', 'tuoyu'))).not.toContain('test');
  });

  it('lets a TypeScript script import its types, compile and run', () => {
    const script = `
import { computeReport, loadSubmission, renderReport, type IndicatorId, type Report, type ReportOptions } from 'tuoyu';

const options: ReportOptions = { period: '2025', by: 'district', lang: 'en' };
const submission = await loadSubmission(process.argv[2]);
const report: Report = computeReport(submission, options);
const id: IndicatorId = 'slots_per_1000';
const markdown = await renderReport(report, { format: 'md', lang: 'en' });
console.log(JSON.stringify({ slots: report.areas[0].indicators[id].numerator, districts: report.areas.length - 1, markdown: typeof markdown }));
`;
    const compiled = compile({ 'summary.ts': script });
    expect(compiled.output).toBe('');
    expect(compiled.ok).toBe(true);
    const printed = JSON.parse(run(process.execPath, [join(work, 'ts-summaryts', 'out', 'summary.js'), SAMPLE]));
    expect(printed).toEqual({ slots: 3065, districts: 4, markdown: 'string' });
  }, 120_000);

  it('types are real: a wrong option or indicator id does not compile', () => {
    const wrong = `
import { computeReport, loadSubmission, type IndicatorId } from 'tuoyu';
const submission = await loadSubmission('data');
computeReport(submission, { by: 'city' });
const id: IndicatorId = 'slots_per_100';
console.log(id);
`;
    const compiled = compile({ 'wrong.ts': wrong });
    expect(compiled.ok, compiled.output).toBe(false);
    expect(compiled.output).toMatch(/wrong\.ts\(4,\d+\): error TS2322: Type '"city"'/);
    expect(compiled.output).toMatch(/wrong\.ts\(5,\d+\): error TS\d+: Type '"slots_per_100"'/);
  }, 120_000);

  it('runs the README’s annual-summary example as written: three years, one JSON', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```js\n(\/\/ annual-summary\.mjs[\s\S]*?)```/.exec(readme);
    expect(example, 'README.md has an ```js block starting with // annual-summary.mjs').not.toBeNull();
    writeFileSync(join(work, 'annual-summary.mjs'), example![1]);
    const years = ['2023', '2024', '2025'];
    const summary = JSON.parse(run(process.execPath, ['annual-summary.mjs', ...years.map((year) => `${year}=${SAMPLE}`)]));
    expect(summary.years.map((year: { period: string }) => year.period)).toEqual(years);
    for (const [i, year] of years.entries()) {
      const report = await buildReport({ data: SAMPLE, period: year, by: 'district', lang: 'en' });
      expect(summary.years[i].total).toEqual(
        Object.fromEntries(Object.entries(report.areas[0].indicators).map(([id, result]) => [id, { value: result.value, status: result.status }])),
      );
      expect(summary.years[i].errors).toBe(report.summary.errors);
    }
  }, 120_000);

  it('reads a CSV of service records on worker threads with the outcome of one thread', () => {
    // Worker threads run the built files: only the package has them. Parts are forced small so that a
    // small file is cut; the module is the one the package's API uses (the same file).
    const city = join(work, 'threads-city');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-province.mjs'), '--out', city, '--visits', '8000', '--communities', '30', '--facilities', '20', '--seed', '5'], { stdio: 'ignore' });
    const visits = readFileSync(join(city, 'visits.csv'), 'utf8').split('\n');
    // A duplicate id and a bad date in every part.
    for (let line = 400; line < visits.length - 1; line += 400) visits[line] = visits[line].replace(/^R\d+,[^,]+/, `${visits[1].split(',')[0]},2025-02-30`);
    writeFileSync(join(city, 'visits.csv'), visits.join('\n'));
    const script = `
import { PARALLEL_READING } from './node_modules/tuoyu/dist/threads/parallel-reading.js';
import { computeReport, loadSubmission, validateSubmission } from 'tuoyu';
PARALLEL_READING.minimumPartBytes = 64 * 1024;
// This thread's own part as small as it goes: it then waits for the readers' parts, with nothing else to do.
PARALLEL_READING.settleCost = 1;
const runs = [];
for (const threads of [1, 2, 3]) {
  const submission = await loadSubmission(process.argv[2], { threads, today: '2026-01-15', maxIssues: 0 });
  runs.push({ validation: validateSubmission(submission, { lang: 'en' }), report: computeReport(submission, { period: '2025' }) });
}
console.log(JSON.stringify(runs));
`;
    writeFileSync(join(work, 'threads.mjs'), script);
    const [single, ...parallel] = JSON.parse(run(process.execPath, ['threads.mjs', city]));
    expect(single.validation.issues.map((issue: { code: string }) => issue.code)).toEqual(expect.arrayContaining(['duplicate-id', 'invalid-date']));
    for (const other of parallel) expect(other).toEqual(single);
  }, 120_000);

  it('the command line, one bundled module, reads a large visits CSV on a reader thread from its own worker entry', () => {
    // dist/tuoyu.js starts its readers from ./visit-worker.js beside it (scripts/bundle-cli.mjs): that file must be in the package.
    const dist = join(work, 'node_modules', 'tuoyu', 'dist');
    const bundle = readFileSync(join(dist, 'tuoyu.js'), 'utf8');
    const entry = /new URL\("\.\/([\w-]+\.js)", import\.meta\.url\)/.exec(bundle);
    expect(entry?.[1]).toBe('visit-worker.js');
    expect(readdirSync(dist)).toContain('visit-worker.js');
    // 17 MB of records: cut in two parts, one read by a reader thread; the outcome is the one thread's.
    const city = join(work, 'large-city');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-province.mjs'), '--out', city, '--visits', '260000', '--communities', '200', '--facilities', '100', '--seed', '7'], { stdio: 'ignore' });
    const cli = join(work, 'node_modules', 'tuoyu', 'bin', 'tuoyu.js');
    const reportWith = (threads: string) => run(process.execPath, [cli, 'report', city, '--period', '2025', '--format', 'json', '--threads', threads]);
    const single = reportWith('1');
    expect(JSON.parse(single).inputs.find((input: { table: string }) => input.table === 'visits').used).toBe(260_000);
    expect(reportWith('2')).toBe(single);
  }, 120_000);
});
