/**
 * Service records read from a CSV's bytes (threads/read-visits-csv.ts), in
 * one piece and cut into parts read by other readers, against the reference:
 * the same file opened as text rows and checked by validateVisits. On
 * generated files — quotes (with delimiters, quotes and line breaks inside),
 * CRLF, a BOM, GBK, title rows, blank lines, extra cells, every kind of bad
 * value, record ids and children repeated all through the file (so across
 * every cut), a row the parser cannot read — and two such files as two
 * submissions of one run, every issue, count, record, fold total and hash
 * must be the same.
 *
 * Parts are forced small here (`PARALLEL_READING.minimumPartBytes`) so that
 * files of a few hundred kilobytes are cut. Run from the TypeScript sources,
 * the readers check their parts in this thread through the very messages a
 * worker thread would send (visit-readers.ts); test/api/package.test.ts runs
 * real worker threads from the built package.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitFold, type VisitFold } from '../../src/engine/visit-fold.js';
import { IssueLog } from '../../src/issues/collector.js';
import { openTable } from '../../src/io/open-table.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { CrossSubmission } from '../../src/schema/cross-submission.js';
import { checkAreasAgainst, facilityExplainer } from '../../src/schema/explain-unknown.js';
import { looksLikeHeader } from '../../src/schema/headers.js';
import { VISIT_KINDS, type CensusRow, type Visit } from '../../src/schema/records.js';
import { validateVisits } from '../../src/schema/validate-visits.js';
import { dayNumber } from '../../src/shared/dates.js';
import type { RawCell } from '../../src/io/raw.js';
import { openVisitsCsv, readVisitsCsv, type VisitCsvOptions } from '../../src/threads/read-visits-csv.js';
import { firstShareOf } from '../../src/threads/visit-parts.js';
import { PARALLEL_READING } from '../../src/threads/parallel-reading.js';
import { usefulReaders, VisitReaders } from '../../src/threads/visit-readers.js';
import { makeTempDir } from '../io/temp-files.js';

const TODAY = dayNumber(2026, 1, 15);

const censusRow = (areaCode: string, areaName: string): CensusRow => ({ areaCode, areaName, year: 2025, population: 100, infants01: 5, toddlers13: 9, row: 2 });
/** A census in use, and a community whose row was rejected: its code is unknown, with that row as the cause. */
const CENSUS = {
  records: [censusRow('330106', '西湖区'), censusRow('330106001', '北山街道'), censusRow('330106001001', '一社区'), censusRow('330106001002', '二社区'), censusRow('330106002', '西溪街道')],
  listedCodes: ['330106', '330106001', '330106001001', '330106001002', '330106002', '330106001003'],
  rejectedRows: [{ code: '330106001003', file: 'census.csv', row: 7, because: 'not-integer' }],
  unreadableCodes: [{ row: 8, text: '33010600100A' }],
};
const AREAS = checkAreasAgainst(CENSUS, 'census.csv');
const FACILITIES = new Set(['F1', 'F2', 'F3']);

