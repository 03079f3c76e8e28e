import { describe, expect, it } from 'vitest';
import { buildAreaIndex, townshipKind } from '../../src/engine/areas.js';
import { aCensusRow } from './builders.js';

/** A district listed with a subtotal row, one street with two communities, one street listed alone. */
const CITY = [
  aCensusRow({ areaCode: '330106', areaName: '西湖区', population: 9999, infants01: 99, toddlers13: 99 }),
  aCensusRow({ areaCode: '330106001', areaName: '北山街道', population: 300, infants01: 3, toddlers13: 6 }),
  aCensusRow({ areaCode: '330106001001', areaName: '曙光社区', population: 100, infants01: 1, toddlers13: 2 }),
  aCensusRow({ areaCode: '330106001002', areaName: '青芝坞社区', population: 200, infants01: 2, toddlers13: 4 }),
  aCensusRow({ areaCode: '330106002', areaName: '西溪街道', population: 500, infants01: 5, toddlers13: 10 }),
  aCensusRow({ areaCode: '330108003001', areaName: '滨江某社区', population: 50, infants01: 1, toddlers13: 1 }),
];

describe('buildAreaIndex', () => {
  const index = buildAreaIndex(CITY);

  it('never adds a subtotal row: sums come from the leaf rows', () => {
    expect(index.total).toEqual({ population: 850, infants01: 9, toddlers13: 17 });
    expect(index.node('330106')).toMatchObject({ population: 800, infants01: 8, toddlers13: 16 });
    expect(index.node('330106001')).toMatchObject({ population: 300, infants01: 3, toddlers13: 6 });
  });

  it('implies a district and street from a community row and names them by code', () => {
    expect(index.node('330108')).toMatchObject({ level: 'district', name: '330108', listed: false, population: 50 });
    expect(index.node('330108003')).toMatchObject({ level: 'street', name: '330108003', communityCount: 1 });
  });

  it('names areas from their rows, subtotals included', () => {
    expect(index.node('330106')?.name).toBe('西湖区');
    expect(index.node('330106001')?.name).toBe('北山街道');
  });

  it('counts streets and communities beneath each area', () => {
    expect(index.node('330106')).toMatchObject({ streetCount: 2, communityCount: 2 });
    expect(index.node('330106002')).toMatchObject({ streetCount: 0, communityCount: 0 });
    expect({ streets: index.streetCount, communities: index.communityCount }).toEqual({ streets: 3, communities: 3 });
  });

  it('sorts areas by code so that levels nest', () => {
    expect(index.areas.map((node) => node.code)).toEqual([
      '330106',
      '330106001',
      '330106001001',
      '330106001002',
      '330106002',
      '330108',
      '330108003',
      '330108003001',
    ]);
  });

  it('ignores total rows without a code', () => {
    const withTotal = buildAreaIndex([...CITY, aCensusRow({ areaCode: '', areaName: '合计', population: 850 })]);
    expect(withTotal.total.population).toBe(850);
  });
});

describe('isKnownArea', () => {
  const index = buildAreaIndex(CITY);
  it.each([
    { name: 'a listed community', code: '330106001001', known: true },
    { name: 'a listed district (subtotal row)', code: '330106', known: true },
    { name: 'a street implied by its communities', code: '330108003', known: true },
    { name: 'a district implied by its communities', code: '330108', known: true },
    { name: 'a community under a leaf street', code: '330106002007', known: true },
    { name: 'a community missing from a street that lists its communities', code: '330106001009', known: false },
    { name: 'a street missing from a district that lists its streets', code: '330106009', known: false },
    { name: 'a community under a missing street', code: '330106009001', known: false },
    { name: 'another district', code: '330110', known: false },
    { name: 'the empty code', code: '', known: false },
    { name: 'a code of the wrong length', code: '3301060020', known: false },
  ])('$name: $code', ({ code, known }) => {
    expect(index.isKnownArea(code)).toBe(known);
  });

  it('knows a community under a leaf district', () => {
    expect(buildAreaIndex([aCensusRow({ areaCode: '330106' })]).isKnownArea('330106001001')).toBe(true);
  });
});

describe('townshipKind (SPEC §10)', () => {
  it.each([
    { code: '330106001', kind: 'street' },
    { code: '330106099', kind: 'street' },
    { code: '330106100', kind: 'town' },
    { code: '330106199', kind: 'town' },
    { code: '330106200', kind: 'township' },
    { code: '330106399', kind: 'township' },
    { code: '330106400', kind: 'other' },
    { code: '330106599', kind: 'other' },
    { code: '330106600', kind: 'other' },
  ])('$code is a $kind', ({ code, kind }) => {
    expect(townshipKind(code)).toBe(kind);
  });
});
