/**
 * Service records between their two steps. Checking a record's cells is
 * work on that row alone (can the date be read? is the area known?), and may
 * run in another thread over another part of the file; what depends on the
 * rows before it — a record id seen before, a child's first birth date,
 * several submissions' repeats, the fold — runs afterwards, in row order,
 * in one place (settle-visits.ts). A VisitBatch carries a run of rows from
 * the first step to the second: per row a few numbers in one flat Int32Array,
 * the record ids' bytes, and the issues its cells raised, recorded in the
 * order they were found so that they can be filed where the row's turn comes.
 *
 * Ids and codes travel as small numbers: the part's own dense keys
 * (VisitKeys), each sent once with the batch that first met it.
 */
import type { RawRow } from '../io/raw.js';
import { severityOf, type IssueCode } from '../issues/catalogue.js';
import { ByteKeys, copyBytes, hashBytes, Utf8Scratch, type KeyBytes } from '../shared/byte-keys.js';
import { NEW, NumberedIds } from '../shared/numbered-ids.js';
import { beginFingerprint, endFingerprint, fingerprintHigh, fingerprintLow, mixUnit } from './fingerprint-set.js';
import { cellText, type ParseFailure } from './values.js';
import type { RawCell } from '../io/raw.js';

/** The numbers of one row, at `index * ROW_FIELDS + F_…`. */
export const F_ROW = 0;
/** Kind index (0–3) in the low bits, then the flags below (a row with FLAG_ERRORS or FLAG_UNREADABLE has no kind to read). */
export const F_FLAGS = 1;
export const F_DATE = 2;
export const F_BIRTH = 3;
/** Local keys (VisitKeys), −1 without. */
export const F_AREA = 4;
export const F_FACILITY = 5;
export const F_CHILD = 6;
/** The record id's bytes in the batch's `ids`. */
export const F_ID_START = 7;
export const F_ID_END = 8;
/** The 64-bit fingerprint of the row's parsed values (duplicate rows; repeats across submissions). */
export const F_VALUES_HIGH = 9;
export const F_VALUES_LOW = 10;
export const ROW_FIELDS = 11;

export const KIND_BITS = 0b111;
/** A cell of the row raised an error: the row is rejected (its record id still counts as seen). */
export const FLAG_ERRORS = 1 << 3;
export const FLAG_RECORD_ID = 1 << 4;
/** The reader could not read the row as meant: counted and rejected, nothing else. */
export const FLAG_UNREADABLE = 1 << 5;
/** The record's values fingerprint was taken (rows without an id; with an id when the run has several submissions). */
export const FLAG_VALUES = 1 << 6;

/** A birth date the row does not give. */
export const NO_BIRTH = -0x80000000;

/** Which "did you mean" or cause an issue gets once it is listed: worked out where the issue is filed. */
export const EXPLAIN_NONE = 0;
export const EXPLAIN_KIND = 1;
export const EXPLAIN_AREA = 2;
export const EXPLAIN_FACILITY = 3;

/**
 * An issue a row's cells raised, as the row reporter would have filed it, at
 * the row `row` of the part (see SettlePart.rowOffset). `letter` is set for
 * a cell known only by its position (`extra-cells`); `problem` for a row the
 * reader could not read.
 */
export interface RecordedIssue {
  /** The row's index in the batch. */
  at: number;
  code: string;
  row: number;
  columnId: string | null;
  letter?: string;
  value: string | null;
  params?: Record<string, string | number>;
  explain?: number;
  problem?: RawRow['problem'];
}

/**
 * Files the issues of one row's cells into a batch: what RowReporter does,
 * kept for later. `errors` counts the row's errors, as RowReporter's does.
 */
export class RecordedIssues {
  errors = 0;
  private at = 0;

  /** Starts the row that will be the batch's row `at`. */
  beginRow(at: number): void {
    this.at = at;
    this.errors = 0;
  }

