/**
 * Every record the validators pass on has the declared shape — including
 * visits, which take the hand-checked fast path — over every fixture city,
 * clean, messy and broken.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/io/raw.js';
import { buildAreaIndex } from '../../src/engine/areas.js';
import { openTable } from '../../src/io/open-table.js';
import { resolveInputs } from '../../src/io/resolve-inputs.js';
import { IssueLog } from '../../src/issues/collector.js';
import { looksLikeHeader } from '../../src/schema/headers.js';
import { recordShapes } from '../../src/schema/record-shapes.js';
import type { Visit } from '../../src/schema/records.js';
import { dayNumber } from '../../src/shared/dates.js';

/** The day of these runs: after every fixture's dates, as TUOYU_TODAY would fix it. */
const TODAY = dayNumber(2026, 11, 30);
import { validateCensus } from '../../src/schema/validate-census.js';
import { validateFacilities } from '../../src/schema/validate-facilities.js';
import { validateVisits } from '../../src/schema/validate-visits.js';
import { validateAssessments } from '../../src/schema/validate-assessments.js';
import { buildLog, buildTable, CENSUS_HEADER, FACILITY_HEADER } from './builders.js';

const { CensusRowShape, FacilityShape, VisitShape, AssessmentShape } = recordShapes();

const cities = [
  'fixtures/sample-city',
  'fixtures/messy-city',
  'fixtures/messy-city-planted',
  'fixtures/tiny-city',
  ...readdirSync('fixtures/invalid', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('fixtures/invalid', entry.name)),
].filter((dir) => existsSync(dir));

/** Cases whose files cannot be opened at all (exit 2, or an empty table) have no records to check. */
const UNREADABLE = /encoding-error|unsupported-format|empty-file/;

async function recordsOf(dir: string) {
  const { locations } = await resolveInputs({ data: dir });
  const log = new IssueLog();
  const open = (table: string) => {
    const location = locations.find((l) => l.table === table);
    return location ? openTable(location, { isHeaderRow: (cells) => looksLikeHeader(location.table, cells) }) : null;
  };
  const census = await open('census');
  const censusRows = census ? (await validateCensus(census, log)).records : [];
  const index = buildAreaIndex(censusRows);
  const facilitiesTable = await open('facilities');
  const facilities = facilitiesTable
    ? (await validateFacilities(facilitiesTable, { isKnownArea: (code) => index.isKnownArea(code), today: TODAY }, log)).records
    : [];
  const visits: Visit[] = [];
  const visitsTable = await open('visits');
  if (visitsTable) {
    const facilityIds = new Set(facilities.map((f) => f.facilityId));
    await validateVisits(visitsTable, { isKnownArea: (code) => index.isKnownArea(code), isKnownFacility: (id) => facilityIds.has(id), today: TODAY }, log, (v) => visits.push(v));
  }
  return { censusRows, facilities, visits };
}

describe('validated records have the declared shape', () => {
  it.each(cities.filter((dir) => !UNREADABLE.test(dir)))('%s', async (dir) => {
    const { censusRows, facilities, visits } = await recordsOf(dir);
    for (const row of censusRows) expect(CensusRowShape.safeParse(row).error, JSON.stringify(row)).toBeUndefined();
    for (const facility of facilities) expect(FacilityShape.safeParse(facility).error, JSON.stringify(facility)).toBeUndefined();
    for (const visit of visits) {
      const result = VisitShape.safeParse(visit);
      if (!result.success) expect.fail(`${JSON.stringify(visit)}: ${result.error.message}`);
    }
  });

  it('a shape refuses what the rules refuse', () => {
    const visit: Visit = { recordId: null, date: 100, kind: 'guidance', childId: 'C1', birthDate: 101, areaCode: '330106', facilityId: null, row: 2 };
    expect(VisitShape.safeParse(visit).success).toBe(false);
    expect(VisitShape.safeParse({ ...visit, birthDate: 99 }).success).toBe(true);
    expect(VisitShape.safeParse({ ...visit, birthDate: 99, areaCode: '33010' }).success).toBe(false);
    expect(VisitShape.safeParse({ ...visit, kind: 'outreach', childId: null, birthDate: null, areaCode: null }).success).toBe(false);
  });
});

/**
 * No run parses a record with its shape (see record-shapes.ts): the validators
 * build records by hand. So the shapes are checked here over generated rows
 * whose cells are what districts type — numbers as text, full-width digits,
 * separators, dates five ways, 是/否 and yes/no, Chinese enum words — with
 * now and then a cell of any other column's kind or nonsense.
 */
