/**
 * SPEC §8: the report of several submissions equals the report of their
 * union. Generated cities (test/reference/random-city.ts) are written as
 * their districts would send them — facilities, service records and
 * assessments in one folder per district, the census alone in a city folder
 * or split by district too, the folders in a drawn order — with and without
 * rows sent twice (another folder repeating a census row, a facility or a
 * record with an id, spelled differently: `2025/3/7`, 是, a padded code).
 * The same city is written once more as one submission: every row once, in
 * the order the folders give them. Both are read through the library API,
 * and the reports must agree number for number, every indicator of every
 * area; every row repeated is counted once, as `duplicate-across-submissions`
 * at its own row, and nothing conflicts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReport, loadSubmission, type Submission } from '../../src/api.js';
import { cityArb, type RandomCity } from '../reference/random-city.js';
import { assessmentCells, censusCells, csvOf, facilityCells, visitCells, type Cells, type Spelling, type TableName } from '../reference/city-files.js';
import { makeTempDir } from '../io/temp-files.js';

const TABLES: readonly TableName[] = ['census', 'facilities', 'visits', 'assessments'];
const TODAY = '2026-12-31';

/** One row of the city: its table, the folder it is sent in, and its cells in a spelling. */
interface Item {
  table: TableName;
  folder: string;
  /** Rows with an id (census code and year, facility_id, record_id) may be sent twice. */
  repeatable: boolean;
  cells: (spelling: Spelling) => Cells;
}

interface Split {
  /** The census alone in a folder of the city's, or each district's rows in its folder. */
  censusAlone: boolean;
  /** Swaps that put the folders in a drawn order. */
  swaps: number[];
  /** Rows sent again in another folder: which (among the repeatable rows) and into which folder. */
  repeats: { pick: number; into: number }[];
}

const splitArb: fc.Arbitrary<Split> = fc.record({
  censusAlone: fc.boolean(),
  swaps: fc.array(fc.nat(), { maxLength: 6 }),
  repeats: fc.oneof(fc.constant<{ pick: number; into: number }[]>([]), fc.array(fc.record({ pick: fc.nat(), into: fc.nat() }), { minLength: 1, maxLength: 8 })),
});

const districtOf = (code: string) => code.slice(0, 6);

/** The city's rows, each with the folder its district sends it in; records get ids on every other row. */
function itemsOf(city: RandomCity, split: Split): Item[] {
  const items: Item[] = [];
  let lastCensusFolder = '';
  for (const row of city.census) {
    // A 合计 row (no code) goes with the rows above it.
    const folder = split.censusAlone ? 'city' : row.areaCode === '' ? lastCensusFolder : districtOf(row.areaCode);
    lastCensusFolder = folder;
    items.push({ table: 'census', folder, repeatable: row.areaCode !== '', cells: (spelling) => censusCells(row, spelling) });
  }
  const facilityDistrict = new Map(city.facilities.map((f) => [f.facilityId, districtOf(f.areaCode)]));
  for (const facility of city.facilities) {
    items.push({ table: 'facilities', folder: districtOf(facility.areaCode), repeatable: true, cells: (spelling) => facilityCells(facility, spelling) });
  }
  city.visits.forEach((visit, i) => {
    // Records without an id cannot be told from a second service: only records with one are sent twice.
    const withId = { ...visit, recordId: i % 2 === 0 ? `R${i + 1}` : null };
    const folder = visit.areaCode !== null ? districtOf(visit.areaCode) : facilityDistrict.get(visit.facilityId!)!;
    items.push({ table: 'visits', folder, repeatable: withId.recordId !== null, cells: (spelling) => visitCells(withId, spelling) });
  });
  for (const assessment of city.assessments ?? []) {
    items.push({ table: 'assessments', folder: facilityDistrict.get(assessment.facilityId)!, repeatable: false, cells: (spelling) => assessmentCells(assessment, spelling) });
  }
  // A 合计 row before any coded row has no rows above it: the first district's.
  const first = items.find((item) => item.folder !== '')?.folder ?? 'city';
  for (const item of items) if (item.folder === '') item.folder = first;
  return items;
}

interface Written {
  folders: string[];
  single: string;
  repeated: number;
}

/**
 * Writes the city split into folders and as one submission. Every table the
 * city has exists in the split (a header alone, in the first folder, when no
 * folder has a row of it), as it does in the single submission.
 */
