/**
 * The tallies the indicator entries declare, added up for every area of the
 * tree and for the total (SPEC §2): what a facility, record, street or
 * community adds counts in the total and in every area whose code is a
 * prefix of (or equal to) its code, so a district-level facility covers no
 * street or community. Nothing here knows any indicator: it reads each
 * entry's `tallies` and hands each entry its own numbers.
 */
import type { AreaCode, AreaLevel, Assessment, Facility } from '../schema/records.js';
import { ancestorCodes, townshipKind, type AreaIndex } from './areas.js';
import type { CommunityFacts, IndicatorEntry, OpenFacility, StreetFacts, TallySpec, VisitCount } from './indicator-entry.js';
import type { Period } from './period.js';
import type { WindowCounts } from './visit-fold.js';

/** What one area (or the total) holds, for the entries to read their tallies from. */
export interface AreaTallies {
  level: AreaLevel;
  /** Streets and communities beneath (or, for a street or community, the area itself): for `needs.level`. */
  streetCount: number;
  communityCount: number;
  /** One number per declared tally, in `TallyPlan.slots` order. */
  values: Float64Array;
}

export interface TallyInput {
  tree: AreaIndex;
  facilities: readonly Facility[];
  /** null without an assessments table. */
  assessments: readonly Assessment[] | null;
  window: WindowCounts;
  period: Period;
}

interface Slot {
  /** Position in every area's `values`. */
  index: number;
  name: string;
  spec: TallySpec;
}

/** Every tally of every entry, numbered once per report. */
export class TallyPlan {
  readonly slots: readonly Slot[];
  private readonly byEntry: readonly Slot[][];

  constructor(entries: readonly IndicatorEntry[]) {
    const byEntry: Slot[][] = entries.map(() => []);
    const slots: Slot[] = [];
    entries.forEach((entry, i) => {
      for (const [name, spec] of Object.entries<TallySpec>(entry.tallies)) {
        const slot = { index: slots.length, name, spec };
        slots.push(slot);
        byEntry[i].push(slot);
      }
    });
    this.slots = slots;
    this.byEntry = byEntry;
  }

  /** Entry `index`'s tallies in an area, by the names the entry gave them. */
  talliesOf(index: number, area: AreaTallies): Record<string, number> {
    const tally: Record<string, number> = {};
    for (const slot of this.byEntry[index]) tally[slot.name] = area.values[slot.index];
    return tally;
  }

  /** The slots of one kind of tally, with their index. */
  kinds() {
    const census: { index: number; field: keyof AreaIndex['total'] }[] = [];
    const visits: { index: number; count: VisitCount }[] = [];
    const facilities: { index: number; add: (facility: OpenFacility, period: Period) => number }[] = [];
    const streets: { index: number; add: (street: StreetFacts) => number }[] = [];
    const communities: { index: number; add: (community: CommunityFacts) => number }[] = [];
    this.slots.forEach(({ spec }, index) => {
      if ('census' in spec) census.push({ index, field: spec.census });
      else if ('visits' in spec) visits.push({ index, count: spec.visits });
      else if ('openFacilities' in spec) facilities.push({ index, add: spec.openFacilities });
      else if ('streets' in spec) streets.push({ index, add: spec.streets });
      else communities.push({ index, add: spec.communities });
    });
    return { census, visits, facilities, streets, communities };
  }
}

/** SPEC §1: open at period end = opened empty or ≤ end, and closed empty or > end. */
export function isOpenAt(facility: Facility, day: number): boolean {
  return (facility.opened === null || facility.opened <= day) && (facility.closed === null || facility.closed > day);
}

