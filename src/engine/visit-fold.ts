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
 *
 * The same pass keeps what the data-quality review needs (SPEC §11): records
 * per area code, quarter and kind, records per facility, quarter and kind, the
 * first and last record day of each kind, and per child the latest record
 * made while aged 0 — so that the review never reads the records again.
 *
 * Everything here is mergeable, for folds made in parallel over parts of the
 * records: counts are sums keyed by (id, quarter, kind); first and last days
 * are minima and maxima; the per-child entries are maxima by (date, row)
 * keyed by (child, quarter, rate). None depends on the order records arrive
 * in; the dense indices are only local names of the ids.
 */
import { VISIT_KINDS, type AreaCode, type DayNumber, type Visit, type VisitKind } from '../schema/records.js';
import { ageFromPacked, packedCivil } from '../shared/dates.js';
import { GrowableInt32, GrowableRecords } from '../shared/growable.js';
import { KIND_COUNT, KIND_INDEX, QuarterKindCounts, quarterOfPacked, type QuarterNumber } from './quarter-kind-counts.js';

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
  /**
   * SPEC §11, children aged 0 seen: distinct children with any record (outreach aside) made while
   * aged 0, each in the area of its latest such record in the window (SPEC §2).
   */
  infantsSeen: Map<AreaCode, number>;
}

/**
 * What the data-quality review (SPEC §11) reads from the records: counts per
 * quarter and kind, never a record. Quarters are numbered year × 4 + (quarter − 1).
 */
export interface RecordCounts {
  /** The earliest record day of the kind, or null without records of it. */
  firstDay(kind: VisitKind): DayNumber | null;
  /** The latest record day of the kind, or null without records of it. */
  lastDay(kind: VisitKind): DayNumber | null;
  /**
   * Every nonzero count of records by the area code they carry (the child's
   * residence). Outreach records are not here: they belong to their
   * facility's area (SPEC §2) and are counted by facility.
   */
  forEachArea(callback: (areaCode: AreaCode, quarter: QuarterNumber, kind: VisitKind, count: number) => void): void;
  /** Every nonzero count of records naming a facility, by facility id. */
  forEachFacility(callback: (facilityId: string, quarter: QuarterNumber, kind: VisitKind, count: number) => void): void;
}

export interface VisitTotals {
  /** The latest record date of any kind, or null with no records; it picks the default period. */
  latestDay: DayNumber | null;
  /**
   * Counts for the window from 1 January of `year` to the end of quarter
   * `throughQuarter`. Worked out once per window and kept (the report and the
   * quality review read the same one): callers must not change the maps.
   */
  countWindow(year: number, throughQuarter: 1 | 2 | 3 | 4): WindowCounts;
  /** Quarterly counts for the data-quality review. */
  recordCounts: RecordCounts;
}

export interface VisitFold {
  add(visit: Visit): void;
  /**
   * The fold's own dense index of an area code or a facility id (0, 1, 2… in
   * the order first asked for), for `addRecord`: a caller that meets the same
   * few thousand codes a million times looks each up once.
   */
  areaIndex(code: AreaCode): number;
  facilityIndex(id: string): number;
  /**
   * One record, by numbers: `add` without the record object. `kind` is the
   * kind's index in VISIT_KINDS; `child` the child's dense number (−1 without
   * a child and birth date), `birthDate` NO_DAY without one; `area` and
   * `facility` indices from `areaIndex` and `facilityIndex` (−1 without). As
   * `add`, an outreach record's area plays no part (it belongs to its facility).
   */
  addRecord(date: DayNumber, kind: number, child: number, birthDate: DayNumber, area: number, facility: number, row: number): void;
  finish(): VisitTotals;
}

/** `addRecord`'s birth date of a record without one. */
export const NO_DAY = -0x80000000;

/** Which "latest record per child" a record can be: one per child-based rate. */
const GUIDANCE = 0;
const ACTIVITY = 1;
/** Any other record while aged 0 (an activity): with GUIDANCE, the children aged 0 seen (SPEC §11). */
const INFANT_OTHER = 2;
const RATES = 3;
const NONE = -1;
/** An entry's numbers, in order. */
const E_NEXT = 0;
const E_SLOT = 1;
const E_DATE = 2;
const E_ROW = 3;
const E_AREA = 4;
const ENTRY_FIELDS = 5;

