/**
 * The service records (SPEC §3): up to millions of rows, so they are checked
 * and handed on one by one (`onVisit`), never stored. The loop resolves column
 * indices once, parses with the allocation-light value parsers and keeps only
 * what duplicate detection needs: a 64-bit fingerprint per record id or per
 * record without an id, and one birth date per child.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog, LazyParams } from '../issues/collector.js';
import type { DayNumber } from '../shared/dates.js';
import { EARLIEST_PLAUSIBLE_DAY, isBirthTooEarly } from './plausibility.js';
import { suggestEnum } from './suggest.js';
import { TABLE_COLUMNS } from './columns.js';
import { isoDate } from '../shared/dates.js';
import { matchHeader } from './headers.js';
import { aloneInRun, recordRepeatCode, RECORD_NEW, type PlaceInRun } from './cross-submission.js';
import { beginFingerprint, endFingerprint, fingerprintHigh, fingerprintLow, fingerprintText, mixUnit } from './fingerprint-set.js';
import type { Visit, VisitKind } from './records.js';
import { RowReporter, cellAt, checkExtraCells, emptyCounts, headerlessColumns, resolveColumns, settleHeader, textOf, type RowCounts } from './row-checks.js';
import { isEmptyCell, parseAreaCode, parseDate, parseEnum } from './values.js';

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

const COLUMNS = ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'] as const;
const KIND_VALUES = TABLE_COLUMNS.visits.find((c) => c.id === 'kind')?.values ?? [];
/** Parameters of `missing-value` for the kind-dependent columns, shared by every row. */
const UNLESS_OUTREACH = { when: 'not-outreach' } as const;
const FOR_OUTREACH = { when: 'outreach' } as const;

