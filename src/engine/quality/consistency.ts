/**
 * Consistency over time and between related numbers (SPEC §11; WHO DQR
 * dimension 2, internal consistency), for the whole data set, every district
 * and every street.
 *
 * Over time: the census figures of the year the period uses (SPEC §3) against
 * the mean of up to three earlier census years, and the slots of facilities
 * open at the period end against those open on the same day of up to three
 * earlier years in the data (a year with a census row or a service record);
 * a change beyond ±33 % is flagged. With one earlier year the reference is
 * that year, as SPEC words it; WHO DQR takes the mean of up to three.
 *
 * Related numbers: an area's toddlers_1_3 ÷ (2 × infants_0_1) — two birth
 * cohorts against one — beyond ±10 % of the whole data set's ratio; and the
 * children aged 0 seen in the window (any record while aged 0, each in the
 * area of its latest such record, SPEC §2) above the census's infants_0_1.
 */
import type { AreaCode, CensusRow, Facility } from '../../schema/records.js';
import { dayNumber, packedCivil } from '../../shared/dates.js';
import { buildAreaIndex, type AreaIndex, type CensusSums } from '../areas.js';
import { selectCensusRows } from '../compute-report.js';
import { makePeriod } from '../period.js';
import { CENSUS_MEASURES, type CensusMeasure, type QualityFinding } from './finding.js';
import { areasHolding } from '../areas.js';
import { isOpenAt } from '../tally.js';
import { aboutArea, reviewedAreas, type ReviewContext } from './review-context.js';

const CENSUS_FIELD: Readonly<Record<CensusMeasure, keyof CensusSums>> = {
  population: 'population',
  infants_0_1: 'infants01',
  toddlers_1_3: 'toddlers13',
};

function sumsOf(tree: AreaIndex, code: AreaCode): CensusSums | undefined {
  return code === '' ? tree.total : tree.node(code);
}

/** The census year a period uses (SPEC §3): its own, else the latest earlier one; null without either. */
function censusYearOf(census: readonly CensusRow[], year: number): number | null {
  let chosen: number | null = null;
  for (const row of census) {
    if (row.year === null || row.year > year) continue;
    if (chosen === null || row.year > chosen) chosen = row.year;
  }
  return chosen;
}

export function checkOverTime(
  context: ReviewContext,
  census: readonly CensusRow[],
  facilities: readonly Facility[],
  yearsInData: ReadonlySet<number>,
): { findings: QualityFinding[]; compared: number } {
  const { period, tree } = context;
  const limits = context.thresholds.overTime;
  const codes = ['', ...reviewedAreas(tree).map((node) => node.code)];
  const findings: QualityFinding[] = [];
  let compared = 0;
  const judge = (code: AreaCode, measure: QualityFinding['measure'], value: number, references: number[], year: number, years: number[]) => {
    compared += 1;
    const reference = references.reduce((sum, r) => sum + r, 0) / references.length;
    const change = reference === 0 ? null : ((value - reference) * 100) / reference;
    // From nothing to something is a change beyond any threshold; nothing to nothing is none.
    const flagged = change === null ? value !== 0 : Math.abs(change) > limits.change;
    if (!flagged) return;
    findings.push({
      check: 'consistency-over-time', measure, ...aboutArea(context, code), quarter: null,
      value, reference, threshold: limits.change, compared: change, flag: true, outcome: 'change', year, referenceYears: years,
    });
  };

  const censusYear = censusYearOf(census, period.year);
  const earlier = [...new Set(census.map((row) => row.year).filter((year): year is number => year !== null && censusYear !== null && year < censusYear))]
    .sort((a, b) => b - a)
    .slice(0, limits.years);
  if (censusYear === null || earlier.length === 0) {
    findings.push(noPreviousYear(context, 'population', censusYear ?? period.year));
  } else {
    const earlierTrees = earlier.map((year) => ({ year, tree: buildAreaIndex(selectCensusRows(census, makePeriod(year, null), [])) }));
    for (const code of codes) {
      const current = sumsOf(tree, code);
      if (!current) continue;
      const known = earlierTrees.flatMap(({ year, tree: then }) => {
        const sums = sumsOf(then, code);
        return sums ? [{ year, sums }] : [];
      });
      if (known.length === 0) continue;
      for (const measure of CENSUS_MEASURES) {
        const field = CENSUS_FIELD[measure];
        judge(code, measure, current[field], known.map(({ sums }) => sums[field]), censusYear, known.map(({ year }) => year));
      }
    }
  }

  const slotYears = [...yearsInData].filter((year) => year < period.year).sort((a, b) => b - a).slice(0, limits.years);
  if (slotYears.length === 0) {
    findings.push(noPreviousYear(context, 'open_slots', period.year));
  } else {
    const packedEnd = packedCivil(period.end);
    const sameDay = (year: number) => dayNumber(year, Math.floor(packedEnd / 100) % 100, packedEnd % 100);
    const now = openSlotsByArea(facilities, period.end);
    const then = slotYears.map((year) => openSlotsByArea(facilities, sameDay(year)));
    for (const code of codes) {
      judge(code, 'open_slots', now.get(code) ?? 0, then.map((slots) => slots.get(code) ?? 0), period.year, slotYears);
    }
  }
  return { findings, compared };
}

