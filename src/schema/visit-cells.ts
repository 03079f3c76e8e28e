/**
 * The first step of a service record (see visit-batch.ts): its cells, each
 * read and checked on its own — dates, kind, the child fields a kind needs,
 * area and facility known, plausibility — with the issues found filed in
 * the order a clerk reads the row. Nothing here depends on other rows, so
 * any part of a table can be checked anywhere, in any order.
 *
 * This is the reading of cells as every table gets it (workbooks, rows a
 * CSV quotes); the byte path (visit-bytes.ts) reads plain CSV lines without
 * making strings, and hands every row it cannot read that way to this one.
 */
import type { RawRow } from '../io/raw.js';
import type { DayNumber } from '../shared/dates.js';
import { Utf8Scratch } from '../shared/byte-keys.js';
import { isoDate } from '../shared/dates.js';
import { TABLE_COLUMNS } from './columns.js';
import type { HeaderMatch } from './headers.js';
import { EARLIEST_PLAUSIBLE_DAY, isBirthTooEarly } from './plausibility.js';
import { VISIT_KINDS, type VisitKind } from './records.js';
import { cellAt, checkExtraCells, headerlessColumns, resolveColumns, textOf } from './row-checks.js';
import { isEmptyCell, parseAreaCode, parseDate, parseEnum } from './values.js';
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
  FLAG_ERRORS,
  FLAG_UNREADABLE,
  fingerprintValues,
  keepValuesFingerprint,
  NO_BIRTH,
  ROW_FIELDS,
  type RecordedIssues,
  type VisitBatch,
  type VisitKeys,
} from './visit-batch.js';

export const VISIT_COLUMNS = ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'] as const;
export const KIND_VALUES = TABLE_COLUMNS.visits.find((c) => c.id === 'kind')?.values ?? [];
/** Parameters of `missing-value` for the kind-dependent columns, shared by every row. */
export const UNLESS_OUTREACH = { when: 'not-outreach' } as const;
export const FOR_OUTREACH = { when: 'outreach' } as const;
/** The kinds in VISIT_KINDS order, for the index a batch keeps. */
export const KIND_INDEX = Object.fromEntries(VISIT_KINDS.map((kind, index) => [kind, index])) as Readonly<Record<VisitKind, number>>;
export const OUTREACH = KIND_INDEX.outreach;

/** What a row's cells are checked against: the same for every part of a table. */
export interface VisitCellContext {
  /** The day of the run (SPEC §5 `future-date`). */
  today: DayNumber;
  /** Several submissions in the run (SPEC §8): records with an id get their values' fingerprint too. */
  several: boolean;
}

/** The columns of a visits table, resolved once from its header. */
export interface VisitColumns {
  record: number;
  date: number;
  kind: number;
  child: number;
  birth: number;
  area: number;
  facility: number;
  /** Cells in the header row. */
  width: number;
  /** Indexes inside the width whose header cell is empty. */
  headerless: number[];
}

export function visitColumns(match: HeaderMatch, header: RawRow): VisitColumns {
  const col = resolveColumns(match, VISIT_COLUMNS);
  return {
    record: col.record_id,
    date: col.date,
    kind: col.kind,
    child: col.child_id,
    birth: col.birth_date,
    area: col.area_code,
    facility: col.facility_id,
    width: header.cells.length,
    headerless: headerlessColumns(header.cells),
  };
}

/** Checks rows of cells into batches. One per part of a table (its keys are the part's). */
export class VisitCellChecker {
  private readonly scratch = new Utf8Scratch();

  constructor(
    private readonly columns: VisitColumns,
    private readonly ctx: VisitCellContext,
    private readonly keys: VisitKeys,
    private readonly issues: RecordedIssues,
  ) {}

