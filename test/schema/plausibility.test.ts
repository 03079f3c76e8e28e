/**
 * Plausibility (SPEC §5) and scaled units (SPEC §3): values that parse but
 * cannot be true are located at their cell, on the visit fast path as on the
 * registry and census paths.
 */
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/io/raw.js';
import { dayNumber } from '../../src/shared/dates.js';
import { addYears, isBirthTooEarly } from '../../src/schema/plausibility.js';
import { parseScaledInteger } from '../../src/schema/values.js';
import { renderMessage } from '../../src/issues/render.js';
import { validateCensus } from '../../src/schema/validate-census.js';
import { checkNewCommunitySlots, validateFacilities } from '../../src/schema/validate-facilities.js';
import { validateVisits } from '../../src/schema/validate-visits.js';
import type { Visit } from '../../src/schema/records.js';
import { recordShapes } from '../../src/schema/record-shapes.js';
import { buildLog, buildTable, CENSUS_HEADER, FACILITY_HEADER, facilityRow, issuesOf, VISIT_HEADER, visitRow } from './builders.js';

const { VisitShape } = recordShapes();

/** The day of these runs, as TUOYU_TODAY fixes it. */
const TODAY = dayNumber(2026, 3, 15);

async function visits(rows: RawCell[][]) {
  const log = buildLog();
  const used: Visit[] = [];
  const ctx = { isKnownArea: () => true, isKnownFacility: () => true, today: TODAY };
  const { counts } = await validateVisits(buildTable({ table: 'visits', header: VISIT_HEADER, rows }), ctx, log, (v) => used.push(v));
  return { counts, used, issues: issuesOf(log).map(({ code, row, column, value, cell }) => ({ code, row, column, value, cell })) };
}

describe('dates that cannot be true, on the visit fast path', () => {
  it.each([
    { name: 'a service date after today (2052年4月3日)', cells: { date: '2052年4月3日' }, code: 'future-date', column: 'date', value: '2052-04-03', cell: 'B2' },
    { name: 'a service date one day after today', cells: { date: '2026-03-16' }, code: 'future-date', column: 'date', value: '2026-03-16', cell: 'B2' },
    { name: 'a birth date after today', cells: { date: '2026-03-01', birth_date: '2026-04-01' }, code: 'future-date', column: 'birth_date', value: '2026-04-01', cell: 'E2' },
    { name: 'a service date before 1949-10-01', cells: { date: '1949-09-30', kind: 'outreach', child_id: '', birth_date: '', area_code: '', facility_id: 'F1' }, code: 'implausible-date', column: 'date', value: '1949-09-30', cell: 'B2' },
    { name: 'a birth date before 1949-10-01', cells: { birth_date: '1930-01-01' }, code: 'implausible-date', column: 'birth_date', value: '1930-01-01', cell: 'E2' },
    { name: 'a birth more than 7 years before the service', cells: { date: '2025-03-07', birth_date: '2018-03-06' }, code: 'implausible-date', column: 'birth_date', value: '2018-03-06', cell: 'E2' },
  ])('$name: $code at the cell, the row rejected', async ({ cells, code, column, value, cell }) => {
    const { counts, used, issues } = await visits([visitRow(cells)]);
    expect(issues).toEqual([{ code, row: 2, column, value, cell }]);
    expect(counts).toEqual({ read: 1, used: 0, rejected: 1, skipped: 0 });
    expect(used).toEqual([]);
  });

  it.each([
    { name: 'today itself', cells: { date: '2026-03-15' } },
    { name: '1949-10-01 itself', cells: { date: '1949-10-01', birth_date: '1949-10-01' } },
    { name: 'a birth exactly 7 years before', cells: { date: '2025-03-07', birth_date: '2018-03-07' } },
  ])('$name is plausible', async ({ cells }) => {
    const { issues, used } = await visits([visitRow(cells)]);
    expect(issues).toEqual([]);
    expect(used).toHaveLength(1);
    expect(VisitShape.safeParse(used[0]).success).toBe(true);
  });

  it('a future birth is not also visit-before-birth: one cause, one issue', async () => {
    const { issues } = await visits([visitRow({ date: '2026-01-01', birth_date: '2027-01-01' })]);
    expect(issues.map((i) => i.code)).toEqual(['future-date']);
  });

  it('a thousand future-dated rows are one group', async () => {
    const log = buildLog();
    const rows = Array.from({ length: 1000 }, (_, i) => visitRow({ date: '2052-04-03', child_id: `C${i}` }));
    await validateVisits(buildTable({ table: 'visits', header: VISIT_HEADER, rows, batchSize: 100 }), { isKnownArea: () => true, isKnownFacility: () => true, today: TODAY }, log, () => {});
    const groups = issuesOf(log);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ code: 'future-date', count: 1000, row: 2 });
    expect(groups[0].rows).toHaveLength(20);
  });
});

