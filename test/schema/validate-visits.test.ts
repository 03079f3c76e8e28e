import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../src/io/raw.js';
import { severityOf } from '../../src/issues/catalogue.js';
import { dayNumber } from '../../src/shared/dates.js';
import type { Visit } from '../../src/schema/records.js';
import { hashVisit, validateVisits } from '../../src/schema/validate-visits.js';
import { buildLog, buildTable, issuesOf, VISIT_HEADER, visitRow } from './builders.js';

/** The day of these runs: fixed, as TUOYU_TODAY fixes it for the CLI. */
const TODAY = dayNumber(2026, 1, 15);
const ctx = { isKnownArea: (code: string) => code.startsWith('330106'), isKnownFacility: (id: string) => id === 'F1' || id === 'F2', today: TODAY };

async function runVisits(rows: (RawCell[] | RawRow)[], header: RawCell[] = VISIT_HEADER) {
  const log = buildLog();
  const visits: Visit[] = [];
  const { counts } = await validateVisits(buildTable({ table: 'visits', header, rows, batchSize: 3 }), ctx, log, (v) => visits.push(v));
  return { counts, visits, issues: issuesOf(log) };
}

describe('validateVisits', () => {
  it('hands on a guidance record and an outreach record without child fields', async () => {
    const { visits, issues, counts } = await runVisits([
      visitRow({ record_id: 'R1' }),
      visitRow({ record_id: 'R2', kind: '进社区进家庭指导', child_id: '', birth_date: '', area_code: '', facility_id: 'F1' }),
    ]);
    expect(issues).toEqual([]);
    expect(counts).toEqual({ read: 2, used: 2, rejected: 0, skipped: 0 });
    expect(visits).toEqual([
      { recordId: 'R1', date: dayNumber(2025, 3, 7), kind: 'guidance', childId: 'C1', birthDate: dayNumber(2024, 6, 1), areaCode: '330106001001', facilityId: null, row: 2, childIndex: 0 },
      { recordId: 'R2', date: dayNumber(2025, 3, 7), kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'F1', row: 3 },
    ]);
  });

  it.each<{ name: string; rows: RawCell[][]; code: string; row: number; column: string | null; value: string | null; used: number }>([
    { name: 'missing-value: a guidance record without a child', rows: [visitRow({ child_id: '' })], code: 'missing-value', row: 2, column: 'child_id', value: null, used: 0 },
    { name: 'missing-value: an activity without a birth date', rows: [visitRow({ kind: 'activity', birth_date: null })], code: 'missing-value', row: 2, column: 'birth_date', value: null, used: 0 },
    { name: 'missing-value: an online record without an area', rows: [visitRow({ kind: '线上指导', area_code: '' })], code: 'missing-value', row: 2, column: 'area_code', value: null, used: 0 },
    { name: 'missing-value: outreach without a facility', rows: [visitRow({ kind: 'outreach' })], code: 'missing-value', row: 2, column: 'facility_id', value: null, used: 0 },
    { name: 'missing-value: no date', rows: [visitRow({ date: '' })], code: 'missing-value', row: 2, column: 'date', value: null, used: 0 },
    { name: 'invalid-enum: an unknown kind', rows: [visitRow({ kind: '家访' })], code: 'invalid-enum', row: 2, column: 'kind', value: '家访', used: 0 },
    { name: 'invalid-date', rows: [visitRow({ date: '2025-02-30' })], code: 'invalid-date', row: 2, column: 'date', value: '2025-02-30', used: 0 },
    { name: 'ambiguous-date', rows: [visitRow({ birth_date: '06/01/2024' })], code: 'ambiguous-date', row: 2, column: 'birth_date', value: '06/01/2024', used: 0 },
    { name: 'invalid-area-code', rows: [visitRow({ area_code: 'abc' })], code: 'invalid-area-code', row: 2, column: 'area_code', value: 'abc', used: 0 },
    { name: 'unknown-area', rows: [visitRow({ area_code: '110101001001' })], code: 'unknown-area', row: 2, column: 'area_code', value: '110101001001', used: 0 },
    { name: 'unknown-facility', rows: [visitRow({ facility_id: 'F9' })], code: 'unknown-facility', row: 2, column: 'facility_id', value: 'F9', used: 0 },
    { name: 'visit-before-birth', rows: [visitRow({ date: '2024-05-31' })], code: 'visit-before-birth', row: 2, column: 'birth_date', value: '2024-06-01', used: 0 },
    { name: 'duplicate-id: a repeated record id, the later row rejected', rows: [visitRow({ record_id: 'R1' }), visitRow({ record_id: 'R1', child_id: 'C2' })], code: 'duplicate-id', row: 3, column: 'record_id', value: 'R1', used: 1 },
    { name: 'duplicate-row: an identical row without an id is kept', rows: [visitRow(), visitRow({ date: '2025/3/7' })], code: 'duplicate-row', row: 3, column: null, value: null, used: 2 },
    { name: 'inconsistent-birth-date: reported on the later row and kept', rows: [visitRow(), visitRow({ date: '2025-04-01', birth_date: '2024-06-02' })], code: 'inconsistent-birth-date', row: 3, column: 'birth_date', value: '2024-06-02', used: 2 },
    { name: 'extra-cells', rows: [[...visitRow(), 'x']], code: 'extra-cells', row: 2, column: 'H', value: 'x', used: 0 },
  ])('$name', async ({ rows, code, row, column, value, used }) => {
    const { issues, counts } = await runVisits(rows);
    expect(issues).toEqual([expect.objectContaining({ code, row, column, value, table: 'visits', file: 'visits.csv' })]);
    expect(counts.used).toBe(used);
    expect(counts.rejected).toBe(rows.length - used);
    expect(severityOf(code)).toBe(['duplicate-row', 'inconsistent-birth-date'].includes(code) ? 'warning' : 'error');
  });

  it('reports an inconsistent birth date once per child', async () => {
    const { issues } = await runVisits([
      visitRow(), visitRow({ date: '2025-04-01', birth_date: '2024-06-02' }), visitRow({ date: '2025-05-01', birth_date: '2024-06-03' }),
    ]);
    expect(issues.map((i) => i.code)).toEqual(['inconsistent-birth-date']);
  });

  it('does not call rows with record ids duplicates of each other', async () => {
    const { issues } = await runVisits([visitRow({ record_id: 'R1' }), visitRow({ record_id: 'R2' })]);
    expect(issues).toEqual([]);
  });

  it('does not call rows that differ in one field duplicates', async () => {
    const { issues } = await runVisits([visitRow(), visitRow({ kind: 'activity' }), visitRow({ child_id: 'C10' }), visitRow({ area_code: '330106001002' })]);
    expect(issues).toEqual([]);
  });

  it('hashes fields apart, not run together', () => {
    const day = dayNumber(2025, 1, 1);
    expect(hashVisit(day, 'guidance', 'AB', null, 'C', null)).not.toBe(hashVisit(day, 'guidance', 'A', null, 'BC', null));
    expect(hashVisit(day, 'guidance', 'A', null, null, null)).not.toBe(hashVisit(day, 'guidance', null, null, 'A', null));
    expect(Number.isSafeInteger(hashVisit(day, 'online', 'x', day, '330106', 'F1'))).toBe(true);
  });

  it('with an unreadable kind checks only the child fields that are given', async () => {
    const { issues } = await runVisits([visitRow({ kind: '?', child_id: '', birth_date: '', area_code: '' })]);
    expect(issues.map((i) => i.code)).toEqual(['invalid-enum']);
  });

  it('without a kind column the table is unusable and every row is counted rejected', async () => {
    const { counts, issues } = await runVisits([visitRow(), visitRow()], VISIT_HEADER.filter((h) => h !== 'kind'));
    expect(issues.map((i) => i.code)).toEqual(['missing-column']);
    expect(counts).toEqual({ read: 2, used: 0, rejected: 2, skipped: 0 });
  });

  it('keeps read = used + rejected + skipped across batches, problems included', async () => {
    const rows: (RawCell[] | RawRow)[] = [];
    for (let i = 0; i < 50; i++) {
      if (i % 7 === 0) rows.push({ row: i + 2, cells: [], problem: { code: 'cell-too-large', column: 'child_id', value: null, params: { limit: 32767 } } });
      else rows.push(visitRow({ record_id: `R${i % 40}`, date: i % 5 === 0 ? 'bad' : '2025-03-07' }));
    }
    const { counts, visits } = await runVisits(rows);
    expect(counts.read).toBe(50);
    expect(counts.used + counts.rejected + counts.skipped).toBe(counts.read);
    expect(visits.length).toBe(counts.used);
  });
});
