import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../src/io/raw.js';
import { severityOf } from '../../src/issues/catalogue.js';
import { isTotalName, validateCensus } from '../../src/schema/validate-census.js';
import { buildLog, buildTable, CENSUS_HEADER, issuesOf } from './builders.js';

const district: RawCell[] = ['330106', '西湖区', '2025', '1000', '30', '60'];
const streetA: RawCell[] = ['330106001', '北山街道', '2025', '600', '20', '40'];
const streetB: RawCell[] = ['330106002', '西溪街道', '2025', '400', '10', '20'];

async function runCensus(rows: (RawCell[] | RawRow)[], header: RawCell[] = CENSUS_HEADER) {
  const log = buildLog();
  const outcome = await validateCensus(buildTable({ table: 'census', header, rows }), log);
  return { ...outcome, log, issues: issuesOf(log) };
}

describe('validateCensus', () => {
  it('passes a consistent district with its streets, subtotal included', async () => {
    const { records, counts, issues } = await runCensus([district, streetA, streetB]);
    expect(issues).toEqual([]);
    expect(counts).toEqual({ read: 3, used: 3, rejected: 0, skipped: 0 });
    expect(records[0]).toEqual({ areaCode: '330106', areaName: '西湖区', year: 2025, population: 1000, infants01: 30, toddlers13: 60, row: 2 });
  });

  it.each<{ name: string; rows: (RawCell[] | RawRow)[]; code: string; row: number; column: string | null; value?: string | null; counts: object }>([
    {
      name: 'total-row-skipped: a row without a code named 合计',
      rows: [streetA, streetB, ['', '合计', '2025', '1000', '30', '60']],
      code: 'total-row-skipped', row: 4, column: '区划名称', value: '合计', counts: { read: 3, used: 2, rejected: 0, skipped: 1 },
    },
    {
      name: 'total-row-skipped: 合计 in the code column, as a title merged across code and name leaves it',
      rows: [streetA, streetB, ['合计', null, '2025', '1000', '30', '60']],
      code: 'total-row-skipped', row: 4, column: '区划代码', value: '合计', counts: { read: 3, used: 2, rejected: 0, skipped: 1 },
    },
    {
      name: 'total-row-skipped: 合计 written in both the code and the name cell',
      rows: [streetA, streetB, ['合 计', '合计', '2025', '1000', '30', '60']],
      code: 'total-row-skipped', row: 4, column: '区划名称', value: '合计', counts: { read: 3, used: 2, rejected: 0, skipped: 1 },
    },
    {
      name: 'census-subtotal-mismatch: a total row that does not add up is reported and still skipped',
      rows: [streetA, streetB, ['', 'Total', '2025', '1001', '30', '60']],
      code: 'census-subtotal-mismatch', row: 4, column: '常住人口', value: '1001', counts: { read: 3, used: 2, rejected: 0, skipped: 1 },
    },
    {
      name: 'census-subtotal-mismatch: a subtotal that does not add up is rejected',
      rows: [['330106', '西湖区', '2025', '1000', '31', '60'], streetA, streetB],
      code: 'census-subtotal-mismatch', row: 2, column: '0-1岁婴儿数', value: '31', counts: { read: 3, used: 2, rejected: 1, skipped: 0 },
    },
    {
      name: 'missing-value: a row without a code that is not a total',
      rows: [['', '某街道', '2025', '1', '1', '1']],
      code: 'missing-value', row: 2, column: '区划代码', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'missing-value: a row without a name',
      rows: [['330106', '', '2025', '1', '1', '1']],
      code: 'missing-value', row: 2, column: '区划名称', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'not-integer: a population in words',
      rows: [['330106', '西湖区', '2025', '约100', '1', '1']],
      code: 'not-integer', row: 2, column: '常住人口', value: '约100', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'negative-number',
      rows: [['330106', '西湖区', '2025', '100', '-1', '1']],
      code: 'negative-number', row: 2, column: '0-1岁婴儿数', value: '-1', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'invalid-area-code',
      rows: [['33010', '西湖区', '2025', '100', '1', '1']],
      code: 'invalid-area-code', row: 2, column: '区划代码', value: '33010', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'invalid-year',
      rows: [['330106', '西湖区', '去年', '100', '1', '1']],
      code: 'invalid-year', row: 2, column: '年份', value: '去年', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'duplicate-id: the same code and year twice, the later row rejected',
      rows: [district, ['330106000000', '西湖区', 2025, 1000, 30, 60]],
      code: 'duplicate-id', row: 3, column: '区划代码', value: '330106', counts: { read: 2, used: 1, rejected: 1, skipped: 0 },
    },
    {
      name: 'extra-cells: content beyond the header, positioned by column letter',
      rows: [[...district, '', '多余']],
      code: 'extra-cells', row: 2, column: 'H', value: '多余', counts: { read: 1, used: 0, rejected: 1, skipped: 0 },
    },
    {
      name: 'a reader problem rejects its row with the reader\'s code',
      rows: [district, { row: 3, cells: [], problem: { code: 'unclosed-quote', column: null, value: '"330106' } }],
      code: 'unclosed-quote', row: 3, column: null, value: '"330106', counts: { read: 2, used: 1, rejected: 1, skipped: 0 },
    },
  ])('$name', async ({ rows, code, row, column, value, counts: expected }) => {
    const { counts, issues } = await runCensus(rows);
    const found = issues.filter((i) => i.code === code);
    expect(found).toEqual([expect.objectContaining({ code, row, column, table: 'census', file: 'census.csv', sheet: null })]);
    if (value !== undefined) expect(found[0].value).toBe(value);
    expect(counts).toEqual(expected);
    expect(severityOf(code)).toBe(code === 'total-row-skipped' ? 'info' : 'error');
  });

  it('names both numbers of a mismatch', async () => {
    const { issues } = await runCensus([['330106', '西湖区', '2025', '999', '30', '60'], streetA, streetB]);
    expect(issues[0].params).toEqual({ subtotal: 999, sum: 1000 });
  });

  it('checks a district against its leaves only, with a street subtotal between', async () => {
    const rows: RawCell[][] = [
      district,
      ['330106001', '北山街道', '2025', '600', '20', '40'],
      ['330106001001', '甲社区', '2025', '250', '8', '15'],
      ['330106001002', '乙社区', '2025', '350', '12', '25'],
      streetB,
      ['', '全市合计', '2025', '1000', '30', '60'],
    ];
    const { issues, counts } = await runCensus(rows);
    expect(issues.map((i) => i.code)).toEqual(['total-row-skipped']);
    expect(counts).toEqual({ read: 6, used: 5, rejected: 0, skipped: 1 });
  });

  it.each<{ name: string; rows: RawCell[][] }>([
    {
      name: 'a bare 小计 after each district block adds up that block, and 合计 every leaf',
      rows: [
        district, streetA, streetB, ['', '小计', '2025', '1000', '30', '60'],
        ['330108', '滨江区', '2025', '500', '5', '10'], ['', '小计', '2025', '500', '5', '10'],
        ['', '合计', '2025', '1500', '35', '70'],
      ],
    },
    {
      name: 'a total named after an area (西湖区小计) adds up that area, wherever it stands',
      rows: [
        district, ['330108', '滨江区', '2025', '500', '5', '10'], streetA, streetB,
        ['', '西湖区小计', '2025', '1000', '30', '60'], ['', '北山街道合计', '2025', '600', '20', '40'],
      ],
    },
    {
      name: '全区合计 closing the only district adds up everything above it',
      rows: [district, streetA, streetB, ['', '全区合计', '', '1000', '30', '60']],
    },
    {
      name: '小计 with no leaf row above it (a total first) is not compared',
      rows: [['', '小计', '2025', '7', '7', '7'], district, streetA, streetB],
    },
  ])('census totals: $name', async ({ rows }) => {
    const { issues } = await runCensus(rows);
    expect(issues.map((i) => i.code).filter((c) => c !== 'total-row-skipped')).toEqual([]);
  });

  it('a bare 小计 that does not add up its block is a mismatch at its row', async () => {
    const rows: RawCell[][] = [
      district, streetA, streetB, ['', '小计', '2025', '1000', '30', '60'],
      ['330108', '滨江区', '2025', '500', '5', '10'], ['', '小计', '2025', '501', '5', '10'],
    ];
    const { issues } = await runCensus(rows);
    expect(issues.filter((i) => i.code === 'census-subtotal-mismatch').map((i) => [i.row, i.column, i.params])).toEqual([
      [7, '常住人口', { subtotal: 501, sum: 500 }],
    ]);
  });

  it('lists the code of a row rejected for its numbers, so that facilities in that area are not unknown-area', async () => {
    const { records, listedCodes } = await runCensus([district, streetA, ['330106002', '西溪街道', '2025', '四百', '10', '20'], ['', '合计', '', '1', '1', '1']]);
    expect(records.map((r) => r.areaCode)).toEqual(['330106', '330106001']);
    expect(listedCodes).toEqual(['330106', '330106001', '330106002']);
  });

  it('checks subtotals within a year only', async () => {
    const { issues } = await runCensus([district, streetA, streetB, ['330106', '西湖区', '2024', '5', '5', '5'], ['330106001', '北山街道', '2024', '5', '5', '5']]);
    expect(issues).toEqual([]);
  });

  it('does not report a subtotal mismatch that a rejected row beneath it would cause', async () => {
    const { issues } = await runCensus([district, streetA, ['330106002', '西溪街道', '2025', '四百', '10', '20']]);
    expect(issues.map((i) => i.code)).toEqual(['not-integer']);
  });

  it('treats a missing year as null and keeps such rows apart', async () => {
    const { records } = await runCensus([['330106', '西湖区', '', '1000', '30', '60']]);
    expect(records[0].year).toBeNull();
  });

  it('an unusable header rejects every row and still counts them', async () => {
    const { counts, issues } = await runCensus([district, streetA], CENSUS_HEADER.slice(0, 5));
    expect(counts).toEqual({ read: 2, used: 0, rejected: 2, skipped: 0 });
    expect(issues.map((i) => i.code)).toEqual(['missing-column']);
  });

  it('keeps read = used + rejected + skipped on a mixed table', async () => {
    const rows: (RawCell[] | RawRow)[] = [
      district, streetA, streetB, ['', '合计', '', '', '', ''], ['x', '', '', '', '', ''], district,
      { row: 9, cells: [], problem: { code: 'cell-too-large', column: '区划名称', value: null } },
    ];
    const { counts } = await runCensus(rows);
    expect(counts.read).toBe(7);
    expect(counts.used + counts.rejected + counts.skipped).toBe(counts.read);
  });
});

describe('isTotalName', () => {
  it.each([
    ['合计', true], ['总计', true], ['小计', true], ['全市', true], ['Total', true], [' SUBTOTAL ', true], ['合 计', true],
    ['全区合计', true], ['总计：', true], ['西湖区', false], ['合计区', false], ['', false], [null, false],
  ] as [string | null, boolean][])('%s → %s', (name, expected) => {
    expect(isTotalName(name)).toBe(expected);
  });
});