/** Cell values by column: plain ones, other spellings of good values, and every kind of bad one. */
const POOLS = {
  date: ['2025-03-07', '2025-11-30', '2025-06-15', '2025-06-15', '2025/3/7', '2025年3月7日', ' 2025-04-01 ', '2025-02-30', '', '2027-01-01', '1900-01-01', '２０２５-05-05', '06/05/2025', '45000'],
  kind: ['科学育儿指导', '科学育儿指导', '亲子活动', '线上指导', '进社区进家庭指导', 'guidance', 'outreach', ' 亲子活动 ', '家访', ''],
  child: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', '', ' C2', 'Ｃ1', 'c1', '儿童8'],
  birth: ['2024-06-01', '2024-06-01', '2023-01-15', '2024/6/1', '', '2026-01-01', '2024-06-02', '06/01/2024', '2025-12-31', '1940-01-01'],
  area: ['330106001001', '330106001001', '330106001002', '330106002', '330106002005', '330106', '330106001001000', '330106001003', '110101001001', 'abc', '', '３３０１０６００１００１', '33010600100A'],
  facility: ['', '', '', 'F1', 'F2', 'F9', ' F3', 'f1'],
} as const;
const HEADERS = [
  ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'],
  ['记录编号', '服务日期', '服务类型', '儿童编号', '出生日期', '区划代码', '机构编码'],
  ['服务日期', '记录编号', '服务类型', '儿童编号', '出生日期', '区划代码', '机构编码', ''],
];
const COLUMN_OF: Record<string, keyof typeof POOLS | 'record'> = {
  record_id: 'record', date: 'date', kind: 'kind', child_id: 'child', birth_date: 'birth', area_code: 'area', facility_id: 'facility',
  记录编号: 'record', 服务日期: 'date', 服务类型: 'kind', 儿童编号: 'child', 出生日期: 'birth', 区划代码: 'area', 机构编码: 'facility',
};

/** One row of a template, repeated in each copy of it. */
interface RowTemplate {
  /** The record id: none, one of a few (the same in every copy: a duplicate across the file), or one of its own per copy. */
  id: { kind: 'none' } | { kind: 'shared'; n: number } | { kind: 'own'; n: number };
  picks: Record<keyof typeof POOLS, number>;
  /** How the row is written: plainly, with a cell quoted (holding a delimiter, a quote or a line break), as a blank line, with an extra cell. */
  shape: 'plain' | 'quoted' | 'quote-inside' | 'line-break' | 'blank' | 'extra' | 'empty-extra';
  /** Which cell a quoted shape quotes. */
  quoteAt: number;
}

interface CsvSpec {
  header: number;
  title: boolean;
  rows: RowTemplate[];
  copies: number;
  crlf: boolean;
  bom: boolean;
  gbk: boolean;
  /** A bad quote in the last copy, so the parser stops there: at which row of it, if any. */
  brokenAt: number | null;
}

const rowArb: fc.Arbitrary<RowTemplate> = fc.record({
  id: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.nat(6).map((n) => ({ kind: 'shared' as const, n })),
    fc.nat(1000).map((n) => ({ kind: 'own' as const, n })),
    fc.nat(1000).map((n) => ({ kind: 'own' as const, n })),
  ),
  picks: fc.record({
    date: fc.nat(POOLS.date.length - 1),
    kind: fc.nat(POOLS.kind.length - 1),
    child: fc.nat(POOLS.child.length - 1),
    birth: fc.nat(POOLS.birth.length - 1),
    area: fc.nat(POOLS.area.length - 1),
    facility: fc.nat(POOLS.facility.length - 1),
  }),
  shape: fc.oneof(
    { weight: 12, arbitrary: fc.constant('plain' as const) },
    { weight: 1, arbitrary: fc.constantFrom('quoted' as const, 'quote-inside' as const, 'line-break' as const, 'blank' as const, 'extra' as const, 'empty-extra' as const) },
  ),
  quoteAt: fc.nat(6),
});

