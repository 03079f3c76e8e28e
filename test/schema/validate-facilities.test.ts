import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../src/io/raw.js';
import { severityOf } from '../../src/issues/catalogue.js';
import { dayNumber } from '../../src/shared/dates.js';
import { validateFacilities } from '../../src/schema/validate-facilities.js';
import { buildLog, buildTable, FACILITY_HEADER, facilityRow, issuesOf } from './builders.js';

const isKnownArea = (code: string) => code.startsWith('330106');
/** The day of these runs: fixed, as TUOYU_TODAY fixes it for the CLI. */
const TODAY = dayNumber(2026, 1, 15);

async function runFacilities(rows: (RawCell[] | RawRow)[], header: RawCell[] = FACILITY_HEADER) {
  const log = buildLog();
  const outcome = await validateFacilities(buildTable({ table: 'facilities', header, rows, file: 'f.xlsx', sheet: '机构' }), { isKnownArea, today: TODAY }, log);
  return { ...outcome, issues: issuesOf(log) };
}

describe('validateFacilities', () => {
  it('reads a facility with defaults for the optional columns', async () => {
    const { records, counts, issues } = await runFacilities([facilityRow()]);
    expect(issues).toEqual([]);
    expect(counts).toEqual({ read: 1, used: 1, rejected: 0, skipped: 0 });
    expect(records).toEqual([{
      facilityId: 'F1', name: '阳光托育', areaCode: '330106001', type: 'nursery', inclusive: true, slots: 50,
      toddlerClasses: 0, toddlerClassesNew: 0, provincial: false, demonstration: false,
      opened: dayNumber(2020, 1, 1), closed: null, row: 2,
    }]);
  });

  it('lists the id of a row rejected for another problem, so that records naming it are not unknown-facility', async () => {
    const { records, listedIds } = await runFacilities([facilityRow(), facilityRow({ facility_id: 'F2', slots: '约50' })]);
    expect(records.map((f) => f.facilityId)).toEqual(['F1']);
    expect(listedIds).toEqual(['F1', 'F2']);
  });

  it('reads Excel-typed cells', async () => {
    const { records } = await runFacilities([facilityRow({
      facility_id: 1001, area_code: 330106001000, type: 'Kindergarten', inclusive: true, slots: 20.0,
      toddler_classes: 3, toddler_classes_new: 1, opened: new Date(Date.UTC(2024, 8, 1)), closed: 46000,
    })]);
    expect(records[0]).toMatchObject({
      facilityId: '1001', areaCode: '330106001', type: 'kindergarten', slots: 20, toddlerClasses: 3, toddlerClassesNew: 1,
      opened: dayNumber(2024, 9, 1),
    });
  });

  it.each<{ name: string; rows: RawCell[][]; code: string; row: number; column: string; value: string | null }>([
    { name: 'duplicate-id: the later row is rejected', rows: [facilityRow(), facilityRow({ name: '另一家' })], code: 'duplicate-id', row: 3, column: 'facility_id', value: 'F1' },
    { name: 'unknown-area', rows: [facilityRow({ area_code: '110101' })], code: 'unknown-area', row: 2, column: 'area_code', value: '110101' },
    { name: 'closed-before-opened: closed on the day it opened', rows: [facilityRow({ opened: '2024-01-01', closed: '2024/1/1' })], code: 'closed-before-opened', row: 2, column: 'closed', value: '2024-01-01' },
    { name: 'classes-new-exceeds-total', rows: [facilityRow({ toddler_classes: '2', toddler_classes_new: '3' })], code: 'classes-new-exceeds-total', row: 2, column: 'toddler_classes_new', value: '3' },
    { name: 'classes-new-exceeds-total when toddler classes default to 0', rows: [facilityRow({ toddler_classes_new: '1' })], code: 'classes-new-exceeds-total', row: 2, column: 'toddler_classes_new', value: '1' },
    { name: 'missing-value: no id', rows: [facilityRow({ facility_id: ' ' })], code: 'missing-value', row: 2, column: 'facility_id', value: null },
    { name: 'missing-value: no slots', rows: [facilityRow({ slots: null })], code: 'missing-value', row: 2, column: 'slots', value: null },
    { name: 'invalid-enum: an unknown type', rows: [facilityRow({ type: '早教中心' })], code: 'invalid-enum', row: 2, column: 'type', value: '早教中心' },
    { name: 'invalid-boolean', rows: [facilityRow({ inclusive: '部分' })], code: 'invalid-boolean', row: 2, column: 'inclusive', value: '部分' },
    { name: 'not-integer: decimal slots', rows: [facilityRow({ slots: '12.5' })], code: 'not-integer', row: 2, column: 'slots', value: '12.5' },
    { name: 'invalid-date', rows: [facilityRow({ opened: '2025-02-30' })], code: 'invalid-date', row: 2, column: 'opened', value: '2025-02-30' },
    { name: 'ambiguous-date', rows: [facilityRow({ opened: '03/07/2025' })], code: 'ambiguous-date', row: 2, column: 'opened', value: '03/07/2025' },
    { name: 'invalid-area-code', rows: [facilityRow({ area_code: '3301060011' })], code: 'invalid-area-code', row: 2, column: 'area_code', value: '3301060011' },
  ])('$name', async ({ rows, code, row, column, value }) => {
    const { issues, counts } = await runFacilities(rows);
    expect(issues).toEqual([expect.objectContaining({ code, row, column, value, table: 'facilities', file: 'f.xlsx', sheet: '机构' })]);
    expect(severityOf(code)).toBe('error');
    expect(counts.rejected).toBe(1);
    expect(counts.read).toBe(counts.used + counts.rejected + counts.skipped);
  });

  it('positions issues by the header as written in the file', async () => {
    const header = FACILITY_HEADER.map((h) => (h === 'slots' ? '托位数（个）' : h));
    const { issues } = await runFacilities([facilityRow({ slots: '约100' })], header);
    expect(issues[0]).toMatchObject({ code: 'not-integer', column: '托位数（个）', value: '约100' });
  });

  it('reports every error of a row, not only the first', async () => {
    const { issues } = await runFacilities([facilityRow({ slots: 'x', inclusive: '?', area_code: '1' })]);
    expect(issues.map((i) => i.code).sort()).toEqual(['invalid-area-code', 'invalid-boolean', 'not-integer']);
  });
});
