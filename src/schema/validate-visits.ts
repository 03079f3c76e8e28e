/**
 * The service records (SPEC §3): up to millions of rows, so they are checked
 * and handed on one by one (to the fold, and to `onVisit`), never stored.
 * Each row's cells are checked on their own (visit-cells.ts), then settled
 * in row order against the rows before it (settle-visits.ts); only what
 * duplicate detection needs is kept: each record id's bytes, a 64-bit
 * fingerprint per record without an id, and one birth date per child.
 *
 * This is how a table read as rows of cells (a workbook's sheet) is checked,
 * and the reference the byte path for CSV files (visit-bytes.ts) is held to.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog, LazyParams } from '../issues/collector.js';
import type { DayNumber } from '../shared/dates.js';
import { aloneInRun, type PlaceInRun } from './cross-submission.js';
import { fingerprintHigh, fingerprintLow } from './fingerprint-set.js';
import { matchHeader } from './headers.js';
import { VISIT_KINDS, type Visit, type VisitKind } from './records.js';
import { RowReporter, emptyCounts, settleHeader, type RowCounts } from './row-checks.js';
import { VisitSettler, type VisitSink } from './settle-visits.js';
import { fingerprintValues, NO_BIRTH, RecordedIssues, VisitBatch, VisitKeys } from './visit-batch.js';
import { VisitCellChecker, visitColumns } from './visit-cells.js';

export interface VisitContext {
  isKnownArea(code: string): boolean;
  /** A facility the registry lists (SPEC §3 `unknown-facility`). */
  isKnownFacility(id: string): boolean;
  /** The day of the run (SPEC §5 `future-date`): TUOYU_TODAY, or the local date. */
  today: DayNumber;
  /** For a listed `unknown-area`: the nearest known code, and the rejected census row that caused it, if any. */
  explainUnknownArea?: (code: string) => ReturnType<LazyParams>;
  /** For a listed `unknown-facility`: the nearest listed facility id. */
  explainUnknownFacility?: (id: string) => ReturnType<LazyParams>;
  /**
   * The table's place among the tables of a run of several submissions
   * (SPEC §8): record ids, rows and children are then known across them.
   * Without it the table is a run of its own.
   */
  place?: PlaceInRun;
}

export async function validateVisits(
  table: RawTable,
  ctx: VisitContext,
  log: IssueLog,
  onVisit?: (visit: Visit) => void,
  fold?: { sink: VisitSink; rowOffset: number; onUsed?: () => void },
): Promise<{ counts: RowCounts; lastUsedRow: number }> {
  const counts = emptyCounts();
  const match = matchHeader('visits', table.header, table.source);
  if (!(await settleHeader(table, match, log, counts))) return { counts, lastUsedRow: 0 };
  const place = ctx.place ?? aloneInRun(table.source);
  const keys = new VisitKeys(ctx.isKnownArea, ctx.isKnownFacility);
  const checker = new VisitCellChecker(visitColumns(match, table.header), { today: ctx.today, several: place.cross.several }, keys, new RecordedIssues());
  const settler = new VisitSettler({
    place,
    reporter: new RowReporter(table.source, match.headerText, log, match.columnIndex),
    counts,
    sink: fold?.sink ?? null,
    sinkRowOffset: fold?.rowOffset,
    onVisit,
    onUsed: fold?.onUsed,
    explainUnknownArea: ctx.explainUnknownArea,
    explainUnknownFacility: ctx.explainUnknownFacility,
  });
  const part = settler.part(keys, 0);
  const batch = new VisitBatch();
  for await (const rows of table.batches) {
    batch.clear();
    for (let i = 0; i < rows.length; i++) checker.check(rows[i], batch);
    settler.settle(batch, part);
  }
  return { counts, lastUsedRow: settler.lastUsedRow };
}

/** 53 bits of a record's values fingerprint as one number, for tests of what counts as the same record. */
export function hashVisit(
  date: number, kind: VisitKind, childId: string | null, birthDate: number | null, areaCode: string | null, facilityId: string | null,
): number {
  const keys = new VisitKeys();
  const child = childId === null ? -1 : keys.child(childId);
  const area = areaCode === null ? -1 : keys.area(areaCode);
  const facility = facilityId === null ? -1 : keys.facility(facilityId);
  fingerprintValues(keys, date, VISIT_KINDS.indexOf(kind), child, birthDate ?? NO_BIRTH, area, facility, null, 0, 0);
  return (fingerprintHigh() >>> 0) * 0x200000 + (fingerprintLow() >>> 11);
}