const csvArb: fc.Arbitrary<CsvSpec> = fc
  .record({
    header: fc.nat(HEADERS.length - 1),
    title: fc.boolean(),
    rows: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    gbk: fc.boolean(),
    broken: fc.option(fc.nat(), { freq: 2 }),
  })
  .map(({ broken, ...spec }) => ({
    ...spec,
    // Enough copies for a file of a few hundred kilobytes, cut into parts of a few dozen.
    copies: Math.ceil(3000 / spec.rows.length),
    brokenAt: broken === null ? null : broken % spec.rows.length,
  }));

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The bytes of the CSV a spec describes. */
function csvBytes(spec: CsvSpec): Buffer {
  const header = HEADERS[spec.header];
  const eol = spec.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (spec.title) lines.push(`2025年服务记录${','.repeat(header.length - 1)}`);
  lines.push(header.join(','));
  for (let copy = 0; copy < spec.copies; copy++) {
    for (const [r, row] of spec.rows.entries()) {
      if (row.shape === 'blank') {
        lines.push('');
        continue;
      }
      const cells = header.map((name) => {
        const column = COLUMN_OF[name];
        if (column === undefined) return '';
        if (column === 'record') return row.id.kind === 'none' ? '' : row.id.kind === 'shared' ? `R${row.id.n}` : `R${row.id.n}-${copy}-${r}`;
        return POOLS[column][row.picks[column]];
      });
      const at = row.quoteAt % cells.length;
      if (row.shape === 'quoted') cells[at] = quoted(cells[at]);
      if (row.shape === 'quote-inside') cells[at] = quoted(`${cells[at]},"x"`);
      if (row.shape === 'line-break') cells[at] = quoted(`${cells[at]}\n第二行`);
      if (row.shape === 'extra') cells.push('多余');
      if (row.shape === 'empty-extra') cells.push('');
      if (spec.brokenAt === r && copy === spec.copies - 1) cells[at] = `"${cells[at]}"x`;
      lines.push(cells.join(','));
    }
  }
  const text = (spec.bom && !spec.gbk ? '\ufeff' : '') + lines.join(eol) + eol;
  return spec.gbk ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
}

/** Everything a reading of the visits of a run gives. */
interface RunResult {
  tables: unknown[];
  issues: unknown;
  visits: Visit[];
  fold: unknown;
  partsUsed: number;
}

/**
 * `early`: the first file is opened, and its parts started, before the census
 * and registry are known (as the API does); they are told at once, or once
 * the readers have gone as far as they go without them.
 */
type Reading = 'text' | 'bytes' | { readers: number; early?: 'at-once' | 'after-reading' };

const context = () => ({
  isKnownArea: AREAS.isKnownArea,
  isKnownFacility: (id: string) => FACILITIES.has(id),
  today: TODAY,
  explainUnknownArea: AREAS.explainUnknownArea,
  explainUnknownFacility: facilityExplainer(FACILITIES, null),
});

/** Reads the visits files of a run (one per submission) as `reading` says, as the API does. */
async function readRun(paths: string[], reading: Reading): Promise<RunResult> {
  const log = new IssueLog({ maxPerCodeAndFile: 0 });
  const cross = new CrossSubmission(paths.length);
  const fold = createVisitFold();
  const visits: Visit[] = [];
  const onVisit = (visit: Visit) => visits.push(visit);
  const readers = typeof reading === 'object' ? VisitReaders.start(reading.readers) : null;
  const tables: unknown[] = [];
  let rowsBefore = 0;
  let partsUsed = 0;
  const isHeaderRow = (cells: RawCell[]) => looksLikeHeader('visits', cells);
  const early = typeof reading === 'object' && reading.early !== undefined ? await openVisitsCsv({ path: paths[0] }, { isHeaderRow, today: TODAY, cross, readers }) : null;
  if (early !== null) {
    if (typeof reading === 'object' && reading.early === 'after-reading') await readersWaiting();
    early.know({ areaCheck: AREAS.check, facilityIds: [...FACILITIES] });
  }
  try {
    for (const [index, path] of paths.entries()) {
      const place = { cross, table: cross.addTable({ file: path, sheet: null }, index) };
      try {
        if (reading === 'text') {
          const table = await openTable({ table: 'visits', path, sheet: null, format: 'csv' }, { isHeaderRow: (cells) => looksLikeHeader('visits', cells) });
          const outcome = await validateVisits(table, { ...context(), place }, log, onVisit, { sink: fold, rowOffset: rowsBefore });
          rowsBefore += outcome.lastUsedRow;
          tables.push({ counts: outcome.counts, lastUsedRow: outcome.lastUsedRow, sha256: table.sha256() });
        } else {
          const options: VisitCsvOptions = {
            ...context(), place, log, isHeaderRow, areaCheck: AREAS.check, facilityIds: [...FACILITIES], sink: fold, sinkRowOffset: rowsBefore, onVisit, readers,
          };
          const outcome = index === 0 && early !== null ? await early.read(options) : await readVisitsCsv({ path }, options);
          rowsBefore += outcome.lastUsedRow;
          partsUsed += outcome.partsUsed;
          tables.push({ counts: outcome.counts, lastUsedRow: outcome.lastUsedRow, sha256: outcome.sha256 });
        }
      } catch (error) {
        if (!(error instanceof FatalInputError)) throw error;
        tables.push({ fatal: error.draft });
        // The run stops (exit 2, io/… says where): how far each reading had got plays no part.
        if (error.draft.code !== 'empty-file') return { tables, issues: null, visits: [], fold: null, partsUsed };
      }
    }
  } finally {
    await early?.close();
    await readers?.close();
  }
  return { tables, issues: log.drafts(), visits, fold: foldTotals(fold), partsUsed };
}

