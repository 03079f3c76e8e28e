/**
 * Several submissions of one city read as one table each (SPEC §8). A census
 * row (code and year), a facility_id or a record_id that an earlier
 * submission already had is counted once when the two rows agree
 * (`duplicate-across-submissions`, info: the later row is skipped), and is
 * `conflicting-submissions` when they differ (error: the later row is
 * rejected, both rows named). Within one submission the rules of one table
 * stay: a repeated key is `duplicate-id`, naming the row it repeats.
 *
 * "Agree" means equal parsed values, not equal text: `2025/3/7` and
 * `2025-03-07` are one date, 是 and Y one yes, `339901000000` and `339901` one
 * code, `1,200` and `1200` one number, a `（万人）` column is compared after
 * scaling. A later row with errors of its own is rejected for them and not
 * compared (its values are not known); an earlier row that was rejected
 * cannot be agreed with, so a later row with its key conflicts with it (one
 * table would call it `duplicate-id` the same way: the first row owns a key
 * even when rejected).
 *
 * Census rows and facilities (thousands) are compared value by value, and a
 * conflict names the columns that differ. Service records (millions) are
 * never held: per record id the run keeps the id's bytes, the table and row
 * it was first seen on, whether that row was used, and a 64-bit fingerprint
 * of that row's parsed values (see `RecordsSeen`).
 */
import type { TableSource } from '../io/raw.js';
import type { IssueCode } from '../issues/catalogue.js';
import { ArenaKeys, ByteKeys, hashBytes } from '../shared/byte-keys.js';
import { GrowableInt32 } from '../shared/growable.js';
import { DECLINED, NEW, NumberedIds } from '../shared/numbered-ids.js';
import { FingerprintSet } from './fingerprint-set.js';
import type { RowReporter } from './row-checks.js';

/** Where a table of the run came from. */
export interface TableOrigin {
  file: string;
  sheet: string | null;
  /** The submission's place in the run (0 = the first DATA given). */
  submission: number;
}

/** A value a key's row is compared by: parsed, so text formatting plays no part. */
export type ParsedValue = string | number | boolean | null;

/**
 * The tables of one run, numbered in the order they are read, with what the
 * run has seen of their keys. One per run, shared by every validator; a table
 * validated on its own gets a run of its own (`aloneInRun`).
 */
export class CrossSubmission {
  private readonly origins: TableOrigin[] = [];
  /** Census rows by code and year. */
  readonly census: KeyedRows;
  /** Facilities by facility_id. */
  readonly facilities: KeyedRows;
  /** Service records by record_id (exactly), and records without one (for `duplicate-row`) by fingerprint. */
  readonly records: RecordsSeen;
  /** The children of the service records, numbered once for the whole run (the fold keys its state by that number). */
  readonly children = new ChildrenSeen();

  constructor(readonly submissionCount: number) {
    this.census = new KeyedRows(this);
    this.facilities = new KeyedRows(this);
    this.records = new RecordsSeen(this);
  }

  /** More than one submission: keys are compared across them. */
  get several(): boolean {
    return this.submissionCount > 1;
  }

  /** Numbers a table as it is read; returns its number in the run. */
  addTable(source: Pick<TableSource, 'file' | 'sheet'>, submission: number): number {
    return this.origins.push({ file: source.file, sheet: source.sheet, submission }) - 1;
  }

  origin(table: number): TableOrigin {
    return this.origins[table];
  }

  /**
   * The parameters that name an earlier row in a message: its row, and its
   * file (and sheet) when that is not the file of the row reported.
   */
  rowParams(firstTable: number, firstRow: number, table: number): Record<string, string | number> {
    if (firstTable === table) return { firstRow };
    const { file, sheet } = this.origin(firstTable);
    return sheet === null ? { firstRow, firstFile: file } : { firstRow, firstFile: file, firstSheet: sheet };
  }
}

/**
 * Each child of the run's service records: its number (0, 1, 2… in order of
 * first appearance in a used record) and the birth date first seen. Children
 * are known by the exact bytes of their id: two ids whose hashes collide are
 * two children, never one.
 */
export class ChildrenSeen {
  /** Ids ending in a number (most: children are numbered as they come), with their child number. */
  private readonly numbered = new NumberedIds();
  /** Every other id, and its child number. */
  private readonly others = new ByteKeys();
  private readonly numberOfOther = new GrowableInt32();
  /** Children `reserve` was told of, for `others` once an id goes there. */
  private reserved = 0;
  /** By child number: the birth date first seen (the visit validator marks a child whose dates differ). */
  readonly births = new GrowableInt32();