  private add(issue: RecordedIssue): void {
    this.sink!.push(issue);
    if (severityOf(issue.code) === 'error') this.errors++;
  }

  /** Where issues go: the batch being filled. */
  sink: RecordedIssue[] | null = null;

  report(code: IssueCode, row: number, columnId: string | null, value: string | null, params?: Record<string, string | number>, explain = EXPLAIN_NONE): void {
    const issue: RecordedIssue = { at: this.at, code, row, columnId, value };
    if (params !== undefined) issue.params = params;
    if (explain !== EXPLAIN_NONE) issue.explain = explain;
    this.add(issue);
  }

  /** A value parser's failure for the cell of `columnId`, as RowReporter.reportFailure words it. */
  reportFailure(failure: ParseFailure, row: number, columnId: string, cell: RawCell, explain = EXPLAIN_NONE): void {
    const text = cellText(cell);
    this.report(failure.code as IssueCode, row, columnId, text === '' ? null : text, failure.params ? { ...failure.params } : undefined, explain);
  }

  reportAtLetter(code: IssueCode, row: number, letter: string, value: string | null, params?: Record<string, string | number>): void {
    const issue: RecordedIssue = { at: this.at, code, row, columnId: null, letter, value };
    if (params !== undefined) issue.params = params;
    this.add(issue);
  }

  reportReaderProblem(raw: RawRow): void {
    if (raw.problem === undefined) return;
    this.add({ at: this.at, code: raw.problem.code, row: raw.row, columnId: null, value: raw.problem.value, problem: raw.problem });
  }
}

/**
 * The part's own dense keys of what rows name: area codes (normalised) with
 * whether the census knows them, facility ids with whether the registry
 * lists them, and child ids, each by its exact bytes. A part read in another
 * thread sends each new key once, with the batch that first met it
 * (`exportSince`), and the reading thread keeps a copy (`importKeys`).
 */
export class VisitKeys {
  readonly areas = new ByteKeys();
  readonly areaCodes: string[] = [];
  readonly areaKnown: boolean[] = [];
  readonly facilities = new ByteKeys();
  readonly facilityIds: string[] = [];
  readonly facilityKnown: boolean[] = [];
  readonly children = new ByteKeys();
  private readonly numberedChildren = new NumberedIds();
  private readonly scratch = new Utf8Scratch();

  constructor(
    private isKnownArea: (code: string) => boolean = () => true,
    private isKnownFacility: (id: string) => boolean = () => true,
  ) {}

  /**
   * From now on, areas and facilities are judged by these tests. True when
   * they judge every key already met as it was judged (the rows checked so
   * far then stand); false when one is judged otherwise.
   */
  judgeBy(isKnownArea: (code: string) => boolean, isKnownFacility: (id: string) => boolean): boolean {
    this.isKnownArea = isKnownArea;
    this.isKnownFacility = isKnownFacility;
    return (
      this.areaCodes.every((code, i) => isKnownArea(code) === this.areaKnown[i]) &&
      this.facilityIds.every((id, i) => isKnownFacility(id) === this.facilityKnown[i])
    );
  }

  /** The key of a normalised area code. */
  area(code: string): number {
    const length = this.scratch.encode(code);
    const bytes = this.scratch.bytes;
    const key = this.areas.intern(bytes, 0, length, hashBytes(bytes, 0, length));
    if (key >= 0) return key;
    this.areaCodes.push(code);
    this.areaKnown.push(this.isKnownArea(code));
    return ~key;
  }

