/**
 * What the readers hand to the schema: cells as the file holds them, with the
 * row number a spreadsheet shows. Readers know nothing of columns' meaning.
 */
import type { TableName } from '../issues/issue.js';

/**
 * A cell's value. CSV cells are always strings. Workbook cells keep their
 * type: numbers, booleans, dates (a Date at UTC midnight for a date cell, the
 * time of day kept when it has one), strings (rich-text runs joined, phonetic
 * guides left out, a formula's cached result), null for an empty cell; an
 * error cell or a formula whose result is an error becomes its text, e.g. "#DIV/0!".
 */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /**
   * 1-based row number as a spreadsheet shows it (header = row 1 when it is
   * the first row). For CSV: the row Excel would show when opening the file,
   * i.e. records counted from 1, blank lines included.
   */
  row: number;
  cells: RawCell[];
  /**
   * Set when the reader could not read this row as it was meant (an unclosed
   * quote that swallowed the rest of the file, a cell over the size limit…).
   * The schema counts such a row as read and rejected, with this issue.
   */
  problem?: { code: string; column: string | null; value: string | null; params?: Record<string, string | number> };
}

/** Where a table came from; copied into every issue about it. */
export interface TableSource {
  table: TableName;
  /** The path as the user gave it (relative stays relative), used in messages. */
  file: string;
  /** The sheet of a workbook, null for CSV. */
  sheet: string | null;
  /** 'xls' for legacy Excel 97–2003 and WPS .et workbooks. */
  format: 'csv' | 'xlsx' | 'xls';
}

/**
 * A table opened for reading. `header` is the header row (normally row 1,
 * else the first row that looks like a header, see open-table.ts). Rows whose
 * every cell is empty or blank are not yielded and not counted as read
 * (Excel leaves such rows below the data).
 */
export interface RawTable {
  source: TableSource;
  header: RawRow;
  /**
   * The data rows after the header, once, in file order, in batches (the
   * rows of one piece of the file read: tens to thousands of rows) so that a
   * million-row file costs thousands of awaits, not a million.
   */
  batches: AsyncIterable<RawRow[]>;
  /** sha256 hex of the file's bytes; available after `batches` has been consumed. */
  sha256(): string;
}