export async function validateVisits(
  table: RawTable,
  ctx: VisitContext,
  log: IssueLog,
  onVisit: (visit: Visit) => void,
): Promise<{ counts: RowCounts }> {
  const counts = emptyCounts();
  const match = matchHeader('visits', table.header, table.source);
  if (!(await settleHeader(table, match, log, counts))) return { counts };

  const col = resolveColumns(match, COLUMNS);
  const iRecord = col.record_id;
  const iDate = col.date;
  const iKind = col.kind;
  const iChild = col.child_id;
  const iBirth = col.birth_date;
  const iArea = col.area_code;
  const iFacility = col.facility_id;
  const width = table.header.cells.length;
  const headerless = headerlessColumns(table.header.cells);
  const reporter = new RowReporter(table.source, match.headerText, log, match.columnIndex);
  const { isKnownArea, isKnownFacility, today, explainUnknownArea, explainUnknownFacility } = ctx;
  const todayText = isoDate(today);

  const place = ctx.place ?? aloneInRun(table.source);
  const tableNumber = place.table;
  /**
   * Record ids and records without an id seen in the run, as fingerprints (see
   * fingerprint-set.ts for why not a Set of the ids); with several submissions
   * (SPEC §8) also each id's first table and the fingerprint of its values.
   */
  const records = place.cross.records;
  const several = place.cross.several;
  /** Child → its index (0, 1, 2…), handed on with each visit so that the fold keys its state by it too. */
  const children = place.cross.children.numbers;
  /** By child index: the birth date first seen, or REPORTED once a different one was, so a child is reported once. */
  const births = place.cross.children.births;
  /** Area codes already checked against the census: a city has a few thousand, rows have millions. */
  const knownAreas = new Map<string, boolean>();

  for await (const batch of table.batches) {
    for (let b = 0; b < batch.length; b++) {
      const raw = batch[b];
      counts.read++;
      if (raw.problem !== undefined) {
        reporter.reportReaderProblem(raw);
        counts.rejected++;
        continue;
      }
      reporter.beginRow();
      const row = raw.row;
      const cells = raw.cells;
      if (cells.length > width || headerless.length > 0) checkExtraCells(raw, width, reporter, headerless);

      const recordId = textOf(cellAt(cells, iRecord));

      const dateCell = cellAt(cells, iDate);
      const dateResult = parseDate(dateCell);
      let date = 0;
      /** The service date parsed and plausible (SPEC §5): only then is a birth date compared with it. */
      let dateUsable = false;
      if (dateResult.ok) {
        date = dateResult.value;
        if (date > today) reporter.report('future-date', row, 'date', isoDate(date), { today: todayText });
        else if (date < EARLIEST_PLAUSIBLE_DAY) reporter.report('implausible-date', row, 'date', isoDate(date));
        else dateUsable = true;
      } else reporter.reportFailure(dateResult, row, 'date', dateCell);

      const kindCell = cellAt(cells, iKind);
      const kindResult = parseEnum(KIND_VALUES, kindCell);
      let kind: VisitKind | null = null;
      if (kindResult.ok) kind = kindResult.value as VisitKind;
      else reporter.reportFailure(kindResult, row, 'kind', kindCell, undefined, () => suggestion(suggestEnum(KIND_VALUES, kindCell)));
      // With an unreadable kind, which child fields are required is unknown: only what is given is checked.
      const childRequired = kind !== null && kind !== 'outreach';

      const childId = textOf(cellAt(cells, iChild));
      if (childId === null && childRequired) reporter.report('missing-value', row, 'child_id', null, UNLESS_OUTREACH);

      const birthCell = cellAt(cells, iBirth);
      let birthDate: number | null = null;
      let birthUsable = false;
      if (!isEmptyCell(birthCell)) {
        const birthResult = parseDate(birthCell);
        if (birthResult.ok) {
          birthDate = birthResult.value;
          if (birthDate > today) reporter.report('future-date', row, 'birth_date', isoDate(birthDate), { today: todayText });
          else if (birthDate < EARLIEST_PLAUSIBLE_DAY) reporter.report('implausible-date', row, 'birth_date', isoDate(birthDate));
          else if (dateUsable && isBirthTooEarly(birthDate, date)) {
            reporter.report('implausible-date', row, 'birth_date', isoDate(birthDate), { date: isoDate(date) });
          } else birthUsable = true;
        } else reporter.reportFailure(birthResult, row, 'birth_date', birthCell);
      } else if (childRequired) {
        reporter.report('missing-value', row, 'birth_date', null, UNLESS_OUTREACH);
      }

      const areaCell = cellAt(cells, iArea);
      let areaCode: string | null = null;
      if (!isEmptyCell(areaCell)) {
        const areaResult = parseAreaCode(areaCell);
        if (areaResult.ok) {
          areaCode = areaResult.value;
          let known = knownAreas.get(areaCode);
          if (known === undefined) {
            known = isKnownArea(areaCode);
            knownAreas.set(areaCode, known);
          }
          if (!known) {
            const code = areaCode;
            reporter.report('unknown-area', row, 'area_code', code, undefined, explainUnknownArea && (() => explainUnknownArea(code)));
          }
        } else {
          reporter.reportFailure(areaResult, row, 'area_code', areaCell);
        }
      } else if (childRequired) {
        reporter.report('missing-value', row, 'area_code', null, UNLESS_OUTREACH);
      }

      const facilityId = textOf(cellAt(cells, iFacility));
      if (facilityId === null) {
        if (kind === 'outreach') reporter.report('missing-value', row, 'facility_id', null, FOR_OUTREACH);
      } else if (!isKnownFacility(facilityId)) {
        const id = facilityId;
        reporter.report('unknown-facility', row, 'facility_id', id, undefined, explainUnknownFacility && (() => explainUnknownFacility(id)));
      }

      if (birthUsable && dateUsable && birthDate !== null && birthDate > date) {
        reporter.report('visit-before-birth', row, 'birth_date', isoDate(birthDate), { date: isoDate(date) });
      }

      // The first row with a record id owns it even when rejected, so that both problems show in one run.
      if (recordId !== null) {
        fingerprintText(recordId);
        const firstRow = records.seeId(fingerprintHigh(), fingerprintLow(), tableNumber, row);
        if (firstRow !== 0) reporter.report('duplicate-id', row, 'record_id', recordId, records.paramsOf(firstRow));
      }

      if (reporter.errors > 0) {
        if (several) records.rejectRecord();
        counts.rejected++;
        continue;
      }

      if (recordId === null) {
        fingerprintVisit(date, kind as VisitKind, childId, birthDate, areaCode, facilityId);
        const firstRow = records.seeRowWithoutId(fingerprintHigh(), fingerprintLow(), tableNumber, row);
        if (firstRow !== 0) reporter.report('duplicate-row', row, null, null, records.paramsOf(firstRow));
      } else if (several) {
        // SPEC §8: an id an earlier submission had is counted once when the records agree, else rejected.
        fingerprintRecord(recordId, date, kind as VisitKind, childId, birthDate, areaCode, facilityId);
        const verdict = records.judgeRecord(fingerprintHigh(), fingerprintLow(), tableNumber);
        if (verdict !== RECORD_NEW) {
          reporter.report(recordRepeatCode(verdict), row, 'record_id', recordId, records.params);
          if (reporter.errors > 0) counts.rejected++;
          else counts.skipped++;
          continue;
        }
      }
      let childIndex: number | undefined;
      if (childId !== null && birthDate !== null) {
        childIndex = children.get(childId);
        if (childIndex === undefined) {
          // A key stored for the whole run must not be a slice pinning a big string it was cut from.
          childIndex = births.push(birthDate);
          children.set(flatten(childId), childIndex);
        } else {
          const first = births.data[childIndex];
          if (first !== birthDate && first !== REPORTED) {
            reporter.report('inconsistent-birth-date', row, 'birth_date', isoDate(birthDate), { child: childId, first: isoDate(first) });
            births.data[childIndex] = REPORTED;
          }
        }
      }

      const visit: Visit = { recordId, date, kind: kind as VisitKind, childId, birthDate, areaCode, facilityId, row };
      if (childIndex !== undefined) visit.childIndex = childIndex;
      onVisit(visit);
      counts.used++;
    }
  }
  return { counts };
}

