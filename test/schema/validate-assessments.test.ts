import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/io/raw.js';
import { severityOf } from '../../src/issues/catalogue.js';
import { dayNumber } from '../../src/shared/dates.js';
import { validateAssessments } from '../../src/schema/validate-assessments.js';
import { parseScore } from '../../src/schema/values.js';
import { buildLog, buildTable, issuesOf } from './builders.js';

/** The Chinese headers of SPEC §9, as a district's template has them. */
const HEADER: RawCell[] = [
  '机构编码', '评估日期', '评估类型', '办托条件', '托育队伍', '保育照护', '卫生保健', '养育支持', '安全保障', '机构管理', '基础指标全部达标', '评估等级',
];
const IDS = ['facility_id', 'date', 'kind', 'conditions', 'staff', 'care', 'health', 'family_support', 'safety', 'management', 'basic_passed', 'level'];

function assessmentRow(overrides: Partial<Record<string, RawCell>> = {}): RawCell[] {
  const base: Record<string, RawCell> = {
    facility_id: 'F1', date: '2025-05-20', kind: '自评', conditions: '90', staff: '120.5', care: '180', health: '200',
    family_support: '70', safety: '190', management: '60', basic_passed: '是', level: 'B',
  };
  const merged = { ...base, ...overrides };
  return IDS.map((id) => merged[id] ?? null);
}

const isKnownFacility = (id: string) => id === 'F1' || id === 'F2';
/** The day of these runs: fixed, as TUOYU_TODAY fixes it for the CLI. */
const TODAY = dayNumber(2026, 1, 15);

async function runAssessments(rows: RawCell[][], header: RawCell[] = HEADER) {
  const log = buildLog();
  const outcome = await validateAssessments(buildTable({ table: 'assessments', header, rows, file: '质量评估.xlsx', sheet: '质量评估' }), { isKnownFacility, today: TODAY }, log);
  return { ...outcome, issues: issuesOf(log) };
}

