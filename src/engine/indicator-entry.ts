/**
 * The words an indicator entry is written in (STYLE.md principle 4: one
 * registry entry per indicator). An entry says what the indicator is (names,
 * unit, formula, the plan line it implements, its default target and where
 * that target is compared), what it needs (optional tables, an area level),
 * which tallies it adds up over an area, and how its value follows from them.
 * Everything else — accumulating the tallies up the area tree, n/a reasons
 * for what is missing, targets, the catalogue's output — the engine derives
 * from the entries (src/engine/tally.ts, src/engine/compute-report.ts).
 */
import type { AreaCode, AreaLevel, Assessment, Facility } from '../schema/records.js';
import type { CensusSums, TownshipKind } from './areas.js';
import type { Period } from './period.js';
import type { WindowCounts } from './visit-fold.js';

/** Text in both output languages. */
export interface Words {
  zh: string;
  en: string;
}

/**
 * percent: 0–100; per_1000: per 1,000 residents; per_infant: records per
 * infant; score: points of the quality standard (WS/T 821—2023, 1,000 in all);
 * count: a count or a sum.
 */
export type IndicatorUnit = 'percent' | 'per_1000' | 'per_infant' | 'score' | 'count';

/** How a value is compared with its target. */
export type TargetOp = '>=' | '<=';

export interface Target {
  value: number;
  op: TargetOp;
}

/** The plan line an indicator implements, and the plan's own words (shown in the definitions sheet). */
export interface PlanCitation {
  /** Line numbers of the plan text, e.g. "15" or "57–58". */
  lines: string;
  /** The plan's wording; absent where the plan names the thing without a number to reach. */
  wording?: string;
}

/** A facility open at period end, with what the records of the window say about it. */
export interface OpenFacility extends Facility {
  /** `outreach` records of this facility in the window. */
  outreach: number;
  /** Its quality assessments dated in the window (SPEC §9), oldest first: by date, then by row. */
  assessments: readonly Assessment[];
  /** The last of `assessments`, or null. */
  latestAssessment: Assessment | null;
}

/** A street or township (9-digit area) of the census, with the open facilities located in it or beneath it. */
export interface StreetFacts {
  code: AreaCode;
  /** 街道, 镇, 乡 or another township-level unit, from its code (SPEC §10). */
  kind: TownshipKind;
  facilities: readonly OpenFacility[];
}

/** A community (12-digit census leaf), with the open facilities located in it. */
export interface CommunityFacts {
  code: AreaCode;
  facilities: readonly OpenFacility[];
}

/** Children and records of the window, each counted in the area SPEC §2 puts it in. */
export type VisitCount = Exclude<keyof WindowCounts, 'outreach'>;

/**
 * One number an indicator adds up over an area (SPEC §2: a facility, record or
 * unit counts in every area whose code is a prefix of its code, and in the total).
 * - `census`: the area's census sum (leaf rows beneath it);
 * - `visits`: children or records of the window located in the area;
 * - `openFacilities`: Σ over facilities open at period end located in the area;
 * - `streets`, `communities`: Σ over the census's streets or communities in the area
 *   (a street row counts itself, a community row itself).
 */
export type TallySpec =
  | { readonly census: keyof CensusSums }
  | { readonly visits: VisitCount }
  | { readonly openFacilities: (facility: OpenFacility, period: Period) => number }
  | { readonly streets: (street: StreetFacts) => number }
  | { readonly communities: (community: CommunityFacts) => number };

/** Optional input tables an indicator may depend on (the three others are always read). */
export type OptionalTable = 'assessments';

export interface IndicatorNeeds {
  /** Without these tables the indicator is n/a, with the reason in words. */
  tables?: readonly OptionalTable[];
  /**
   * The level of area the indicator counts: n/a for an area the census lists
   * none of beneath (SPEC §2), and the total is taken over the areas that have it.
   */
  level?: 'street' | 'community';
}

/** What an indicator's value is: a ratio (numerator × scale ÷ denominator), a count or sum, or n/a with a reason. */
export type Outcome =
  | { kind: 'ratio'; numerator: number; denominator: number; scale: number }
  | { kind: 'count'; value: number }
  | { kind: 'n/a'; reason: Words };

export interface IndicatorEntry<Id extends string = string, T extends string = string> {
  id: Id;
  name: Words;
  unit: IndicatorUnit;
  formula: Words;
  plan: PlanCitation;
  /** The built-in default plan's target (SPEC §1); null: shown without one. */
  target: Target | null;
  /**
   * SPEC §1 "applies at": the area levels whose rows compare the value with
   * the plan's target. Every row has the value; elsewhere its status is
   * `no_target` ("whole data set" = the total row only).
   */
  targetLevels: readonly AreaLevel[];
  /**
   * A per-year quantity (本年新增…, "每年新增…不少于"): its target is met or
   * missed anew each year, so a trend judges it year by year instead of as a
   * level to grow into by the target year. Absent: a level (stock).
   */
  flow?: true;
  needs?: IndicatorNeeds;
  tallies: Readonly<Record<T, TallySpec>>;
  /** The value from this area's tallies. Never divides: `ratio` leaves that to the engine, and only by a non-zero denominator. */
  compute(tally: Readonly<Record<T, number>>): Outcome;
}

export const EVERY_LEVEL: readonly AreaLevel[] = ['all', 'district', 'street', 'community'];
export const TOTAL_ONLY: readonly AreaLevel[] = ['all'];

/** An entry, its tally names checked against `compute`. */
export function defineIndicator<const Id extends string, const T extends string>(entry: IndicatorEntry<Id, T>): IndicatorEntry<Id, T> {
  return entry;
}

/** numerator × scale ÷ denominator; n/a with `whenZero` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, scale: number, whenZero: Words): Outcome {
  return denominator === 0 ? { kind: 'n/a', reason: whenZero } : { kind: 'ratio', numerator, denominator, scale };
}

export function count(value: number): Outcome {
  return { kind: 'count', value };
}

export const atLeast = (value: number): Target => ({ value, op: '>=' });

/** 1 when the test holds, else 0: what a counting tally adds for one facility or area. */
export function one(holds: boolean): number {
  return holds ? 1 : 0;
}
