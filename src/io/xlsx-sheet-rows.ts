/**
 * A worksheet part's XML to rows of raw cells, as the scanner finds them:
 * `<row>` and `<c>` with their values (`<v>`, inline `<is>` text), typed by
 * the cell's `t` and, for numbers, its style. Rows and cells without an `r`
 * attribute follow the one before; `dimension` and `spans` are claims and are
 * never used to size anything.
 */
import { excelSerialToDate, isoCellDate } from './cell-dates.js';
import type { RawCell, RawRow } from './raw.js';
import { MAX_CELL_LENGTH, MAX_COLUMNS } from './read-csv-rows.js';
import { ZipError } from './zip-archive.js';
import { decodeOfficeEscapes, decodeXmlText, isSpace, scanMarkup, type XmlAttributes, type XmlHandler } from './xml-scanner.js';

/** Excel's last row, 1,048,576 (its last column, XFD, is MAX_COLUMNS). */
export const MAX_ROWS = 1_048_576;

export interface SheetContext {
  sharedStrings: readonly string[];
  /** 1 at the index of each cell style that shows dates. */
  dateStyles: Uint8Array;
  date1904: boolean;
}

const enum CellType {
  Number,
  SharedString,
  InlineString,
  FormulaString,
  Boolean,
  Error,
  IsoDate,
}

function cellTypeOf(s: string, start: number, end: number): CellType {
  switch (end - start) {
    case 1:
      switch (s.charCodeAt(start)) {
        case 115: return CellType.SharedString; // s
        case 98: return CellType.Boolean; // b
        case 101: return CellType.Error; // e
        case 100: return CellType.IsoDate; // d
        default: return CellType.Number; // n
      }
    case 3:
      return s.charCodeAt(start) === 115 && s.charCodeAt(start + 1) === 116 && s.charCodeAt(start + 2) === 114 ? CellType.FormulaString : CellType.Number;
    case 9:
      return s.startsWith('inlineStr', start) ? CellType.InlineString : CellType.Number;
    default:
      return CellType.Number;
  }
}

/**
 * `s.indexOf` of one character, as a loop: the values and attributes searched
 * here are a few characters long, and a loop the compiler inlines beats a
 * call into the string builtin at that length.
 */
function indexOfCode(s: string, code: number, from: number): number {
  const length = s.length;
  for (let index = from; index < length; index += 1) if (s.charCodeAt(index) === code) return index;
  return -1;
}

/** No `&` (an entity) and no `_` (an Office escape such as `_x000D_`) in `s[start, end)`. */
function isPlainText(s: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const c = s.charCodeAt(index);
    if (c === 38 || c === 95) return false;
  }
  return true;
}

/** `</v></c>` at `at`, compared char by char (cheaper than startsWith in the hot loop). */
function isValueAndCellEnd(s: string, at: number): boolean {
  return (
    s.charCodeAt(at + 1) === 47 &&
    s.charCodeAt(at + 2) === 118 &&
    s.charCodeAt(at + 3) === 62 &&
    s.charCodeAt(at + 4) === 60 &&
    s.charCodeAt(at + 5) === 47 &&
    s.charCodeAt(at + 6) === 99 &&
    s.charCodeAt(at + 7) === 62
  );
}

/** Column number (A = 1) of a cell reference like `AB12`; 0 when it has no letters. */
function columnOfReference(s: string, start: number, end: number): number {
  let column = 0;
  for (let index = start; index < end; index += 1) {
    const c = s.charCodeAt(index) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
    if (column > MAX_COLUMNS) return MAX_COLUMNS + 1;
  }
  return column;
}

/** The row part of a cell reference (`12` of `AB12`); 0 when there is none. */
function rowOfReference(s: string, start: number, end: number): number {
  let index = start;
  while (index < end && s.charCodeAt(index) > 57) index += 1;
  return parseDigits(s, index, end);
}

function parseDigits(s: string, start: number, end: number): number {
  if (start >= end) return 0;
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = s.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
    if (value > Number.MAX_SAFE_INTEGER / 10) return 0;
  }
  return value;
}