  /** The key of a facility id given as bytes[start, end). */
  facilityOfBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const key = this.facilities.intern(bytes, start, end, hash);
    if (key >= 0) return key;
    const id = this.facilities.text(~key);
    this.facilityIds.push(id);
    this.facilityKnown.push(this.isKnownFacility(id));
    return ~key;
  }

  facility(id: string): number {
    const length = this.scratch.encode(id);
    return this.facilityOfBytes(this.scratch.bytes, 0, length, hashBytes(this.scratch.bytes, 0, length));
  }

  child(id: string): number {
    const length = this.scratch.encode(id);
    return this.childOfBytes(this.scratch.bytes, 0, length);
  }

  /**
   * The key of a child id given as bytes[start, end). Ids ending in a number
   * are found by their runs (children are numbered as they come), the others
   * by the table: `children` holds both, numbered in the order first met.
   */
  childOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const next = this.children.size;
    const seen = this.numberedChildren.see(bytes, start, end, next);
    if (seen >= 0) return seen;
    if (seen === NEW) return this.children.add(bytes, start, end);
    const key = this.children.intern(bytes, start, end, hashBytes(bytes, start, end));
    return key < 0 ? ~key : key;
  }

  /** How many keys of each kind there are now: where the next `exportSince` starts. */
  marks(): KeyMarks {
    return { areas: this.areas.size, facilities: this.facilities.size, children: this.children.size };
  }

  /** The keys added since `marks`, to send with a batch. */
  exportSince(marks: KeyMarks): NewKeys {
    return {
      areaCodes: this.areaCodes.slice(marks.areas),
      areaKnown: this.areaKnown.slice(marks.areas),
      facilityIds: this.facilityIds.slice(marks.facilities),
      facilityKnown: this.facilityKnown.slice(marks.facilities),
      children: this.children.exportFrom(marks.children),
    };
  }

  /** Adds keys another thread's part met, in its order, so that its numbers name the same keys here. */
  importKeys(keys: NewKeys): void {
    keys.areaCodes.forEach((code, i) => {
      this.area(code);
      this.areaKnown[this.areaKnown.length - 1] = keys.areaKnown[i];
    });
    keys.facilityIds.forEach((id, i) => {
      this.facility(id);
      this.facilityKnown[this.facilityKnown.length - 1] = keys.facilityKnown[i];
    });
    // Child ids are only read by number here (settle-visits.ts): their bytes are taken as they come.
    this.children.appendNumbered(keys.children);
  }
}

export interface KeyMarks {
  areas: number;
  facilities: number;
  children: number;
}

export interface NewKeys {
  areaCodes: string[];
  areaKnown: boolean[];
  facilityIds: string[];
  facilityKnown: boolean[];
  children: KeyBytes;
}

/** Rows of one part of a visits table, checked cell by cell, waiting to be settled in row order. */
export class VisitBatch {
  fields: Int32Array;
  count = 0;
  ids: Uint8Array;
  idLength = 0;
  issues: RecordedIssue[] = [];
  /** Keys first met by this batch, when it crosses threads. */
  newKeys: NewKeys | null = null;

  constructor(rows = 4096) {
    this.fields = new Int32Array(rows * ROW_FIELDS);
    this.ids = new Uint8Array(rows * 12);
  }

  /** Empties the batch for the next rows (its arrays are kept). */
  clear(): void {
    // Zeroed here, once a batch, so that addRow need not zero each row.
    this.fields.fill(0, 0, this.count * ROW_FIELDS);
    this.count = 0;
    this.idLength = 0;
    this.issues = [];
    this.newKeys = null;
  }

  /** Starts a row; returns its index. The row's fields are all zero but F_ROW. */
  addRow(row: number): number {
    if ((this.count + 1) * ROW_FIELDS > this.fields.length) {
      const bigger = new Int32Array(this.fields.length * 2);
      bigger.set(this.fields);
      this.fields = bigger;
    }
    const at = this.count++;
    const base = at * ROW_FIELDS;
    // The fields past the last row are zero: new, or zeroed by clear.
    this.fields[base + F_ROW] = row;
    return at;
  }