  /**
   * The number of the child whose id is bytes[start, end); a child met for
   * the first time gets the next number, with `birth` as its first birth
   * date, and comes back as ~number (< 0).
   */
  see(bytes: Uint8Array, start: number, end: number, birth: number): number {
    const next = this.births.length;
    const seen = this.numbered.see(bytes, start, end, next);
    if (seen >= 0) return seen;
    if (seen === DECLINED) {
      if (this.reserved > 0) this.others.reserve(this.reserved);
      this.reserved = 0;
      const key = this.others.intern(bytes, start, end, hashBytes(bytes, start, end));
      if (key >= 0) return this.numberOfOther.data[key];
      this.numberOfOther.push(next);
    }
    this.births.push(birth);
    return ~next;
  }

  /** Makes room for about `children` more children whose ids do not go by runs of numbers (see ByteKeys.reserve). */
  reserve(children: number): void {
    this.reserved = this.others.size + children;
  }
}

/** A table's place in a run: the run, and the table's number in it. */
export interface PlaceInRun {
  cross: CrossSubmission;
  table: number;
}

/** A run of one submission holding this one table: for a validator called on its own. */
export function aloneInRun(source: Pick<TableSource, 'file' | 'sheet'>): PlaceInRun {
  const cross = new CrossSubmission(1);
  return { cross, table: cross.addTable(source, 0) };
}

/** What an earlier row with the same key is to the row being read. */
export type Sighting =
  /** No earlier row: this row owns the key (even if it turns out rejected). */
  | { kind: 'new' }
  /** An earlier row of the same submission: `duplicate-id`, naming it. */
  | { kind: 'same-submission'; params: Record<string, string | number> }
  /** A row of an earlier submission: compared once this row's own checks are done (`judge`). */
  | { kind: 'earlier-submission'; first: FirstRow };

interface FirstRow {
  table: number;
  row: number;
  /** The parsed values of the row when it was used; null when it was rejected. */
  values: readonly ParsedValue[] | null;
}

/**
 * Keys of a table small enough to hold (census, facilities), each with the
 * first row that had it and, once that row is used, its parsed values.
 */
export class KeyedRows {
  private readonly first = new Map<string, FirstRow>();
  /** The key's first row in each later submission that has it (key NUL submission → row, table), for `duplicate-id` within it. */
  private readonly firstInLater = new Map<string, { table: number; row: number }>();

  constructor(private readonly cross: CrossSubmission) {}

  /** What the run has already seen of `key`, now met at `row` of `table`; a new key is owned by this row from here on. */
  see(key: string, table: number, row: number): Sighting {
    const first = this.first.get(key);
    if (first === undefined) {
      this.first.set(key, { table, row, values: null });
      return { kind: 'new' };
    }
    const submission = this.cross.origin(table).submission;
    if (this.cross.origin(first.table).submission === submission) {
      return { kind: 'same-submission', params: this.cross.rowParams(first.table, first.row, table) };
    }
    const laterKey = `${key}\u0000${submission}`;
    const earlierHere = this.firstInLater.get(laterKey);
    if (earlierHere !== undefined) return { kind: 'same-submission', params: this.cross.rowParams(earlierHere.table, earlierHere.row, table) };
    this.firstInLater.set(laterKey, { table, row });
    return { kind: 'earlier-submission', first };
  }

  /** The row that owns `key` was used, with these values: what later submissions are compared with. */
  settle(key: string, values: readonly ParsedValue[]): void {
    const first = this.first.get(key);
    if (first !== undefined) first.values = values;
  }

  /** Every key seen, in the order first seen (rows rejected for another problem included). */
  keys(): IterableIterator<string> {
    return this.first.keys();
  }
}

/**
 * The verdict on a row whose key an earlier submission had, filed at the row:
 * `duplicate-across-submissions` (info) and 'skipped' when the values agree,
 * else `conflicting-submissions` (error) and 'rejected', naming the columns
 * that differ. `columnIds` name `values` in order, as the reporter knows them.
 */
export function judgeKeyedRow(
  reporter: RowReporter,
  place: PlaceInRun,
  sighting: Extract<Sighting, { kind: 'earlier-submission' }>,
  at: { row: number; columnId: string; value: string },
  values: readonly ParsedValue[],
  columnIds: readonly string[],
): 'skipped' | 'rejected' {
  const { first } = sighting;
  const differing = first.values === null ? null : columnIds.filter((_, i) => !Object.is(first.values![i], values[i]));
  const params = place.cross.rowParams(first.table, first.row, place.table);
  if (differing !== null && differing.length === 0) {
    reporter.report('duplicate-across-submissions', at.row, at.columnId, at.value, params);
    return 'skipped';
  }
  if (differing === null) params.firstRejected = 1;
  else params.columns = differing.map((id) => reporter.headerOf(id)).join(', ');
  reporter.report('conflicting-submissions', at.row, at.columnId, at.value, params);
  return 'rejected';
}

