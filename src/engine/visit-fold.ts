/**
 * Service records are folded one at a time into small accumulators (STYLE.md,
 * "Streams where data is large"): nothing here holds a record. Because the
 * default period is known only after the last record, the fold keeps its
 * counts per calendar quarter, and any year-to-date window (SPEC §4) is
 * resolved afterwards by `countWindow`.
 *
 * Memory grows with distinct children, areas and facilities, never with
 * records: per child and quarter only the latest qualifying record (date, row,
 * area) is kept, in typed arrays.
 */
import type { AreaCode, DayNumber, Visit } from '../schema/records.js';
import { ageFromPacked, packedCivil } from '../shared/dates.js';
import { GrowableInt32 } from '../shared/growable.js';

/** What the records of one window add up to, keyed by the code the records carry. */
export interface WindowCounts {
  /** guidance_rate_0_1: distinct children, each in the area of its latest guidance/online record made while aged 0. */
  guidanceChildren: Map<AreaCode, number>;
  /** activity_rate_1_3: distinct children, each in the area of its latest activity record made while aged 1 or 2. */
  activityChildren: Map<AreaCode, number>;
  /** followups_per_infant: guidance records of children aged 0, each in its own area. */
  followups: Map<AreaCode, number>;
  /** outreach_compliance: outreach records per facility id. */
  outreach: Map<string, number>;
}

export interface VisitTotals {
  /** The latest record date of any kind, or null with no records; it picks the default period. */
  latestDay: DayNumber | null;
  /** Counts for the window from 1 January of `year` to the end of quarter `throughQuarter`. */
  countWindow(year: number, throughQuarter: 1 | 2 | 3 | 4): WindowCounts;
}

export interface VisitFold {
  add(visit: Visit): void;
  finish(): VisitTotals;
}

/** Which "latest record per child" a record can be: one per child-based rate. */
const GUIDANCE = 0;
const ACTIVITY = 1;
const NONE = -1;
/** Separates an index from a quarter number in one numeric map key; quarter numbers (year × 4) stay below it. */
const QUARTER_SPAN = 100_000;