  /** Keeps the record id bytes[start, end) for row `at`. */
  setRecordId(at: number, bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.idLength + length > this.ids.length) {
      const bigger = new Uint8Array(Math.max(this.ids.length * 2, this.idLength + length));
      bigger.set(this.ids.subarray(0, this.idLength));
      this.ids = bigger;
    }
    copyBytes(bytes, start, end, this.ids, this.idLength);
    const base = at * ROW_FIELDS;
    this.fields[base + F_ID_START] = this.idLength;
    this.idLength += length;
    this.fields[base + F_ID_END] = this.idLength;
    this.fields[base + F_FLAGS] |= FLAG_RECORD_ID;
  }

  /** The batch as plain data for postMessage, and the buffers it may transfer. */
  toMessage(): { message: VisitBatchMessage; transfer: ArrayBuffer[] } {
    const fields = this.fields.slice(0, this.count * ROW_FIELDS);
    const ids = this.ids.slice(0, this.idLength);
    return {
      message: { fields, count: this.count, ids, idLength: this.idLength, issues: this.issues, newKeys: this.newKeys },
      transfer: [
        fields.buffer as ArrayBuffer,
        ids.buffer as ArrayBuffer,
        ...(this.newKeys === null ? [] : [this.newKeys.children.bytes.buffer as ArrayBuffer, this.newKeys.children.ends.buffer as ArrayBuffer]),
      ],
    };
  }

  static fromMessage(message: VisitBatchMessage): VisitBatch {
    const batch = new VisitBatch(0);
    batch.fields = message.fields;
    batch.count = message.count;
    batch.ids = message.ids;
    batch.idLength = message.idLength;
    batch.issues = message.issues;
    batch.newKeys = message.newKeys;
    return batch;
  }
}

export interface VisitBatchMessage {
  fields: Int32Array;
  count: number;
  ids: Uint8Array;
  idLength: number;
  issues: RecordedIssue[];
  newKeys: NewKeys | null;
}

/** Outside a byte's range, so no byte can stand for them. */
const NULL_MARK = 0x1fffe;
const TEXT_END = 0x1ffff;

/**
 * The fingerprint of a record's parsed values — not its text, so 2025/3/7
 * and 2025-03-07 are the same record — left in fingerprint-set's lanes:
 * date, kind, child, birth date, area and facility, and the record id first
 * when `idBytes` is given (SPEC §8: a repeat from an earlier submission is
 * judged by it, so two ids whose own hashes collided are told apart here
 * too). Each text ends with a mark and null has its own, so ("AB", "C") and
 * ("A", "BC") differ.
 */
export function fingerprintValues(
  keys: VisitKeys,
  date: number,
  kind: number,
  child: number,
  birth: number,
  area: number,
  facility: number,
  idBytes: Uint8Array | null,
  idStart: number,
  idEnd: number,
): void {
  beginFingerprint();
  if (idBytes !== null) mixBytes(idBytes, idStart, idEnd);
  mixNumber(date);
  mixUnit(kind);
  mixKey(keys.children, child);
  mixNumber(birth === NO_BIRTH ? null : birth);
  mixKey(keys.areas, area);
  mixKey(keys.facilities, facility);
  endFingerprint(idBytes === null ? 0 : 1);
}

function mixKey(keys: ByteKeys, key: number): void {
  if (key < 0) {
    mixUnit(NULL_MARK);
    return;
  }
  mixBytes(keys.arenaBytes(), keys.start(key), keys.start(key + 1));
}

function mixBytes(bytes: Uint8Array, start: number, end: number): void {
  for (let i = start; i < end; i++) mixUnit(bytes[i]);
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

/** Stores the lanes' fingerprint as row `at`'s values fingerprint. */
export function keepValuesFingerprint(batch: VisitBatch, at: number): void {
  const base = at * ROW_FIELDS;
  batch.fields[base + F_VALUES_HIGH] = fingerprintHigh();
  batch.fields[base + F_VALUES_LOW] = fingerprintLow();
  batch.fields[base + F_FLAGS] |= FLAG_VALUES;
}
