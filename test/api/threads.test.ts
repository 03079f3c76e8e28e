/**
 * `threads`: a CSV of service records read in parts gives the submission it
 * gives in one thread — every issue (plausibility, duplicates, repeats across
 * submissions, unknown areas whose census row was rejected), every count, the
 * report and the data-quality review. A generated province
 * (scripts/generate-province.mjs) is tampered with row by row and read through
 * the API with one thread and with several, parts forced small so that files
 * of a few hundred kilobytes are cut whatever the machine's cores.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeReport, loadSubmission, reviewQuality, validateSubmission, type LoadOptions } from '../../src/api.js';
import { PARALLEL_READING } from '../../src/threads/parallel-reading.js';
import { usefulReaders, VisitReaders } from '../../src/threads/visit-readers.js';
import { makeTempDir } from '../io/temp-files.js';

const TODAY = '2026-01-15';

/** Every nth data line changed: the kinds of trouble a district's file holds, all through the file. */
const TAMPERING: { every: number; change: (cells: string[], line: number, lines: string[][]) => string[] }[] = [
  { every: 97, change: (cells, _line, lines) => [lines[5][0], ...cells.slice(1)] }, // duplicate-id of an early row
  { every: 131, change: (cells) => [cells[0], '2025-13-01', ...cells.slice(2)] }, // invalid-date
  { every: 151, change: (cells) => [...cells.slice(0, 5), '390101099001', cells[6]] }, // unknown-area
  { every: 173, change: (cells) => [cells[0], cells[1], cells[2], `"${cells[3]},x"`, ...cells.slice(4)] }, // a quoted cell
  { every: 199, change: (cells) => [cells[0], cells[1].replaceAll('-', '/'), ...cells.slice(2)] }, // another date spelling
  { every: 211, change: (cells) => [cells[0], cells[1], cells[2], cells[3], '2023-01-01', ...cells.slice(5)] }, // inconsistent-birth-date
  { every: 223, change: (cells) => [cells[0], '2027-03-01', ...cells.slice(2)] }, // future-date
  { every: 241, change: (cells) => ['', ...cells.slice(1)] }, // no id: duplicate-row when the same
  { every: 307, change: (cells) => [...cells, '多余'] }, // extra-cells
];

function tamper(text: string): string {
  const [header, ...rows] = text.split('\n').filter((line) => line !== '');
  const lines = rows.map((line) => line.split(','));
  const changed = lines.map((cells, line) => {
    let out = cells;
    for (const { every, change } of TAMPERING) if (line > 0 && line % every === 0) out = change(out, line, lines);
    return out.join(',');
  });
  return [header, ...changed].join('\r\n') + '\r\n';
}

let city: string;
let split: string[];
let defaultPartBytes: number;

beforeAll(() => {
  defaultPartBytes = PARALLEL_READING.minimumPartBytes;
  PARALLEL_READING.minimumPartBytes = 32 * 1024;
  city = makeTempDir();
  execFileSync(process.execPath, ['scripts/generate-province.mjs', '--out', city, '--visits', '9000', '--communities', '40', '--facilities', '30', '--seed', '7'], { stdio: 'ignore' });
  // A community's census row rejected for its number: its records are unknown-area, naming that row.
  const census = readFileSync(join(city, 'census.csv'), 'utf8').split('\n');
  const leaf = census.findIndex((line) => /^\d{12},/.test(line));
  census[leaf] = census[leaf].replace(/,(\d+),(\d+),(\d+)$/, ',约$1,$2,$3');
  writeFileSync(join(city, 'census.csv'), census.join('\n'));
  const visits = tamper(readFileSync(join(city, 'visits.csv'), 'utf8').replace(/^\ufeff/, ''));
  writeFileSync(join(city, 'visits.csv'), visits);
  // Two districts' submissions that overlap by a few hundred records: repeats across submissions.
  const [header, ...rows] = visits.split('\r\n').filter((line) => line !== '');
  split = ['a', 'b'].map((name, k) => {
    const dir = join(makeTempDir(), name);
    mkdirSync(dir);
    for (const file of ['census.csv', 'facilities.csv']) writeFileSync(join(dir, file), readFileSync(join(city, file)));
    const half = k === 0 ? rows.slice(0, 5000) : rows.slice(4700);
    writeFileSync(join(dir, 'visits.csv'), [header, ...half].join('\n') + '\n');
    return dir;
  });
}, 60_000);

afterAll(() => {
  PARALLEL_READING.minimumPartBytes = defaultPartBytes;
});

/** What a run gives through the API: the validation, the report and the quality review. */
async function readThrough(sources: string[], options: LoadOptions) {
  const submission = await loadSubmission(sources.length === 1 ? sources[0] : sources, { today: TODAY, maxIssues: 0, ...options });
  return {
    validation: validateSubmission(submission, { lang: 'en' }),
    report: computeReport(submission, { period: '2025', lang: 'en' }),
    quarter: computeReport(submission, { period: '2025Q3', by: 'street', lang: 'en' }),
    quality: reviewQuality(submission, { period: '2025', lang: 'en' }),
  };
}

describe('threads', () => {
  it.each([
    { name: 'one submission', sources: () => [city] },
    { name: 'two overlapping submissions', sources: () => split },
  ])('$name: the same issues, report and review in parts as in one thread', async ({ sources }) => {
    const single = await readThrough(sources(), { threads: 1 });
    // The tampering shows: else this proves little.
    const codes = new Set(single.validation.issues.map((issue) => issue.code));
    for (const code of ['duplicate-id', 'invalid-date', 'unknown-area', 'inconsistent-birth-date', 'future-date', 'extra-cells']) expect(codes).toContain(code);
    if (sources().length > 1) expect(codes).toContain('duplicate-across-submissions');
    const parts = vi.spyOn(VisitReaders.prototype, 'run');
    try {
      for (const threads of [2, 4]) {
        parts.mockClear();
        expect(await readThrough(sources(), { threads })).toEqual(single);
        // Parts were handed to other readers (one per file and reader beside this thread; at most two readers help).
        expect(parts.mock.calls.length).toBeGreaterThanOrEqual(Math.min(threads - 1, usefulReaders(PARALLEL_READING.settleCost)));
      }
    } finally {
      parts.mockRestore();
    }
  }, 120_000);
});