/**
 * The scanner's handler for a worksheet. Rows found are appended to `rows`,
 * which the reader empties after each piece of XML.
 */
export class SheetRowsHandler implements XmlHandler {
  capturing = false;
  stopped = false;
  rows: RawRow[] = [];

  private inSheetData = false;
  private lastRowNumber = 0;
  // The row being read.
  private inRow = false;
  private rowNumber = 0;
  private cells: RawCell[] = [];
  private nextColumn = 1;
  private widest = 0;
  private problem: RawRow['problem'] = undefined;
  // The cell being read.
  private inCell = false;
  private cellColumn = 0;
  private cellType = CellType.Number;
  private cellStyle = 0;
  private value: string | null = null;
  private inline: string | null = null;
  private inInline = false;
  private phoneticDepth = 0;
  private inValue = false;

  private readonly attributes: XmlAttributes = { count: 0, at: new Int32Array(64) };

  constructor(private readonly context: SheetContext) {}

  /**
   * `scanXml` for a worksheet, with a fast path for the cells nearly every
   * sheet is made of — `<c r="B2" s="1" t="s"><v>7</v></c>` and `<c r="B2"/>` —
   * read in one go; anything else (formulas, inline strings, prefixes,
   * comments) goes through the general scanner and this handler's methods.
   */
  scan(s: string): number {
    let p = 0;
    while (!this.stopped) {
      // Cells follow one another with nothing between: no search needed then.
      const lt = s.charCodeAt(p) === 60 ? p : s.indexOf('<', p);
      if (lt < 0) return this.capturing ? p : s.length;
      if (this.capturing) {
        if (lt > p) this.text(decodeXmlText(s.slice(p, lt)));
      } else if (this.inSheetData) {
        const first = s.charCodeAt(lt + 1);
        const next = first === 99 /* c */ ? this.fastCell(s, lt) : first === 114 /* r */ ? this.fastRow(s, lt) : 0;
        if (next < 0) return lt;
        if (next > 0) {
          p = next;
          continue;
        }
      }
      const next = scanMarkup(s, lt, this, this.attributes);
      if (next < 0) return lt;
      p = next;
    }
    return p;
  }

  /** `<row r="2" …>` read for its number alone; as fastCell, -1 when cut short, 0 when not this shape. */
  private fastRow(s: string, lt: number): number {
    if (s.charCodeAt(lt + 2) !== 111 || s.charCodeAt(lt + 3) !== 119 || s.charCodeAt(lt + 4) !== 32) return lt + 4 >= s.length ? -1 : 0; // "ow "
    const end = s.indexOf('>', lt + 5);
    if (end < 0) return -1;
    // Only the plain form, r first and not an empty row. (A '>' inside a later attribute's value would end
    // the tag early here, leaving the rest of the tag as text between elements, which is never read.)
    if (s.charCodeAt(end - 1) === 47 || s.charCodeAt(lt + 5) !== 114 || s.charCodeAt(lt + 6) !== 61 || s.charCodeAt(lt + 7) !== 34) return 0;
    const numberEnd = s.indexOf('"', lt + 8);
    if (numberEnd < 0 || numberEnd > end) return 0;
    const number = parseDigits(s, lt + 8, numberEnd);
    if (number === 0) return 0;
    this.startRow(number);
    return end + 1;
  }

