/**
 * Generated cities for the data-quality review: three districts of three
 * streets of three communities, census rows for 2024 and 2025, two facilities
 * per street, and service records over the eight quarters of 2024–2025 whose
 * counts per community, quarter and kind are Poisson draws around steady
 * rates — data with nothing wrong in them beyond chance. Then the faults a
 * review must find, planted at one known place each: a district's quarter
 * removed (a gap), a kind of record multiplied (double entry), a street's
 * records cut (a drop).
 *
 * Deterministic for a seed (Mulberry32), so a failing seed is a test case.
 */
import type { CensusRow, Facility, Visit, VisitKind } from '../../../src/schema/records.js';
import { dayNumber, isoDate } from '../../../src/shared/dates.js';
import { aCensusRow, aFacility, aVisit } from '../builders.js';

export const DISTRICTS = ['330101', '330102', '330103'] as const;
export const QUARTERS = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'] as const;

export interface GeneratedCity {
  census: CensusRow[];
  facilities: Facility[];
  visits: Visit[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knuth's method: fine for the rates here (below 100). */
function poisson(random: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let product = random();
  let count = 0;
  while (product > limit) {
    product *= random();
    count += 1;
  }
  return count;
}

function quarterDays(quarter: string): { year: number; first: number; days: number } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const first = dayNumber(year, (q - 1) * 3 + 1, 1);
  const next = q === 4 ? dayNumber(year + 1, 1, 1) : dayNumber(year, q * 3 + 1, 1);
  return { year, first, days: next - first };
}

export function quarterOf(date: number): string {
  const [year, month] = isoDate(date).split('-').map(Number);
  return `${year}Q${Math.ceil(month / 3)}`;
}

/** Records per community and quarter, on average: the steady rates of a clean city. */
const RATES: Readonly<Record<Exclude<VisitKind, 'outreach'>, number>> = { guidance: 45, activity: 30, online: 8 };
const OUTREACH_RATE = 6;

export function generateCity(seed: number): GeneratedCity {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const census: CensusRow[] = [];
  const facilities: Facility[] = [];
  const visits: Visit[] = [];
  const communities: string[] = [];
  for (const district of DISTRICTS) {
    for (let s = 1; s <= 3; s++) {
      const street = `${district}00${s}`;
      for (let c = 1; c <= 3; c++) {
        const community = `${street}00${c}`;
        communities.push(community);
        const infants = between(70, 90);
        // Two birth cohorts of toddlers against one of infants, births steady: the ratio stays near 1.
        const toddlers = Math.round(2 * infants * (0.97 + 0.06 * random()));
        const population = infants * between(110, 130);
        for (const [year, scale] of [[2025, 1], [2024, 0.96 + 0.08 * random()]] as const) {
          census.push(aCensusRow({ areaCode: community, areaName: `社区${community.slice(-4)}`, year, population: Math.round(population * scale), infants01: Math.round(infants * scale), toddlers13: Math.round(toddlers * scale) }));
        }
      }
      for (let f = 1; f <= 2; f++) {
        facilities.push(aFacility({ facilityId: `F${street}${f}`, name: `托育园${street.slice(-4)}-${f}`, areaCode: `${street}00${f}`, slots: between(50, 100), opened: '2015-03-01' }));
      }
    }
    census.push(aCensusRow({ areaCode: district, areaName: `区${district.slice(-2)}`, year: 2025 }));
  }

  for (const community of communities) {
    for (const quarter of QUARTERS) {
      const { year, first, days } = quarterDays(quarter);
      for (const kind of ['guidance', 'activity', 'online'] as const) {
        const count = poisson(random, RATES[kind]);
        for (let k = 0; k < count; k++) {
          const date = first + Math.floor(random() * days);
          // Infants of the year: born the year before, a pool smaller than the census's infants. Toddlers: born 2022–2023.
          const child = between(1, kind === 'activity' ? 120 : 50);
          const [childId, birthDate] =
            kind === 'activity'
              ? [`${community}-t${child}`, dayNumber(2022, 7, 1) + child * 3]
              : [`${community}-${year}-${child}`, dayNumber(year - 1, 7, 1) + child * 3];
          visits.push(aVisit({ kind, date, childId, birthDate, areaCode: community }));
        }
      }
    }
  }
  for (const facility of facilities) {
    for (const quarter of QUARTERS) {
      const { first, days } = quarterDays(quarter);
      const count = poisson(random, OUTREACH_RATE);
      for (let k = 0; k < count; k++) {
        visits.push(aVisit({ kind: 'outreach', date: first + Math.floor(random() * days), childId: null, birthDate: null, areaCode: null, facilityId: facility.facilityId }));
      }
    }
  }
  // Records arrive as a district sends them: in date order.
  visits.sort((a, b) => a.date - b.date);
  return { census, facilities, visits };
}

/** The area a record belongs to (SPEC §2): its own, or for outreach its facility's. */
export function areaOfVisit(city: GeneratedCity, visit: Visit): string {
  return visit.areaCode ?? city.facilities.find((facility) => facility.facilityId === visit.facilityId)!.areaCode;
}

/** Removes every record of the area (a district or street code) in the quarter. */
export function plantGap(city: GeneratedCity, area: string, quarter: string): GeneratedCity {
  return { ...city, visits: city.visits.filter((visit) => !(areaOfVisit(city, visit).startsWith(area) && quarterOf(visit.date) === quarter)) };
}

/** Enters each record of the kind in the area and quarter `times` times over (double entry, as records with ids of their own). */
export function plantSpike(city: GeneratedCity, area: string, quarter: string, kind: VisitKind, times: number): GeneratedCity {
  const visits = city.visits.flatMap((visit) =>
    visit.kind === kind && areaOfVisit(city, visit).startsWith(area) && quarterOf(visit.date) === quarter ? Array.from({ length: times }, () => visit) : [visit],
  );
  return { ...city, visits };
}

/** Adds `extra` records of the kind at the facility in the quarter (a batch entered twice, say). */
export function plantExtra(city: GeneratedCity, facilityId: string, quarter: string, kind: VisitKind, extra: number): GeneratedCity {
  const { first } = quarterDays(quarter);
  const added = Array.from({ length: extra }, (_, i) =>
    aVisit({ kind, date: first + (i % 28), childId: null, birthDate: null, areaCode: null, facilityId }),
  );
  return { ...city, visits: [...city.visits, ...added] };
}

/** Keeps only every `keepOneIn`-th record of the kind in the area and quarter (records lost on the way). */
export function plantDrop(city: GeneratedCity, area: string, quarter: string, kind: VisitKind, keepOneIn: number): GeneratedCity {
  let seen = 0;
  const visits = city.visits.filter((visit) => {
    if (!(visit.kind === kind && areaOfVisit(city, visit).startsWith(area) && quarterOf(visit.date) === quarter)) return true;
    return seen++ % keepOneIn === 0;
  });
  return { ...city, visits };
}