/** Lets readers in this thread read until they wait for what the census and registry say (or are done). */
async function readersWaiting(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** What the report and the quality review read from the fold. */
function foldTotals(fold: VisitFold): unknown {
  const totals = fold.finish();
  const counts = totals.recordCounts;
  const byArea: unknown[] = [];
  const byFacility: unknown[] = [];
  counts.forEachArea((...entry) => byArea.push(entry));
  counts.forEachFacility((...entry) => byFacility.push(entry));
  return {
    latestDay: totals.latestDay,
    year: totals.countWindow(2025, 4),
    half: totals.countWindow(2025, 2),
    days: VISIT_KINDS.map((kind) => [counts.firstDay(kind), counts.lastDay(kind)]),
    byArea: byArea.sort(),
    byFacility: byFacility.sort(),
  };
}

const defaults = { ...PARALLEL_READING };
beforeAll(() => {
  PARALLEL_READING.minimumPartBytes = 24 * 1024;
  // Many batches per part: settled while the part is read, and some already settled when a part turns out unusable.
  PARALLEL_READING.rowsPerMessage = 97;
  // The readers' parts hashed in many steps, some while waiting for their rows, the rest at the end.
  PARALLEL_READING.hashStepBytes = 4096;
});
afterAll(() => {
  Object.assign(PARALLEL_READING, defaults);
});

describe('service records read from bytes, in one piece and in parts', () => {
  it('give the issues, counts, records and fold of the text reading, on generated files and runs of two', async () => {
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(csvArb, { minLength: 1, maxLength: 2 }), fc.integer({ min: 1, max: 3 }), async (specs, readerCount) => {
        const dir = makeTempDir();
        const paths = specs.map((spec, k) => {
          const path = join(dir, `visits-${k}.csv`);
          writeFileSync(path, csvBytes(spec));
          return path;
        });
        const reference = await readRun(paths, 'text');
        expect(omitParts(await readRun(paths, 'bytes'))).toEqual(omitParts(reference));
        const parallel = await readRun(paths, { readers: readerCount });
        expect(omitParts(parallel)).toEqual(omitParts(reference));
        if (parallel.partsUsed > 0) cut++;
        // Started before the census and registry: a part that took an unknown area or facility as known is read again.
        for (const early of ['at-once', 'after-reading'] as const) {
          expect(omitParts(await readRun(paths, { readers: readerCount, early }))).toEqual(omitParts(reference));
        }
      }),
      { numRuns: 30 },
    );
    // Most files are cut; the rest (a cut inside quotes, a parser stop before the cut) are read in one piece.
    expect(cut).toBeGreaterThan(10);
  }, 240_000);
});