/** Slots of facilities open on `day` (SPEC §1 "open"), in every area holding them. */
function openSlotsByArea(facilities: readonly Facility[], day: number): Map<AreaCode, number> {
  const slots = new Map<AreaCode, number>();
  for (const facility of facilities) {
    if (!isOpenAt(facility, day)) continue;
    for (const code of areasHolding(facility.areaCode)) slots.set(code, (slots.get(code) ?? 0) + facility.slots);
  }
  return slots;
}

function noPreviousYear(context: ReviewContext, measure: QualityFinding['measure'], year: number): QualityFinding {
  return {
    check: 'consistency-over-time', measure, ...aboutArea(context, ''), quarter: null,
    value: null, reference: null, threshold: context.thresholds.overTime.change, compared: null, flag: false, outcome: 'no-previous-year', year,
    referenceYears: [],
  };
}

export function checkRelated(context: ReviewContext, infantsSeen: ReadonlyMap<AreaCode, number>): { findings: QualityFinding[]; compared: number } {
  const { tree } = context;
  const limits = context.thresholds.related;
  const findings: QualityFinding[] = [];
  let compared = 0;

  // Toddlers are two birth cohorts (ages 1 and 2), infants one: the ratio is near 1 where births are steady.
  const cityRatio = tree.total.infants01 > 0 && tree.total.toddlers13 > 0 ? tree.total.toddlers13 / (2 * tree.total.infants01) : null;
  for (const node of reviewedAreas(tree)) {
    if (cityRatio === null || node.infants01 === 0) continue;
    compared += 1;
    const ratio = node.toddlers13 / (2 * node.infants01);
    const difference = (ratio / cityRatio - 1) * 100;
    if (Math.abs(difference) <= limits.difference) continue;
    findings.push({
      check: 'consistency-related', measure: 'toddler_infant_ratio', ...aboutArea(context, node.code), quarter: null,
      value: ratio, reference: cityRatio, threshold: limits.difference, compared: difference, flag: true, outcome: 'ratio-difference',
    });
  }

  const seen = new Map<AreaCode, number>();
  for (const [code, children] of infantsSeen) for (const area of areasHolding(code)) seen.set(area, (seen.get(area) ?? 0) + children);
  for (const code of ['', ...reviewedAreas(tree).map((node) => node.code)]) {
    const infants = sumsOf(tree, code)?.infants01 ?? 0;
    const children = seen.get(code) ?? 0;
    if (infants === 0 && children === 0) continue;
    compared += 1;
    const ratio = infants === 0 ? null : children / infants;
    if (ratio !== null && ratio <= limits.infantsSeenRatio) continue;
    findings.push({
      check: 'consistency-related', measure: 'infants_seen', ...aboutArea(context, code), quarter: null,
      value: children, reference: infants, threshold: limits.infantsSeenRatio, compared: ratio, flag: true, outcome: 'above-census',
    });
  }
  return { findings, compared };
}