describe('validateAssessments (SPEC §9)', () => {
  it('reads an assessment: kind, seven scores, basic items and level', async () => {
    const { records, counts, issues, usable } = await runAssessments([
      assessmentRow(),
      assessmentRow({ facility_id: 'F2', kind: 'external', level: '' }),
      assessmentRow({ kind: '外部评估', level: 'C级' }),
    ]);
    expect(issues).toEqual([]);
    expect(usable).toBe(true);
    expect(counts).toEqual({ read: 3, used: 3, rejected: 0, skipped: 0 });
    expect(records[0]).toEqual({
      facilityId: 'F1', date: dayNumber(2025, 5, 20), kind: 'self',
      scores: { conditions: 90, staff: 120.5, care: 180, health: 200, family_support: 70, safety: 190, management: 60 },
      basicPassed: true, level: 'B', row: 2,
    });
    expect(records[1]).toMatchObject({ facilityId: 'F2', kind: 'external', level: null, row: 3 });
    expect(records[2]).toMatchObject({ kind: 'external', level: 'C' });
  });

  it('reads Excel-typed cells: number scores, a date cell, a boolean', async () => {
    const { records, issues } = await runAssessments([
      assessmentRow({ date: new Date(Date.UTC(2025, 0, 2)), staff: 85.3, care: 200, basic_passed: false, level: 'a' }),
    ]);
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({ date: dayNumber(2025, 1, 2), basicPassed: false, level: 'A', scores: expect.objectContaining({ staff: 85.3, care: 200 }) });
  });

  it.each<{ name: string; row: RawCell[]; code: string; column: string; value: string | null }>([
    { name: 'score-out-of-range: above the dimension maximum', row: assessmentRow({ care: '200.5' }), code: 'score-out-of-range', column: '保育照护', value: '200.5' },
    { name: 'score-out-of-range: below 0', row: assessmentRow({ management: '-1' }), code: 'score-out-of-range', column: '机构管理', value: '-1' },
    { name: 'score-out-of-range: a number cell above 140', row: assessmentRow({ staff: 141 }), code: 'score-out-of-range', column: '托育队伍', value: '141' },
    { name: 'invalid-score: two decimals', row: assessmentRow({ health: '85.25' }), code: 'invalid-score', column: '卫生保健', value: '85.25' },
    { name: 'invalid-score: words', row: assessmentRow({ safety: '良好' }), code: 'invalid-score', column: '安全保障', value: '良好' },
    { name: 'missing-value: a score left empty', row: assessmentRow({ conditions: '' }), code: 'missing-value', column: '办托条件', value: null },
    { name: 'unknown-facility', row: assessmentRow({ facility_id: 'F9' }), code: 'unknown-facility', column: '机构编码', value: 'F9' },
    { name: 'missing-value: no facility', row: assessmentRow({ facility_id: '' }), code: 'missing-value', column: '机构编码', value: null },
    { name: 'invalid-enum: a kind that is neither', row: assessmentRow({ kind: '抽查' }), code: 'invalid-enum', column: '评估类型', value: '抽查' },
    { name: 'invalid-enum: level E', row: assessmentRow({ level: 'E' }), code: 'invalid-enum', column: '评估等级', value: 'E' },
    { name: 'invalid-boolean', row: assessmentRow({ basic_passed: '基本' }), code: 'invalid-boolean', column: '基础指标全部达标', value: '基本' },
    { name: 'invalid-date', row: assessmentRow({ date: '2025-02-30' }), code: 'invalid-date', column: '评估日期', value: '2025-02-30' },
  ])('$name', async ({ row, code, column, value }) => {
    const { issues, counts } = await runAssessments([row]);
    expect(issues).toEqual([expect.objectContaining({ code, row: 2, column, value, table: 'assessments', file: '质量评估.xlsx', sheet: '质量评估' })]);
    expect(severityOf(code)).toBe('error');
    expect(counts).toEqual({ read: 1, used: 0, rejected: 1, skipped: 0 });
  });

  it('is unusable without a required column, and says which', async () => {
    const { usable, issues, counts } = await runAssessments([assessmentRow()], HEADER.filter((h) => h !== '安全保障'));
    expect(usable).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ code: 'missing-column', column: 'safety' })]);
    expect(counts).toEqual({ read: 1, used: 0, rejected: 1, skipped: 0 });
  });

  it('matches English headers and a level column left out', async () => {
    const { records, issues } = await runAssessments([assessmentRow().slice(0, 11)], IDS.slice(0, 11));
    expect(issues).toEqual([]);
    expect(records[0].level).toBeNull();
  });
});

describe('parseScore', () => {
  it.each<{ cell: RawCell; max: number; value: number }>([
    { cell: '85', max: 100, value: 85 },
    { cell: '85.5', max: 100, value: 85.5 },
    { cell: '85.50', max: 100, value: 85.5 },
    { cell: '１２０．５', max: 140, value: 120.5 },
    { cell: ' 0 ', max: 70, value: 0 },
    { cell: '70', max: 70, value: 70 },
    { cell: 85.3, max: 100, value: 85.3 },
    // A formula result carries binary noise: still a tenth.
    { cell: 0.1 + 0.2, max: 100, value: 0.3 },
  ])('$cell (max $max) reads as $value', ({ cell, max, value }) => {
    expect(parseScore(cell, max)).toEqual({ ok: true, value });
  });

  it.each<{ cell: RawCell; max: number; code: string }>([
    { cell: '70.1', max: 70, code: 'score-out-of-range' },
    { cell: -0.5, max: 70, code: 'score-out-of-range' },
    { cell: '85.05', max: 100, code: 'invalid-score' },
    { cell: 85.25, max: 100, code: 'invalid-score' },
    { cell: '85分', max: 100, code: 'invalid-score' },
    { cell: '1e2', max: 100, code: 'invalid-score' },
    { cell: true, max: 100, code: 'invalid-score' },
    { cell: Number.NaN, max: 100, code: 'invalid-score' },
    { cell: '', max: 100, code: 'missing-value' },
    { cell: null, max: 100, code: 'missing-value' },
  ])('$cell (max $max) is $code', ({ cell, max, code }) => {
    expect(parseScore(cell, max)).toMatchObject({ ok: false, code });
  });
});