  /** Checks `raw` into a new row of `batch`; its issues go to the batch too. */
  check(raw: RawRow, batch: VisitBatch): void {
    const issues = this.issues;
    issues.sink = batch.issues;
    const at = batch.addRow(raw.row);
    issues.beginRow(at);
    const fields = batch.fields;
    const base = at * ROW_FIELDS;
    if (raw.problem !== undefined) {
      issues.reportReaderProblem(raw);
      fields[base + F_FLAGS] = FLAG_UNREADABLE;
      return;
    }
    const { width, headerless } = this.columns;
    const { today } = this.ctx;
    const keys = this.keys;
    const row = raw.row;
    const cells = raw.cells;
    if (cells.length > width || headerless.length > 0) checkExtraCells(raw, width, issues, headerless);

    const recordId = textOf(cellAt(cells, this.columns.record));

    const dateCell = cellAt(cells, this.columns.date);
    const dateResult = parseDate(dateCell);
    let date = 0;
    /** The service date parsed and plausible (SPEC §5): only then is a birth date compared with it. */
    let dateUsable = false;
    if (dateResult.ok) {
      date = dateResult.value;
      if (date > today) issues.report('future-date', row, 'date', isoDate(date), { today: isoDate(today) });
      else if (date < EARLIEST_PLAUSIBLE_DAY) issues.report('implausible-date', row, 'date', isoDate(date));
      else dateUsable = true;
    } else issues.reportFailure(dateResult, row, 'date', dateCell);

    const kindCell = cellAt(cells, this.columns.kind);
    const kindResult = parseEnum(KIND_VALUES, kindCell);
    let kind: VisitKind | null = null;
    if (kindResult.ok) kind = kindResult.value as VisitKind;
    else issues.reportFailure(kindResult, row, 'kind', kindCell, EXPLAIN_KIND);
    // With an unreadable kind, which child fields are required is unknown: only what is given is checked.
    const childRequired = kind !== null && kind !== 'outreach';

    const childId = textOf(cellAt(cells, this.columns.child));
    if (childId === null && childRequired) issues.report('missing-value', row, 'child_id', null, UNLESS_OUTREACH);

    const birthCell = cellAt(cells, this.columns.birth);
    let birthDate: number | null = null;
    let birthUsable = false;
    if (!isEmptyCell(birthCell)) {
      const birthResult = parseDate(birthCell);
      if (birthResult.ok) {
        birthDate = birthResult.value;
        if (birthDate > today) issues.report('future-date', row, 'birth_date', isoDate(birthDate), { today: isoDate(today) });
        else if (birthDate < EARLIEST_PLAUSIBLE_DAY) issues.report('implausible-date', row, 'birth_date', isoDate(birthDate));
        else if (dateUsable && isBirthTooEarly(birthDate, date)) {
          issues.report('implausible-date', row, 'birth_date', isoDate(birthDate), { date: isoDate(date) });
        } else birthUsable = true;
      } else issues.reportFailure(birthResult, row, 'birth_date', birthCell);
    } else if (childRequired) {
      issues.report('missing-value', row, 'birth_date', null, UNLESS_OUTREACH);
    }

    const areaCell = cellAt(cells, this.columns.area);
    let area = -1;
    if (!isEmptyCell(areaCell)) {
      const areaResult = parseAreaCode(areaCell);
      if (areaResult.ok) {
        area = keys.area(areaResult.value);
        if (!keys.areaKnown[area]) issues.report('unknown-area', row, 'area_code', areaResult.value, undefined, EXPLAIN_AREA);
      } else {
        issues.reportFailure(areaResult, row, 'area_code', areaCell);
      }
    } else if (childRequired) {
      issues.report('missing-value', row, 'area_code', null, UNLESS_OUTREACH);
    }

    const facilityId = textOf(cellAt(cells, this.columns.facility));
    let facility = -1;
    if (facilityId === null) {
      if (kind === 'outreach') issues.report('missing-value', row, 'facility_id', null, FOR_OUTREACH);
    } else {
      facility = keys.facility(facilityId);
      if (!keys.facilityKnown[facility]) issues.report('unknown-facility', row, 'facility_id', facilityId, undefined, EXPLAIN_FACILITY);
    }

    if (birthUsable && dateUsable && birthDate !== null && birthDate > date) {
      issues.report('visit-before-birth', row, 'birth_date', isoDate(birthDate), { date: isoDate(date) });
    }

    // The first row with a record id owns it even when rejected (settle-visits.ts): its bytes go on either way.
    if (recordId !== null) {
      const length = this.scratch.encode(recordId);
      batch.setRecordId(at, this.scratch.bytes, 0, length);
    }
    if (issues.errors > 0) {
      fields[base + F_FLAGS] |= FLAG_ERRORS;
      return;
    }
    const kindIndex = KIND_INDEX[kind as VisitKind];
    const child = childId === null ? -1 : keys.child(childId);
    const birth = birthDate === null ? NO_BIRTH : birthDate;
    fields[base + F_FLAGS] |= kindIndex;
    fields[base + F_DATE] = date;
    fields[base + F_BIRTH] = birth;
    fields[base + F_AREA] = area;
    fields[base + F_FACILITY] = facility;
    fields[base + F_CHILD] = child;
    if (recordId === null) {
      fingerprintValues(keys, date, kindIndex, child, birth, area, facility, null, 0, 0);
      keepValuesFingerprint(batch, at);
    } else if (this.ctx.several) {
      fingerprintValues(keys, date, kindIndex, child, birth, area, facility, batch.ids, fields[base + F_ID_START], fields[base + F_ID_END]);
      keepValuesFingerprint(batch, at);
    }
  }
}
