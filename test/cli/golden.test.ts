/**
 * Golden files: `tuoyu report` over the sample city, for the year 2025 and
 * the year to date through Q2, as JSON, Markdown and CSV, compared byte for
 * byte with test/golden/. Nothing in them depends on the clock or the machine:
 * paths are as given (relative) and `tool.version` is replaced by VERSION.
 * After a deliberate change, regenerate with `UPDATE_GOLDEN=1 npm test` and
 * read the diff before committing it.
 *
 * The golden files are not the only guard: the key totals of the sample
 * city (fixtures/sample-city/README.md, "Key totals", computed there by an
 * independent script) are asserted one by one below, with the arithmetic.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IndicatorId } from '../../src/engine/indicators.js';
import type { IndicatorResult, Report } from '../../src/engine/report.js';
import { runCli } from './run-cli.js';

const SAMPLE = 'fixtures/sample-city';
const GOLDEN = 'test/golden';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The one value that changes with every release is the version; everything else must stay put. */
function normalise(format: string, text: string): string {
  // ECharts numbers the class names of its SVGs by a counter that runs for the whole process.
  if (format === 'html') return text.replace(/\bzr\d+-/g, 'zr-');
  if (format !== 'json') return text;
  const report = JSON.parse(text) as Report;
  return `${JSON.stringify({ ...report, tool: { ...report.tool, version: 'VERSION' } }, null, 2)}\n`;
}

