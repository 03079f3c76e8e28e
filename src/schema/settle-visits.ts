/**
 * The second step of a service record (see visit-batch.ts), in row order,
 * over every part of a table in turn and every table of the run: what a
 * record's fate owes to the rows before it. Its cells' issues are filed
 * first, as they were found; then a record id seen before is `duplicate-id`
 * (the first row with an id owns it even when rejected); a row with an error
 * is rejected; a record without an id identical to an earlier one is
 * `duplicate-row` (kept); with several submissions, a record id an earlier
 * submission had is counted once or conflicts (SPEC §8); a child's birth
 * date that differs from the first one is `inconsistent-birth-date` (once
 * per child); and a record used goes to the fold.
 *
 * Because all of this runs here, in order, whatever thread checked the
 * cells, a table read in parts gives what it gives read whole: a duplicate
 * id whose two rows lie in different parts is found here like any other.
 */
import type { LazyParams } from '../issues/collector.js';
import { isoDate } from '../shared/dates.js';
import type { DayNumber } from '../shared/dates.js';
import { recordRepeatCode, RECORD_NEW, type PlaceInRun } from './cross-submission.js';
import type { Explainer } from './explain-unknown.js';
import { VISIT_KINDS, type Visit } from './records.js';
import type { RowCounts, RowReporter } from './row-checks.js';
import { suggestEnum } from './suggest.js';
import { KIND_VALUES, OUTREACH } from './visit-cells.js';
import {
  EXPLAIN_AREA,
  EXPLAIN_FACILITY,
  EXPLAIN_KIND,
  F_AREA,
  F_BIRTH,
  F_CHILD,
  F_DATE,
  F_FACILITY,
  F_FLAGS,
  F_ID_END,
  F_ID_START,
  F_ROW,
  F_VALUES_HIGH,
  F_VALUES_LOW,
  FLAG_ERRORS,
  FLAG_RECORD_ID,
  FLAG_UNREADABLE,
  KIND_BITS,
  NO_BIRTH,
  ROW_FIELDS,
  type RecordedIssue,
  type VisitBatch,
  type VisitKeys,
} from './visit-batch.js';

/**
 * Where used records go: the fold's shape (engine/visit-fold.ts), by
 * numbers. Indices of areas and facilities are the sink's own.
 */
export interface VisitSink {
  areaIndex(code: string): number;
  facilityIndex(id: string): number;
  addRecord(date: DayNumber, kind: number, child: number, birthDate: DayNumber, area: number, facility: number, row: number): void;
}

export interface SettleOptions {
  place: PlaceInRun;
  reporter: RowReporter;
  counts: RowCounts;
  /** The fold, or null when only issues and counts are wanted. */
  sink: VisitSink | null;
  /** Added to every row handed to the sink (several tables of a run: "then by row" follows their order). */
  sinkRowOffset?: number;
  /** Each used record as an object, in row order (the API's `onVisit`). */
  onVisit?: (visit: Visit) => void;
  /** Called once per used record, after it went to the sink (a progress count). */
  onUsed?: () => void;
  explainUnknownArea?: Explainer;
  explainUnknownFacility?: Explainer;
}

/** Below any day number a date cell can give: marks a child whose birth dates were found to differ. */
const REPORTED = -0x80000000;
const utf8 = new TextDecoder();

/** Settles the batches of one visits table, part after part, in row order. */
export class VisitSettler {
  private readonly several: boolean;
  private readonly sinkRowOffset: number;
  /** The row of the last record used (0 before any): where the next table's rows are numbered on from in the sink. */
  lastUsedRow = 0;

  constructor(private readonly options: SettleOptions) {
    this.several = options.place.cross.several;
    this.sinkRowOffset = options.sinkRowOffset ?? 0;
  }

  /** A part of the table read with `keys`, whose rows are numbered from `rowOffset` + 1 on. */
  part(keys: VisitKeys, rowOffset: number): SettlePart {
    return { keys, rowOffset, children: new Int32Array(0), areas: new Int32Array(0), facilities: new Int32Array(0) };
  }