/** Tallies keyed by area code, '' for the total. */
export function tallyAreas(plan: TallyPlan, input: TallyInput): Map<AreaCode, AreaTallies> {
  const { tree, window, period } = input;
  const kinds = plan.kinds();
  const width = plan.slots.length;
  const tallies = new Map<AreaCode, AreaTallies>();
  const start = (code: AreaCode, level: AreaLevel, streetCount: number, communityCount: number, census: AreaIndex['total']) => {
    const values = new Float64Array(width);
    for (const { index, field } of kinds.census) values[index] = census[field];
    tallies.set(code, { level, streetCount, communityCount, values });
  };
  start('', 'all', tree.streetCount, tree.communityCount, tree.total);
  for (const node of tree.areas) {
    // A street counts itself as the street it is; a community itself as a community.
    start(node.code, node.level, node.level === 'street' ? 1 : node.streetCount, node.level === 'community' ? 1 : node.communityCount, node);
  }

  /** The total and every tree area at or above `code`, looked up once per code. */
  const above = new Map<AreaCode, AreaTallies[]>();
  const areasOf = (code: AreaCode): AreaTallies[] => {
    let found = above.get(code);
    if (found === undefined) {
      found = [tallies.get('')!];
      for (const candidate of [...ancestorCodes(code), code]) {
        const tally = tallies.get(candidate);
        if (tally && candidate !== '') found.push(tally);
      }
      above.set(code, found);
    }
    return found;
  };
  const addUp = (code: AreaCode, indexes: readonly number[], amounts: readonly number[]) => {
    for (const area of areasOf(code)) for (let i = 0; i < indexes.length; i++) area.values[indexes[i]] += amounts[i];
  };

  for (const { index, count } of kinds.visits) {
    for (const [code, n] of window[count]) for (const area of areasOf(code)) area.values[index] += n;
  }

  const facilityIndexes = kinds.facilities.map((kind) => kind.index);
  const assessed = assessmentsInWindow(input.assessments ?? [], period);
  const open: OpenFacility[] = [];
  for (const facility of input.facilities) {
    if (!isOpenAt(facility, period.end)) continue;
    const assessments = assessed.get(facility.facilityId) ?? [];
    // Object.assign, not a spread: spreading the validated records is the slow path (measured 10× slower).
    const facts: OpenFacility = Object.assign({}, facility, {
      outreach: window.outreach.get(facility.facilityId) ?? 0,
      assessments,
      latestAssessment: assessments.length > 0 ? assessments[assessments.length - 1] : null,
    });
    open.push(facts);
    addUp(facility.areaCode, facilityIndexes, kinds.facilities.map((kind) => kind.add(facts, period)));
  }

  // Each street holds the open facilities located in it or in one of its communities; each community those in it.
  const within = new Map<AreaCode, OpenFacility[]>();
  for (const facility of open) {
    for (const code of [...ancestorCodes(facility.areaCode), facility.areaCode]) {
      if (code.length < 9) continue;
      const list = within.get(code);
      if (list) list.push(facility);
      else within.set(code, [facility]);
    }
  }
  const streetIndexes = kinds.streets.map((kind) => kind.index);
  const communityIndexes = kinds.communities.map((kind) => kind.index);
  for (const node of tree.areas) {
    const facilities = within.get(node.code) ?? [];
    if (node.level === 'street') {
      const street: StreetFacts = { code: node.code, kind: townshipKind(node.code), facilities };
      addUp(node.code, streetIndexes, kinds.streets.map((kind) => kind.add(street)));
    } else if (node.level === 'community') {
      const community: CommunityFacts = { code: node.code, facilities };
      addUp(node.code, communityIndexes, kinds.communities.map((kind) => kind.add(community)));
    }
  }
  return tallies;
}

/**
 * SPEC §9: the assessments dated from 1 January of the period's year through
 * period end, by facility, oldest first — by date, then by row, so that the
 * last is the latest in the sense of SPEC §2.
 */
function assessmentsInWindow(assessments: readonly Assessment[], period: Period): Map<string, Assessment[]> {
  const byFacility = new Map<string, Assessment[]>();
  for (const assessment of assessments) {
    if (assessment.date < period.start || assessment.date > period.end) continue;
    const list = byFacility.get(assessment.facilityId);
    if (list) list.push(assessment);
    else byFacility.set(assessment.facilityId, [assessment]);
  }
  for (const list of byFacility.values()) list.sort((a, b) => a.date - b.date || a.row - b.row);
  return byFacility;
}
