/**
 * The fold's quarterly counts added up for every area that holds them (SPEC
 * §2: a record counts in every area whose code is a prefix of its own, and
 * in the whole data set; an outreach record in its facility's area), and kept
 * per facility. Small: areas × quarters × kinds.
 */
import { VISIT_KINDS, type AreaCode, type Facility, type VisitKind } from '../../schema/records.js';
import { KIND_COUNT, KIND_INDEX } from '../quarter-kind-counts.js';
import type { RecordCounts } from '../visit-fold.js';
import type { QuarterNumber } from './quarters.js';
import { areasHolding } from './review-context.js';

/** Per quarter, the records of each kind (indexed as VISIT_KINDS). */
export type QuarterlyCounts = Map<QuarterNumber, Int32Array>;

export interface RecordTally {
  /** By area code: '' for the whole data set, then districts, streets and communities. */
  byArea: Map<AreaCode, QuarterlyCounts>;
  byFacility: Map<string, QuarterlyCounts>;
}

export function tallyRecords(counts: RecordCounts, facilities: readonly Facility[]): RecordTally {
  const byArea = new Map<AreaCode, QuarterlyCounts>();
  const byFacility = new Map<string, QuarterlyCounts>();
  const addTo = (map: Map<string, QuarterlyCounts>, key: string, quarter: QuarterNumber, kind: VisitKind, count: number) => {
    let quarters = map.get(key);
    if (!quarters) map.set(key, (quarters = new Map()));
    let kinds = quarters.get(quarter);
    if (!kinds) quarters.set(quarter, (kinds = new Int32Array(KIND_COUNT)));
    kinds[KIND_INDEX[kind]] += count;
  };
  const addToAreas = (code: AreaCode, quarter: QuarterNumber, kind: VisitKind, count: number) => {
    for (const area of areasHolding(code)) addTo(byArea, area, quarter, kind, count);
  };
  counts.forEachArea(addToAreas);
  const areaOfFacility = new Map(facilities.map((facility) => [facility.facilityId, facility.areaCode]));
  counts.forEachFacility((facilityId, quarter, kind, count) => {
    addTo(byFacility, facilityId, quarter, kind, count);
    // SPEC §2: outreach records belong to their facility's area. Without a registry they have none.
    const area = areaOfFacility.get(facilityId);
    if (kind === 'outreach' && area !== undefined) addToAreas(area, quarter, kind, count);
  });
  return { byArea, byFacility };
}

/** Records in the quarter: of one kind, or of every kind when `kind` is null. */
export function countIn(quarters: QuarterlyCounts | undefined, quarter: QuarterNumber, kind: VisitKind | null): number {
  const kinds = quarters?.get(quarter);
  if (!kinds) return 0;
  if (kind !== null) return kinds[KIND_INDEX[kind]];
  let total = 0;
  for (let i = 0; i < VISIT_KINDS.length; i++) total += kinds[i];
  return total;
}
