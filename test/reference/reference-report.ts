/**
 * An independent, deliberately plain reading of SPEC §1, §2, §4, §9 and §10,
 * written from the SPEC's words and nothing else: every indicator of every
 * area is a loop and a filter over all the records, held in arrays. It shares
 * only types and the indicator catalogue (names, where targets apply) with
 * src/engine, so that a mistake in the engine's entries or accumulators
 * cannot repeat itself here. It computes indicators by id, so that an
 * indicator the engine gains is compared here from its first commit — and
 * one the reference does not know fails loudly. Slow on purpose; test code.
 */
import type { AreaLevel, Assessment, CensusRow, DayNumber, Facility, Visit } from '../../src/schema/records.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../../src/engine/indicators.js';
import type { Plan } from '../../src/plan/plan.js';
import type { IndicatorResult } from '../../src/engine/report.js';

export interface ReferenceInput {
  census: readonly CensusRow[];
  facilities: readonly Facility[];
  visits: readonly Visit[];
  /** SPEC §9: the optional quality assessments; null without the table. */
  assessments: readonly Assessment[] | null;
  /** SPEC §4: the year, or the year to date through `quarter`. */
  period: { year: number; quarter: 1 | 2 | 3 | 4 | null };
  plan: Plan;
  by: AreaLevel;
}

export interface ReferenceArea {
  code: string;
  name: string;
  level: AreaLevel;
  indicators: Record<IndicatorId, Omit<IndicatorResult, 'reason'>>;
}

const MS_PER_DAY = 86_400_000;