// ---------------------------------------------------------------- service records: exact ids, fingerprinted values

/** What `judgeRecord` found. */
export const RECORD_NEW = 0;
export const RECORD_IDENTICAL = 1;
export const RECORD_CONFLICTING = 2;

/** Extra columns of the set of records without an id: the first row and its table. */
const ROW_ROW = 0;
const ROW_TABLE = 1;

/**
 * Record ids and records without an id across every visits table of a run.
 * Ids are kept exactly — with one submission, those ending in a number as
 * runs of numbers (shared/numbered-ids.ts), the others by their bytes in one
 * flat arena (ArenaKeys) — with, per id, the row it was first seen on; with
 * several submissions (every id by its bytes) also that
 * row's table (× 2, + 1 once used), a 64-bit fingerprint of its parsed values
 * and the id's first row in the latest later submission that has it (its
 * table + 1, 0 for none), for `duplicate-id` there. The row being read is
 * kept here between `seeId` and `judgeRecord`/`rejectRecord`, so that the
 * visit loop allocates nothing.
 *
 * Exactness. Two different ids are never taken for one: a `duplicate-id`
 * always names a row with the very same id. Records without an id are known
 * by a 64-bit fingerprint of their parsed values (odds that two of n distinct
 * records share one: about n² / 2⁶⁵, 1 in 10⁷ for 2 million); a shared
 * fingerprint can only show up as a `duplicate-row` warning at its row,
 * naming the other — the row is kept either way. A record repeated from an
 * earlier submission is compared by a 64-bit fingerprint of its parsed
 * values and its id: two records that differ are taken as identical only if
 * those fingerprints collide, about 1 in 1.8·10¹⁹ per repeated id; even then
 * the later row is reported (`duplicate-across-submissions`, at its row,
 * naming the earlier one), not dropped in silence.
 */
export class RecordsSeen {
  private readonly several: boolean;
  /** With one submission, ids ending in a number (most are: exports number records in order) are kept as runs. */
  private readonly numbered: NumberedIds | null;
  /** Every other id, exactly. */
  private readonly ids = new ArenaKeys();
  /** Ids `reserve` was told of, for `ids` once an id goes there. */
  private reserved = 0;
  /** The record ids of the batch being settled (`takeIds`), and where they start among `ids`' bytes once put there (−1 before). */
  private batchIds: Uint8Array = new Uint8Array(0);
  private batchLength = 0;
  private batchBase = -1;
  /** By id: the row it was first seen on. */
  private readonly firstRows = new GrowableInt32();
  /** By id, with several submissions only (see the class comment). */
  private readonly origins: GrowableInt32 | null;
  private readonly valuesHigh: GrowableInt32 | null;
  private readonly valuesLow: GrowableInt32 | null;
  private readonly laterTables: GrowableInt32 | null;
  private readonly laterRows: GrowableInt32 | null;
  private readonly rowsWithoutId: FingerprintSet;
  /** The id of the row being read: its index when new (≥ 0), the earlier submission's id, or −1. */
  private newId = -1;
  private earlierId = -1;
  /** Parameters naming the row an issue refers to, set by the call that found it. */
  params: Record<string, string | number> = {};

  constructor(private readonly cross: CrossSubmission) {
    this.several = cross.several;
    // Several submissions keep more per id (origin, values, later rows): those go by the table.
    this.numbered = this.several ? null : new NumberedIds();
    const column = () => (this.several ? new GrowableInt32() : null);
    this.origins = column();
    this.valuesHigh = column();
    this.valuesLow = column();
    this.laterTables = column();
    this.laterRows = column();
    // One submission keeps what one table needs: the fingerprint and its first row (FingerprintSet.addRow).
    this.rowsWithoutId = new FingerprintSet(undefined, this.several ? 2 : 0);
  }

  /** The parameters of an issue naming `firstRow`, which `seeId` or `seeRowWithoutId` just answered. */
  paramsOf(firstRow: number): Record<string, string | number> {
    return this.several ? this.params : { firstRow };
  }

  /** The record ids of the batch about to be settled, bytes[0, length): `seeId` takes spans of them. */
  takeIds(bytes: Uint8Array, length: number): void {
    this.batchIds = bytes;
    this.batchLength = length;
    this.batchBase = -1;
  }

