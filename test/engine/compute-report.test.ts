import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { defaultPeriod } from '../../src/engine/period.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { renderIssue } from '../../src/issues/render.js';
import { aCensusRow, aFacility, aVisit, foldVisits } from './builders.js';
import { DAWN, GREEN, NORTH_HILL, RIVERSIDE, WEST_CREEK, WEST_LAKE, infantsGuided, report, resultsOf } from './city.js';

describe('computeReport, rows', () => {
  it.each([
    { by: 'all' as const, codes: [''] },
    { by: 'district' as const, codes: ['', WEST_LAKE, RIVERSIDE] },
    { by: 'street' as const, codes: ['', WEST_LAKE, NORTH_HILL, WEST_CREEK, RIVERSIDE] },
    { by: 'community' as const, codes: ['', WEST_LAKE, NORTH_HILL, DAWN, GREEN, WEST_CREEK, RIVERSIDE] },
  ])('--by $by lists the total first, then areas by code', ({ by, codes }) => {
    expect(report({ by }).areas.map((area) => area.code)).toEqual(codes);
  });

  it('names the total and areas, and gives every indicator in catalogue order', () => {
    const zh = report({ lang: 'zh', by: 'street' });
    expect(zh.areas.map((area) => [area.name, area.level])).toEqual([
      ['全部', 'all'],
      ['西湖区', 'district'],
      ['北山街道', 'street'],
      ['西溪街道', 'street'],
      ['滨江区', 'district'],
    ]);
    for (const area of zh.areas) expect(Object.keys(area.indicators)).toEqual([...INDICATOR_IDS]);
    expect(report({ lang: 'en', by: 'all' }).areas[0].name).toBe('All');
  });

  it('never reports NaN or Infinity, even with an empty census', () => {
    const outcome = report({ census: [], facilities: [aFacility()], visits: infantsGuided(3, DAWN) });
    for (const result of Object.values(outcome.areas[0].indicators)) {
      expect(result.value === null || Number.isFinite(result.value)).toBe(true);
    }
    expect(outcome.areas[0].indicators.guidance_rate_0_1).toMatchObject({ status: 'n/a', value: null });
  });

  it('explains n/a in the output language', () => {
    const en = resultsOf(report({ lang: 'en' }), 'community_coverage');
    const zh = resultsOf(report({ lang: 'zh' }), 'community_coverage');
    expect(en[RIVERSIDE].reason).toMatch(/no communities .* the total leaves it out/);
    expect(zh[RIVERSIDE].reason).toContain('合计中不含本区县');
    expect(resultsOf(report({ lang: 'en' }), 'street_coverage')[DAWN].reason).toMatch(/community holds no streets/);
    expect(resultsOf(report({ lang: 'en' }), 'street_coverage')[RIVERSIDE].reason).toMatch(/no streets .* the total leaves it out/);
    expect(en[WEST_LAKE].reason).toBeUndefined();
  });

  it('numerator-exceeds-denominator: warns and still reports the value', () => {
    const outcome = report({ census: [aCensusRow({ areaCode: DAWN, infants01: 2 })], visits: infantsGuided(3, DAWN), by: 'community' });
    expect(outcome.areas[0].indicators.guidance_rate_0_1).toMatchObject({ value: 150, numerator: 3, denominator: 2, status: 'met' });
    const warnings = outcome.issues.filter((issue) => issue.code === 'numerator-exceeds-denominator');
    expect(warnings.map((issue) => [issue.value, issue.column, issue.table, issue.row])).toEqual([
      ['', 'guidance_rate_0_1', null, null],
      [WEST_LAKE, 'guidance_rate_0_1', null, null],
      [NORTH_HILL, 'guidance_rate_0_1', null, null],
      [DAWN, 'guidance_rate_0_1', null, null],
    ]);
    expect(warnings[0].params).toMatchObject({ numerator: 3, denominator: 2 });
  });

  it.each([
    {
      lang: 'zh' as const,
      message: '曙光社区（330106001001）的「0-1岁婴幼儿家庭科学育儿指导率」分子大于分母：3（期内0岁时接受过≥1次科学育儿指导或线上指导的儿童数） > 2（0-1岁婴儿数），超过100%。请核对人口表中该地区的婴幼儿数（分母）是否偏低或过时，以及服务记录中这些儿童的地区代码和出生日期（分子）是否填对',
      total: '合计的「0-1岁婴幼儿家庭科学育儿指导率」分子大于分母',
    },
    {
      lang: 'en' as const,
      message: "Parenting-guidance rate, families with infants under 1 (0-1岁婴幼儿家庭科学育儿指导率) in 曙光社区 (330106001001): numerator 3 (distinct children with ≥1 guidance or online record in the window while aged 0) exceeds denominator 2 (infants_0_1) — Check the census's count of young children for this area (the denominator): low or out of date? Then the area codes and birth dates of these children in the records (the numerator)",
      total: 'in the total: numerator 3',
    },
  ])('numerator-exceeds-denominator names the area, the indicator, its terms and what to check ($lang)', ({ lang, message, total }) => {
    const outcome = report({ census: [aCensusRow({ areaCode: DAWN, areaName: '曙光社区', infants01: 2 })], visits: infantsGuided(3, DAWN), by: 'community' });
    const warnings = outcome.issues.filter((issue) => issue.code === 'numerator-exceeds-denominator').map((issue) => renderIssue(issue, lang, false).message);
    expect(warnings.at(-1)).toBe(message);
    expect(warnings[0]).toContain(total);
  });

  it('compares with a <= target from the plan', () => {
    const targets = { ...DEFAULT_PLAN.targets, employer_facility_count: { value: 0, op: '<=' as const } };
    const results = resultsOf(report({ targets, facilities: [aFacility({ type: 'employer' })] }), 'employer_facility_count');
    expect(results['']).toMatchObject({ value: 1, status: 'not_met', target: 0, op: '<=' });
    expect(results[RIVERSIDE]).toMatchObject({ value: 0, status: 'met' });
  });
});