function dayOf(year: number, month: number, dayOfMonth: number): DayNumber {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

function civilOf(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** SPEC §3: completed years from birth to the record's date; a 29 Feb birthday turns on 1 Mar. */
export function referenceAge(birth: DayNumber, on: DayNumber): number {
  const b = civilOf(birth);
  const o = civilOf(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}

/** SPEC §4: 1 January of the year through the last day of the year or of the quarter. */
export function referenceWindow(period: ReferenceInput['period']): { start: DayNumber; end: DayNumber } {
  const start = dayOf(period.year, 1, 1);
  const lastMonth = period.quarter === null ? 12 : period.quarter * 3;
  // Day 0 of the following month is the last day of `lastMonth`.
  const end = Date.UTC(period.year, lastMonth, 0) / MS_PER_DAY;
  return { start, end };
}

/** SPEC §3: the census of year Y; else the latest earlier year; yearless rows apply to every period. */
export function referenceCensus(census: readonly CensusRow[], year: number): CensusRow[] {
  const withCode = census.filter((row) => row.areaCode !== '');
  const years = withCode.map((row) => row.year).filter((y): y is number => y !== null && y <= year);
  const chosen = years.length === 0 ? null : Math.max(...years);
  const ofYear = withCode.filter((row) => chosen !== null && row.year === chosen);
  // A yearless row stands in only where the chosen year has no row of that code.
  const yearless = withCode.filter((row) => row.year === null && !ofYear.some((other) => other.areaCode === row.areaCode));
  return [...ofYear, ...yearless];
}

/** SPEC §4: without --period, the quarter holding the latest record date, year to date. */
export function referenceDefaultPeriod(visits: readonly Visit[]): ReferenceInput['period'] | null {
  if (visits.length === 0) return null;
  const latest = civilOf(Math.max(...visits.map((v) => v.date)));
  return { year: latest.year, quarter: Math.ceil(latest.month / 3) as 1 | 2 | 3 | 4 };
}

/**
 * The census-year issues of SPEC §3 a period raises, and a `numerator-exceeds-denominator`
 * for every percent above 100 % among the areas shown, as `code value` strings.
 */
export function referenceIssues(input: ReferenceInput, areas: readonly ReferenceArea[]): string[] {
  const issues: string[] = [];
  const years = input.census.filter((row) => row.areaCode !== '' && row.year !== null).map((row) => row.year!);
  const earlier = years.filter((y) => y < input.period.year);
  if (years.length > 0 && !years.includes(input.period.year)) {
    issues.push(earlier.length > 0 ? `census-year-fallback ${Math.max(...earlier)}` : `census-year-missing ${input.period.year}`);
  }
  for (const area of areas) {
    for (const id of INDICATOR_IDS) {
      const { numerator, denominator } = area.indicators[id];
      if (INDICATORS[id].unit === 'percent' && numerator !== null && denominator !== null && numerator > denominator) {
        issues.push(`numerator-exceeds-denominator ${id} ${area.code}`);
      }
    }
  }
  return issues;
}

/** "A facility counts in every area whose code is a prefix of (or equal to) its code"; the total holds everything. */
function isIn(code: string | null, areaCode: string): boolean {
  return code !== null && code.startsWith(areaCode);
}

export function referenceReport(input: ReferenceInput): ReferenceArea[] {
  const { start, end } = referenceWindow(input.period);
  const rows = referenceCensus(input.census, input.period.year);
  const codes = rows.map((row) => row.areaCode);

  // SPEC §2: a row whose code is a strict prefix of another row's code is a subtotal, never added in.
  const leaves = rows.filter((row) => !codes.some((other) => other !== row.areaCode && other.startsWith(row.areaCode)));
  const communities = unique(leaves.filter((row) => row.areaCode.length === 12).map((row) => row.areaCode));
  const streets = unique([
    ...codes.filter((code) => code.length === 9),
    ...communities.map((code) => code.slice(0, 9)),
  ]);
  const districts = unique(codes.map((code) => code.slice(0, 6)));

  const areas: { code: string; level: AreaLevel }[] = [{ code: '', level: 'all' }];
  const shown: AreaLevel[] =
    input.by === 'all' ? [] : input.by === 'district' ? ['district'] : input.by === 'street' ? ['district', 'street'] : ['district', 'street', 'community'];
  if (shown.includes('district')) for (const code of districts) areas.push({ code, level: 'district' });
  if (shown.includes('street')) for (const code of streets) areas.push({ code, level: 'street' });
  if (shown.includes('community')) for (const code of communities) areas.push({ code, level: 'community' });
  areas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const isOpen = (f: Facility) => (f.opened === null || f.opened <= end) && (f.closed === null || f.closed > end);
  const open = input.facilities.filter(isOpen);
  const inWindow = input.visits.filter((v) => v.date >= start && v.date <= end);

  const guidanceHome = latestAreaPerChild(inWindow.filter((v) => (v.kind === 'guidance' || v.kind === 'online') && referenceAge(v.birthDate!, v.date) === 0));
  const activityHome = latestAreaPerChild(inWindow.filter((v) => v.kind === 'activity' && [1, 2].includes(referenceAge(v.birthDate!, v.date))));
  const outreachRecords = inWindow.filter((v) => v.kind === 'outreach');
  const followupRecords = inWindow.filter((v) => v.kind === 'guidance' && referenceAge(v.birthDate!, v.date) === 0);

  return areas.map(({ code, level }) => {
    const sum = (pick: (row: CensusRow) => number) => leaves.filter((row) => isIn(row.areaCode, code)).reduce((total, row) => total + pick(row), 0);
    const here = open.filter((f) => isIn(f.areaCode, code));
    const kindergartens = here.filter((f) => f.type === 'kindergarten');
    const providers = here.filter((f) => f.slots > 0);
    const inclusiveProviders = open.filter((f) => f.inclusive && f.slots > 0);
    const communitiesHere = communities.filter((c) => isIn(c, code));
    const streetsHere = streets.filter((s) => isIn(s, code));
    const outreachDue = here.filter((f) => f.type === 'kindergarten' || (f.inclusive && f.slots > 0));
    const outreachDone = outreachDue.filter((f) => outreachRecords.filter((v) => v.facilityId === f.facilityId).length >= 5);

    // SPEC §9: per open provider here, its assessments dated in the window; "latest" by date, then row (as §2 says of records).
    const providersHere = here.filter((f) => f.slots > 0);
    const assessed = input.assessments;
    const windowAssessments = (f: Facility) =>
      (assessed ?? []).filter((a) => a.facilityId === f.facilityId && a.date >= start && a.date <= end);
    const latestOf = (f: Facility): Assessment | null =>
      windowAssessments(f).reduce<Assessment | null>((best, a) => (best === null || a.date > best.date || (a.date === best.date && a.row > best.row) ? a : best), null);
    const latest = providersHere.map(latestOf).filter((a): a is Assessment => a !== null);
    const levelled = latest.filter((a) => a.level !== null);
    // SPEC §10: 001–099 街道, 100–199 镇, 200–399 乡, by the last three digits of the 9-digit code.
    const serialOf = (street: string) => Number(street.slice(6, 9));
    const covered = (s: string) => inclusiveProviders.some((f) => isIn(f.areaCode, s));
    const urbanHere = streetsHere.filter((s) => serialOf(s) >= 1 && serialOf(s) <= 99);
    const ruralHere = streetsHere.filter((s) => serialOf(s) >= 100 && serialOf(s) <= 399);

    const raw: Record<string, Raw> = {
      guidance_rate_0_1: rate(guidanceHome.filter((home) => isIn(home, code)).length, sum((r) => r.infants01), 100),
      activity_rate_1_3: rate(activityHome.filter((home) => isIn(home, code)).length, sum((r) => r.toddlers13), 100),
      followups_per_infant: rate(followupRecords.filter((v) => isIn(v.areaCode, code)).length, sum((r) => r.infants01), 1),
      combined_kindergarten_share: rate(kindergartens.filter((f) => f.toddlerClasses > 0).length, kindergartens.length, 100),
      kindergarten_slots: count(kindergartens.reduce((t, f) => t + f.slots, 0)),
      inclusive_facility_share: rate(providers.filter((f) => f.inclusive).length, providers.length, 100),
      // A community row counts itself (0 or 100 %), a street row itself; a community holds no streets (n/a).
      community_coverage: rate(communitiesHere.filter((c) => inclusiveProviders.some((f) => isIn(f.areaCode, c))).length, communitiesHere.length, 100),
      street_coverage: rate(streetsHere.filter((s) => inclusiveProviders.some((f) => isIn(f.areaCode, s))).length, streetsHere.length, 100),
      slots_per_1000: rate(here.reduce((t, f) => t + f.slots, 0), sum((r) => r.population), 1000),
      provincial_inclusive_count: count(here.filter((f) => f.provincial).length),
      demonstration_count: count(here.filter((f) => f.demonstration).length),
      new_inclusive_toddler_classes: count(kindergartens.filter((f) => f.inclusive).reduce((t, f) => t + f.toddlerClassesNew, 0)),
      new_community_inclusive_count: count(here.filter((f) => f.type === 'community' && f.inclusive && f.opened !== null && f.opened >= start && f.opened <= end).length),
      outreach_compliance: rate(outreachDone.length, outreachDue.length, 100),
      inclusive_slots: count(here.filter((f) => f.inclusive).reduce((t, f) => t + f.slots, 0)),
      employer_facility_count: count(here.filter((f) => f.type === 'employer').length),
      street_coverage_urban: rate(urbanHere.filter(covered).length, urbanHere.length, 100),
      street_coverage_rural: rate(ruralHere.filter(covered).length, ruralHere.length, 100),
      self_assessment_rate:
        assessed === null ? NOT_AVAILABLE : rate(providersHere.filter((f) => windowAssessments(f).some((a) => a.kind === 'self')).length, providersHere.length, 100),
      quality_score_mean: assessed === null ? NOT_AVAILABLE : rate(decimalSum(latest.map(totalScore)), latest.length, 1),
      quality_ab_share:
        assessed === null ? NOT_AVAILABLE : rate(levelled.filter((a) => (a.level === 'A' || a.level === 'B') && a.basicPassed).length, levelled.length, 100),
    };

    const indicators = {} as ReferenceArea['indicators'];
    for (const id of INDICATOR_IDS) {
      if (!(id in raw)) throw new Error(`the reference does not compute ${id}: read SPEC and add it here first`);
      indicators[id] = judge(raw[id], id, level, input.plan);
    }
    return { code, name: nameOf(code, rows, input.census), level, indicators };
  });
}

/**
 * SPEC §9: "total score (sum of the seven dimensions)". Scores carry one
 * decimal, so they are added as the decimals they are, in tenths, not as
 * binary fractions.
 */
function totalScore(assessment: Assessment): number {
  return decimalSum(Object.values(assessment.scores));
}

function decimalSum(values: readonly number[]): number {
  return values.reduce((tenths, value) => tenths + Math.round(value * 10), 0) / 10;
}

type Raw = { value: number; numerator: number; denominator: number | null } | null;
const NOT_AVAILABLE: Raw = null;

/** numerator × scale ÷ denominator; a zero denominator has no value. */
function rate(numerator: number, denominator: number, scale: number): Raw {
  if (denominator === 0) return NOT_AVAILABLE;
  return { value: (numerator * scale) / denominator, numerator, denominator };
}

function count(value: number): Raw {
  return { value, numerator: value, denominator: null };
}

/** SPEC §1/§7: a target is compared at the levels it "applies at" ("whole data set": the total row); n/a keeps the target that applies. */
function judge(raw: Raw, id: IndicatorId, level: AreaLevel, plan: Plan): ReferenceArea['indicators'][IndicatorId] {
  const target = plan.targets[id];
  const compared = target !== null && INDICATORS[id].targetLevels.includes(level);
  if (raw === null) {
    return { value: null, numerator: null, denominator: null, target: compared ? target.value : null, op: compared ? target.op : null, status: 'n/a' };
  }
  if (!compared) return { ...raw, target: null, op: null, status: 'no_target' };
  const met = target.op === '>=' ? raw.value >= target.value : raw.value <= target.value;
  return { ...raw, target: target.value, op: target.op, status: met ? 'met' : 'not_met' };
}

/**
 * SPEC §2: each child once, in the area of its latest qualifying record (by
 * date, then by row order). Returns one area code per child.
 */
function latestAreaPerChild(records: readonly Visit[]): string[] {
  const byChild = new Map<string, Visit[]>();
  for (const v of records) byChild.set(v.childId!, [...(byChild.get(v.childId!) ?? []), v]);
  return [...byChild.values()].map((own) => {
    const latest = own.reduce((best, v) => (v.date > best.date || (v.date === best.date && v.row > best.row) ? v : best));
    return latest.areaCode!;
  });
}

/**
 * SPEC §2: names come from the census (subtotal rows included); an area with no
 * named row shows its code. Not in the census year used: the latest year naming it.
 */
function nameOf(code: string, rows: readonly CensusRow[], census: readonly CensusRow[]): string {
  if (code === '') return '';
  const latestFirst = [...census].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
  const row = rows.find((r) => r.areaCode === code) ?? latestFirst.find((r) => r.areaCode === code);
  return row ? row.areaName.trim() : code;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