/** Plain rows of ASCII, enough for a file of a few hundred kilobytes. */
function asciiRows(count: number, kind = 'guidance'): string[] {
  return Array.from({ length: count }, (_, i) => `R${i},2025-03-${String((i % 28) + 1).padStart(2, '0')},${kind},C${i % 97},2024-06-01,330106001001,`);
}
const ASCII_HEADER = 'record_id,date,kind,child_id,birth_date,area_code,facility_id';

describe('a file that cannot be read in parts as cut is read as a whole would be', () => {
  // `partsUsed`: by number of readers, whether any part was used to its end.
  it.each<{ name: string; bytes: () => Buffer; partsUsed: Record<number, boolean> }>([
    {
      name: 'ASCII until late GBK bytes: the reading switches to GB18030, as it does read whole (the ASCII parts before are used)',
      bytes: () => Buffer.concat([Buffer.from([ASCII_HEADER, ...asciiRows(4000)].join('\n') + '\n'), iconv.encode('R-late,2025-05-05,亲子活动,C1,2024-06-01,330106001001,\n', 'gb18030')]),
      partsUsed: { 1: false, 2: true },
    },
    {
      name: 'UTF-8 with Chinese, then a byte that is not UTF-8: encoding-error at its row',
      bytes: () => Buffer.concat([Buffer.from([ASCII_HEADER, ...asciiRows(4000, '亲子活动')].join('\n') + '\n'), iconv.encode('R-late,2025-05-05,亲子活动,C1,2024-06-01,330106001001,\n', 'gb18030')]),
      partsUsed: { 1: false, 2: false },
    },
    {
      name: 'GBK with a byte sequence GBK does not have, late in the file: encoding-error',
      bytes: () => Buffer.concat([iconv.encode([ASCII_HEADER, ...asciiRows(4000, '亲子活动')].join('\r\n') + '\r\n', 'gb18030'), Buffer.from([0x52, 0x2c, 0xff, 0xff, 0x0a])]),
      partsUsed: { 1: false, 2: false },
    },
    {
      name: 'a quoted cell with line breaks over every cut: read in one piece',
      bytes: () => Buffer.from([ASCII_HEADER, ...asciiRows(300), `R-long,2025-03-07,guidance,"${'C1\n'.repeat(60_000)}",2024-06-01,330106001001,`, ...asciiRows(300)].join('\n') + '\n'),
      partsUsed: { 1: false, 2: false },
    },
    {
      name: 'a quoted cell with line breaks over a later cut: read on from that part, its rows settled already passed over',
      bytes: () => Buffer.from([ASCII_HEADER, ...asciiRows(2000), `R-long,2025-03-07,guidance,"${'C1\n'.repeat(34_000)}",2024-06-01,330106001001,`, ...asciiRows(1000)].join('\n') + '\n'),
      partsUsed: { 2: false },
    },
    {
      name: 'a row the parser cannot read in a later part: the table ends there',
      bytes: () => Buffer.from([ASCII_HEADER, ...asciiRows(3000), 'R-bad,"2025-03-07"x,guidance,C1,2024-06-01,330106001001,', ...asciiRows(300)].join('\n') + '\n'),
      partsUsed: { 1: true, 2: true },
    },
  ])('$name', async ({ bytes, partsUsed }) => {
    const path = join(makeTempDir(), 'visits.csv');
    writeFileSync(path, bytes());
    const reference = omitParts(await readRun([path], 'text'));
    expect(omitParts(await readRun([path], 'bytes'))).toEqual(reference);
    for (const [readers, used] of Object.entries(partsUsed)) {
      const parallel = await readRun([path], { readers: Number(readers) });
      expect(omitParts(parallel)).toEqual(reference);
      expect(parallel.partsUsed > 0).toBe(used);
    }
  });
});