describe('the facility registry', () => {
  async function facilities(rows: RawCell[][]) {
    const log = buildLog();
    const outcome = await validateFacilities(buildTable({ table: 'facilities', header: FACILITY_HEADER, rows }), { isKnownArea: () => true, today: TODAY }, log);
    return { ...outcome, issues: issuesOf(log).map(({ code, row, column, value, params }) => ({ code, row, column, value, params })) };
  }

  it.each([
    { name: 'opened in 2205', cells: { opened: '2205年9月1日' }, code: 'future-date', column: 'opened', value: '2205-09-01' },
    { name: 'closed more than a year after today', cells: { closed: '2027-03-16' }, code: 'future-date', column: 'closed', value: '2027-03-16' },
    { name: 'opened before 1949-10-01', cells: { opened: '1900-01-01' }, code: 'implausible-date', column: 'opened', value: '1900-01-01' },
  ])('$name: $code, the row rejected', async ({ cells, code, column, value }) => {
    const { issues, counts } = await facilities([facilityRow(cells)]);
    expect(issues).toEqual([expect.objectContaining({ code, row: 2, column, value })]);
    expect(counts.rejected).toBe(1);
  });

  it('an opening planned within a year of today is real', async () => {
    const { issues, counts } = await facilities([facilityRow({ opened: '2027-03-15' })]);
    expect(issues).toEqual([]);
    expect(counts.used).toBe(1);
  });

  it.each([
    { slots: '1001', warned: true },
    { slots: '1000', warned: false },
  ])('slots $slots: implausible-slots is $warned (a warning, the row kept)', async ({ slots, warned }) => {
    const { issues, counts } = await facilities([facilityRow({ slots })]);
    expect(issues.map((i) => i.code)).toEqual(warned ? ['implausible-slots'] : []);
    expect(counts.used).toBe(1);
  });

  it.each([
    { name: 'a new community inclusive facility with 25 slots', cells: { type: '社区托育点', slots: '25', opened: '2025-04-01' }, warned: true },
    { name: 'one with 81 slots', cells: { type: '社区托育点', slots: '81', opened: '2025-12-31' }, warned: true },
    { name: 'one with 50 slots', cells: { type: '社区托育点', slots: '50', opened: '2025-04-01' }, warned: false },
    { name: 'one opened the year before', cells: { type: '社区托育点', slots: '25', opened: '2024-12-31' }, warned: false },
    { name: 'one not inclusive', cells: { type: '社区托育点', slots: '25', opened: '2025-04-01', inclusive: '否' }, warned: false },
    { name: 'a nursery', cells: { slots: '25', opened: '2025-04-01' }, warned: false },
  ])('new-community-slots-out-of-range for 2025: $name → $warned', async ({ cells, warned }) => {
    const outcome = await facilities([facilityRow(cells)]);
    const log = buildLog();
    const reporter = outcome.reporter!;
    // The check runs after validation, through the registry's reporter, into the run's log.
    (reporter as unknown as { log: unknown }).log = log;
    checkNewCommunitySlots(outcome.records, 2025, reporter);
    expect(issuesOf(log).map((i) => [i.code, i.row, i.value])).toEqual(warned ? [['new-community-slots-out-of-range', 2, cells.slots]] : []);
  });
});