  /** The rows of `batch`, which `part` read. */
  settle(batch: VisitBatch, part: SettlePart): void {
    const { place, reporter, counts, sink, onVisit, onUsed } = this.options;
    const { cross, table } = place;
    const records = cross.records;
    const children = cross.children;
    const births = children.births;
    const keys = part.keys;
    const several = this.several;
    const fields = batch.fields;
    const issues = batch.issues;
    const rowOffset = part.rowOffset;
    let next = 0;
    this.fitRemaps(part);
    if (batch.idLength > 0) records.takeIds(batch.ids, batch.idLength);
    const childRemap = part.children;
    for (let at = 0; at < batch.count; at++) {
      const base = at * ROW_FIELDS;
      const flags = fields[base + F_FLAGS];
      const row = fields[base + F_ROW] + rowOffset;
      counts.read++;
      reporter.beginRow();
      while (next < issues.length && issues[next].at === at) this.file(issues[next++], rowOffset);
      if ((flags & FLAG_UNREADABLE) !== 0) {
        counts.rejected++;
        continue;
      }
      const hasId = (flags & FLAG_RECORD_ID) !== 0;
      if (hasId) {
        const firstRow = records.seeId(fields[base + F_ID_START], fields[base + F_ID_END], table, row);
        if (firstRow !== 0) reporter.report('duplicate-id', row, 'record_id', recordIdOf(batch, base), records.paramsOf(firstRow));
      }
      if ((flags & FLAG_ERRORS) !== 0 || reporter.errors > 0) {
        if (several) records.rejectRecord();
        counts.rejected++;
        continue;
      }

      if (!hasId) {
        const firstRow = records.seeRowWithoutId(fields[base + F_VALUES_HIGH], fields[base + F_VALUES_LOW], table, row);
        if (firstRow !== 0) reporter.report('duplicate-row', row, null, null, records.paramsOf(firstRow));
      } else if (several) {
        // SPEC §8: an id an earlier submission had is counted once when the records agree, else rejected.
        const verdict = records.judgeRecord(fields[base + F_VALUES_HIGH], fields[base + F_VALUES_LOW], table);
        if (verdict !== RECORD_NEW) {
          reporter.report(recordRepeatCode(verdict), row, 'record_id', recordIdOf(batch, base), records.params);
          if (reporter.errors > 0) counts.rejected++;
          else counts.skipped++;
          continue;
        }
      }

      const localChild = fields[base + F_CHILD];
      const birth = fields[base + F_BIRTH];
      let child = -1;
      if (localChild >= 0 && birth !== NO_BIRTH) {
        child = childRemap[localChild];
        if (child < 0) {
          const childKeys = keys.children;
          const found = children.see(childKeys.arenaBytes(), childKeys.start(localChild), childKeys.start(localChild + 1), birth);
          child = found < 0 ? ~found : found;
          childRemap[localChild] = child;
        }
        const first = births.data[child];
        if (first !== birth && first !== REPORTED) {
          reporter.report('inconsistent-birth-date', row, 'birth_date', isoDate(birth), { child: keys.children.text(localChild), first: isoDate(first) });
          births.data[child] = REPORTED;
        }
      }

      const kind = flags & KIND_BITS;
      const date = fields[base + F_DATE];
      const localFacility = fields[base + F_FACILITY];
      const localArea = fields[base + F_AREA];
      if (sink !== null) {
        const facility = localFacility < 0 ? -1 : this.facilityIndex(part, localFacility, sink);
        const area = kind === OUTREACH || localArea < 0 ? -1 : this.areaIndex(part, localArea, sink);
        sink.addRecord(date, kind, child, birth, area, facility, row + this.sinkRowOffset);
      }
      if (onVisit !== undefined) {
        const visit: Visit = {
          recordId: hasId ? recordIdOf(batch, base) : null,
          date,
          kind: VISIT_KINDS[kind],
          childId: localChild < 0 ? null : keys.children.text(localChild),
          birthDate: birth === NO_BIRTH ? null : birth,
          areaCode: localArea < 0 ? null : keys.areaCodes[localArea],
          facilityId: localFacility < 0 ? null : keys.facilityIds[localFacility],
          row,
        };
        if (child >= 0) visit.childIndex = child;
        onVisit(visit);
      }
      counts.used++;
      this.lastUsedRow = row;
      onUsed?.();
    }
  }

  /** Files an issue a row's cells raised, at the row as the whole table numbers it. */
  private file(issue: RecordedIssue, rowOffset: number): void {
    const { reporter } = this.options;
    const row = issue.row + rowOffset;
    if (issue.problem !== undefined) reporter.reportReaderProblem({ row, cells: [], problem: issue.problem });
    else if (issue.letter !== undefined) reporter.reportAtLetter(issue.code as never, row, issue.letter, issue.value, issue.params);
    else reporter.report(issue.code as never, row, issue.columnId, issue.value, issue.params, this.lazyOf(issue));
  }

  /** The "did you mean" or cause of an issue, worked out only if it is listed. */
  private lazyOf(issue: RecordedIssue): LazyParams | undefined {
    const value = issue.value;
    switch (issue.explain) {
      case EXPLAIN_KIND:
        return () => {
          const found = suggestEnum(KIND_VALUES, value);
          return found === undefined ? undefined : { params: found };
        };
      case EXPLAIN_AREA: {
        const explain = this.options.explainUnknownArea;
        return explain && value !== null ? () => explain(value) : undefined;
      }
      case EXPLAIN_FACILITY: {
        const explain = this.options.explainUnknownFacility;
        return explain && value !== null ? () => explain(value) : undefined;
      }
      default:
        return undefined;
    }
  }

  private fitRemaps(part: SettlePart): void {
    part.children = fit(part.children, part.keys.children.size);
    part.areas = fit(part.areas, part.keys.areaCodes.length);
    part.facilities = fit(part.facilities, part.keys.facilityIds.length);
  }

  private areaIndex(part: SettlePart, local: number, sink: VisitSink): number {
    let index = part.areas[local];
    if (index < 0) index = part.areas[local] = sink.areaIndex(part.keys.areaCodes[local]);
    return index;
  }

  private facilityIndex(part: SettlePart, local: number, sink: VisitSink): number {
    let index = part.facilities[local];
    if (index < 0) index = part.facilities[local] = sink.facilityIndex(part.keys.facilityIds[local]);
    return index;
  }
}

/** A part being settled: its keys, where its rows start, and its keys' numbers in the run and the sink (−1 until met). */
export interface SettlePart {
  keys: VisitKeys;
  rowOffset: number;
  children: Int32Array;
  areas: Int32Array;
  facilities: Int32Array;
}

/** `remap` grown to `size` entries, new ones −1. */
function fit(remap: Int32Array, size: number): Int32Array {
  if (remap.length >= size) return remap;
  const bigger = new Int32Array(Math.max(size, remap.length * 2, 64)).fill(-1);
  bigger.set(remap);
  return bigger;
}

function recordIdOf(batch: VisitBatch, base: number): string {
  return utf8.decode(batch.ids.subarray(batch.fields[base + F_ID_START], batch.fields[base + F_ID_END]));
}
