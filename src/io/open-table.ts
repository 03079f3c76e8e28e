/**
 * Opens a located table: finds its header row, then hands out the rows after
 * it in batches, hashing the file's bytes in the same pass.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { FatalInputError } from '../issues/fatal.js';
import type { RawCell, RawRow, RawTable } from './raw.js';
import { readCsvRows } from './read-csv-rows.js';
import { findSheet, HEADER_SEARCH_ROWS, type TableLocation } from './resolve-inputs.js';
import { openWorkbook, type Workbook } from './workbook.js';

export interface OpenTableOptions {
  /** Overrides the detected CSV encoding (utf8, gbk, gb18030, utf16le…). */
  encoding?: string;
  /** Recognises the header among title rows; without it the first non-blank row is the header. */
  isHeaderRow?: (cells: RawCell[]) => boolean;
}

export async function openTable(location: TableLocation, options: OpenTableOptions = {}): Promise<RawTable> {
  if (location.format !== 'csv') return openWorkbookTable(location, location.workbook ?? (await openWorkbook(location.path)), options);
  const hash = createHash('sha256');
  let hashed: string | null = null;
  const onHashed = (): void => {
    hashed = hash.digest('hex');
  };
  const rows = readCsvRows(location.path, { encoding: options.encoding, hash, onHashed });
  const { header, rest } = await findHeader(rows, options.isHeaderRow, location.path);
  return {
    source: { table: location.table, file: location.path, sheet: null, format: 'csv' },
    header,
    batches: continueBatches(rest, rows),
    sha256: () => hashed ?? (hashed = hashFileSync(location.path)),
  };
}

/** A sheet of a workbook already open: its hash is the workbook's, taken when it was read. */
async function openWorkbookTable(location: TableLocation, workbook: Workbook, options: OpenTableOptions): Promise<RawTable> {
  const sheet = location.sheet === null ? (workbook.sheets[0] ?? null) : findSheet(workbook.sheets, location.sheet);
  if (sheet === null) {
    throw new FatalInputError({
      code: 'sheet-not-found',
      table: location.table,
      file: location.path,
      sheet: location.sheet,
      row: null,
      column: null,
      value: location.sheet,
      params: { sheets: workbook.sheets.map((candidate) => candidate.name).join(', ') },
    });
  }
  const rows = workbook.rows(sheet);
  const { header, rest } = await findHeader(rows, options.isHeaderRow, location.path);
  return {
    source: { table: location.table, file: location.path, sheet: sheet.name, format: workbook.format },
    header,
    batches: continueBatches(rest, rows),
    sha256: () => workbook.sha256,
  };
}

/**
 * The header: the first non-blank row, or with `isHeaderRow` the first of the
 * first ten non-blank rows it accepts (rows above it are titles, dropped).
 * Returns the data rows already read past it.
 */
export async function findHeader(
  rows: AsyncIterator<RawRow[]>,
  isHeaderRow: ((cells: RawCell[]) => boolean) | undefined,
  file: string,
): Promise<{ header: RawRow; rest: RawRow[] }> {
  const seen: RawRow[] = [];
  while (true) {
    const next = await rows.next();
    if (!next.done) seen.push(...next.value);
    if (!(next.done || headerDecided(seen, isHeaderRow))) continue;
    if (seen.length === 0) await rows.return?.(undefined);
    return chooseHeader(seen, isHeaderRow, file);
  }
}

/** Whether the rows seen so far (non-blank, in order) are enough to choose the header among them. */
export function headerDecided(seen: readonly RawRow[], isHeaderRow: ((cells: RawCell[]) => boolean) | undefined): boolean {
  return isHeaderRow === undefined ? seen.length > 0 : seen.length >= HEADER_SEARCH_ROWS;
}

/**
 * The header among the non-blank rows seen (all of them once the table
 * ends): the first, or with `isHeaderRow` the first of the first ten it
 * accepts. Rows after it are data; `empty-file` when there is none.
 */
export function chooseHeader(
  seen: readonly RawRow[],
  isHeaderRow: ((cells: RawCell[]) => boolean) | undefined,
  file: string,
): { header: RawRow; rest: RawRow[] } {
  if (seen.length === 0) {
    throw new FatalInputError({ code: 'empty-file', table: null, file, sheet: null, row: null, column: null, value: null });
  }
  let index = 0;
  if (isHeaderRow) {
    const limit = Math.min(seen.length, HEADER_SEARCH_ROWS);
    const accepted = seen.slice(0, limit).findIndex((row) => !row.problem && isHeaderRow(row.cells));
    index = accepted >= 0 ? accepted : 0;
  }
  return { header: withoutTrailingBlanks(seen[index]), rest: seen.slice(index + 1) };
}

/**
 * The header ends at its last named cell. Excel's and LibreOffice's CSV
 * export pad every row to the sheet's used range, and an xlsx row may carry
 * formatted empty cells: a value under such an empty header cell belongs to
 * no column and must be reported as `extra-cells`, not silently dropped.
 */
function withoutTrailingBlanks(header: RawRow): RawRow {
  let end = header.cells.length;
  while (end > 0 && isBlankCell(header.cells[end - 1])) end--;
  return end === header.cells.length ? header : { ...header, cells: header.cells.slice(0, end) };
}

function isBlankCell(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim().length === 0);
}

async function* continueBatches(rest: RawRow[], rows: AsyncGenerator<RawRow[]>): AsyncGenerator<RawRow[]> {
  try {
    if (rest.length > 0) yield rest;
    while (true) {
      const next = await rows.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rows.return(undefined);
  }
}

/** When the rows were not all read (a table given up on), the hash still covers the whole file. */
function hashFileSync(path: string): string {
  const hash = createHash('sha256');
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let bytesRead: number;
    while ((bytesRead = readSync(descriptor, buffer, 0, buffer.length, null)) > 0) {
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    closeSync(descriptor);
  }
  return hash.digest('hex');
}
