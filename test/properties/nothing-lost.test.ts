/**
 * Nothing lost (SPEC §5), as a property over generated tables with random
 * corruption: for every input, rows read = used + rejected + skipped; every
 * rejected row carries an error issue at its row (and no row with an error is
 * used); and the report equals the report over the used rows alone.
 *
 * Tables are the tiny city's census (plus a 合计 row and blank lines, which
 * are skipped or not read) with generated facilities and visits. Census rows
 * are never corrupted: removing a rejected census row would change other
 * rows' fate, not only its own (the subtotal above it is then compared
 * without it; a street left with no community makes codes beneath it known),
 * which test/api/rejected-census-rows.test.ts covers case by case.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, validateData } from '../../src/api.js';
import type { Report } from '../../src/engine/report.js';
import { makeTempDir } from '../io/temp-files.js';

type Row = string[];
interface Tables {
  census: Row[];
  facilities: Row[];
  visits: Row[];
}
type TableName = keyof Tables;

/** The tiny city's census as written to fixtures/tiny-city/ (plain cells, no quoting). */
const CENSUS: Row[] = readFileSync('fixtures/tiny-city/census.csv', 'utf8').trim().split('\n').map((line) => line.split(','));
const AREAS = CENSUS.slice(1).map(([code]) => code);
const LEAVES = AREAS.filter((code) => code.length === 12);
const FACILITY_HEADER = ['facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new', 'provincial', 'demonstration', 'opened', 'closed'];
const VISIT_HEADER = ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'];
const TYPES = ['kindergarten', 'nursery', 'community', 'employer', 'medical', 'other', '幼儿园', '托育机构'];

const isoDay = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);

const facilityArb = fc.record({
  area: fc.constantFrom(...AREAS),
  type: fc.constantFrom(...TYPES),
  inclusive: fc.constantFrom('yes', 'no', '是', '否'),
  slots: fc.integer({ min: 0, max: 120 }),
  classes: fc.integer({ min: 0, max: 3 }),
  provincial: fc.boolean(),
  opened: fc.option(fc.integer({ min: -3000, max: 300 }), { nil: null }),
});

const childArb = fc.record({ area: fc.constantFrom(...LEAVES), born: fc.integer({ min: -1000, max: 200 }) });
const visitArb = fc.record({
  kind: fc.constantFrom('guidance', 'activity', 'online', 'outreach'),
  child: fc.nat(),
  facility: fc.nat(),
  day: fc.integer({ min: -30, max: 380 }),
});

/** What a corruption does to a row; `rejects` says it must cost the row. */
interface Corruption {
  name: string;
  rejects: boolean;
  apply(row: Row, table: TableName, tables: Tables, index: number): Row | null;
}

const set = (column: string, value: string) => (row: Row, table: TableName) => {
  const header = table === 'facilities' ? FACILITY_HEADER : VISIT_HEADER;
  const copy = [...row];
  copy[header.indexOf(column)] = value;
  // A short row stays as short as it can: only the gap up to the cell is filled.
  return Array.from(copy, (cell) => cell ?? '');
};

/** The id of an earlier row that still has one; null (no change) when there is none. */
function copyEarlierId(row: Row, table: TableName, tables: Tables, index: number): Row | null {
  const earlier = tables[table].slice(1, index).find((other) => other[0].trim() !== '');
  if (!earlier) return null;
  const copy = [...row];
  copy[0] = earlier[0];
  return copy;
}

