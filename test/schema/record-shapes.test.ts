/**
 * Every record the validators pass on has the declared shape — including
 * visits, which take the hand-checked fast path — over every fixture city,
 * clean, messy and broken.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

const { CensusRowShape, FacilityShape, VisitShape } = recordShapes();

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