function writeCity(city: RandomCity, split: Split): Written {
  const items = itemsOf(city, split);
  const order = [...new Set(items.map((item) => item.folder))].sort();
  for (let i = 0; i < split.swaps.length && order.length > 1; i++) {
    const a = i % order.length;
    const b = split.swaps[i] % order.length;
    [order[a], order[b]] = [order[b], order[a]];
  }
  const sent = new Map(order.map((folder) => [folder, [] as { item: Item; spelling: Spelling }[]]));
  for (const item of items) sent.get(item.folder)!.push({ item, spelling: 'plain' });
  const repeatable = items.filter((item) => item.repeatable);
  let repeated = 0;
  const repeatedItems = new Set<Item>();
  for (const { pick, into } of split.repeats) {
    if (repeatable.length === 0 || order.length < 2) break;
    const item = repeatable[pick % repeatable.length];
    const folder = order[into % order.length];
    if (folder === item.folder || repeatedItems.has(item)) continue;
    repeatedItems.add(item);
    sent.get(folder)!.push({ item, spelling: 'other' });
    repeated++;
  }

  const dir = makeTempDir();
  const hasTable = (table: TableName) => table !== 'assessments' || city.assessments !== null;
  const union: Record<TableName, Cells[]> = { census: [], facilities: [], visits: [], assessments: [] };
  const seen = new Set<Item>();
  for (const folder of order) {
    mkdirSync(join(dir, folder));
    for (const table of TABLES) {
      const rows = sent.get(folder)!.filter(({ item }) => item.table === table);
      for (const { item } of rows) {
        if (!seen.has(item)) union[table].push(item.cells('plain'));
        seen.add(item);
      }
      const headerOnly = rows.length === 0 && folder === order[0] && hasTable(table) && !items.some((item) => item.table === table);
      if (rows.length > 0 || headerOnly) writeFileSync(join(dir, folder, `${table}.csv`), csvOf(table, rows.map(({ item, spelling }) => item.cells(spelling))));
    }
  }
  mkdirSync(join(dir, 'single'));
  for (const table of TABLES) if (hasTable(table)) writeFileSync(join(dir, 'single', `${table}.csv`), csvOf(table, union[table]));
  return { folders: order.map((folder) => join(dir, folder)), single: join(dir, 'single'), repeated };
}

const periodId = (period: RandomCity['period']) => `${period.year}${period.quarter === null ? '' : `Q${period.quarter}`}`;

function usedByTable(submission: Submission): Record<string, number> {
  const used: Record<string, number> = {};
  for (const input of submission.inputs) used[input.table] = (used[input.table] ?? 0) + input.used;
  return used;
}

describe('several submissions = their union (SPEC §8)', () => {
  it('a city split by district reports the numbers of the city as one submission', async () => {
    await fc.assert(
      fc.asyncProperty(cityArb, splitArb, async (city, split) => {
        const written = writeCity(city, split);
        const options = { today: TODAY, maxIssues: 0 };
        const single = await loadSubmission(written.single, options);
        const merged = await loadSubmission(written.folders, options);
        const reportOptions = { period: periodId(city.period), by: city.by, plan: city.plan, lang: 'en' as const };
        const mergedReport = computeReport(merged, reportOptions);
        expect(mergedReport.areas).toEqual(computeReport(single, reportOptions).areas);

        // Every row counted once: as many used as in the union, each repeat skipped at its row with its own issue
        // (a repeat of a row rejected for its own problem is rejected for it again, and not compared).
        expect(usedByTable(merged)).toEqual(usedByTable(single));
        for (const input of merged.inputs) expect(input.read).toBe(input.used + input.rejected + input.skipped);
        const count = (code: string) => mergedReport.issues.filter((issue) => issue.code === code).reduce((n, issue) => n + issue.count, 0);
        if (mergedReport.summary.errors === 0) expect(count('duplicate-across-submissions')).toBe(written.repeated);
        else expect(count('duplicate-across-submissions')).toBeLessThanOrEqual(written.repeated);
        expect(count('conflicting-submissions')).toBe(0);
        // Each submission is named by its DATA; one folder is a single submission, whose report keeps SPEC §7's shape.
        expect(mergedReport.submissions?.map((part) => part.name)).toEqual(written.folders.length > 1 ? written.folders : undefined);
      }),
      { numRuns: Number(process.env.SUBMISSION_RUNS ?? 100) },
    );
  }, 600_000);
});