describe('readers started before the census and registry are read', () => {
  // The readers take every area and facility as known and hold their batches until told; told, they send them
  // when every area and facility they met is known, and read their part again, knowing, when one is not.
  it.each([
    { name: 'every area and facility known: the batches held are sent', late: null },
    { name: 'an area the census does not know, late in the file: its part is read again', late: 'R-late,2025-05-05,guidance,C1,2024-06-01,110101001001,' },
    { name: 'a facility the registry does not list, late in the file: its part is read again', late: 'R-late,2025-05-05,outreach,,,,F9' },
    { name: 'an area whose census row was rejected, late in the file: its part is read again', late: 'R-late,2025-05-05,guidance,C1,2024-06-01,330106001003,' },
  ])('$name', async ({ late }) => {
    const path = join(makeTempDir(), 'visits.csv');
    writeFileSync(path, [ASCII_HEADER, ...asciiRows(4000), ...(late === null ? [] : [late]), ...asciiRows(50)].join('\n') + '\n');
    const reference = omitParts(await readRun([path], 'text'));
    for (const readers of [1, 2]) {
      for (const early of ['at-once', 'after-reading'] as const) {
        const parallel = await readRun([path], { readers, early });
        expect(omitParts(parallel)).toEqual(reference);
        expect(parallel.partsUsed).toBe(readers);
      }
    }
  });
});

describe('the hash of a file read in parts', () => {
  // This thread hashes the readers' parts a step at a time while it waits for their rows, and the rest at the
  // end: here each reader's part is one batch, read before the census is known and sent all at once when told,
  // so nothing is waited for and the hash is all done at the end.
  it('is the hash of the whole file, however much was hashed while waiting', async () => {
    const path = join(makeTempDir(), 'visits.csv');
    writeFileSync(path, [ASCII_HEADER, ...asciiRows(5000)].join('\n') + '\n');
    const reference = omitParts(await readRun([path], 'text'));
    const rowsPerMessage = PARALLEL_READING.rowsPerMessage;
    PARALLEL_READING.rowsPerMessage = 100_000;
    try {
      for (const readers of [1, 2]) {
        const parallel = await readRun([path], { readers, early: 'after-reading' });
        expect(parallel.partsUsed).toBe(readers);
        expect(omitParts(parallel)).toEqual(reference);
      }
    } finally {
      PARALLEL_READING.rowsPerMessage = rowsPerMessage;
    }
  });
});

describe('how a file is shared out', () => {
  // This thread checks its share f and settles every row (settleCost each); a reader checks (1 − f) / readers.
  it.each([
    { readers: 1, settleCost: 0, share: 1 / 2, useful: Infinity },
    { readers: 1, settleCost: 0.6, share: 1 / 5, useful: 2 },
    { readers: 2, settleCost: 0.25, share: 1 / 6, useful: 4 },
    { readers: 2, settleCost: 0.6, share: 0, useful: 2 },
    { readers: 1, settleCost: 1, share: 0, useful: 1 },
  ])('$readers reader(s), settling at $settleCost of checking: this thread reads $share of the file', ({ readers, settleCost, share, useful }) => {
    expect(firstShareOf(readers, settleCost)).toBeCloseTo(share, 12);
    expect(usefulReaders(settleCost)).toBe(useful);
  });

  // With work of its own before its part (the census and registry, read while the readers start), this thread takes less.
  it.each([
    { readers: 1, settleCost: 0.2, headStart: 0.1, share: 0.35 },
    { readers: 2, settleCost: 0.2, headStart: 0.05, share: 0.5 / 3 },
    { readers: 1, settleCost: 0.2, headStart: 0.9, share: 0 },
  ])('$readers reader(s), settling at $settleCost, a head start of $headStart: this thread reads $share', ({ readers, settleCost, headStart, share }) => {
    expect(firstShareOf(readers, settleCost, headStart)).toBeCloseTo(share, 12);
  });
});

function omitParts(result: RunResult): Omit<RunResult, 'partsUsed'> {
  const { partsUsed: _unused, ...rest } = result;
  return rest;
}
