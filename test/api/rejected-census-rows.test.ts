/**
 * SPEC §5, "a follow-on issue names its cause where one exists (records in an
 * area whose census row was rejected say so)", on real files: a community
 * whose census row is rejected for its numbers is no known area, so its
 * facilities and records are `unknown-area` naming that row — instead of
 * counting in the street's numerators while its infants drop out of the
 * denominator. A rejected subtotal leaves the rows beneath it known; across
 * submissions (SPEC §8) a code stays known while one of its rows is in use.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, validateData, type Issue, type Report } from '../../src/api.js';
import { makeTempDir } from '../io/temp-files.js';

const TODAY = '2025-12-31';
const CENSUS_HEADER = '区划代码,区划名称,年份,常住人口,0-1岁婴儿数,1-3岁幼儿数';
const FACILITY_HEADER = '机构编码,机构名称,区划代码,机构类型,是否普惠,托位数';
const VISIT_HEADER = '记录编号,服务日期,服务类型,儿童编号,出生日期,区划代码,机构编码';

/** 60 guidance records of infants in 甲一社区, one in 甲二社区. */
const VISITS = [
  VISIT_HEADER,
  ...Array.from({ length: 60 }, (_, i) => `R${i},2025-03-01,科学育儿指导,C${i},2024-10-01,338801001001,F1`),
  'R99,2025-03-01,科学育儿指导,D1,2024-10-01,338801001002,F2',
];
const FACILITIES = [FACILITY_HEADER, 'F1,一号托育,338801001001,托育机构,是,50', 'F2,二号托育,338801001002,托育机构,是,60'];

/** A folder holding the census given and the registry and records above. */
function city(census: string[]): string {
  const tables: Record<string, string[]> = { '人口.csv': census, '机构.csv': FACILITIES, '服务记录.csv': VISITS };
  return makeTempDir(Object.fromEntries(Object.entries(tables).map(([name, lines]) => [name, `${lines.join('\n')}\n`])));
}

const CENSUS = (甲一: string) => [
  CENSUS_HEADER,
  '338801,东城区,2025,20000,150,300',
  '338801001,甲街道,2025,20000,150,300',
  `338801001001,甲一社区,2025,${甲一}`,
  '338801001002,甲二社区,2025,10000,70,140',
];

const only = (issues: readonly Issue[], code: string) => issues.filter((issue) => issue.code === code);
const guidance = (report: Report, code: string) => report.areas.find((area) => area.code === code)!.indicators.guidance_rate_0_1;

describe('a community whose census row is rejected for its numbers', () => {
  const dir = city(CENSUS('约10000,80,160'));

  it('is no known area: its facility and records are unknown-area naming the census row, and drop out of the numerators', async () => {
    const report = await buildReport({ data: dir, period: '2025', by: 'street', today: TODAY });
    for (const code of ['', '338801', '338801001']) {
      expect(guidance(report, code), code).toMatchObject({ numerator: 1, denominator: 70 });
    }
    const cause = { code: 'not-integer', table: 'census', file: `${dir}/人口.csv`, row: 4 };
    expect(only(report.issues, 'unknown-area').map((issue) => [issue.table, issue.value, issue.count, issue.cause])).toEqual([
      ['facilities', '338801001001', 1, cause],
      ['visits', '338801001001', 60, cause],
    ]);
    const [facility] = only(report.issues, 'unknown-area');
    expect(facility.message).toBe(
      '第2行「区划代码」（C2）区划代码「338801001001」在人口表中的行未通过校验，该区划不可用（起因：人口表第4行「不是整数」）。请核对代码，或在人口表中补充或改正该区划的行',
    );
    expect(report.inputs.map((input) => [input.table, input.used, input.rejected])).toEqual([
      ['census', 3, 1],
      ['facilities', 1, 1],
      ['visits', 1, 60],
    ]);
  });

  it('says so in English, and suggests no other area', async () => {
    const report = await validateData({ data: dir, lang: 'en', today: TODAY });
    const [facility] = only(report.issues, 'unknown-area');
    expect(facility.message).toContain('area code “338801001001” is on a census row that was rejected');
    expect(facility.message).toContain('(caused by row 4 of the census: not a whole number)');
    expect(facility.message).not.toContain('did you mean');
  });
});

describe('a rejected subtotal', () => {
  it('leaves the communities beneath it known and counted', async () => {
    const census = CENSUS('10000,80,160').map((line) => line.replace('338801001,甲街道,2025,20000', '338801001,甲街道,2025,二万'));
    const report = await buildReport({ data: city(census), period: '2025', by: 'street', today: TODAY });
    expect(only(report.issues, 'not-integer')).toHaveLength(1);
    expect(only(report.issues, 'unknown-area')).toEqual([]);
    expect(guidance(report, '338801001')).toMatchObject({ numerator: 61, denominator: 150 });
  });
});

describe('a census row in two submissions (SPEC §8)', () => {
  const districtCensus = (甲一: string) => [CENSUS_HEADER, `338801001001,甲一社区,2025,${甲一}`];

  it('the later row conflicting is rejected, the earlier stays in use: the code is known and counted', async () => {
    const cityCensus = city(CENSUS('10000,80,160'));
    const district = makeTempDir({ '人口.csv': `${districtCensus('10000,85,160').join('\n')}\n` });
    const report = await buildReport({ data: [cityCensus, district], period: '2025', by: 'street', today: TODAY });
    expect(only(report.issues, 'conflicting-submissions')).toHaveLength(1);
    expect(only(report.issues, 'unknown-area')).toEqual([]);
    expect(guidance(report, '338801001')).toMatchObject({ numerator: 61, denominator: 150 });
  });

  it('the earlier row rejected for its numbers owns the code: the later one conflicts, and the records name the earlier row', async () => {
    const cityCensus = city(CENSUS('约10000,80,160'));
    const district = makeTempDir({ '人口.csv': `${districtCensus('10000,80,160').join('\n')}\n` });
    const report = await buildReport({ data: [cityCensus, district], period: '2025', by: 'street', today: TODAY });
    expect(only(report.issues, 'conflicting-submissions')).toHaveLength(1);
    expect(only(report.issues, 'unknown-area').map((issue) => issue.cause)).toEqual([
      { code: 'not-integer', table: 'census', file: `${cityCensus}/人口.csv`, row: 4 },
      { code: 'not-integer', table: 'census', file: `${cityCensus}/人口.csv`, row: 4 },
    ]);
    expect(guidance(report, '338801001')).toMatchObject({ numerator: 1, denominator: 70 });
  });
});