/** A suggestion as the lazy parameters of an issue. */
function suggestion(found: { suggestion: string } | undefined): ReturnType<LazyParams> {
  return found === undefined ? undefined : { params: found };
}

/** Below any day number a date cell can give: marks a child whose birth dates were found to differ. */
const REPORTED = -0x80000000;

/**
 * A copy of `text` that holds its own characters. V8 may keep a trimmed or
 * sliced string as a view into the string it came from; stored in a map for
 * the whole run, such a view would keep that whole string alive.
 */
function flatten(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * The fingerprint of a record's parsed fields (not its text, so 2025/3/7 and
 * 2025-03-07 are the same record), left in fingerprint-set's lanes. Each text
 * ends with a separator and null has its own mark, so ("AB", "C") and
 * ("A", "BC") differ.
 */
function fingerprintVisit(
  date: number, kind: VisitKind, childId: string | null, birthDate: number | null, areaCode: string | null, facilityId: string | null,
): void {
  beginFingerprint();
  mixFields(date, kind, childId, birthDate, areaCode, facilityId);
  endFingerprint(0);
}

/**
 * The fingerprint of a record with an id, id included (SPEC §8: a repeat from
 * an earlier submission is judged by it), so that two ids whose own
 * fingerprints collided are also told apart by this one.
 */
function fingerprintRecord(
  recordId: string, date: number, kind: VisitKind, childId: string | null, birthDate: number | null, areaCode: string | null, facilityId: string | null,
): void {
  beginFingerprint();
  mixText(recordId);
  mixFields(date, kind, childId, birthDate, areaCode, facilityId);
  endFingerprint(1);
}

function mixFields(
  date: number, kind: VisitKind, childId: string | null, birthDate: number | null, areaCode: string | null, facilityId: string | null,
): void {
  mixNumber(date);
  mixText(kind);
  mixText(childId);
  mixNumber(birthDate);
  mixText(areaCode);
  mixText(facilityId);
}

/** Outside UTF-16's range, so no code unit can stand for them. */
const NULL_MARK = 0x1fffe;
const TEXT_END = 0x1ffff;

function mixText(s: string | null): void {
  if (s === null) {
    mixUnit(NULL_MARK);
    return;
  }
  for (let i = 0; i < s.length; i++) mixUnit(s.charCodeAt(i));
  mixUnit(TEXT_END);
}

function mixNumber(n: number | null): void {
  if (n === null) {
    mixUnit(NULL_MARK);
    return;
  }
  mixUnit(n & 0xffff);
  mixUnit((n >>> 16) & 0xffff);
}

/** 53 bits of a record's fingerprint as one number, for tests of what counts as the same record. */
export function hashVisit(
  date: number, kind: VisitKind, childId: string | null, birthDate: number | null, areaCode: string | null, facilityId: string | null,
): number {
  fingerprintVisit(date, kind, childId, birthDate, areaCode, facilityId);
  return (fingerprintHigh() >>> 0) * 0x200000 + (fingerprintLow() >>> 11);
}
