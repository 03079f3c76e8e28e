/**
 * fast-check arbitraries for small, messy cities: census trees at every level
 * (with and without community rows, subtotals, 合计 rows, yearless rows, a
 * census year that lacks an area), facilities of every type and flag opened
 * and closed around period ends, children who move and have birthdays on
 * visit dates or on 29 February, records outside the window; streets, towns,
 * townships and other township-level units with codes at the edges of their
 * ranges (SPEC §10); quality assessments of every kind, some outside the
 * window, some of closed facilities or ones without slots, ties on a date
 * (SPEC §9), or no assessments table at all.
 */
import fc from 'fast-check';
import type { Assessment, AssessmentLevel, CensusRow, Facility, Visit, VisitKind } from '../../src/schema/records.js';
import { FACILITY_TYPES } from '../../src/schema/records.js';
import { INDICATOR_IDS, type IndicatorId } from '../../src/engine/indicators.js';
import type { Plan, Target } from '../../src/plan/plan.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import type { ReferenceInput } from './reference-report.js';

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Days on either side of every period end, and birthdays that make ages turn on them. */
const EDGE_DAYS = [
  '2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01', '2024-06-30', '2024-12-31',
  '2025-01-01', '2025-02-28', '2025-03-01', '2025-03-31', '2025-04-01', '2025-06-30',
  '2025-07-01', '2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2026-03-31',
].map(day);
const BIRTH_DAYS = [
  '2022-01-01', '2022-07-01', '2023-01-01', '2023-03-01', '2023-06-30', '2023-12-31',
  '2024-01-01', '2024-02-29', '2024-03-01', '2024-06-30', '2024-12-31', '2025-01-01', '2025-06-30',
].map(day);

interface Tree {
  /** 6-digit code → streets (9-digit code → whether its communities are listed, and how many). */
  districts: { code: string; districtRow: boolean; streets: { code: string; streetRow: boolean; communities: number }[] }[];
}

/**
 * SPEC §10: the serial (last three digits) of a township-level code says what
 * it is. Each kind is drawn at either end of its range, so that every
 * boundary (001, 099, 100, 199, 200, 399, 400, 599) turns up.
 */
const SERIAL_RANGES = { street: [1, 99], town: [100, 199], township: [200, 399], other: [400, 599] } as const;
const streetSerialArb = fc.record({ kind: fc.constantFrom(...(Object.keys(SERIAL_RANGES) as (keyof typeof SERIAL_RANGES)[])), high: fc.boolean() });