const CORRUPTIONS: Record<'facilities' | 'visits', Corruption[]> = {
  facilities: [
    { name: 'not-integer', rejects: true, apply: set('slots', '约15') },
    { name: 'decimal', rejects: true, apply: set('slots', '12.5') },
    { name: 'negative', rejects: true, apply: set('slots', '-3') },
    { name: 'invalid-date', rejects: true, apply: set('opened', '2025-02-30') },
    { name: 'ambiguous-date', rejects: true, apply: set('opened', '07/08/2024') },
    { name: 'invalid-enum', rejects: true, apply: set('type', 'hospital') },
    { name: 'invalid-boolean', rejects: true, apply: set('inclusive', '待定') },
    { name: 'missing-value', rejects: true, apply: set('name', '') },
    { name: 'invalid-area-code', rejects: true, apply: set('area_code', '33990100') },
    { name: 'unknown-area', rejects: true, apply: set('area_code', '339901009001') },
    { name: 'extra-cells', rejects: true, apply: (row) => [...row, 'surplus'] },
    { name: 'short-row', rejects: true, apply: (row) => row.slice(0, 4) },
    { name: 'classes-new-exceeds-total', rejects: true, apply: (row) => set('toddler_classes_new', String(Number(row[6]) + 1))(row, 'facilities') },
    { name: 'closed-before-opened', rejects: true, apply: (row) => set('closed', '2001-01-01')(set('opened', '2002-01-01')(row, 'facilities'), 'facilities') },
    { name: 'duplicate-id', rejects: true, apply: (row, table, tables, index) => copyEarlierId(row, table, tables, index) },
    { name: 'blank-row', rejects: false, apply: (row) => row.map(() => '') },
  ],
  visits: [
    { name: 'invalid-date', rejects: true, apply: set('date', '2025-13-01') },
    { name: 'ambiguous-date', rejects: true, apply: set('date', '03/04/2025') },
    { name: 'invalid-enum', rejects: true, apply: set('kind', 'party') },
    { name: 'missing-date', rejects: true, apply: set('date', '') },
    { name: 'invalid-area-code', rejects: true, apply: (row) => (row[2] === 'outreach' ? set('date', 'x')(row, 'visits') : set('area_code', '12345')(row, 'visits')) },
    { name: 'missing-child', rejects: true, apply: (row) => (row[2] === 'outreach' ? set('facility_id', '')(row, 'visits') : set('child_id', '')(row, 'visits')) },
    { name: 'unknown-facility', rejects: true, apply: (row) => (row[2] === 'outreach' ? set('facility_id', 'NOPE')(row, 'visits') : set('kind', 'x')(row, 'visits')) },
    { name: 'visit-before-birth', rejects: true, apply: (row) => (row[2] === 'outreach' ? set('kind', '?')(row, 'visits') : set('birth_date', '2030-01-01')(row, 'visits')) },
    { name: 'duplicate-id', rejects: true, apply: (row, table, tables, index) => copyEarlierId(row, table, tables, index) },
    { name: 'extra-cells', rejects: true, apply: (row) => [...row, '', 'more'] },
    { name: 'blank-row', rejects: false, apply: (row) => row.map(() => ' ') },
  ],
};

const corruptionArb = (table: 'facilities' | 'visits') =>
  fc.array(fc.record({ at: fc.nat(), which: fc.nat({ max: CORRUPTIONS[table].length - 1 }) }), { maxLength: 6 });

const inputArb = fc.record({
  facilities: fc.array(facilityArb, { minLength: 1, maxLength: 8 }),
  children: fc.array(childArb, { minLength: 1, maxLength: 6 }),
  visits: fc.array(visitArb, { minLength: 1, maxLength: 30 }),
  facilityCorruptions: corruptionArb('facilities'),
  visitCorruptions: corruptionArb('visits'),
  totalRow: fc.boolean(),
  blankCensusLine: fc.boolean(),
});

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function buildTables(input: Input) {
  const facilities: Row[] = [
    FACILITY_HEADER,
    ...input.facilities.map((f, index) => {
      const isNew = f.classes > 0 ? Math.min(1, f.classes) : 0;
      return [`F${index + 1}`, `机构${index + 1}`, f.area, f.type, f.inclusive, String(f.slots), String(f.classes), String(isNew), f.provincial ? 'yes' : 'no', 'no', f.opened === null ? '' : isoDay(f.opened), ''];
    }),
  ];
  const visits: Row[] = [
    VISIT_HEADER,
    ...input.visits.map((v, index) => {
      const date = isoDay(v.day);
      if (v.kind === 'outreach') return [`V${index + 1}`, date, 'outreach', '', '', '', `F${(v.facility % input.facilities.length) + 1}`];
      const child = input.children[v.child % input.children.length];
      const born = Math.min(child.born, v.day);
      return [`V${index + 1}`, date, v.kind, `C${v.child % input.children.length}`, isoDay(born), child.area, ''];
    }),
  ];
  const census: Row[] = [...CENSUS];
  if (input.blankCensusLine) census.splice(3, 0, ['', '', '', '', '', '']);
  if (input.totalRow) census.push(['', '合计', '2025', '20000', '120', '260']);
  const tables: Tables = { census, facilities, visits };
  const mustReject: Record<TableName, Set<number>> = { census: new Set(), facilities: new Set(), visits: new Set() };
  for (const table of ['facilities', 'visits'] as const) {
    const corruptions = table === 'facilities' ? input.facilityCorruptions : input.visitCorruptions;
    // Blank rows first and duplicate ids last, in row order, so that a duplicate copies an id that stays.
    const rank = (corruption: Corruption) => (corruption.name === 'blank-row' ? 0 : corruption.name === 'duplicate-id' ? 2 : 1);
    const planned = corruptions
      .map(({ at, which }) => ({ index: 1 + (at % (tables[table].length - 1)), corruption: CORRUPTIONS[table][which] }))
      .sort((a, b) => rank(a.corruption) - rank(b.corruption) || (rank(a.corruption) === 2 ? a.index - b.index : 0));
    for (const { index, corruption } of planned) {
      const corrupted = corruption.apply(tables[table][index], table, tables, index);
      if (corrupted === null) continue;
      tables[table][index] = corrupted;
      // Spreadsheet row = index + 1; a later blank-row corruption may undo an earlier one.
      if (corruption.rejects && corrupted.some((cell) => cell.trim() !== '')) mustReject[table].add(index + 1);
      else mustReject[table].delete(index + 1);
    }
  }
  return { tables, mustReject };
}

