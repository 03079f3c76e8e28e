import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/io/raw.js';
import { looksLikeHeader, matchHeader, normaliseHeader } from '../../src/schema/headers.js';
import { buildSource, CENSUS_HEADER, FACILITY_HEADER, VISIT_HEADER } from './builders.js';

const censusHeader = (cells: RawCell[]) => matchHeader('census', { row: 1, cells }, buildSource('census', 'c.xlsx', '人口'));

describe('normaliseHeader', () => {
  it.each([
    ['托位数（个）', '托位数'],
    ['常住人口(人)', '常住人口'],
    ['常住人口 [人]', '常住人口'],
    ['常住人口【人】', '常住人口'],
    ['  Area Code ', 'areacode'],
    ['AREA_CODE', 'areacode'],
    ['区划　代码', '区划代码'],
    ['ＳＬＯＴＳ', 'slots'],
    ['*区划代码', '区划代码'],
    ['(人)', '(人)'],
  ])('%s compares as %s', (header, normalised) => {
    expect(normaliseHeader(header)).toBe(normalised);
  });
});

describe('matchHeader', () => {
  it('matches Chinese labels, English ids and aliases, with units, case and width', () => {
    const match = censusHeader(['统计用区划代码', 'Area_Name', '年份', '常住人口（人）', 'ＩＮＦＡＮＴＳ', ' 1-3岁幼儿数 (人) ']);
    expect(match.usable).toBe(true);
    expect(match.issues).toEqual([]);
    expect([...match.columnIndex]).toEqual([
      ['area_code', 0], ['area_name', 1], ['year', 2], ['population', 3], ['infants_0_1', 4], ['toddlers_1_3', 5],
    ]);
    expect(match.headerText.get('population')).toBe('常住人口（人）');
  });

  it.each([
    { name: 'trailing spaces', written: '常住人口（人） ', reads: '常住人口（人）' },
    { name: 'a line break inside the cell (Alt+Enter)', written: '常住人口\n（人）', reads: '常住人口 （人）' },
    { name: 'a CRLF line break with spaces around it', written: '常住人口 \r\n (人)', reads: '常住人口 (人)' },
  ])('the column is named as the header reads on one line: $name', ({ written, reads }) => {
    const match = censusHeader(CENSUS_HEADER.map((c) => (c === '常住人口' ? written : c)));
    expect(match.usable).toBe(true);
    expect(match.headerText.get('population')).toBe(reads);
  });

  it.each([
    { name: 'unknown-column is a warning on the header row, naming the header', cells: [...CENSUS_HEADER, '联系人'], code: 'unknown-column', column: '联系人', usable: true },
    { name: 'duplicate-column makes the table unusable', cells: [...CENSUS_HEADER, 'population'], code: 'duplicate-column', column: 'population', usable: false },
    { name: 'missing-column makes the table unusable and names the canonical id', cells: CENSUS_HEADER.slice(0, 5), code: 'missing-column', column: 'toddlers_1_3', usable: false },
    { name: 'a column required only for some rows must still exist', cells: CENSUS_HEADER.slice(1), code: 'missing-column', column: 'area_code', usable: false },
  ])('$name', ({ cells, code, column, usable }) => {
    const match = censusHeader(cells);
    expect(match.usable).toBe(usable);
    expect(match.issues).toEqual([
      expect.objectContaining({ code, column, row: 1, table: 'census', file: 'c.xlsx', sheet: '人口' }),
    ]);
  });

  it.each([
    { header: '常驻人口', suggestion: '常住人口' },
    { header: 'populaton', suggestion: 'population' },
    { header: '联系电话', suggestion: undefined },
  ])('an unknown column $header suggests $suggestion', ({ header, suggestion }) => {
    const [issue] = censusHeader([...CENSUS_HEADER.filter((c) => c !== '常住人口'), header]).issues;
    expect(issue.code).toBe('unknown-column');
    expect(issue.params?.suggestion).toBe(suggestion);
  });

  it('names the header cell of a header issue (G1)', () => {
    expect(censusHeader([...CENSUS_HEADER, '联系人']).issues[0].cell).toBe('G1');
  });

  it.each(['备注', '说明', 'Remarks', 'notes', '备注（选填）', 'NOTE'])('a remarks column %s is known and ignored', (remarks) => {
    const match = censusHeader([...CENSUS_HEADER, remarks]);
    expect(match.issues).toEqual([]);
    expect(match.usable).toBe(true);
    expect(match.columnIndex.size).toBe(6);
  });

  it.each([
    { header: '常住人口（万人）', factor: 10_000, unit: '万人' },
    { header: '常住人口(万)', factor: 10_000, unit: '万' },
    { header: '常住人口（千人）', factor: 1_000, unit: '千人' },
    { header: '常住人口（千）', factor: 1_000, unit: '千' },
    { header: '常住人口（百人）', factor: 100, unit: '百人' },
    { header: '常住人口（单位：万人）', factor: 10_000, unit: '万人' },
  ])('$header scales by $factor and says so (unit-scaled, naming the header)', ({ header, factor, unit }) => {
    const match = censusHeader(CENSUS_HEADER.map((c) => (c === '常住人口' ? header : c)));
    expect(match.usable).toBe(true);
    expect(match.scale.get('population')).toEqual({ factor, unit });
    expect(match.issues).toEqual([expect.objectContaining({ code: 'unit-scaled', column: header, row: 1, cell: 'D1' })]);
  });

  it.each(['常住人口（人）', '常住人口（个）', '常住人口（名）', '常住人口（2025年末）', '常住人口()'])('%s is read as it is', (header) => {
    const match = censusHeader(CENSUS_HEADER.map((c) => (c === '常住人口' ? header : c)));
    expect(match.issues).toEqual([]);
    expect(match.scale.size).toBe(0);
  });

  it.each([
    { header: '常住人口（户）', usable: false, missing: false },
    { header: '常住人口（人次）', usable: false, missing: false },
  ])('an unknown unit in $header makes the column unusable (unknown-unit)', ({ header, usable }) => {
    const match = censusHeader(CENSUS_HEADER.map((c) => (c === '常住人口' ? header : c)));
    expect(match.usable).toBe(usable);
    expect(match.issues).toEqual([expect.objectContaining({ code: 'unknown-unit', column: header, params: expect.objectContaining({ unit: header.slice(5, -1) }) })]);
  });

  it('a bracket after a column that is not a number is a note, not a unit', () => {
    const match = matchHeader('facilities', { row: 1, cells: FACILITY_HEADER.map((c) => (c === 'opened' ? '开办日期（年-月-日）' : c)) }, buildSource('facilities'));
    expect(match.issues).toEqual([]);
    expect(match.columnIndex.has('opened')).toBe(true);
  });

  it('an optional column with an unknown unit is left out, the table still usable', () => {
    const match = matchHeader('facilities', { row: 1, cells: FACILITY_HEADER.map((c) => (c === 'toddler_classes' ? '托班数（间）' : c)) }, buildSource('facilities'));
    expect(match.usable).toBe(true);
    expect(match.columnIndex.has('toddler_classes')).toBe(false);
    expect(match.issues.map((i) => i.code)).toEqual(['unknown-unit']);
  });

  it('an optional column may be absent', () => {
    const match = censusHeader(CENSUS_HEADER.filter((c) => c !== '年份'));
    expect(match.usable).toBe(true);
    expect(match.columnIndex.has('year')).toBe(false);
  });

  it('headers named like object internals are only unknown columns', () => {
    const match = censusHeader([...CENSUS_HEADER, '__proto__', 'constructor', 'prototype', 'toString']);
    expect(match.usable).toBe(true);
    expect(match.issues.map((i) => i.code)).toEqual(['unknown-column', 'unknown-column', 'unknown-column', 'unknown-column']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(match.columnIndex.size).toBe(6);
  });

  it('empty header cells are ignored', () => {
    const match = censusHeader([...CENSUS_HEADER, null, '  ']);
    expect(match.issues).toEqual([]);
  });

  it('every table matches its own column ids', () => {
    expect(matchHeader('facilities', { row: 1, cells: FACILITY_HEADER }, buildSource('facilities')).issues).toEqual([]);
    expect(matchHeader('visits', { row: 1, cells: VISIT_HEADER }, buildSource('visits')).issues).toEqual([]);
  });
});

describe('looksLikeHeader', () => {
  it.each<{ name: string; cells: RawCell[]; expected: boolean }>([
    { name: 'a real header', cells: CENSUS_HEADER, expected: true },
    { name: 'two known columns', cells: ['区划代码', '备注', '常住人口'], expected: true },
    { name: 'a title row', cells: ['2025年人口统计表', null, null], expected: false },
    { name: 'one known column', cells: ['区划代码', '备注'], expected: false },
    { name: 'the same column twice counts once', cells: ['区划代码', 'area_code'], expected: false },
    { name: 'a data row', cells: ['330106', '西湖区', 2025, 1000, 10, 20], expected: false },
  ])('$name', ({ cells, expected }) => {
    expect(looksLikeHeader('census', cells)).toBe(expected);
  });
});