const treeArb: fc.Arbitrary<Tree> = fc
  .array(
    fc.record({
      districtRow: fc.boolean(),
      streets: fc.array(fc.record({ streetRow: fc.boolean(), communities: fc.nat({ max: 3 }), serial: streetSerialArb }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((districts) => ({
    districts: districts.map((d, i) => {
      const code = `3399${String(i + 1).padStart(2, '0')}`;
      return {
        code,
        // A district with no streets can only be listed by its own row.
        districtRow: d.districtRow || d.streets.length === 0,
        streets: d.streets.map((s, j) => ({
          // Distinct within the district: the j-th street counts in from its end of the range.
          code: `${code}${String(s.serial.high ? SERIAL_RANGES[s.serial.kind][1] - j : SERIAL_RANGES[s.serial.kind][0] + j).padStart(3, '0')}`,
          streetRow: s.streetRow || s.communities === 0,
          communities: s.communities,
        })),
      };
    }),
  }));

interface Numbers {
  population: number;
  infants01: number;
  toddlers13: number;
}
const numbersArb: fc.Arbitrary<Numbers> = fc.record({
  population: fc.oneof(fc.constant(0), fc.nat({ max: 5000 })),
  infants01: fc.nat({ max: 6 }),
  toddlers13: fc.nat({ max: 8 }),
});

/** Census rows of one year for a tree: leaf numbers drawn, subtotals added up, a 合计 row sometimes. */
function censusOf(tree: Tree, year: number | null, leafNumbers: Numbers[], options: { total: boolean; dropCommunity: boolean; badSubtotal: boolean }): CensusRow[] {
  // Each year names its areas its own way, so that which year names an area shows.
  const tag = year === null ? '' : String(year);
  const rows: CensusRow[] = [];
  let n = 0;
  const next = () => leafNumbers[n++ % leafNumbers.length];
  const add = (areaCode: string, areaName: string, numbers: Numbers) => rows.push({ areaCode, areaName, year, ...numbers, row: 0 });
  const sum = (parts: Numbers[]): Numbers => ({
    population: parts.reduce((t, p) => t + p.population, 0),
    infants01: parts.reduce((t, p) => t + p.infants01, 0),
    toddlers13: parts.reduce((t, p) => t + p.toddlers13, 0),
  });
  const leaves: Numbers[] = [];
  let dropped = false;
  for (const d of tree.districts) {
    const inDistrict: Numbers[] = [];
    const streetRows: CensusRow[] = [];
    for (const s of d.streets) {
      const inStreet: Numbers[] = [];
      for (let c = 1; c <= s.communities; c++) {
        if (options.dropCommunity && !dropped && c === s.communities && s.streetRow) {
          dropped = true; // this census year does not list the street's last community
          continue;
        }
        const numbers = next();
        inStreet.push(numbers);
        streetRows.push({ areaCode: `${s.code}${String(c).padStart(3, '0')}`, areaName: `社区${s.code}${c}${tag}`, year, ...numbers, row: 0 });
      }
      if (s.streetRow) {
        const numbers = inStreet.length > 0 ? sum(inStreet) : next();
        if (inStreet.length === 0) inStreet.push(numbers);
        const shown = options.badSubtotal && inStreet.length > 1 ? { ...numbers, population: numbers.population + 7 } : numbers;
        streetRows.unshift({ areaCode: s.code, areaName: `街道${s.code}${tag}`, year, ...shown, row: 0 });
      }
      inDistrict.push(...inStreet);
    }
    if (d.districtRow) {
      const numbers = inDistrict.length > 0 ? sum(inDistrict) : next();
      if (inDistrict.length === 0) inDistrict.push(numbers);
      add(d.code, `区${d.code}${tag}`, numbers);
    }
    rows.push(...streetRows);
    leaves.push(...inDistrict);
  }
  if (options.total) add('', '合计', sum(leaves));
  return rows;
}

/** Every code a facility or record may carry: the tree's codes, plus communities under a street that lists none. */
function knownCodes(tree: Tree): string[] {
  const codes: string[] = [];
  for (const d of tree.districts) {
    codes.push(d.code);
    for (const s of d.streets) {
      codes.push(s.code);
      for (let c = 1; c <= s.communities; c++) codes.push(`${s.code}${String(c).padStart(3, '0')}`);
      if (s.communities === 0) codes.push(`${s.code}201`);
    }
  }
  return codes;
}

const CENSUS_SHAPES = ['2025', '2024+2025', '2024', 'yearless', 'yearless+2025', '2023'] as const;

export interface RandomCity extends ReferenceInput {
  shape: (typeof CENSUS_SHAPES)[number];
}

export const cityArb: fc.Arbitrary<RandomCity> = treeArb.chain((tree) => {
  const codes = knownCodes(tree);
  const codeArb = fc.constantFrom(...codes);
  const dayArb = fc.constantFrom(...EDGE_DAYS);
  const facilityArb = fc.record({
    areaCode: codeArb,
    type: fc.constantFrom(...FACILITY_TYPES),
    inclusive: fc.boolean(),
    slots: fc.oneof(fc.constant(0), fc.nat({ max: 80 })),
    toddlerClasses: fc.nat({ max: 3 }),
    newShare: fc.nat({ max: 3 }),
    provincial: fc.boolean(),
    demonstration: fc.boolean(),
    opened: fc.option(dayArb),
    closed: fc.option(dayArb, { freq: 3 }),
  });
  const childArb = fc.record({
    births: fc.tuple(fc.constantFrom(...BIRTH_DAYS), fc.option(fc.constantFrom(...BIRTH_DAYS), { freq: 6 })),
    records: fc.array(
      fc.record({ kind: fc.constantFrom<VisitKind>('guidance', 'online', 'activity'), date: fc.oneof(dayArb, fc.constantFrom(...BIRTH_DAYS)), areaCode: codeArb, secondBirth: fc.boolean() }),
      { minLength: 1, maxLength: 5 },
    ),
  });
  return fc
    .record({
      shape: fc.constantFrom(...CENSUS_SHAPES),
      leafNumbers: fc.array(numbersArb, { minLength: 1, maxLength: 8 }),
      otherNumbers: fc.array(numbersArb, { minLength: 1, maxLength: 8 }),
      total: fc.boolean(),
      dropCommunity: fc.boolean(),
      badSubtotal: fc.boolean(),
      facilities: fc.array(facilityArb, { maxLength: 10 }),
      children: fc.array(childArb, { maxLength: 8 }),
      outreach: fc.array(fc.record({ facility: fc.nat(), dates: fc.array(dayArb, { maxLength: 7 }) }), { maxLength: 6 }),
      assessments: fc.option(fc.array(assessmentArb(dayArb), { maxLength: 12 }), { freq: 4 }),
      period: fc.record({ year: fc.constantFrom(2024, 2025, 2026), quarter: fc.constantFrom(null, 1, 2, 3, 4) }),
      by: fc.constantFrom('all', 'district', 'street', 'community') as fc.Arbitrary<'all' | 'district' | 'street' | 'community'>,
      plan: planArb,
      shuffle: fc.array(fc.nat(), { maxLength: 40 }),
    })
    .map((drawn): RandomCity => {
      const census = buildCensus(tree, drawn);
      const facilities: Facility[] = drawn.facilities.map((f, i) => ({
        facilityId: `F${i + 1}`,
        name: `机构${i + 1}`,
        areaCode: f.areaCode,
        type: f.type,
        inclusive: f.inclusive,
        slots: f.slots,
        toddlerClasses: f.toddlerClasses,
        toddlerClassesNew: Math.min(f.newShare, f.toddlerClasses),
        provincial: f.provincial,
        demonstration: f.demonstration,
        opened: f.opened,
        // "closed: date, after opened": an earlier closing date would be rejected by validation.
        closed: f.closed !== null && f.opened !== null && f.closed <= f.opened ? null : f.closed,
        row: i + 2,
      }));
      const visits: Omit<Visit, 'row'>[] = [];
      drawn.children.forEach((child, i) => {
        for (const record of child.records) {
          const birth = record.secondBirth && child.births[1] !== null ? child.births[1] : child.births[0];
          if (birth > record.date) continue; // visit-before-birth is rejected by validation
          visits.push({ recordId: null, date: record.date, kind: record.kind, childId: `C${i + 1}`, birthDate: birth, areaCode: record.areaCode, facilityId: null });
        }
      });
      if (facilities.length > 0) {
        for (const o of drawn.outreach) {
          const facility = facilities[o.facility % facilities.length];
          for (const date of o.dates) visits.push({ recordId: null, date, kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: facility.facilityId });
        }
      }
      // Rows in a drawn order, so that "latest by date, then by row" meets ties both ways.
      for (let i = 0; i < drawn.shuffle.length && visits.length > 1; i++) {
        const a = i % visits.length;
        const b = drawn.shuffle[i] % visits.length;
        [visits[a], visits[b]] = [visits[b], visits[a]];
      }
      const assessments: Assessment[] | null =
        drawn.assessments === null
          ? null
          : facilities.length === 0
            ? []
            : drawn.assessments.map(({ facility, ...a }, i) => ({ ...a, facilityId: facilities[facility % facilities.length].facilityId, row: i + 2 }));
      return {
        shape: drawn.shape,
        census,
        facilities,
        assessments,
        visits: visits.map((v, i) => ({ ...v, row: i + 2 })),
        period: { year: drawn.period.year, quarter: drawn.period.quarter as 1 | 2 | 3 | 4 | null },
        plan: drawn.plan,
        by: drawn.by,
      };
    });
});

/** One dimension's score in tenths, 0 to its maximum, often at an end (SPEC §9: one decimal at most). */
const scoreArb = (max: number) => fc.oneof(fc.constant(0), fc.constant(max), fc.integer({ min: 0, max: max * 10 }).map((tenths) => tenths / 10));

function assessmentArb(dayArb: fc.Arbitrary<number>) {
  return fc.record({
    facility: fc.nat(),
    date: dayArb,
    kind: fc.constantFrom('self', 'external') as fc.Arbitrary<'self' | 'external'>,
    scores: fc.record({
      conditions: scoreArb(100),
      staff: scoreArb(140),
      care: scoreArb(200),
      health: scoreArb(210),
      family_support: scoreArb(80),
      safety: scoreArb(200),
      management: scoreArb(70),
    }),
    basicPassed: fc.boolean(),
    level: fc.option(fc.constantFrom<AssessmentLevel>('A', 'B', 'C', 'D'), { freq: 3 }),
  });
}

function buildCensus(
  tree: Tree,
  drawn: { shape: RandomCity['shape']; leafNumbers: Numbers[]; otherNumbers: Numbers[]; total: boolean; dropCommunity: boolean; badSubtotal: boolean },
): CensusRow[] {
  const base = { total: drawn.total, badSubtotal: drawn.badSubtotal };
  const of = (year: number | null, numbers: Numbers[], dropCommunity = false) => censusOf(tree, year, numbers, { ...base, dropCommunity });
  const rows =
    drawn.shape === '2025' ? of(2025, drawn.leafNumbers)
    : drawn.shape === '2024+2025' ? [...of(2024, drawn.otherNumbers, drawn.dropCommunity), ...of(2025, drawn.leafNumbers)]
    : drawn.shape === '2024' ? of(2024, drawn.leafNumbers, drawn.dropCommunity)
    : drawn.shape === 'yearless' ? of(null, drawn.leafNumbers)
    : drawn.shape === 'yearless+2025' ? [...of(null, drawn.otherNumbers), ...of(2025, drawn.leafNumbers, drawn.dropCommunity)]
    : of(2023, drawn.leafNumbers);
  return rows.map((row, i) => ({ ...row, row: i + 2 }));
}

const targetArb: fc.Arbitrary<Target | null> = fc.oneof(
  fc.constant(null),
  fc.record({ value: fc.constantFrom(0, 1, 5, 50, 100), op: fc.constantFrom('>=', '<=') as fc.Arbitrary<'>=' | '<='> }),
);

/** The default plan, or one with drawn targets (none, `<=`, reachable ones). */
// Plan wording plays no part in the numbers; left out so that a counterexample prints short.
const planArb: fc.Arbitrary<Plan> = fc.oneof(
  fc.constant({ ...DEFAULT_PLAN, wording: {} }),
  fc.tuple(...INDICATOR_IDS.map(() => targetArb)).map((targets) => ({
    ...DEFAULT_PLAN,
    id: 'drawn',
    wording: {},
    targets: Object.fromEntries(INDICATOR_IDS.map((id, i) => [id, targets[i]])) as Record<IndicatorId, Target | null>,
  })),
);
