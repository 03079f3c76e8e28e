/** "Did you mean" (SPEC §5): the nearest allowed value or known code for a mistyped one. */
import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS } from '../../src/schema/columns.js';
import { checkAreasAgainst, facilityExplainer } from '../../src/schema/explain-unknown.js';
import { suggestBoolean, suggestEnum } from '../../src/schema/suggest.js';
import { editDistance, nearest } from '../../src/shared/nearest.js';

const TYPES = TABLE_COLUMNS.facilities.find((c) => c.id === 'type')!.values!;
const KINDS = TABLE_COLUMNS.visits.find((c) => c.id === 'kind')!.values!;

describe('invalid-enum', () => {
  it.each([
    ['幼儿园（公办）', '幼儿园 (kindergarten)'],
    ['托育', '托育机构 (nursery)'],
    ['nursry', '托育机构 (nursery)'],
    ['社区托育站', '社区托育点 (community)'],
  ])('%s → %s', (typed, suggestion) => {
    expect(suggestEnum(TYPES, typed)).toEqual({ suggestion });
  });

  it('科学育儿 → 科学育儿指导 (guidance)', () => {
    expect(suggestEnum(KINDS, '科学育儿')).toEqual({ suggestion: '科学育儿指导 (guidance)' });
  });

  it('suggests nothing for something else entirely', () => {
    expect(suggestEnum(TYPES, 'hospital')).toBeUndefined();
  });
});

describe('invalid-boolean', () => {
  it.each([
    ['是的', '是'],
    ['不是', '否'],
    ['没有', '否'],
    ['ture', 'true'],
    ['yse', 'yes'],
    ['Flase', 'false'],
  ])('%s → %s', (typed, suggestion) => {
    expect(suggestBoolean(typed)).toEqual({ suggestion });
  });

  it('suggests nothing for 待定', () => {
    expect(suggestBoolean('待定')).toBeUndefined();
  });
});

const censusRow = (areaCode: string, areaName: string, row: number) => ({ areaCode, areaName, year: 2025, population: 1, infants01: 0, toddlers13: 0, row });

describe('unknown-area and unknown-facility', () => {
  const census = [censusRow('330106001001', '北山社区', 2), censusRow('330106001002', '西溪社区', 3)];
  const areas = { records: census, listedCodes: census.map((r) => r.areaCode), rejectedRows: [], unreadableCodes: [{ row: 4, text: '33010600l003' }] };
  const explain = checkAreasAgainst(areas, 'census.csv').explainUnknownArea!;

  it('a swapped pair of digits: the census code and its name', () => {
    expect(explain('330106001010')).toEqual({ params: { suggestion: '330106001001', suggestionName: '北山社区' } });
  });

  it('the code a census row could not be read as: that row is the cause', () => {
    expect(explain('330106001003')?.cause).toEqual({ code: 'invalid-area-code', table: 'census', file: 'census.csv', row: 4 });
  });

  it('far from every code: nothing to say', () => {
    expect(explain('440305009999')).toBeUndefined();
  });

  it('a close code in the same street before a closer one elsewhere, then the same district', () => {
    const city = [censusRow('330106001009', '北山社区', 2), censusRow('330106002021', '翠苑社区', 3), censusRow('330108004031', '文新社区', 4)];
    const explainCity = checkAreasAgainst({ records: city, listedCodes: city.map((r) => r.areaCode), rejectedRows: [], unreadableCodes: [] }, 'census.csv')
      .explainUnknownArea!;
    // 330106001021: one edit from 翠苑 (another street), two from 北山 in its own street.
    expect(explainCity('330106001021')?.params).toEqual({ suggestion: '330106001009', suggestionName: '北山社区' });
    // 330106004031: no street of its own in the census; one edit from 文新 (another district), two from 翠苑 in its own.
    expect(explainCity('330106004031')?.params).toEqual({ suggestion: '330106002021', suggestionName: '翠苑社区' });
  });

  it('a code whose census row was rejected: that row is the cause, and no other area is suggested', () => {
    const rejected = { records: census, listedCodes: [...census.map((r) => r.areaCode), '330106001003'], unreadableCodes: [],
      rejectedRows: [{ code: '330106001003', file: 'census.csv', row: 5, because: 'not-integer' }] };
    const check = checkAreasAgainst(rejected, 'census.csv');
    expect(check.isKnownArea('330106001003')).toBe(false);
    expect(check.explainUnknownArea!('330106001003')).toEqual({
      params: { rejectedArea: '330106001003' },
      cause: { code: 'not-integer', table: 'census', file: 'census.csv', row: 5 },
    });
  });

  it('a facility id with one slip, ignoring case and width', () => {
    expect(facilityExplainer(new Set(['JG001', 'JG002', 'TY100']), null)('ＪＧ0O1')).toEqual({ params: { suggestion: 'JG001' } });
  });

  it('a registry that could not be used is the cause of every unknown facility', () => {
    const cause = { code: 'missing-column', table: 'facilities' as const, file: 'f.csv', row: 1 };
    expect(facilityExplainer(new Set(), cause)('JG001')).toEqual({ cause });
  });
});

describe('edit distance', () => {
  it.each([
    ['330106001001', '330106001010', 1],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['kitten', 'sitting', 3],
  ])('%s ~ %s = %d', (a, b, distance) => {
    expect(editDistance(a, b, 10)).toBe(distance);
  });

  it('stops early above the limit and never suggests an exact match', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
    expect(nearest('abc', ['abc', 'abd'], { maxDistance: 1 })).toBe('abd');
  });
});