export function createVisitFold(): VisitFold {
  /** For visits without the validator's `childIndex` (see Visit). */
  const childIndex = new Map<string, number>();
  const areaIndex = new Map<AreaCode, number>();
  const areaCodes: AreaCode[] = [];
  const facilityIndex = new Map<string, number>();
  const facilityIds: string[] = [];

  // Per child: the head of a short list of entries, one per (quarter, rate) it qualified in.
  const heads = new GrowableInt32();
  // Entries, ENTRY_FIELDS numbers each: next entry of the same child, slot = quarter number × RATES + rate, date, row, area.
  const entries = new GrowableRecords(ENTRY_FIELDS);

  // Guidance records of children aged 0, by area index and quarter (counted under the guidance kind).
  const followups = new QuarterKindCounts();
  // SPEC §11: records per (area, quarter, kind) and per (facility, quarter, kind); outreach_compliance reads the latter too.
  const areaCounts = new QuarterKindCounts();
  const facilityCounts = new QuarterKindCounts();
  const firstDays = new Int32Array(KIND_COUNT).fill(2 ** 31 - 1);
  const lastDays = new Int32Array(KIND_COUNT).fill(-(2 ** 31));
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
    let data = entries.data;
    for (let entry = heads.data[child]; entry !== NONE; entry = data[entry * ENTRY_FIELDS + E_NEXT]) {
      const base = entry * ENTRY_FIELDS;
      if (data[base + E_SLOT] !== slot) continue;
      if (date > data[base + E_DATE] || (date === data[base + E_DATE] && row > data[base + E_ROW])) {
        data[base + E_DATE] = date;
        data[base + E_ROW] = row;
        data[base + E_AREA] = area;
      }
      return;
    }
    const entry = entries.add();
    data = entries.data;
    const base = entry * ENTRY_FIELDS;
    data[base + E_NEXT] = heads.data[child];
    data[base + E_SLOT] = slot;
    data[base + E_DATE] = date;
    data[base + E_ROW] = row;
    data[base + E_AREA] = area;
    heads.data[child] = entry;
  }

  function add(visit: Visit): void {
    const facility = visit.facilityId === null ? -1 : indexOf(facilityIndex, facilityIds, visit.facilityId);
    const kind = kindIndexOf(visit.kind);
    // Outreach belongs to its facility's area (SPEC §2): its area is not looked up.
    const area = kind === OUTREACH_KIND || visit.areaCode === null ? -1 : indexOf(areaIndex, areaCodes, visit.areaCode);
    let child = -1;
    if (area >= 0 && visit.childId !== null && visit.birthDate !== null) {
      child = visit.childIndex ?? -1;
      if (child < 0) {
        const known = childIndex.get(visit.childId);
        if (known === undefined) {
          child = heads.push(NONE);
          childIndex.set(visit.childId, child);
        } else child = known;
      }
    }
    addRecord(visit.date, kind, child, visit.birthDate ?? NO_DAY, area, facility, visit.row);
  }

  function addRecord(date: DayNumber, kind: number, child: number, birthDate: DayNumber, area: number, facility: number, row: number): void {
    if (latestDay === null || date > latestDay) latestDay = date;
    const datePacked = packedCivil(date);
    const quarterNumber = quarterOfPacked(datePacked);
    if (date < firstDays[kind]) firstDays[kind] = date;
    if (date > lastDays[kind]) lastDays[kind] = date;
    if (facility >= 0) facilityCounts.add(facility, quarterNumber, kind);

    // Outreach belongs to its facility's area (SPEC §2): counted above, by facility.
    if (kind === OUTREACH_KIND || area < 0) return;
    areaCounts.add(area, quarterNumber, kind);
    if (child < 0 || birthDate === NO_DAY) return;
    const age = ageFromPacked(packedCivil(birthDate), datePacked);
    let rate = NONE;
    // Plan line 15: guidance rate of families with infants aged 0–1; online guidance counts too (SPEC §1).
    if (age === 0 && (kind === GUIDANCE_KIND || kind === ONLINE_KIND)) rate = GUIDANCE;
    // Plan lines 15–16: parent–child activity participation of children aged 1–3 (1 or 2 completed years).
    else if ((age === 1 || age === 2) && kind === ACTIVITY_KIND) rate = ACTIVITY;
    // SPEC §11: any other record while aged 0 also makes the child an infant seen.
    else if (age === 0) rate = INFANT_OTHER;
    if (rate === NONE) return;

    if (rate === GUIDANCE && kind === GUIDANCE_KIND) {
      // Plan lines 57–58: follow-up guidance visits to families of infants aged 0–1, each record counted.
      followups.add(area, quarterNumber, GUIDANCE_KIND);
    }
    // A dense child number from the caller: the child's list head may not exist yet.
    while (heads.length <= child) heads.push(NONE);
    keepLatest(child, quarterNumber * RATES + rate, date, row, area);
  }

  function countWindow(year: number, throughQuarter: 1 | 2 | 3 | 4): WindowCounts {
    const first = year * 4;
    const last = year * 4 + throughQuarter - 1;
    const counts: WindowCounts = {
      guidanceChildren: new Map(),
      activityChildren: new Map(),
      followups: new Map(),
      outreach: new Map(),
      infantsSeen: new Map(),
    };
    // Children per area index while walking the children, turned into maps by code at the end: one array
    // increment per child instead of a map update.
    const guided = new Int32Array(areaCodes.length);
    const active = new Int32Array(areaCodes.length);
    const infants = new Int32Array(areaCodes.length);
    const data = entries.data;
    const dateOf = (entry: number) => data[entry * ENTRY_FIELDS + E_DATE];
    const isLater = (entry: number, best: number) =>
      best === NONE ||
      dateOf(entry) > dateOf(best) ||
      (dateOf(entry) === dateOf(best) && data[entry * ENTRY_FIELDS + E_ROW] > data[best * ENTRY_FIELDS + E_ROW]);
    const areaOf = (entry: number) => data[entry * ENTRY_FIELDS + E_AREA];
    for (let child = 0; child < heads.length; child++) {
      let guidance = NONE;
      let activity = NONE;
      let other = NONE;
      for (let entry = heads.data[child]; entry !== NONE; entry = data[entry * ENTRY_FIELDS + E_NEXT]) {
        const slot = data[entry * ENTRY_FIELDS + E_SLOT];
        const quarterNumber = Math.floor(slot / RATES);
        if (quarterNumber < first || quarterNumber > last) continue;
        const rate = slot - quarterNumber * RATES;
        if (rate === GUIDANCE) {
          if (isLater(entry, guidance)) guidance = entry;
        } else if (rate === ACTIVITY) {
          if (isLater(entry, activity)) activity = entry;
        } else if (isLater(entry, other)) {
          other = entry;
        }
      }
      // A child is counted once per rate, in the area of its latest qualifying record in the window (SPEC §2).
      if (guidance !== NONE) guided[areaOf(guidance)] += 1;
      if (activity !== NONE) active[areaOf(activity)] += 1;
      // Children aged 0 seen: the latest of the child's guidance and other records while aged 0.
      const infant = other !== NONE && isLater(other, guidance) ? other : guidance;
      if (infant !== NONE) infants[areaOf(infant)] += 1;
    }
    for (let area = 0; area < areaCodes.length; area++) {
      if (guided[area] !== 0) counts.guidanceChildren.set(areaCodes[area], guided[area]);
      if (active[area] !== 0) counts.activityChildren.set(areaCodes[area], active[area]);
      if (infants[area] !== 0) counts.infantsSeen.set(areaCodes[area], infants[area]);
    }
    followups.forEach((area, quarterNumber, _kind, count) => {
      if (quarterNumber >= first && quarterNumber <= last) increment(counts.followups, areaCodes[area], count);
    });
    const outreachKind = KIND_INDEX.outreach;
    facilityCounts.forEach((facility, quarterNumber, kind, count) => {
      if (kind === outreachKind && quarterNumber >= first && quarterNumber <= last) increment(counts.outreach, facilityIds[facility], count);
    });
    return counts;
  }

  const recordCounts: RecordCounts = {
    firstDay: (kind) => (lastDays[KIND_INDEX[kind]] < firstDays[KIND_INDEX[kind]] ? null : firstDays[KIND_INDEX[kind]]),
    lastDay: (kind) => (lastDays[KIND_INDEX[kind]] < firstDays[KIND_INDEX[kind]] ? null : lastDays[KIND_INDEX[kind]]),
    forEachArea: (callback) => areaCounts.forEach((area, quarter, kind, count) => callback(areaCodes[area], quarter, VISIT_KINDS[kind], count)),
    forEachFacility: (callback) =>
      facilityCounts.forEach((facility, quarter, kind, count) => callback(facilityIds[facility], quarter, VISIT_KINDS[kind], count)),
  };

  const windows = new Map<number, WindowCounts>();
  const countWindowOnce = (year: number, throughQuarter: 1 | 2 | 3 | 4): WindowCounts => {
    const key = year * 4 + throughQuarter;
    let counts = windows.get(key);
    if (counts === undefined) windows.set(key, (counts = countWindow(year, throughQuarter)));
    return counts;
  };

  return {
    add,
    areaIndex: (code) => indexOf(areaIndex, areaCodes, code),
    facilityIndex: (id) => indexOf(facilityIndex, facilityIds, id),
    addRecord,
    finish: () => ({ latestDay, countWindow: countWindowOnce, recordCounts }),
  };
}

function increment<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** KIND_INDEX[kind] as a switch: the hot loop compares interned strings instead of a keyed lookup. */
function kindIndexOf(kind: VisitKind): number {
  switch (kind) {
    case 'guidance':
      return GUIDANCE_KIND;
    case 'activity':
      return ACTIVITY_KIND;
    case 'outreach':
      return OUTREACH_KIND;
    case 'online':
      return ONLINE_KIND;
  }
}
const GUIDANCE_KIND = KIND_INDEX.guidance;
const ACTIVITY_KIND = KIND_INDEX.activity;
const OUTREACH_KIND = KIND_INDEX.outreach;
const ONLINE_KIND = KIND_INDEX.online;