  /**
   * A whole cell of the common shapes, read at once: returns the index after
   * it, -1 when `s` ends inside it (nothing is changed then), 0 when it is
   * not such a cell (the general path reads it).
   */
  private fastCell(s: string, lt: number): number {
    const length = s.length;
    let index = lt + 2;
    const after = s.charCodeAt(index);
    if (after !== 32 && after !== 62 && after !== 47) return index >= length ? -1 : 0;
    let referenceStart = -1;
    let referenceEnd = -1;
    let type = CellType.Number;
    let style = 0;
    let selfClosing = false;
    while (true) {
      while (index < length && isSpace(s.charCodeAt(index))) index += 1;
      if (index >= length) return -1;
      const c = s.charCodeAt(index);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        if (index + 1 >= length) return -1;
        if (s.charCodeAt(index + 1) !== 62) return 0;
        index += 1;
        selfClosing = true;
        break;
      }
      const equals = s.charCodeAt(index + 1) === 61 ? index + 1 : s.indexOf('=', index);
      if (equals < 0) return -1;
      const quote = s.charCodeAt(equals + 1);
      if (quote !== 34 && quote !== 39) return equals + 1 >= length ? -1 : 0;
      const valueEnd = indexOfCode(s, quote, equals + 2);
      if (valueEnd < 0) return -1;
      if (equals - index === 1) {
        switch (c) {
          case 114: // r
            referenceStart = equals + 2;
            referenceEnd = valueEnd;
            break;
          case 116: // t
            type = cellTypeOf(s, equals + 2, valueEnd);
            break;
          case 115: // s
            style = parseDigits(s, equals + 2, valueEnd);
            break;
        }
      }
      index = valueEnd + 1;
    }
    const tagEnd = index;
    if (selfClosing) {
      this.beginCell(s, referenceStart, referenceEnd, type, style);
      this.closeCell();
      return tagEnd + 1;
    }
    // <v>…</v></c>, nothing else inside.
    const valueStart = tagEnd + 4;
    if (valueStart > length) return -1;
    if (s.charCodeAt(tagEnd + 1) !== 60 || s.charCodeAt(tagEnd + 2) !== 118 || s.charCodeAt(tagEnd + 3) !== 62) return 0; // <v>
    const valueEnd = indexOfCode(s, 60 /* < */, valueStart);
    if (valueEnd < 0 || valueEnd + 8 > length) return -1;
    if (!isValueAndCellEnd(s, valueEnd)) return 0;
    this.beginCell(s, referenceStart, referenceEnd, type, style);
    if (type === CellType.Number || type === CellType.SharedString) {
      // The two commonest values are read from the text where they stand, with no string made for them.
      this.closeCell(this.numberOrIndex(s, valueStart, valueEnd));
    } else if (type === CellType.FormulaString && isPlainText(s, valueStart, valueEnd)) {
      // Text as exceljs and others store it (t="str"): with no entity or escape in it, the text itself.
      this.closeCell(s.slice(valueStart, valueEnd));
    } else {
      this.value = decodeXmlText(s.slice(valueStart, valueEnd));
      this.closeCell();
    }
    return valueEnd + 8;
  }

  /** A number cell's value, or a shared string, from `s[start, end)`; plain digits without a string, anything else as text first. */
  private numberOrIndex(s: string, start: number, end: number): RawCell {
    const digits = end - start <= 15 ? parseDigits(s, start, end) : 0;
    const plain = digits > 0 || (end - start === 1 && s.charCodeAt(start) === 48);
    if (this.cellType === CellType.SharedString) {
      const text = plain ? this.context.sharedStrings[digits] : undefined;
      if (text !== undefined) return text;
      this.value = s.slice(start, end);
      return this.cellValue();
    }
    if (!plain) {
      this.value = decodeXmlText(s.slice(start, end));
      return this.cellValue();
    }
    return this.context.dateStyles[this.cellStyle] === 1 ? excelSerialToDate(digits, this.context.date1904) : digits;
  }

  open(s: string, nameStart: number, nameEnd: number, attributes: XmlAttributes, selfClosing: boolean): void {
    const length = nameEnd - nameStart;
    if (!this.inSheetData) {
      if (length === 9 && s.startsWith('sheetData', nameStart)) {
        this.inSheetData = !selfClosing;
        if (selfClosing) this.stopped = true;
      }
      return;
    }
    const first = s.charCodeAt(nameStart);
    if (length === 1) {
      if (first === 99 /* c */) this.openCell(s, attributes, selfClosing);
      else if (first === 118 /* v */ && this.inCell) {
        this.value = '';
        this.inValue = !selfClosing;
        this.capturing = this.inValue;
      } else if (first === 116 /* t */ && this.inInline && this.phoneticDepth === 0 && !selfClosing) {
        this.inline ??= '';
        this.capturing = true;
      }
    } else if (length === 3 && first === 114 /* r */) {
      if (s.startsWith('row', nameStart)) this.openRow(s, attributes, selfClosing);
      else if (s.startsWith('rPh', nameStart) && !selfClosing) this.phoneticDepth += 1;
    } else if (length === 2 && first === 105 /* i */ && s.startsWith('is', nameStart) && this.inCell) {
      this.inline ??= '';
      this.inInline = !selfClosing;
    }
  }

  close(s: string, nameStart: number, nameEnd: number): void {
    if (!this.inSheetData) return;
    const length = nameEnd - nameStart;
    const first = s.charCodeAt(nameStart);
    if (length === 1) {
      if (first === 118 /* v */) {
        this.inValue = false;
        this.capturing = false;
      } else if (first === 99 /* c */) {
        this.closeCell();
      } else if (first === 116 /* t */) {
        this.capturing = false;
      }
    } else if (length === 3 && first === 114 /* r */) {
      if (s.startsWith('row', nameStart)) this.closeRow();
      else if (s.startsWith('rPh', nameStart)) this.phoneticDepth -= 1;
    } else if (length === 2 && first === 105 /* i */) {
      if (s.startsWith('is', nameStart)) this.inInline = false;
    } else if (length === 9 && s.startsWith('sheetData', nameStart)) {
      if (this.inRow) this.closeRow();
      this.inSheetData = false;
      this.stopped = true;
    }
  }

  text(value: string): void {
    if (this.inValue) this.value += value;
    else this.inline += value;
  }

  /** Call at the end of the part: a row left open by a truncated part still counts. */
  finish(): void {
    if (this.inRow) this.closeRow();
  }

  private openRow(s: string, attributes: XmlAttributes | null, selfClosing: boolean): void {
    if (this.inRow) this.closeRow();
    let number = 0;
    if (attributes !== null) {
      const at = attributes.at;
      for (let index = 0; index < attributes.count * 4; index += 4) {
        if (at[index + 1] - at[index] === 1 && s.charCodeAt(at[index]) === 114 /* r */) number = parseDigits(s, at[index + 2], at[index + 3]);
      }
    }
    this.startRow(number);
    if (selfClosing) this.closeRow();
  }

  private startRow(number: number): void {
    if (this.inRow) this.closeRow();
    this.inRow = true;
    this.rowNumber = number;
    this.cells = [];
    this.nextColumn = 1;
    this.widest = 0;
    this.problem = undefined;
  }

  private openCell(s: string, attributes: XmlAttributes, selfClosing: boolean): void {
    let referenceStart = -1;
    let referenceEnd = -1;
    let type = CellType.Number;
    let style = 0;
    const at = attributes.at;
    for (let index = 0; index < attributes.count * 4; index += 4) {
      const nameStart = at[index];
      if (at[index + 1] - nameStart !== 1) continue;
      const valueStart = at[index + 2];
      const valueEnd = at[index + 3];
      switch (s.charCodeAt(nameStart)) {
        case 114: // r
          referenceStart = valueStart;
          referenceEnd = valueEnd;
          break;
        case 116: // t
          type = cellTypeOf(s, valueStart, valueEnd);
          break;
        case 115: // s
          style = parseDigits(s, valueStart, valueEnd);
          break;
      }
    }
    this.beginCell(s, referenceStart, referenceEnd, type, style);
    if (selfClosing) this.closeCell();
  }

  private beginCell(s: string, referenceStart: number, referenceEnd: number, type: CellType, style: number): void {
    if (!this.inRow) this.openRow(s, null, false);
    const column = referenceStart < 0 ? 0 : columnOfReference(s, referenceStart, referenceEnd);
    // A row without its own number takes it from its first cell's reference.
    if (this.rowNumber === 0 && referenceStart >= 0) this.rowNumber = rowOfReference(s, referenceStart, referenceEnd);
    this.cellColumn = column > 0 ? column : this.nextColumn;
    this.cellType = type;
    this.cellStyle = style;
    this.value = null;
    this.inline = null;
    this.inInline = false;
    this.phoneticDepth = 0;
    this.inCell = true;
  }

  /** Ends the cell being read; its value is `known` when the fast path has it already. */
  private closeCell(known?: RawCell): void {
    if (!this.inCell) return;
    this.inCell = false;
    this.inValue = false;
    this.capturing = false;
    const column = this.cellColumn;
    this.nextColumn = column + 1;
    if (column > this.widest) this.widest = column;
    if (column > MAX_COLUMNS) return;
    const cell = known === undefined ? this.cellValue() : known;
    if (cell === null) return;
    const cells = this.cells;
    while (cells.length < column - 1) cells.push(null);
    if (cells.length === column - 1) cells.push(cell);
    else cells[column - 1] = cell;
  }

  private cellValue(): RawCell {
    const value = this.value;
    switch (this.cellType) {
      case CellType.SharedString: {
        if (value === null) return null;
        const text = this.context.sharedStrings[parseDigits(value, 0, value.length)];
        if (text === undefined || value.length === 0) {
          this.problem ??= { code: 'unreadable-row', column: null, value: `shared string ${value} missing` };
          return null;
        }
        return text;
      }
      case CellType.InlineString:
        return this.inline !== null ? decodeOfficeEscapes(this.inline) : value;
      case CellType.FormulaString:
        return value === null ? null : decodeOfficeEscapes(value);
      case CellType.Boolean:
        if (value === null) return null;
        return value === '1' || value.trim().toLowerCase() === 'true' ? true : value === '0' || value.trim().toLowerCase() === 'false' ? false : value;
      case CellType.Error:
        return value;
      case CellType.IsoDate:
        return value === null || value === '' ? null : (isoCellDate(value) ?? value);
      default: {
        // A cell without a type that holds inline text (some writers omit t="inlineStr").
        if (this.inline !== null) return decodeOfficeEscapes(this.inline);
        if (value === null || value.length === 0) return null;
        const number = +value;
        if (Number.isNaN(number) || value.trim().length === 0) return value;
        return this.context.dateStyles[this.cellStyle] === 1 ? excelSerialToDate(number, this.context.date1904) : number;
      }
    }
  }

  private closeRow(): void {
    if (this.inCell) this.closeCell();
    this.inRow = false;
    const row = this.rowNumber > 0 ? this.rowNumber : this.lastRowNumber + 1;
    // Excel writes rows in order and refuses a file whose rows are not: such a part is damaged.
    if (row <= this.lastRowNumber) throw new ZipError('corrupt', `row ${row} after row ${this.lastRowNumber}`);
    this.lastRowNumber = row;
    if (row > MAX_ROWS) {
      this.rows.push({ row, cells: [], problem: { code: 'too-many-rows', column: null, value: null, params: { limit: MAX_ROWS } } });
      this.stopped = true;
      return;
    }
    if (this.widest > MAX_COLUMNS) {
      this.rows.push({ row, cells: [], problem: { code: 'too-many-columns', column: null, value: String(this.widest), params: { limit: MAX_COLUMNS } } });
      return;
    }
    const cells = this.cells;
    let blank = true;
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      if (cell === null) continue;
      if (typeof cell === 'string') {
        if (cell.length > MAX_CELL_LENGTH) {
          this.rows.push({
            row,
            cells: [],
            problem: { code: 'cell-too-large', column: null, value: `${cell.slice(0, 20)}…`, params: { columnIndex: index + 1, length: cell.length, limit: MAX_CELL_LENGTH } },
          });
          return;
        }
        if (blank && cell.trim() !== '') blank = false;
      } else {
        blank = false;
      }
    }
    if (this.problem !== undefined) this.rows.push({ row, cells: [], problem: this.problem });
    else if (!blank) this.rows.push({ row, cells });
  }
}
