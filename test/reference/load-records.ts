/**
 * Reads a data directory into the validated records the reference takes: all
 * visits in one array (test code may hold them), through the same readers and
 * validators as `tuoyu report`, so only the computation differs.
 */
import { locateInputs } from '../../src/api.js';
import { openTable } from '../../src/io/open-table.js';
import { looksLikeHeader } from '../../src/schema/headers.js';
import { validateCensus } from '../../src/schema/validate-census.js';
import { validateFacilities } from '../../src/schema/validate-facilities.js';
import { validateVisits } from '../../src/schema/validate-visits.js';
import { buildAreaIndex } from '../../src/engine/areas.js';
import { IssueLog } from '../../src/issues/collector.js';
import type { CensusRow, Facility, Visit } from '../../src/schema/records.js';
import type { TableName } from '../../src/issues/issue.js';

export interface LoadedRecords {
  census: CensusRow[];
  facilities: Facility[];
  visits: Visit[];
}

export async function loadRecords(data: string): Promise<LoadedRecords> {
  const { locations } = await locateInputs({ data });
  const log = new IssueLog();
  const open = (table: TableName) => {
    const location = locations.find((l) => l.table === table);
    if (!location) throw new Error(`no ${table} in ${data}`);
    return openTable(location, { isHeaderRow: (cells) => looksLikeHeader(table, cells) });
  };
  const census = (await validateCensus(await open('census'), log)).records;
  const index = buildAreaIndex(census);
  const isKnownArea = (code: string) => index.isKnownArea(code);
  const facilities = (await validateFacilities(await open('facilities'), { isKnownArea }, log)).records;
  const visits: Visit[] = [];
  const facilityIds = new Set(facilities.map((f) => f.facilityId));
  await validateVisits(await open('visits'), { isKnownArea, isKnownFacility: (id) => facilityIds.has(id) }, log, (visit) => visits.push(visit));
  return { census, facilities, visits };
}
