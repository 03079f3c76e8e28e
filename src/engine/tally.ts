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
  // Every area's numbers side by side in one array, the total's first. What a facility, record, street or
  // community adds goes to `added` at the deepest area of the tree that holds it (its own, else the nearest
  // above; the total when none), and flows up once at the end, area by area (run once per report, this code
  // is never warm: a few plain loops over typed arrays, not an addition per area above per thing added).
  const values = new Float64Array((tree.areas.length + 1) * width);
  const added = new Float64Array(values.length);
  const offsetOf = new Map<AreaCode, number>([['', 0]]);
  tree.areas.forEach((node, i) => offsetOf.set(node.code, (i + 1) * width));
  const tallies = new Map<AreaCode, AreaTallies>();
  const start = (code: AreaCode, level: AreaLevel, streetCount: number, communityCount: number, census: AreaIndex['total']) => {
    const offset = offsetOf.get(code)!;
    for (const { index, field } of kinds.census) values[offset + index] = census[field];
    tallies.set(code, { level, streetCount, communityCount, values: values.subarray(offset, offset + width) });
  };
  start('', 'all', tree.streetCount, tree.communityCount, tree.total);
  for (const node of tree.areas) {
    // A street counts itself as the street it is; a community itself as a community.
    start(node.code, node.level, node.level === 'street' ? 1 : node.streetCount, node.level === 'community' ? 1 : node.communityCount, node);
  }

  /** The offset of the deepest tree area at or above `code` (the code's own, else the nearest above; 0, the total's, when none). */
  const holderOf = (code: AreaCode): number => {
    const own = offsetOf.get(code);
    if (own !== undefined) return own;
    const ancestors = ancestorCodes(code);
    for (let k = ancestors.length - 1; k >= 0; k--) {
      const offset = offsetOf.get(ancestors[k]);
      if (offset !== undefined) return offset;
    }
    return 0;
  };
  /** What each of `kinds` says `facts` add, at the area holding `code`. */
  const addUp = <F>(code: AreaCode, kinds: readonly { index: number; add: (facts: F, period: Period) => number }[], facts: F) => {
    const offset = holderOf(code);
    for (let k = 0; k < kinds.length; k++) added[offset + kinds[k].index] += kinds[k].add(facts, period);
  };

  for (const { index, count } of kinds.visits) {
    for (const [code, n] of window[count]) added[holderOf(code) + index] += n;
  }

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
    addUp(facility.areaCode, kinds.facilities, facts);
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
  for (const node of tree.areas) {
    const facilities = within.get(node.code) ?? [];
    if (node.level === 'street') {
      const street: StreetFacts = { code: node.code, kind: townshipKind(node.code), facilities };
      addUp(node.code, kinds.streets, street);
    } else if (node.level === 'community') {
      const community: CommunityFacts = { code: node.code, facilities };
      addUp(node.code, kinds.communities, community);
    }
  }

  // Up the tree: communities into their streets (or whatever is nearest above), then streets, then districts into
  // the total; each area's numbers are whole when it passes them on. Census numbers stay where they were set.
  const deepestFirst = tree.areas.map((node, i) => ({ code: node.code, offset: (i + 1) * width })).sort((a, b) => b.code.length - a.code.length);
  for (const { code, offset } of deepestFirst) {
    const ancestors = ancestorCodes(code);
    const above = ancestors.length === 0 ? 0 : holderOf(ancestors[ancestors.length - 1]);
    for (let i = 0; i < width; i++) added[above + i] += added[offset + i];
  }
  for (let i = 0; i < values.length; i++) values[i] += added[i];
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