describe('computeReport, census year', () => {
  const rowsOf = (year: number | null, population: number) => [aCensusRow({ areaCode: DAWN, year, population })];
  const population = (outcome: ReturnType<typeof report>) => outcome.areas[0].indicators.slots_per_1000.denominator;

  it('uses the census of the period year', () => {
    const outcome = report({ census: [...rowsOf(2024, 100), ...rowsOf(2025, 200), ...rowsOf(2026, 300)] });
    expect(population(outcome)).toBe(200);
    expect(outcome.issues).toEqual([]);
  });

  it('census-year-fallback: falls back to the latest earlier year with a warning', () => {
    const outcome = report({ census: [...rowsOf(2023, 100), ...rowsOf(2024, 200), ...rowsOf(2026, 300)] });
    expect(population(outcome)).toBe(200);
    expect(outcome.issues).toEqual([
      expect.objectContaining({ code: 'census-year-fallback', table: 'census', column: 'year', value: '2024', params: expect.objectContaining({ year: 2025, used: 2024 }) }),
    ]);
  });

  it('census-year-missing: only later years is an error, and the indicators are n/a', () => {
    const outcome = report({ census: rowsOf(2026, 300) });
    expect(outcome.issues.map((issue) => issue.code)).toEqual(['census-year-missing']);
    expect(outcome.areas[0].indicators.slots_per_1000.status).toBe('n/a');
  });

  it('rows without a year apply to every period; a row of the year replaces one of the same code', () => {
    const census = [aCensusRow({ areaCode: DAWN, year: null, population: 100 }), aCensusRow({ areaCode: GREEN, year: null, population: 10 }), ...rowsOf(2025, 200)];
    const outcome = report({ census });
    expect(population(outcome)).toBe(210);
    expect(outcome.issues).toEqual([]);
    expect(population(report({ census: [aCensusRow({ year: null, population: 7 })] }))).toBe(7);
  });

  it('names an area the chosen year leaves unnamed from another year', () => {
    const census = [aCensusRow({ areaCode: WEST_LAKE, areaName: '西湖区', year: 2024 }), aCensusRow({ areaCode: DAWN, year: 2025 })];
    expect(report({ census, by: 'district', lang: 'zh' }).areas[1]).toMatchObject({ code: WEST_LAKE, name: '西湖区' });
    expect(report({ census: [aCensusRow({ areaCode: DAWN })], by: 'district' }).areas[1].name).toBe(WEST_LAKE);
  });
});

describe('computeReport, default period', () => {
  it('reports the quarter of the latest record, year to date', () => {
    const visits = [
      aVisit({ childId: 'a', date: '2025-02-01' }),
      aVisit({ childId: 'b', date: '2025-04-15', birthDate: '2024-10-01' }),
      aVisit({ childId: 'c', date: '2024-12-01', birthDate: '2024-10-01' }),
    ];
    const period = defaultPeriod(foldVisits(visits).latestDay, 2025);
    expect(period.id).toBe('2025Q2');
    expect(report({ period, visits }).areas[0].indicators.guidance_rate_0_1).toMatchObject({ numerator: 2, denominator: 50 });
  });
});