function writeTables(tables: Tables, keep: (table: TableName, row: number) => boolean = () => true): string {
  const dir = makeTempDir();
  for (const table of ['census', 'facilities', 'visits'] as const) {
    const rows = tables[table].filter((_, index) => index === 0 || keep(table, index + 1));
    writeFileSync(join(dir, `${table}.csv`), `${rows.map((row) => row.join(',')).join('\n')}\n`);
  }
  return dir;
}

/** Rows that carry at least one error, per table (file-level issues have no row). */
function errorRows(report: Report): Record<TableName, Set<number>> {
  const rows: Record<TableName, Set<number>> = { census: new Set(), facilities: new Set(), visits: new Set() };
  for (const issue of report.issues) {
    if (issue.severity === 'error' && issue.row !== null && issue.table !== null && issue.code !== 'issues-truncated') {
      // A group names its first 20 rows; these tables are small enough that no group has more.
      expect(issue.rows.length).toBe(issue.count);
      for (const row of issue.rows) rows[issue.table as TableName].add(row);
    }
  }
  return rows;
}

describe('nothing lost: generated tables with random corruption', () => {
  it('rows add up, every rejected row is explained, and the report is that of the used rows alone', async () => {
    let rejectedRows = 0;
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const { tables, mustReject } = buildTables(input);
        const dir = writeTables(tables);
        const report = await buildReport({ data: dir, period: '2025', by: 'community', lang: 'en' });
        const validation = await validateData({ data: dir, lang: 'en' });
        expect(validation.inputs).toEqual(report.inputs);

        const errors = errorRows(report);
        for (const input of report.inputs) {
          const table = input.table as TableName;
          expect(input.read, table).toBe(input.used + input.rejected + input.skipped);
          // An error rejects its row, and a rejected row has an error: the two sets are one.
          expect(errors[table].size, `${table} rows with errors vs rejected`).toBe(input.rejected);
          for (const row of mustReject[table]) expect(errors[table], `${table} row ${row}`).toContain(row);
        }
        expect(report.inputs.find((one) => one.table === 'census')?.rejected).toBe(0);
        rejectedRows += report.inputs.reduce((sum, one) => sum + one.rejected, 0);

        const clean = writeTables(tables, (table, row) => !errors[table].has(row));
        const fromUsed = await buildReport({ data: clean, period: '2025', by: 'community', lang: 'en' });
        // Only one rule looks across tables at rows that were rejected: an outreach record naming a
        // facility whose row was rejected is used (the facility is known), and without that row it is not.
        // Such a record counts towards no indicator, so the areas must still agree.
        const lateErrors = fromUsed.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.table} ${issue.code}`);
        expect(new Set(lateErrors.filter((text) => text !== 'visits unknown-facility'))).toEqual(new Set());
        expect(fromUsed.areas).toEqual(report.areas);
      }),
      { numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 40) },
    );
    // The corruptions did reach the validators: this is not a test of clean tables.
    expect(rejectedRows).toBeGreaterThan(0);
  }, 600_000);
});