export function createVisitFold(): VisitFold {
  /** For visits without the validator's `childIndex` (see Visit). */
  const childIndex = new Map<string, number>();
  const areaIndex = new Map<AreaCode, number>();
  const areaCodes: AreaCode[] = [];
  const facilityIndex = new Map<string, number>();
  const facilityIds: string[] = [];

  // Per child: the head of a short list of entries, one per (quarter, rate) it qualified in.
  const heads = new GrowableInt32();
  // Entries, column-wise: next entry of the same child, slot = quarter number × 2 + rate, date, row, area.
  const next = new GrowableInt32();
  const slots = new GrowableInt32();
  const dates = new GrowableInt32();
  const rows = new GrowableInt32();
  const areas = new GrowableInt32();

  // (area index, quarter number) → guidance records of children aged 0; (facility index, quarter number) → outreach records.
  const followups = new Map<number, number>();
  const outreach = new Map<number, number>();
  let latestDay: DayNumber | null = null;

  function indexOf<K>(map: Map<K, number>, list: K[] | null, key: K): number {
    let index = map.get(key);
    if (index === undefined) {
      index = map.size;
      map.set(key, index);
      list?.push(key);
    }
    return index;
  }

  /** Keeps the record if it is the child's latest of this rate in this quarter (by date, then by row). */
  function keepLatest(child: number, slot: number, date: number, row: number, area: number): void {
    for (let entry = heads.data[child]; entry !== NONE; entry = next.data[entry]) {
      if (slots.data[entry] !== slot) continue;
      if (date > dates.data[entry] || (date === dates.data[entry] && row > rows.data[entry])) {
        dates.data[entry] = date;
        rows.data[entry] = row;
        areas.data[entry] = area;
      }
      return;
    }
    next.push(heads.data[child]);
    slots.push(slot);
    dates.push(date);
    rows.push(row);
    heads.data[child] = areas.push(area);
  }

  function add(visit: Visit): void {
    const date = visit.date;
    if (latestDay === null || date > latestDay) latestDay = date;
    const datePacked = packedCivil(date);
    const year = Math.floor(datePacked / 10000);
    const month = Math.floor((datePacked % 10000) / 100);
    const quarterNumber = year * 4 + Math.floor((month - 1) / 3);

    if (visit.kind === 'outreach') {
      if (visit.facilityId === null) return;
      const key = indexOf(facilityIndex, facilityIds, visit.facilityId) * QUARTER_SPAN + quarterNumber;
      outreach.set(key, (outreach.get(key) ?? 0) + 1);
      return;
    }
    if (visit.childId === null || visit.birthDate === null || visit.areaCode === null) return;
    const age = ageFromPacked(packedCivil(visit.birthDate), datePacked);
    let rate = NONE;
    // Plan line 15: guidance rate of families with infants aged 0–1; online guidance counts too (SPEC §1).
    if (age === 0 && (visit.kind === 'guidance' || visit.kind === 'online')) rate = GUIDANCE;
    // Plan lines 15–16: parent–child activity participation of children aged 1–3 (1 or 2 completed years).
    else if ((age === 1 || age === 2) && visit.kind === 'activity') rate = ACTIVITY;
    if (rate === NONE) return;

    const area = indexOf(areaIndex, areaCodes, visit.areaCode);
    if (rate === GUIDANCE && visit.kind === 'guidance') {
      // Plan lines 57–58: follow-up guidance visits to families of infants aged 0–1, each record counted.
      const key = area * QUARTER_SPAN + quarterNumber;
      followups.set(key, (followups.get(key) ?? 0) + 1);
    }
    let child = visit.childIndex;
    if (child !== undefined) {
      // The validator's index: the child's list head may not exist yet.
      while (heads.length <= child) heads.push(NONE);
    } else {
      child = childIndex.get(visit.childId);
      if (child === undefined) {
        child = heads.push(NONE);
        childIndex.set(visit.childId, child);
      }
    }
    keepLatest(child, quarterNumber * 2 + rate, date, visit.row, area);
  }

  function countWindow(year: number, throughQuarter: 1 | 2 | 3 | 4): WindowCounts {
    const first = year * 4;
    const last = year * 4 + throughQuarter - 1;
    const counts: WindowCounts = {
      guidanceChildren: new Map(),
      activityChildren: new Map(),
      followups: new Map(),
      outreach: new Map(),
    };
    const bestEntry = [NONE, NONE];
    for (let child = 0; child < heads.length; child++) {
      bestEntry[GUIDANCE] = NONE;
      bestEntry[ACTIVITY] = NONE;
      for (let entry = heads.data[child]; entry !== NONE; entry = next.data[entry]) {
        const slot = slots.data[entry];
        const quarterNumber = Math.floor(slot / 2);
        if (quarterNumber < first || quarterNumber > last) continue;
        const rate = slot - quarterNumber * 2;
        const best = bestEntry[rate];
        if (
          best === NONE ||
          dates.data[entry] > dates.data[best] ||
          (dates.data[entry] === dates.data[best] && rows.data[entry] > rows.data[best])
        ) {
          bestEntry[rate] = entry;
        }
      }
      // A child is counted once per rate, in the area of its latest qualifying record in the window (SPEC §2).
      if (bestEntry[GUIDANCE] !== NONE) increment(counts.guidanceChildren, areaCodes[areas.data[bestEntry[GUIDANCE]]], 1);
      if (bestEntry[ACTIVITY] !== NONE) increment(counts.activityChildren, areaCodes[areas.data[bestEntry[ACTIVITY]]], 1);
    }
    for (const [key, count] of followups) {
      const quarterNumber = key % QUARTER_SPAN;
      if (quarterNumber >= first && quarterNumber <= last) {
        increment(counts.followups, areaCodes[(key - quarterNumber) / QUARTER_SPAN], count);
      }
    }
    for (const [key, count] of outreach) {
      const quarterNumber = key % QUARTER_SPAN;
      if (quarterNumber >= first && quarterNumber <= last) {
        increment(counts.outreach, facilityIds[(key - quarterNumber) / QUARTER_SPAN], count);
      }
    }
    return counts;
  }

  return {
    add,
    finish: () => ({ latestDay, countWindow }),
  };
}

function increment<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
