/**
 * The pure core of `tuoyu report`: census, facilities and folded visits in,
 * one row of indicators per area out (SPEC §1, §2, §7). Nothing is rounded
 * here and nothing is divided by zero; a value that cannot exist is null with
 * status `n/a` and a reason in the output language.
 */
import type { IssueDraft, Lang } from '../issues/issue.js';
import type { AreaCode, AreaLevel, CensusRow, Facility } from '../schema/records.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from './indicators.js';
import type { AreaReport, IndicatorResult } from './report.js';
import type { Period } from './period.js';
import { ancestorCodes, buildAreaIndex, type AreaIndex, type CensusSums } from './areas.js';
import type { VisitTotals, WindowCounts } from './visit-fold.js';
import { COMPUTE_INDICATOR, OUTREACH_MINIMUM, type AreaTally, type Outcome, type Words } from './compute.js';
import type { IndicatorTargets, Target } from './targets.js';

export interface ReportInput {
  /** Every census row, of every year; the rows of the period's year are picked here (SPEC §3). */
  census: readonly CensusRow[];
  facilities: readonly Facility[];
  visits: VisitTotals;
  period: Period;
  /** The target of each indicator (a plan's targets), compared where the indicator says (SPEC §1 "applies at"). */
  targets: IndicatorTargets;
  /** The finest level of the breakdown: 'all' gives the total row only. */
  by: AreaLevel;
  lang: Lang;
}

export interface ReportOutcome {
  areas: AreaReport[];
  issues: IssueDraft[];
}

const TOTAL_NAME: Words = { zh: '全部', en: 'All' };

const LEVELS_SHOWN: Readonly<Record<AreaLevel, readonly AreaLevel[]>> = {
  all: [],
  district: ['district'],
  street: ['district', 'street'],
  community: ['district', 'street', 'community'],
};

export function computeReport(input: ReportInput): ReportOutcome {
  const { period, targets, lang } = input;
  const issues: IssueDraft[] = [];
  const census = selectCensusRows(input.census, period, issues);
  const tree = buildAreaIndex(census);
  const window = input.visits.countWindow(period.year, period.quarter ?? 4);
  const tallies = tallyAreas(tree, input.facilities, window, period);

  const shown = LEVELS_SHOWN[input.by];
  const names = nameAreas(input.census);
  const rows: AreaReport[] = [{ code: '', name: TOTAL_NAME[lang], level: 'all', indicators: resolveIndicators('', tallies.get('')!, targets, lang, issues) }];
  for (const node of tree.areas) {
    if (!shown.includes(node.level)) continue;
    rows.push({
      code: node.code,
      name: node.listed ? node.name : (names.get(node.code) ?? node.code),
      level: node.level,
      indicators: resolveIndicators(node.code, tallies.get(node.code)!, targets, lang, issues),
    });
  }
  return { areas: rows, issues };
}

/**
 * SPEC §3: the census of the period's year; else the latest earlier year
 * (warning); else none (error). Rows without a year apply to every period; a
 * row of the chosen year replaces a yearless row of the same code.
 */
export function selectCensusRows(census: readonly CensusRow[], period: Period, issues: IssueDraft[]): CensusRow[] {
  const years = new Set<number>();
  for (const row of census) if (row.year !== null) years.add(row.year);
  let chosen: number | null = null;
  if (years.has(period.year)) {
    chosen = period.year;
  } else {
    for (const year of years) if (year < period.year && (chosen === null || year > chosen)) chosen = year;
    if (chosen !== null) {
      issues.push(censusIssue('census-year-fallback', String(chosen), { period: period.id, year: period.year, used: chosen }));
    } else if (years.size > 0) {
      issues.push(censusIssue('census-year-missing', String(period.year), { period: period.id, year: period.year }));
    }
  }
  const dated = census.filter((row) => row.year !== null && row.year === chosen);
  const datedCodes = new Set(dated.map((row) => row.areaCode));
  const yearless = census.filter((row) => row.year === null && !datedCodes.has(row.areaCode));
  return [...yearless, ...dated];
}

