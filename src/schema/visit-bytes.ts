/**
 * The first step of a service record (see visit-batch.ts) straight from a
 * CSV's UTF-8 bytes, for the millions of plain lines of a large visits file:
 * cells found by their delimiters, dates and area codes read from digits,
 * the kind matched against spellings already met, ids hashed where they lie
 * into the part's keys — no string per cell, no object per row.
 *
 * Only a row that is clean in a form read here takes this path: every
 * required cell present, every value in a plain form, known and plausible.
 * Any other row — a problem to report, a date written `2025年3月7日`, a cell
 * padded with full-width spaces, a blank line — is split into text cells
 * exactly as the CSV reader splits it and checked by visit-cells.ts, so
 * issues, rows and numbers are those of the text path by construction. A
 * test compares the two on generated and hostile files.
 */
import type { RawRow } from '../io/raw.js';
import { csvRecordToRow, splitPlainLine } from '../io/read-csv-rows.js';
import { ByteKeys, hashBytes } from '../shared/byte-keys.js';
import { hasByteBelow, isDigitBytes, NOT_A_DAY, parseDayBytes, trimEndOf, trimStartOf, wordsOf } from './byte-values.js';
import { EARLIEST_PLAUSIBLE_DAY, isBirthTooEarly } from './plausibility.js';
import { normaliseAreaCodeDigits, parseEnum } from './values.js';
import {
  F_AREA,
  F_BIRTH,
  F_CHILD,
  F_DATE,
  F_FACILITY,
  F_FLAGS,
  F_ID_END,
  F_ID_START,
  fingerprintValues,
  keepValuesFingerprint,
  NO_BIRTH,
  ROW_FIELDS,
  type VisitBatch,
  type VisitKeys,
} from './visit-batch.js';
import { KIND_INDEX, KIND_VALUES, OUTREACH, type VisitCellChecker, type VisitCellContext, type VisitColumns } from './visit-cells.js';
import type { VisitKind } from './records.js';

const LF = 10;
const CR = 13;
/** Lines longer than this are read as text: no cell of them can reach the reader's limits unseen. */
const MAX_FAST_LINE = 4096;
/** Cells per line the fast path looks at; a line with more is read as text. */
const MAX_FAST_CELLS = 64;
/** Kind spellings remembered (raw cell bytes → kind), so that garbage cannot grow the memory. */
const MAX_KIND_SPELLINGS = 64;
const UNREADABLE_KIND = -1;
/** Slots of VisitByteChecker.kindBySlot: a kind cell's length and first byte, folded. */
const KIND_SLOTS = 256;

function kindSlotOf(text: Uint8Array, start: number, end: number): number {
  return end > start ? ((end - start) * 31 + text[start]) & (KIND_SLOTS - 1) : 0;
}

export class VisitByteChecker {
  private readonly delimiter: number;
  /** Where each cell of the current line starts, and after its last where a next would: cell k ends one byte before cell k + 1 starts. */
  private readonly cellStarts = new Int32Array(MAX_FAST_CELLS + 1);
  /** Kind cells as met, byte for byte, and the kind each spells (UNREADABLE_KIND when none): a handful, compared in turn. */
  private readonly kindSpellings: Uint8Array[] = [];
  private readonly kindOfSpelling: number[] = [];
  /** By a kind cell's length and first byte (KIND_SLOTS), the spelling last met with them, + 1 (0: none): most cells find theirs at the first comparison. */
  private readonly kindBySlot = new Uint8Array(KIND_SLOTS);
  /** Area-code digits as met → the part's key of the normalised code. */
  private readonly areaDigits = new ByteKeys();
  private readonly areaOfDigits: number[] = [];
  /**
   * The child, birth, area and facility cells of the last clean line, with
   * what they gave: a file sorted by child (as exports usually are) repeats
   * them line after line, and a repeat is a byte comparison, not a hash and
   * a lookup.
   */
  private readonly lastChild = new LastCell();
  private readonly lastBirth = new LastCell();
  private readonly lastArea = new LastCell();
  private readonly lastFacility = new LastCell();

