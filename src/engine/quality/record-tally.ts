/**
 * The fold's quarterly counts added up for every area that holds them (SPEC
 * §2: a record counts in every area whose code is a prefix of its own, and
 * in the whole data set; an outreach record in its facility's area), and kept
 * per facility. Each area or facility is one typed array over the quarters
 * from the data's first to its last (× the kinds of record): small — areas ×
 * quarters × kinds — and read without hashing a quarter.
 */
import { VISIT_KINDS, type AreaCode, type Facility, type VisitKind } from '../../schema/records.js';
import { KIND_COUNT, KIND_INDEX } from '../quarter-kind-counts.js';
import type { RecordCounts } from '../visit-fold.js';
import { quarterOfDay, type QuarterNumber } from './quarters.js';
import { areasHolding } from '../areas.js';

/** Records of each kind per quarter: slot (quarter − first quarter) × kinds + kind index. */
export type QuarterlyCounts = Int32Array;

export interface RecordTally {
  /** The quarter of the data's first record, and how many quarters to its last. */
  firstQuarter: QuarterNumber;
  quarterCount: number;
  /** By area code: '' for the whole data set, then districts, streets and communities. */
  byArea: Map<AreaCode, QuarterlyCounts>;
  byFacility: Map<string, QuarterlyCounts>;
}

export function tallyRecords(counts: RecordCounts, facilities: readonly Facility[]): RecordTally {
  const firstDays = VISIT_KINDS.map((kind) => counts.firstDay(kind)).filter((day): day is number => day !== null);
  const lastDays = VISIT_KINDS.map((kind) => counts.lastDay(kind)).filter((day): day is number => day !== null);
  const firstQuarter = firstDays.length === 0 ? 0 : quarterOfDay(Math.min(...firstDays));
  const quarterCount = lastDays.length === 0 ? 0 : quarterOfDay(Math.max(...lastDays)) - firstQuarter + 1;
  const byArea = new Map<AreaCode, QuarterlyCounts>();
  const byFacility = new Map<string, QuarterlyCounts>();
  const rowOf = (map: Map<string, QuarterlyCounts>, key: string) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = new Int32Array(quarterCount * KIND_COUNT)));
    return row;
  };
  // The rows a code adds to (its own and those of the areas above it), worked out once per code.
  const holdersOf = new Map<AreaCode, QuarterlyCounts[]>();
  const addToAreas = (code: AreaCode, quarter: QuarterNumber, kind: VisitKind, count: number) => {
    let holders = holdersOf.get(code);
    if (holders === undefined) holdersOf.set(code, (holders = areasHolding(code).map((area) => rowOf(byArea, area))));
    const slot = (quarter - firstQuarter) * KIND_COUNT + KIND_INDEX[kind];
    for (const row of holders) row[slot] += count;
  };
  counts.forEachArea(addToAreas);
  const areaOfFacility = new Map(facilities.map((facility) => [facility.facilityId, facility.areaCode]));
  counts.forEachFacility((facilityId, quarter, kind, count) => {
    rowOf(byFacility, facilityId)[(quarter - firstQuarter) * KIND_COUNT + KIND_INDEX[kind]] += count;
    // SPEC §2: outreach records belong to their facility's area. Without a registry they have none.
    const area = areaOfFacility.get(facilityId);
    if (kind === 'outreach' && area !== undefined) addToAreas(area, quarter, kind, count);
  });
  return { firstQuarter, quarterCount, byArea, byFacility };
}

/** Records in the quarter: of one kind, or of every kind when `kind` is null; 0 outside the data. */
export function countIn(tally: RecordTally, row: QuarterlyCounts | undefined, quarter: QuarterNumber, kind: VisitKind | null): number {
  const offset = quarter - tally.firstQuarter;
  if (row === undefined || offset < 0 || offset >= tally.quarterCount) return 0;
  const base = offset * KIND_COUNT;
  if (kind !== null) return row[base + KIND_INDEX[kind]];
  let total = 0;
  for (let i = 0; i < KIND_COUNT; i++) total += row[base + i];
  return total;
}

/** Whether the row holds any record of the kind, in any quarter. */
export function hasAny(row: QuarterlyCounts | undefined, kind: VisitKind): boolean {
  if (row === undefined) return false;
  for (let slot = KIND_INDEX[kind]; slot < row.length; slot += KIND_COUNT) if (row[slot] !== 0) return true;
  return false;
}