function censusIssue(code: string, value: string, params: Record<string, string | number>): IssueDraft {
  return { code, table: 'census', file: null, sheet: null, row: null, column: 'year', value, params };
}

/** Names of every coded census row, latest year first, for areas the chosen year does not name. */
function nameAreas(census: readonly CensusRow[]): Map<AreaCode, string> {
  const names = new Map<AreaCode, string>();
  const byYear = [...census].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
  for (const row of byYear) {
    if (row.areaCode !== '' && row.areaName.trim() !== '' && !names.has(row.areaCode)) names.set(row.areaCode, row.areaName.trim());
  }
  return names;
}

function emptyTally(level: AreaLevel, census: CensusSums): AreaTally {
  return {
    level,
    census,
    guidanceChildren: 0,
    activityChildren: 0,
    followups: 0,
    openKindergartens: 0,
    kindergartensWithToddlerClasses: 0,
    kindergartenSlots: 0,
    openProviders: 0,
    inclusiveProviders: 0,
    openSlots: 0,
    inclusiveSlots: 0,
    provincial: 0,
    demonstration: 0,
    employer: 0,
    newInclusiveToddlerClasses: 0,
    newCommunityInclusive: 0,
    outreachFacilities: 0,
    outreachCompliant: 0,
    communities: 0,
    coveredCommunities: 0,
    streets: 0,
    coveredStreets: 0,
  };
}

/** SPEC §1: open at period end = opened empty or ≤ end, and closed empty or > end. */
export function isOpenAt(facility: Facility, day: number): boolean {
  return (facility.opened === null || facility.opened <= day) && (facility.closed === null || facility.closed > day);
}

/** A provider offers childcare places: a facility with slots (SPEC §1, inclusive_facility_share). */
function isInclusiveProvider(facility: Facility): boolean {
  return facility.inclusive && facility.slots > 0;
}

/**
 * Tallies keyed by area code, '' for the total. What a record or facility
 * adds counts in the total and in every tree area whose code is a prefix of
 * (or equal to) its code (SPEC §2), so a district-level facility covers no
 * street or community.
 */