describe('the census: units in headers, and numbers that cannot be', () => {
  const header = (population: string) => CENSUS_HEADER.map((c) => (c === '常住人口' ? population : c));

  async function census(populationHeader: string, rows: RawCell[][]) {
    const log = buildLog();
    const outcome = await validateCensus(buildTable({ table: 'census', header: header(populationHeader), rows }), log);
    return { ...outcome, issues: issuesOf(log) };
  }

  it.each([
    { header: '常住人口（万人）', cell: '12.0', population: 120_000 },
    { header: '常住人口（万人）', cell: 12, population: 120_000 },
    { header: '常住人口（万人）', cell: '12.35', population: 123_500 },
    { header: '常住人口（万人）', cell: 12.35, population: 123_500 },
    { header: '常住人口（万）', cell: '1.1', population: 11_000 },
    { header: '常住人口（千人）', cell: '48.7', population: 48_700 },
    { header: '常住人口（百人）', cell: '1,234', population: 123_400 },
    { header: '常住人口（人）', cell: '120000', population: 120_000 },
  ])('$header $cell = $population', async ({ header: text, cell, population }) => {
    const { records, issues } = await census(text, [['330106', '西湖区', '2025', cell, '100', '200']]);
    expect(records[0]?.population).toBe(population);
    expect(issues.filter((i) => i.code !== 'unit-scaled')).toEqual([]);
    if (text !== '常住人口（人）') expect(issues).toEqual([expect.objectContaining({ code: 'unit-scaled', row: 1, column: text, cell: 'D1' })]);
  });

  it.each([
    { cell: '12.345', code: 'not-integer' },
    { cell: '12.3x', code: 'not-integer' },
    { cell: '-1.5', code: 'negative-number' },
  ])('常住人口（万人） $cell is $code, the row rejected', async ({ cell, code }) => {
    const { records, issues } = await census('常住人口（万人）', [['330106', '西湖区', '2025', cell, '10', '20']]);
    expect(records).toEqual([]);
    expect(issues).toContainEqual(expect.objectContaining({ code, row: 2, column: '常住人口（万人）', value: cell, cell: 'D2' }));
  });

  it.each([
    { header: '常住人口（万人）', cell: '12.345', zh: '第2行「常住人口（万人）」（D2）按万人换算（×10,000）须得整数，且最多两位小数，实际为「12.345」', en: 'Row 2, “常住人口（万人）” (D2): in 万人 (×10,000) the value must come out whole, from at most 2 decimals, found “12.345”' },
    { header: '常住人口（千人）', cell: '0.255', zh: '第2行「常住人口（千人）」（D2）按千人换算（×1,000）须得整数，且最多两位小数，实际为「0.255」', en: 'Row 2, “常住人口（千人）” (D2): in 千人 (×1,000) the value must come out whole, from at most 2 decimals, found “0.255”' },
    { header: '常住人口（单位：万）', cell: '1.23456', zh: '第2行「常住人口（单位：万）」（D2）按万换算（×10,000）须得整数，且最多两位小数，实际为「1.23456」', en: 'Row 2, “常住人口（单位：万）” (D2): in 万 (×10,000) the value must come out whole, from at most 2 decimals, found “1.23456”' },
  ])('$header $cell: the not-integer names the unit, the factor and the rule', async ({ header: text, cell, zh, en }) => {
    const { issues } = await census(text, [['330106', '西湖区', '2025', cell, '10', '20']]);
    const notInteger = issues.find((i) => i.code === 'not-integer');
    expect(notInteger && renderMessage(notInteger, 'zh')).toBe(zh);
    expect(notInteger && renderMessage(notInteger, 'en')).toBe(en);
  });

  it('a plain integer column keeps the plain not-integer words', async () => {
    const { issues } = await census('常住人口', [['330106', '西湖区', '2025', '12.5', '10', '20']]);
    const notInteger = issues.find((i) => i.code === 'not-integer');
    expect(notInteger && renderMessage(notInteger, 'zh')).toBe('第2行「常住人口」（D2）应为整数，实际为「12.5」');
  });

  it('an unknown unit makes the required column, and so the table, unusable: every row rejected and counted', async () => {
    const { records, counts, issues } = await census('常住人口（户）', [['330106', '西湖区', '2025', '1000', '10', '20']]);
    expect(records).toEqual([]);
    expect(counts).toEqual({ read: 1, used: 0, rejected: 1, skipped: 0 });
    expect(issues.map((i) => i.code)).toEqual(['unknown-unit']);
  });

  it.each([
    { name: 'infants above the population', row: ['330106', '西湖区', '2025', '12', '800', '5'], column: '0-1岁婴儿数', value: '800' },
    { name: 'toddlers above the population', row: ['330106', '西湖区', '2025', '12', '2', '20'], column: '1-3岁幼儿数', value: '20' },
    { name: 'under threes above 10 % of 1,000+ residents', row: ['330106', '西湖区', '2025', '1000', '50', '60'], column: '常住人口', value: '1000' },
    { name: 'under threes below 0.1 % of 1,000+ residents', row: ['330106', '西湖区', '2025', '1000000', '0', '0'], column: '常住人口', value: '1000000' },
  ])('implausible-census: $name (a warning, the row kept)', async ({ row, column, value }) => {
    const { records, issues } = await census('常住人口', [row]);
    expect(issues).toEqual([expect.objectContaining({ code: 'implausible-census', row: 2, column, value })]);
    expect(records).toHaveLength(1);
  });

  it.each([
    { name: 'a small area with many children', row: ['330106', '西湖区', '2025', '900', '50', '60'] },
    { name: 'exactly 10 %', row: ['330106', '西湖区', '2025', '1000', '40', '60'] },
  ])('no warning for $name', async ({ row }) => {
    expect((await census('常住人口', [row])).issues).toEqual([]);
  });
});