  /**
   * Meets the record id [start, end) of the batch's ids (`takeIds`; `hash`, its hashBytes, is
   * worked out when needed unless given: tests force collisions with it) at `row` of
   * `table`. Returns the row it repeats within the same submission
   * (`duplicate-id`, `params` name it), else 0: a new id (this row owns it)
   * or one an earlier submission had (judged once the row's own checks are done).
   */
  seeId(start: number, end: number, table: number, row: number, hash?: number): number {
    if (this.numbered !== null) {
      const firstRow = this.numbered.see(this.batchIds, start, end, row);
      if (firstRow === NEW) return 0;
      if (firstRow !== DECLINED) return firstRow;
    }
    if (this.batchBase < 0) {
      // The batch's ids go into the table's bytes at once, the first time one of them is needed there.
      if (this.reserved > 0) this.ids.reserve(this.reserved);
      this.reserved = 0;
      this.batchBase = this.ids.put(this.batchIds, this.batchLength);
    }
    const base = this.batchBase;
    const key = this.ids.intern(base + start, base + end, hash ?? hashBytes(this.batchIds, start, end));
    if (!this.several) {
      if (key >= 0) return this.firstRows.data[key];
      this.firstRows.push(row);
      return 0;
    }
    this.newId = -1;
    this.earlierId = -1;
    if (key < 0) {
      this.newId = this.firstRows.push(row);
      this.origins!.push(table * 2);
      this.valuesHigh!.push(0);
      this.valuesLow!.push(0);
      this.laterTables!.push(0);
      this.laterRows!.push(0);
      return 0;
    }
    const firstTable = this.origins!.data[key] >> 1;
    const firstRow = this.firstRows.data[key];
    const submission = this.cross.origin(table).submission;
    if (this.cross.origin(firstTable).submission === submission) {
      this.params = this.cross.rowParams(firstTable, firstRow, table);
      return firstRow;
    }
    // Submissions are read in order: only the latest one to meet the id can meet it again.
    const laterTable = this.laterTables!.data[key] - 1;
    if (laterTable >= 0 && this.cross.origin(laterTable).submission === submission) {
      const laterRow = this.laterRows!.data[key];
      this.params = this.cross.rowParams(laterTable, laterRow, table);
      return laterRow;
    }
    this.laterTables!.data[key] = table + 1;
    this.laterRows!.data[key] = row;
    this.earlierId = key;
    return 0;
  }

  /** Makes room for about `records` more record ids that do not go by runs of numbers (see ArenaKeys.reserve). */
  reserve(records: number): void {
    this.reserved = this.ids.size + records;
  }

  /** The row being read was rejected for problems of its own: a new id stays its own, as not used. */
  rejectRecord(): void {
    this.newId = -1;
    this.earlierId = -1;
  }

  /**
   * For a row without problems of its own, with the fingerprint of its parsed
   * values (id included): RECORD_NEW when it is used (a new id is settled as
   * used, with the fingerprint), RECORD_IDENTICAL when an earlier submission
   * had the id with the same values, RECORD_CONFLICTING when with other values
   * or on a row that was rejected (`params` name that row).
   */
  judgeRecord(valuesHigh: number, valuesLow: number, table: number): number {
    if (this.newId >= 0) {
      const key = this.newId;
      this.origins!.data[key] |= 1;
      this.valuesHigh!.data[key] = valuesHigh;
      this.valuesLow!.data[key] = valuesLow;
      this.newId = -1;
      return RECORD_NEW;
    }
    if (this.earlierId < 0) return RECORD_NEW;
    const key = this.earlierId;
    this.earlierId = -1;
    const origin = this.origins!.data[key];
    this.params = this.cross.rowParams(origin >> 1, this.firstRows.data[key], table);
    if ((origin & 1) === 0) {
      this.params.firstRejected = 1;
      return RECORD_CONFLICTING;
    }
    const same = this.valuesHigh!.data[key] === (valuesHigh | 0) && this.valuesLow!.data[key] === (valuesLow | 0);
    return same ? RECORD_IDENTICAL : RECORD_CONFLICTING;
  }

  /**
   * A record without an id, by the fingerprint of its parsed values: the row
   * of an earlier identical one anywhere in the run (`duplicate-row`, `params`
   * name it), else 0.
   */
  seeRowWithoutId(high: number, low: number, table: number, row: number): number {
    if (!this.several) return this.rowsWithoutId.addRow(high, low, row);
    const set = this.rowsWithoutId;
    const slot = set.locate(high, low);
    if (slot < 0) {
      set.column(ROW_ROW)[~slot] = row;
      set.column(ROW_TABLE)[~slot] = table;
      return 0;
    }
    const firstRow = set.column(ROW_ROW)[slot];
    this.params = this.cross.rowParams(set.column(ROW_TABLE)[slot], firstRow, table);
    return firstRow;
  }
}

/** The issue a judged record gets, by `judgeRecord`'s answer. */
export function recordRepeatCode(verdict: number): IssueCode {
  return verdict === RECORD_IDENTICAL ? 'duplicate-across-submissions' : 'conflicting-submissions';
}