function tallyAreas(tree: AreaIndex, facilities: readonly Facility[], window: WindowCounts, period: Period): Map<AreaCode, AreaTally> {
  const tallies = new Map<AreaCode, AreaTally>([['', emptyTally('all', tree.total)]]);
  for (const node of tree.areas) tallies.set(node.code, emptyTally(node.level, node));

  const talliesOf = (code: AreaCode): AreaTally[] => {
    const found = [tallies.get('')!];
    for (const candidate of [...ancestorCodes(code), code]) {
      const tally = tallies.get(candidate);
      if (tally && candidate !== '') found.push(tally);
    }
    return found;
  };

  for (const [code, n] of window.guidanceChildren) for (const t of talliesOf(code)) t.guidanceChildren += n;
  for (const [code, n] of window.activityChildren) for (const t of talliesOf(code)) t.activityChildren += n;
  for (const [code, n] of window.followups) for (const t of talliesOf(code)) t.followups += n;

  const providerCodes = new Set<AreaCode>();
  const coveredStreetCodes = new Set<AreaCode>();
  for (const facility of facilities) {
    if (!isOpenAt(facility, period.end)) continue;
    const kindergarten = facility.type === 'kindergarten';
    const inclusiveProvider = isInclusiveProvider(facility);
    const outreachFacility = kindergarten || inclusiveProvider;
    const compliant = outreachFacility && (window.outreach.get(facility.facilityId) ?? 0) >= OUTREACH_MINIMUM;
    // Plan line 46–47: a community facility is new this year when it opened between 1 January and period end.
    const newCommunity =
      facility.type === 'community' && facility.inclusive && facility.opened !== null && facility.opened >= period.start && facility.opened <= period.end;
    if (inclusiveProvider) {
      providerCodes.add(facility.areaCode);
      if (facility.areaCode.length >= 9) coveredStreetCodes.add(facility.areaCode.slice(0, 9));
    }
    for (const t of talliesOf(facility.areaCode)) {
      if (kindergarten) {
        t.openKindergartens += 1;
        if (facility.toddlerClasses > 0) t.kindergartensWithToddlerClasses += 1;
        t.kindergartenSlots += facility.slots;
        if (facility.inclusive) t.newInclusiveToddlerClasses += facility.toddlerClassesNew;
      }
      if (facility.slots > 0) t.openProviders += 1;
      if (inclusiveProvider) t.inclusiveProviders += 1;
      t.openSlots += facility.slots;
      if (facility.inclusive) t.inclusiveSlots += facility.slots;
      if (facility.provincial) t.provincial += 1;
      if (facility.demonstration) t.demonstration += 1;
      if (facility.type === 'employer') t.employer += 1;
      if (newCommunity) t.newCommunityInclusive += 1;
      if (outreachFacility) t.outreachFacilities += 1;
      if (compliant) t.outreachCompliant += 1;
    }
  }

  // Coverage counts each community in itself, its street, district and the total; each street in itself, its district and the total.
  for (const node of tree.areas) {
    if (node.level === 'community') {
      const covered = providerCodes.has(node.code) ? 1 : 0;
      for (const t of talliesOf(node.code)) {
        t.communities += 1;
        t.coveredCommunities += covered;
      }
    } else if (node.level === 'street') {
      const covered = coveredStreetCodes.has(node.code) ? 1 : 0;
      for (const t of talliesOf(node.code)) {
        t.streets += 1;
        t.coveredStreets += covered;
      }
    }
  }
  return tallies;
}

/** Every indicator for one area, in catalogue order. */
function resolveIndicators(code: AreaCode, tally: AreaTally, targets: IndicatorTargets, lang: Lang, issues: IssueDraft[]): Record<IndicatorId, IndicatorResult> {
  const results = {} as Record<IndicatorId, IndicatorResult>;
  for (const id of INDICATOR_IDS) {
    const info = INDICATORS[id];
    // SPEC §1 "applies at": the target is compared at those levels; elsewhere the value shows with no_target.
    const target: Target | null = info.targetLevels.includes(tally.level) ? targets[id] : null;
    const outcome: Outcome = COMPUTE_INDICATOR[id](tally);
    if (outcome.kind === 'ratio' && info.unit === 'percent' && outcome.numerator > outcome.denominator) {
      issues.push({
        code: 'numerator-exceeds-denominator',
        table: null,
        file: null,
        sheet: null,
        row: null,
        column: id,
        value: code,
        params: { indicator: id, area: code, numerator: outcome.numerator, denominator: outcome.denominator },
      });
    }
    results[id] = resolveResult(outcome, target, lang);
  }
  return results;
}

function resolveResult(outcome: Outcome, target: Target | null, lang: Lang): IndicatorResult {
  if (outcome.kind === 'n/a') {
    return { value: null, numerator: null, denominator: null, target: target?.value ?? null, op: target?.op ?? null, status: 'n/a', reason: outcome.reason[lang] };
  }
  const numerator = outcome.kind === 'ratio' ? outcome.numerator : outcome.value;
  const denominator = outcome.kind === 'ratio' ? outcome.denominator : null;
  // Multiply before dividing so that 9 of 10 is exactly 90 and meets a target of 90.
  const value = outcome.kind === 'ratio' ? (outcome.numerator * outcome.scale) / outcome.denominator : outcome.value;
  if (target === null) return { value, numerator, denominator, target: null, op: null, status: 'no_target' };
  const met = target.op === '>=' ? value >= target.value : value <= target.value;
  return { value, numerator, denominator, target: target.value, op: target.op, status: met ? 'met' : 'not_met' };
}