async function report(args: string[]): Promise<Report> {
  const result = await runCli(['report', SAMPLE, '--format', 'json', ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const CASES = [
  ...['2025', '2025Q2'].flatMap((period) => ['json', 'md', 'csv'].map((format) => ({ period, format }))),
  { period: '2025', format: 'html' },
];

describe('golden reports over the sample city', () => {
  it.each(CASES)('report --period $period --format $format', async ({ period, format }) => {
    // 制表日期 is today unless fixed.
    const result = await runCli(['report', SAMPLE, '--period', period, '--format', format], { env: { TUOYU_TODAY: '2026-01-15' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const actual = normalise(format, result.stdout);
    const file = `${GOLDEN}/report-${period}.${format}`;
    if (UPDATE) writeFileSync(file, actual);
    expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});

describe('key totals of the sample city, 2025 (as of 2025-12-31)', () => {
  const total = (r: Report, id: IndicatorId): IndicatorResult => r.areas[0].indicators[id];
  const fraction = (result: IndicatorResult) => [result.numerator, result.denominator];

  it('matches the README of the sample city, figure by figure', async () => {
    const r = await report(['--period', '2025']);
    expect(r.areas[0].level).toBe('all');

    // Population 486,997 = Σ leaf rows = the 合计 row; open-facility slots 3,065.
    // 3,065 ÷ 486,997 × 1,000 = 6.2937… per 1,000 ≥ 5: met.
    expect(total(r, 'slots_per_1000')).toMatchObject({ numerator: 3065, denominator: 486_997, status: 'met' });
    expect(total(r, 'slots_per_1000').value).toBeCloseTo(6.2937, 4);

    // 2,469 distinct children guided while aged 0, of 2,869 infants: 86.06 % < 90 %.
    expect(fraction(total(r, 'guidance_rate_0_1'))).toEqual([2469, 2869]);
    expect(total(r, 'guidance_rate_0_1').status).toBe('not_met');
    // 4,727 children with an activity while aged 1–2, of 6,230 toddlers: 75.87 % < 85 %.
    expect(fraction(total(r, 'activity_rate_1_3'))).toEqual([4727, 6230]);
    // 10,116 guidance records while aged 0 ÷ 2,869 infants = 3.526 per infant < 5.
    expect(fraction(total(r, 'followups_per_infant'))).toEqual([10_116, 2869]);
    expect(total(r, 'followups_per_infant').value).toBeCloseTo(3.526, 3);

    // 51 open kindergartens, 33 with toddler classes: 64.7 % ≥ 50 %; their slots 1,370 < 2,000.
    expect(fraction(total(r, 'combined_kindergarten_share'))).toEqual([33, 51]);
    expect(total(r, 'combined_kindergarten_share').status).toBe('met');
    expect(total(r, 'kindergarten_slots')).toMatchObject({ value: 1370, numerator: 1370, denominator: null, status: 'not_met' });

    // 79 open providers (slots > 0), 56 inclusive: 70.9 % < 75 %.
    expect(fraction(total(r, 'inclusive_facility_share'))).toEqual([56, 79]);
    expect(total(r, 'inclusive_slots')).toMatchObject({ value: 2065, status: 'no_target', target: null });
    expect(total(r, 'provincial_inclusive_count').value).toBe(8);
    expect(total(r, 'demonstration_count').value).toBe(7);
    expect(total(r, 'new_inclusive_toddler_classes').value).toBe(21);
    expect(total(r, 'new_community_inclusive_count')).toMatchObject({ value: 1, status: 'met' });
    expect(total(r, 'employer_facility_count').value).toBe(7);
    // 80 open kindergartens or inclusive providers, 66 with ≥ 5 outreach records: 82.5 % < 100 %.
    expect(fraction(total(r, 'outreach_compliance'))).toEqual([66, 80]);
    expect(total(r, 'outreach_compliance').value).toBe(82.5);

    // 13 streets, each with an inclusive provider; 52 communities of which 41 are listed
    // (西岭县 lists townships only), so community coverage is over 41 and n/a for 西岭县.
    expect(fraction(total(r, 'street_coverage'))).toEqual([13, 13]);
    expect(total(r, 'community_coverage').denominator).toBe(41);
    expect(r.areas.find((a) => a.code === '339904')?.indicators.community_coverage.status).toBe('n/a');

    // SPEC §9 (质量评估.csv, counted by scripts/check-sample-city.mjs): 59 of the 79 open providers
    // assessed themselves in 2025; 62 have an assessment in 2025, their latest totals add up to
    // 49,318.6 (mean 795.46); 54 of those latest record a level, 30 of them A or B with the basic items passed.
    expect(fraction(total(r, 'self_assessment_rate'))).toEqual([59, 79]);
    expect(fraction(total(r, 'quality_score_mean'))).toEqual([49_318.6, 62]);
    expect(total(r, 'quality_score_mean').value).toBeCloseTo(795.4613, 4);
    expect(fraction(total(r, 'quality_ab_share'))).toEqual([30, 54]);
    // SPEC §10: the 10 streets (001–099) of 东湖区, 南山区 and 北塘区 and the 3 towns (101–103) of 西岭县,
    // all covered; 西岭县 has no 街道 and the districts no 镇 or 乡.
    expect(fraction(total(r, 'street_coverage_urban'))).toEqual([10, 10]);
    expect(fraction(total(r, 'street_coverage_rural'))).toEqual([3, 3]);
    expect(r.areas.find((a) => a.code === '339904')?.indicators.street_coverage_urban.status).toBe('n/a');
    expect(r.areas.find((a) => a.code === '339901')?.indicators.street_coverage_rural.status).toBe('n/a');

    // 102 facility rows read, 121 assessments; the two 合计 rows skipped as total-row-skipped (one group of two);
    // the community facility opened in 2025 with 25 slots is outside the plan's 50–80 (a warning).
    expect(r.inputs.find((i) => i.table === 'facilities')?.read).toBe(102);
    expect(r.inputs.find((i) => i.table === 'assessments')?.read).toBe(121);
    expect(r.issues.map((i) => [i.code, i.count])).toEqual([['total-row-skipped', 2], ['new-community-slots-out-of-range', 1]]);
  });

  it('adds district rows up to the total for children, records, slots and facilities', async () => {
    const r = await report(['--period', '2025']);
    const districts = r.areas.filter((a) => a.level === 'district');
    expect(districts.map((a) => a.code)).toEqual(['339901', '339902', '339903', '339904']);
    const ids: IndicatorId[] = ['guidance_rate_0_1', 'activity_rate_1_3', 'followups_per_infant', 'slots_per_1000', 'outreach_compliance', 'inclusive_slots'];
    for (const id of ids) {
      const sum = districts.reduce((t, a) => t + (a.indicators[id].numerator ?? 0), 0);
      expect({ id, sum }).toEqual({ id, sum: r.areas[0].indicators[id].numerator });
    }
  });

  it('takes 2024 from the 2024 census (population 482,337)', async () => {
    const r = await report(['--period', '2024', '--by', 'all']);
    expect(total(r, 'slots_per_1000').denominator).toBe(482_337);
    expect(r.issues.some((i) => i.code === 'census-year-fallback')).toBe(false);
  });

  it('defaults to 2025Q4, the quarter of the latest record (2025-12-19)', async () => {
    const r = await report([]);
    expect(r.period).toEqual({ id: '2025Q4', start: '2025-01-01', end: '2025-12-31' });
  });
});