describe('parseScaledInteger', () => {
  it.each<[RawCell, number, number | string]>([
    ['12.35', 10_000, 123_500],
    ['12.345', 10_000, 'not-integer'],
    ['0.5', 100, 50],
    ['0.25', 100, 25],
    ['0.255', 1_000, 'not-integer'],
    ['１２．３', 1_000, 12_300],
    ['', 10_000, 'missing-value'],
    [null, 10_000, 'missing-value'],
    [true, 10_000, 'not-integer'],
    ['1e3', 10_000, 'not-integer'],
    ['7', 1, 7],
  ])('%s × %d → %s', (cell, factor, expected) => {
    const result = parseScaledInteger(cell, { factor, unit: null });
    expect(result.ok ? result.value : result.code).toBe(expected);
  });
});

describe('calendar', () => {
  it.each([
    [dayNumber(2024, 2, 29), 1, dayNumber(2025, 2, 28)],
    [dayNumber(2025, 3, 15), 1, dayNumber(2026, 3, 15)],
    [dayNumber(2018, 3, 7), 7, dayNumber(2025, 3, 7)],
  ])('addYears(%d, %d) = %d', (day, years, expected) => {
    expect(addYears(day, years)).toBe(expected);
  });

  it('a birth 7 years and a day before the service is too early; 7 years exactly is not', () => {
    expect(isBirthTooEarly(dayNumber(2018, 3, 6), dayNumber(2025, 3, 7))).toBe(true);
    expect(isBirthTooEarly(dayNumber(2018, 3, 7), dayNumber(2025, 3, 7))).toBe(false);
  });
});
