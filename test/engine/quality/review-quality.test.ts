/**
 * The review over generated cities (SPEC §11): a clean city raises no extreme
 * outlier and flags no completeness or outlier finding; a gap, a spike and a
 * drop planted at one place each are flagged at exactly that place. The
 * cities come from fast-check with a fixed seed, so every run checks the same
 * cities and a failure names the case that broke.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QualityFinding } from '../../../src/engine/quality/finding.js';
import { reviewQuality } from '../../../src/engine/quality/review-quality.js';
import { WHO_QUALITY_THRESHOLDS } from '../../../src/engine/quality/thresholds.js';
import { parsePeriod } from '../../../src/engine/period.js';
import { foldVisits } from '../builders.js';
import { DISTRICTS, generateCity, plantDrop, plantExtra, plantGap, plantSpike, type GeneratedCity } from './generated-city.js';

const RUNS = { seed: 20250307, numRuns: 12 };

function review(city: GeneratedCity, period = '2025') {
  return reviewQuality({
    census: city.census,
    facilities: city.facilities,
    visits: foldVisits(city.visits),
    period: parsePeriod(period)!,
    thresholds: WHO_QUALITY_THRESHOLDS,
    lang: 'zh',
  });
}

/** Where a flagged completeness or outlier finding points: its district and quarter. */
const placeOf = (finding: QualityFinding) => `${finding.district} ${finding.quarter}`;
const flaggedRecords = (findings: readonly QualityFinding[]) =>
  findings.filter((finding) => finding.flag && (finding.check === 'completeness' || finding.check === 'outliers'));

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const districtPair = fc.tuple(fc.constantFrom(...DISTRICTS), fc.constantFrom(...DISTRICTS)).filter(([a, b]) => a !== b);
const quarter2025 = fc.constantFrom('2025Q1', '2025Q2', '2025Q3', '2025Q4');

describe('reviewQuality over generated cities', () => {
  it('a clean city: no extreme outlier, nothing flagged for completeness or outliers, no census or slots change', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { checks, summary } = review(generateCity(seed));
        expect(checks.filter((finding) => finding.outcome === 'extreme')).toEqual([]);
        expect(flaggedRecords(checks)).toEqual([]);
        expect(summary.outliers.scored).toBeGreaterThan(0);
        expect(checks.filter((finding) => finding.check === 'consistency-over-time' && finding.flag)).toEqual([]);
        expect(checks.filter((finding) => finding.measure === 'infants_seen')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a district\'s quarter removed and another district\'s guidance tripled: flagged at exactly those two places', () => {
    fc.assert(
      fc.property(seeds, districtPair, quarter2025, quarter2025, (seed, [gapDistrict, spikeDistrict], gapQuarter, spikeQuarter) => {
        const city = plantSpike(plantGap(generateCity(seed), gapDistrict, gapQuarter), spikeDistrict, spikeQuarter, 'guidance', 3);
        const { checks, summary } = review(city);
        const planted = new Set([`${gapDistrict} ${gapQuarter}`, `${spikeDistrict} ${spikeQuarter}`]);
        const flagged = flaggedRecords(checks);
        // Every flagged finding of completeness and outliers lies at one of the two places, and both are found.
        expect(new Set(flagged.map(placeOf))).toEqual(planted);
        // The gap is a completeness finding of the district itself, its streets not listed again.
        expect(flagged.filter((finding) => finding.check === 'completeness').map((f) => [f.area, f.quarter])).toEqual([[gapDistrict, gapQuarter]]);
        // The spike is an extreme outlier of the district's guidance records in that quarter.
        expect(flagged).toContainEqual(expect.objectContaining({ check: 'outliers', level: 'district', area: spikeDistrict, quarter: spikeQuarter, measure: 'guidance', outcome: 'extreme' }));
        // No extreme outlier anywhere else.
        for (const finding of checks.filter((f) => f.outcome === 'extreme')) expect(planted).toContain(placeOf(finding));
        expect(summary.outliers.flaggedDistricts.map((district) => district.code).sort()).toEqual([gapDistrict, spikeDistrict].sort());
      }),
      RUNS,
    );
  });

  it('a street\'s activities cut to a tenth in one quarter: an outlier of that street, nothing flagged elsewhere', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom(...DISTRICTS), fc.constantFrom('001', '002', '003'), quarter2025, (seed, district, street, quarter) => {
        const code = `${district}${street}`;
        const { checks } = review(plantDrop(generateCity(seed), code, quarter, 'activity', 10));
        const found = checks.find((finding) => finding.area === code && finding.quarter === quarter && finding.measure === 'activity');
        expect(found?.outcome).toMatch(/^(moderate|extreme)$/);
        expect(found!.compared).toBeLessThan(-3.5);
        for (const finding of flaggedRecords(checks)) {
          expect([finding.area, finding.quarter, finding.measure]).toEqual([finding.level === 'street' ? code : district, quarter, 'activity']);
        }
      }),
      RUNS,
    );
  });

  it('a facility with 40 more outreach records than usual in one quarter: flagged at the facility, and above it, in that quarter only', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 17 }), quarter2025, (seed, which, quarter) => {
        const city = generateCity(seed);
        const facility = city.facilities[which];
        const flagged = flaggedRecords(review(plantExtra(city, facility.facilityId, quarter, 'outreach', 40)).checks);
        expect(flagged).toContainEqual(expect.objectContaining({ level: 'facility', area: facility.facilityId, quarter, measure: 'outreach', outcome: 'extreme' }));
        for (const finding of flagged) {
          expect([finding.district, finding.quarter, finding.measure]).toEqual([facility.areaCode.slice(0, 6), quarter, 'outreach']);
          expect(facility.areaCode.startsWith(finding.area) || finding.area === facility.facilityId).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('scores every quarter of the data but reports only the period\'s: a 2024 spike is the reference, not a finding of 2025', () => {
    const city = plantSpike(generateCity(7), DISTRICTS[0], '2024Q2', 'guidance', 3);
    expect(flaggedRecords(review(city).checks)).toEqual([]);
    expect(flaggedRecords(review(city, '2024').checks).map(placeOf)).toContain(`${DISTRICTS[0]} 2024Q2`);
  });

  it('a year to date reviews its quarters only: a Q4 gap is not a finding of 2025Q3', () => {
    const city = plantGap(generateCity(11), DISTRICTS[1], '2025Q4');
    expect(flaggedRecords(review(city, '2025Q3').checks)).toEqual([]);
    expect(flaggedRecords(review(city, '2025Q4').checks).filter((f) => f.check === 'completeness').map(placeOf)).toEqual([`${DISTRICTS[1]} 2025Q4`]);
  });
});