describe('validated records have the declared shape, over generated messy rows', () => {
  const COUNTS = ['0', '12', '１２', '1,234', '3.0', ' 80 ', '45'];
  const DATES = ['2025-03-07', '2025/3/7', '2025年3月7日', '20250307', '2019-11-30', '2021.6.1'];
  const BOOLEANS = ['是', '否', 'yes', 'no', 'Y', 'N', '1', '0', ''];
  const SCORES = ['0', '60', '120.5', '88', '59.9'];
  const JUNK = ['', ' ', 'x', '约15', '-3', '12.5', '2025-02-30', '07/08/2024', '1900-01-01', '2099-01-01', '合计', '待定', '120.55', '３３０１０６', 'abc', '2万'];
  const anyCell = fc.constantFrom<RawCell>(...COUNTS, ...DATES, ...BOOLEANS, ...SCORES, ...JUNK, null);
  /** A cell of the column's own kind most of the time (so that many rows pass), anything now and then. */
  const cell = (pool: readonly RawCell[]) => fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: anyCell });
  const rows = (columns: fc.Arbitrary<RawCell>[], id: (index: number) => RawCell | undefined) =>
    fc.array(fc.tuple(...columns), { minLength: 1, maxLength: 25 }).map((list) => list.map((row, index) => {
      const cells: RawCell[] = [...row];
      const given = id(index);
      if (given !== undefined) cells[0] = given;
      return cells;
    }));
  const isKnownArea = (code: string) => code.startsWith('330106');
  const isKnownFacility = (id: string) => id === 'F1' || id === 'F2';
  const today = dayNumber(2026, 1, 15);
  const censusRows = rows(
    [fc.constant(null), cell(['东湖区', '文一街道', '翠苑社区']), cell(['2024', '2025', '２０２５', '']), cell(COUNTS), cell(['0', '3', '12']), cell(['0', '5', '１２'])],
    (index) => `330106${String(100 + (index >> 3)).padStart(3, '0')}${String(100 + index).padStart(3, '0')}`,
  );
  const facilityRows = rows(
    [fc.constant(null), cell(['阳光托育', '幼儿园']), cell(['330106001', '330106001001', '330106']), cell(['kindergarten', 'nursery', 'community', '幼儿园', '托育机构', '社区']),
      cell(BOOLEANS), cell(COUNTS), cell(['3', '4']), cell(['0', '1', '2', '']), cell(BOOLEANS), cell(BOOLEANS), cell(DATES), cell(['', '', '2025-12-31'])],
    (index) => `F${index + 1}`,
  );
  const assessmentRows = rows(
    [cell(['F1', 'F2']), cell(DATES), cell(['self', 'external', '自评', '外部评估']), ...Array.from({ length: 7 }, () => cell(SCORES)), cell(BOOLEANS), cell(['A', 'B级', 'C', 'D', ''])],
    () => undefined,
  );
  const ASSESSMENT_HEADER = ['facility_id', 'date', 'kind', 'conditions', 'staff', 'care', 'health', 'family_support', 'safety', 'management', 'basic_passed', 'level'];

  it('census, facilities and assessments', async () => {
    const passed = { census: 0, facilities: 0, assessments: 0 };
    const check = (shape: { safeParse(value: unknown): { success: boolean; error?: { message: string } } }, record: unknown) => {
      const result = shape.safeParse(record);
      if (!result.success) expect.fail(`${JSON.stringify(record)}: ${result.error?.message}`);
    };
    await fc.assert(
      fc.asyncProperty(censusRows, facilityRows, assessmentRows, async (census, facilities, assessments) => {
        const censusOut = await validateCensus(buildTable({ table: 'census', header: CENSUS_HEADER, rows: census }), buildLog());
        const facilitiesOut = await validateFacilities(buildTable({ table: 'facilities', header: FACILITY_HEADER, rows: facilities }), { isKnownArea, today }, buildLog());
        const assessmentsOut = await validateAssessments(buildTable({ table: 'assessments', header: ASSESSMENT_HEADER, rows: assessments }), { isKnownFacility, today }, buildLog());
        for (const row of censusOut.records) check(CensusRowShape, row);
        for (const facility of facilitiesOut.records) check(FacilityShape, facility);
        for (const assessment of assessmentsOut.records) check(AssessmentShape, assessment);
        passed.census += censusOut.records.length;
        passed.facilities += facilitiesOut.records.length;
        passed.assessments += assessmentsOut.records.length;
      }),
      { numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 60) },
    );
    // Rows did pass, in every table: this is not a test of validators that reject everything.
    for (const count of Object.values(passed)) expect(count).toBeGreaterThan(10);
  });
});