  constructor(
    private readonly columns: VisitColumns,
    private readonly ctx: VisitCellContext,
    private readonly keys: VisitKeys,
    private readonly cells: VisitCellChecker,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** A record the CSV reader gave as cells (a quoted stretch): read as text. */
  record(cells: string[], row: number, batch: VisitBatch): void {
    const raw = csvRecordToRow(cells, row);
    if (raw !== null) this.cells.check(raw, batch);
  }

  /** A row the reader could not read. */
  problem(raw: RawRow, batch: VisitBatch): void {
    this.cells.check(raw, batch);
  }

  /**
   * The quote-free lines of text[start, stop), the first of them row
   * `firstRow`, into `batch`. Returns how many lines there were.
   */
  lines(text: Buffer, start: number, stop: number, firstRow: number, batch: VisitBatch): number {
    const delimiter = this.delimiter;
    const cellStarts = this.cellStarts;
    // No byte above both the delimiter and CR ends a cell or a line: digits, letters and '-' (most of a
    // line) are passed over, a word of four at a time where none of the four is lower (hasByteBelow),
    // else with one comparison each. Measured on the 1M-record benchmark file, the scan alone: 0.24–0.28 s
    // a byte at a time, 0.11–0.21 s a word at a time.
    const highest = Math.max(delimiter, CR);
    const spread = Math.imul(highest + 1, 0x01010101);
    const { words, first } = wordsOf(text);
    const wordsBeforeStop = Math.min(words.length, Math.max(0, (stop - first) >> 2));
    let row = firstRow;
    let i = start;
    while (i < stop) {
      const lineStart = i;
      let cells = 1;
      cellStarts[0] = i;
      let j = i;
      scan: while (j < stop) {
        if (((j - first) & 3) === 0) {
          let k = (j - first) >> 2;
          while (k < wordsBeforeStop && !hasByteBelow(words[k], spread)) k++;
          j = first + (k << 2);
          if (j >= stop) break;
        }
        // Byte by byte to the end of the word (or, before the first whole word, to its start).
        const wordEnd = Math.min(stop, j + 4 - ((j - first) & 3));
        for (; j < wordEnd; j++) {
          const byte = text[j];
          if (byte > highest) continue;
          if (byte === delimiter) {
            if (cells <= MAX_FAST_CELLS) cellStarts[cells] = j + 1;
            cells++;
          } else if (byte === LF || byte === CR) break scan;
        }
      }
      const lineEnd = j;
      // The last cell ends where the line does: one byte before a next cell would start.
      if (cells <= MAX_FAST_CELLS) cellStarts[cells] = lineEnd + 1;
      i = lineEnd + 1;
      if (lineEnd < stop && text[lineEnd] === CR && i < stop && text[i] === LF) i++;
      if (cells > MAX_FAST_CELLS || lineEnd - lineStart > MAX_FAST_LINE || !this.fastRow(text, cells, row, batch)) {
        this.record(splitPlainLine(text, lineStart, lineEnd, delimiter), row, batch);
      }
      row++;
    }
    return row - firstRow;
  }

  /** The end of cell `k` of the current line (k below its number of cells). */
  private cellEnd(k: number): number {
    return this.cellStarts[k + 1] - 1;
  }

  /**
   * Reads the line as a clean record if it is one in the forms read here,
   * into a new row of `batch`; false (and nothing written) otherwise.
   */
  private fastRow(text: Buffer, cells: number, row: number, batch: VisitBatch): boolean {
    const columns = this.columns;
    const starts = this.cellStarts;
    // Cells under no header or beyond it must be empty (else `extra-cells`).
    for (let k = columns.width; k < cells; k++) if (this.cellEnd(k) !== starts[k]) return false;
    const headerless = columns.headerless;
    for (let h = 0; h < headerless.length; h++) {
      const k = headerless[h];
      if (k < cells && this.cellEnd(k) !== starts[k]) return false;
    }
    const today = this.ctx.today;

    // The service date: a plain form, a real day, plausible (SPEC §5).
    const dateColumn = columns.date;
    if (dateColumn < 0 || dateColumn >= cells) return false;
    let s = trimStartOf(text, starts[dateColumn], this.cellEnd(dateColumn));
    let e = trimEndOf(text, s, this.cellEnd(dateColumn));
    const date = parseDayBytes(text, s, e);
    if (date === NOT_A_DAY || date > today || date < EARLIEST_PLAUSIBLE_DAY) return false;

    // The kind, by the cell's exact bytes (as parseEnum remembers raw spellings).
    const kindColumn = columns.kind;
    if (kindColumn < 0 || kindColumn >= cells) return false;
    const kind = this.kindOf(text, starts[kindColumn], this.cellEnd(kindColumn));
    if (kind === UNREADABLE_KIND) return false;
    const childRequired = kind !== OUTREACH;

    // The child fields a kind needs (SPEC §3).
    let childStart = 0;
    let childEnd = 0;
    const childColumn = columns.child;
    if (childColumn >= 0 && childColumn < cells) {
      childStart = trimStartOf(text, starts[childColumn], this.cellEnd(childColumn));
      childEnd = trimEndOf(text, childStart, this.cellEnd(childColumn));
    }
    const hasChild = childEnd > childStart;
    if (!hasChild && childRequired) return false;

    let birth = NO_BIRTH;
    const birthColumn = columns.birth;
    s = e = 0;
    if (birthColumn >= 0 && birthColumn < cells) {
      s = trimStartOf(text, starts[birthColumn], this.cellEnd(birthColumn));
      e = trimEndOf(text, s, this.cellEnd(birthColumn));
    }
    if (e > s) {
      const lastBirth = this.lastBirth;
      if (lastBirth.matches(text, s, e)) birth = lastBirth.value;
      else {
        birth = parseDayBytes(text, s, e);
        if (birth === NOT_A_DAY || birth > today || birth < EARLIEST_PLAUSIBLE_DAY) return false;
        lastBirth.keep(text, s, e, birth);
      }
      if (birth > date || isBirthTooEarly(birth, date)) return false;
    } else if (childRequired) return false;

    let area = -1;
    const areaColumn = columns.area;
    s = e = 0;
    if (areaColumn >= 0 && areaColumn < cells) {
      s = trimStartOf(text, starts[areaColumn], this.cellEnd(areaColumn));
      e = trimEndOf(text, s, this.cellEnd(areaColumn));
    }
    if (e > s) {
      const lastArea = this.lastArea;
      if (lastArea.matches(text, s, e)) area = lastArea.value;
      else {
        area = this.areaOf(text, s, e);
        if (area < 0 || !this.keys.areaKnown[area]) return false;
        lastArea.keep(text, s, e, area);
      }
    } else if (childRequired) return false;

    let facility = -1;
    const facilityColumn = columns.facility;
    s = e = 0;
    if (facilityColumn >= 0 && facilityColumn < cells) {
      s = trimStartOf(text, starts[facilityColumn], this.cellEnd(facilityColumn));
      e = trimEndOf(text, s, this.cellEnd(facilityColumn));
    }
    if (e > s) {
      const lastFacility = this.lastFacility;
      if (lastFacility.matches(text, s, e)) facility = lastFacility.value;
      else {
        facility = this.keys.facilityOfBytes(text, s, e, hashBytes(text, s, e));
        if (!this.keys.facilityKnown[facility]) return false;
        lastFacility.keep(text, s, e, facility);
      }
    } else if (kind === OUTREACH) return false;

    // Clean: the row goes on, with its record id (any text) and its child.
    const at = batch.addRow(row);
    const fields = batch.fields;
    const base = at * ROW_FIELDS;
    const recordColumn = columns.record;
    let hasId = false;
    if (recordColumn >= 0 && recordColumn < cells) {
      s = trimStartOf(text, starts[recordColumn], this.cellEnd(recordColumn));
      e = trimEndOf(text, s, this.cellEnd(recordColumn));
      if (e > s) {
        batch.setRecordId(at, text, s, e);
        hasId = true;
      }
    }
    let child = -1;
    if (hasChild) {
      const lastChild = this.lastChild;
      if (lastChild.matches(text, childStart, childEnd)) child = lastChild.value;
      else {
        child = this.keys.childOfBytes(text, childStart, childEnd);
        lastChild.keep(text, childStart, childEnd, child);
      }
    }
    fields[base + F_FLAGS] |= kind;
    fields[base + F_DATE] = date;
    fields[base + F_BIRTH] = birth;
    fields[base + F_AREA] = area;
    fields[base + F_FACILITY] = facility;
    fields[base + F_CHILD] = child;
    if (!hasId) {
      fingerprintValues(this.keys, date, kind, child, birth, area, facility, null, 0, 0);
      keepValuesFingerprint(batch, at);
    } else if (this.ctx.several) {
      fingerprintValues(this.keys, date, kind, child, birth, area, facility, batch.ids, fields[base + F_ID_START], fields[base + F_ID_END]);
      keepValuesFingerprint(batch, at);
    }
    return true;
  }

  /** The kind a kind cell's raw bytes spell, or UNREADABLE_KIND (then the row is read as text, which says why). */
  private kindOf(text: Buffer, start: number, end: number): number {
    const spellings = this.kindSpellings;
    const slot = kindSlotOf(text, start, end);
    const likely = this.kindBySlot[slot] - 1;
    if (likely >= 0 && sameBytes(spellings[likely], spellings[likely].length, text, start, end)) return this.kindOfSpelling[likely];
    for (let k = 0; k < spellings.length; k++) {
      if (sameBytes(spellings[k], spellings[k].length, text, start, end)) {
        this.kindBySlot[slot] = k + 1;
        return this.kindOfSpelling[k];
      }
    }
    if (spellings.length >= MAX_KIND_SPELLINGS) return UNREADABLE_KIND;
    const parsed = parseEnum(KIND_VALUES, text.toString('utf8', start, end));
    const kind = parsed.ok ? KIND_INDEX[parsed.value as VisitKind] : UNREADABLE_KIND;
    spellings.push(new Uint8Array(text.subarray(start, end)));
    this.kindOfSpelling.push(kind);
    this.kindBySlot[slot] = spellings.length;
    return kind;
  }

  /** The part's key of the area code in trimmed bytes[start, end), or −1 when they are not 6, 9 or 12 digits. */
  private areaOf(text: Buffer, start: number, end: number): number {
    const hash = hashBytes(text, start, end);
    const known = this.areaDigits.find(text, start, end, hash);
    if (known >= 0) return this.areaOfDigits[known];
    const length = end - start;
    if ((length !== 6 && length !== 9 && length !== 12) || !isDigitBytes(text, start, end)) return -1;
    const area = this.keys.area(normaliseAreaCodeDigits(text.toString('latin1', start, end)));
    this.areaDigits.intern(text, start, end, hash);
    this.areaOfDigits.push(area);
    return area;
  }
}

/** Cells longer than this are not remembered (ids and codes are a few dozen bytes). */
const LAST_CELL_BYTES = 64;

/** One cell's bytes as last met, and what they gave. */
class LastCell {
  private readonly bytes = new Uint8Array(LAST_CELL_BYTES);
  private length = -1;
  value = 0;

  /** True when text[start, end) are the bytes last kept. */
  matches(text: Uint8Array, start: number, end: number): boolean {
    return sameBytes(this.bytes, this.length, text, start, end);
  }

  /** Remembers text[start, end) as giving `value` (a cell too long to keep is forgotten). */
  keep(text: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start;
    if (length > LAST_CELL_BYTES) {
      this.length = -1;
      return;
    }
    for (let i = 0; i < length; i++) this.bytes[i] = text[start + i];
    this.length = length;
    this.value = value;
  }
}

/**
 * True when text[start, end) are the first `length` bytes of `kept`. Compared
 * from the end: ids, codes and dates that follow one another in a file differ
 * in their last bytes (C000000041, C000000042), so a difference is mostly
 * found at the first comparison.
 */
function sameBytes(kept: Uint8Array, length: number, text: Uint8Array, start: number, end: number): boolean {
  if (end - start !== length) return false;
  for (let i = end - 1, k = length - 1; i >= start; i--, k--) if (text[i] !== kept[k]) return false;
  return true;
}
