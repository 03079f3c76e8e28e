/**
 * The quality self-assessments (SPEC §9, the optional fourth table): one row
 * per assessment of a facility against WS/T 821—2023 — its seven dimension
 * scores, whether the basic items all passed, and the level given. A few
 * rows per facility a year: held in memory.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog, LazyParams } from '../issues/collector.js';
import { TABLE_COLUMNS } from './columns.js';
import { checkEventDate } from './plausibility.js';
import { suggestBoolean, suggestEnum } from './suggest.js';
import {
  QUALITY_DIMENSIONS,
  type Assessment,
  type AssessmentKind,
  type AssessmentLevel,
  type DayNumber,
  type QualityDimension,
} from './records.js';
import { cellAt, cellReader, checkRows, emptyCounts, openTable, textOf, type TableOutcome } from './row-checks.js';
import { parseBoolean, parseDate, parseEnum, parseScore } from './values.js';

export interface AssessmentContext {
  /** A facility the registry lists (SPEC §9: `unknown-facility` otherwise). */
  isKnownFacility(id: string): boolean;
  /** The day of the run: an assessment after it is `future-date` (SPEC §5). */
  today: DayNumber;
  /** Why an id is unknown, or the nearest known one ("did you mean"); worked out only for a group that is listed. */
  explainUnknownFacility?: (id: string) => ReturnType<LazyParams>;
}

const DIMENSIONS = Object.keys(QUALITY_DIMENSIONS) as QualityDimension[];
const COLUMNS = ['facility_id', 'date', 'kind', ...DIMENSIONS, 'basic_passed', 'level'] as const;

const KIND_VALUES = TABLE_COLUMNS.assessments.find((c) => c.id === 'kind')?.values ?? [];
const LEVEL_VALUES = TABLE_COLUMNS.assessments.find((c) => c.id === 'level')?.values ?? [];

export interface AssessmentsOutcome extends TableOutcome<Assessment> {
  /** False when the header is unusable (a required column missing): then there is no table to compute from. */
  usable: boolean;
}

export async function validateAssessments(table: RawTable, ctx: AssessmentContext, log: IssueLog): Promise<AssessmentsOutcome> {
  const counts = emptyCounts();
  const open = await openTable('assessments', table, COLUMNS, log, counts);
  if (open === null) return { records: [], counts, usable: false };

  const { col, reporter } = open;
  const records: Assessment[] = [];

  await checkRows(table, reporter, counts, (raw) => {
    const row = raw.row;
    open.checkExtraCells(raw);
    const read = cellReader(raw, col, reporter);

    const facilityId = textOf(cellAt(raw.cells, col.facility_id));
    if (facilityId === null) reporter.report('missing-value', row, 'facility_id', null);
    else if (!ctx.isKnownFacility(facilityId)) {
      const explain = ctx.explainUnknownFacility;
      reporter.report('unknown-facility', row, 'facility_id', facilityId, undefined, explain && (() => explain(facilityId)));
    }
    const date = read<DayNumber | null>('date', parseDate, null, true);
    if (date !== null) checkEventDate(reporter, row, 'date', date, ctx.today);
    const kind = read('kind', (cell) => parseEnum(KIND_VALUES, cell), '', true, (cell) => suggestEnum(KIND_VALUES, cell)) as AssessmentKind | '';
    const scores = {} as Record<QualityDimension, number>;
    for (const dimension of DIMENSIONS) {
      scores[dimension] = read(dimension, (cell) => parseScore(cell, QUALITY_DIMENSIONS[dimension]), 0, true);
    }
    const basicPassed = read('basic_passed', parseBoolean, false, true, suggestBoolean);
    const level = read<string | null>('level', (cell) => parseEnum(LEVEL_VALUES, cell), null, false, (cell) => suggestEnum(LEVEL_VALUES, cell)) as AssessmentLevel | null;

    if (reporter.errors > 0) return 'rejected';
    // A row without errors has its id, date and kind (each reports missing-value otherwise).
    records.push({ facilityId: facilityId as string, date: date as DayNumber, kind: kind as AssessmentKind, scores, basicPassed, level, row });
    return 'used';
  });
  return { records, counts, usable: true };
}
