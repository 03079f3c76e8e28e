/**
 * What the readers hand to the schema: cells as the file holds them, with the
 * row number a spreadsheet shows. Readers know nothing of columns' meaning.
 */
import type { TableName } from '../issues/issue.js';

/**
 * A cell's value. CSV cells are always strings. XLSX cells keep their type:
 * numbers, booleans, dates (exceljs Date, as UTC midnight for date cells),
 * strings (rich text joined, hyperlinks' text, formula results unwrapped),
 * null for an empty cell; an error cell (#DIV/0!) becomes its text, e.g. "#DIV/0!".
 */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number as the spreadsheet shows it. For CSV, the line where the record starts. */
  row: number;
  cells: RawCell[];
}

/** Where a table came from; copied into every issue about it. */
export interface TableSource {
  table: TableName;
  /** The path as the user gave it (relative stays relative), used in messages. */
  file: string;
  /** Sheet name for XLSX, null for CSV. */
  sheet: string | null;
  format: 'csv' | 'xlsx';
}

/**
 * A table opened for reading. `header` is the header row (normally row 1);
 * `rows` yields the data rows after it, once, in file order. Rows whose
 * every cell is empty or blank are not yielded and not counted as read
 * (Excel leaves such rows below the data).
 */
export interface RawTable {
  source: TableSource;
  header: RawRow;
  rows: AsyncIterable<RawRow>;
  /** sha256 hex of the file's bytes; available after `rows` has been consumed. */
  sha256(): string;
}
