/**
 * One sheet of an .xlsx to raw rows through exceljs's streaming reader, with
 * cells unwrapped to plain values. The sheet is identified by the part it
 * lives in (from xl/workbook.xml), because the streaming reader only knows
 * sheet names when the archive happens to store the workbook part first.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import { FatalInputError } from '../issues/fatal.js';
import type { RawCell, RawRow } from './raw.js';
import { checkedPart, openOrderedParts, readWorkbookSheets, type PartCheck, type WorkbookSheet } from './read-workbook-sheets.js';
import { MAX_CELL_LENGTH, MAX_COLUMNS } from './read-csv-rows.js';
import { unsupportedFormat } from './sniff-format.js';

export const MAX_ROWS = 1_048_576;

export interface XlsxReadOptions {
  /** Sheet name as the workbook spells it; null for the first sheet. */
  sheet: string | null;
}

/** Picks the sheet to read: by name (trimmed, case-insensitive if no exact match), or the first. */
export function pickSheet(sheets: WorkbookSheet[], wanted: string | null): WorkbookSheet | null {
  if (wanted === null) return sheets[0] ?? null;
  const exact = sheets.find((sheet) => sheet.name === wanted);
  if (exact) return exact;
  const loose = wanted.trim().toLowerCase();
  return sheets.find((sheet) => sheet.name.trim().toLowerCase() === loose) ?? null;
}

export async function* readXlsxRows(path: string, options: XlsxReadOptions): AsyncGenerator<RawRow[]> {
  const { sheets } = await readWorkbookSheets(path);
  const sheet = pickSheet(sheets, options.sheet);
  if (!sheet) {
    throw new FatalInputError({
      code: 'sheet-not-found',
      table: null,
      file: path,
      sheet: options.sheet,
      row: null,
      column: null,
      value: options.sheet,
      params: { sheets: sheets.map((candidate) => candidate.name).join(', ') },
    });
  }
  // exceljs reads only parts named xl/worksheets/sheetN.xml and knows them by N.
  const partMatch = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(sheet.part);
  if (!partMatch) throw unsupportedFormat(path, 'unknown');
  const wantedNumber = partMatch[1];

  // Only the parts this sheet needs are streamed, so the file's hash is taken apart (open-table.ts).
  const { stream: source, corrupt, sheet: expected } = await openOrderedParts(path, sheet.part);
  const reader = new (await loadExcelJS()).stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'cache',
    worksheets: 'emit',
  });
  tagWorksheetsWithPart(reader, wantedNumber, expected);

  let batch: RawRow[] = [];
  let found = false;
  try {
    for await (const worksheet of raceWith(reader, corrupt)) {
      const tagged = worksheet as unknown as StreamedWorksheet;
      if (found || tagged.partNumber !== wantedNumber) {
        // Rows of other sheets must still be pulled through for the archive to advance.
        for await (const events of raceWith(tagged.parse(), corrupt)) void events;
        continue;
      }
      found = true;
      // The rows of each piece of XML the parser took, at once: iterating the worksheet
      // itself costs an await (and its promises) per row.
      let tooMany = false;
      for await (const events of raceWith(tagged.parse(), corrupt)) {
        for (let index = 0; index < events.length; index++) {
          const event = events[index];
          if (event.eventType !== 'row') continue;
          const row = event.value as ExcelJS.Row;
          if (row.number > MAX_ROWS) {
            batch.push({ row: row.number, cells: [], problem: { code: 'too-many-rows', column: null, value: null, params: { limit: MAX_ROWS } } });
            tooMany = true;
            break;
          }
          const converted = convertRow(row);
          if (converted) batch.push(converted);
        }
        if (tooMany) break;
        // Rows go on before the next piece is awaited (see read-csv-rows.ts on pretenuring).
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      break;
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof FatalInputError) throw error;
    // exceljs refuses a cell beyond column XFD before we see its row: say that, not "damaged".
    if (error instanceof Error && /^Out of bounds\. (Excel supports columns|Invalid column letter)/.test(error.message)) {
      throw new FatalInputError({
        code: 'too-many-columns',
        table: null,
        file: path,
        sheet: sheet.name,
        row: null,
        column: null,
        value: null,
        params: { limit: MAX_COLUMNS },
      });
    }
    throw unsupportedFormat(path, 'corrupt');
  } finally {
    source.destroy();
  }
}

/** exceljs's streamed worksheet: `parse()` yields the events of each piece of XML it read. */
interface StreamedWorksheet {
  partNumber?: string;
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

/**
 * Each item of `items`, unless `failure` rejects first (then its error is thrown).
 * Not `Promise.race([next, failure])` per item: every race leaves a reaction on
 * the never-settling `failure`, and a 200,000-row sheet then holds 200,000 of them.
 */
async function* raceWith<T>(items: AsyncIterable<T>, failure: Promise<never>): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  let failed: { error: unknown } | null = null;
  let rejectPending: ((error: unknown) => void) | null = null;
  failure.catch((error: unknown) => {
    failed = { error };
    rejectPending?.(error);
  });
  try {
    while (true) {
      if (failed) throw (failed as { error: unknown }).error;
      const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
        rejectPending = reject;
        iterator.next().then(resolve, reject);
      });
      rejectPending = null;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Not awaited: after a failure the underlying reader may never settle.
    void iterator.return?.()?.catch(() => {});
  }
}

/**
 * Marks each streamed worksheet with the N of its part, checks the wanted
 * sheet's inflated bytes against the zip directory (`checkedPart`), and makes
 * sure a workbook part stored after the sheets cannot crash the reader
 * (exceljs issue 3064: it reads `this.model.sheets` before the model exists).
 */
function tagWorksheetsWithPart(reader: ExcelJS.stream.xlsx.WorkbookReader, wantedNumber: string, expected: PartCheck | null): void {
  type Event = { eventType: string; value: { partNumber?: string } };
  const internal = reader as unknown as {
    model?: { sheets?: unknown[] };
    _parseWorksheet(iterator: unknown, sheetNo: string): Generator<Event>;
  };
  const original = internal._parseWorksheet;
  internal._parseWorksheet = function* (this: typeof internal, iterator: unknown, sheetNo: string) {
    if (this.model === undefined) this.model = { sheets: [] };
    const chunks = expected && sheetNo === wantedNumber ? checkedPart(iterator as AsyncIterable<Buffer>, expected) : iterator;
    for (const event of original.call(this, chunks, sheetNo)) {
      if (event.eventType === 'worksheet') event.value.partNumber = sheetNo;
      yield event;
    }
  };
}

/** exceljs's cell type for an empty cell (Enums.ValueType.Null). */
const NULL_TYPE = 0;

function convertRow(row: ExcelJS.Row): RawRow | null {
  // What `row.values` gives (1-based, up to the last cell holding a value), read from the
  // row's own cells so that no array is built per row just to be read once.
  const slots = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
  let width = slots.length;
  while (width > 0 && (slots[width - 1] === undefined || slots[width - 1]!.type === NULL_TYPE)) width -= 1;
  const cells: RawCell[] = new Array(width);
  let blank = true;
  if (width > MAX_COLUMNS) {
    return { row: row.number, cells: [], problem: { code: 'too-many-columns', column: null, value: String(width), params: { limit: MAX_COLUMNS } } };
  }
  for (let index = 1; index <= width; index += 1) {
    const slot = slots[index - 1];
    const cell = convertCell(slot === undefined || slot.type === NULL_TYPE ? undefined : slot.value, row, index);
    cells[index - 1] = cell;
    if (cell === null) continue;
    if (typeof cell === 'string') {
      if (cell.length > MAX_CELL_LENGTH) {
        return {
          row: row.number,
          cells: [],
          problem: { code: 'cell-too-large', column: null, value: `${cell.slice(0, 20)}…`, params: { columnIndex: index, length: cell.length, limit: MAX_CELL_LENGTH } },
        };
      }
      if (blank && cell.trim() !== '') blank = false;
    } else {
      blank = false;
    }
  }
  return blank ? null : { row: row.number, cells };
}

/** exceljs's value shapes to a plain cell. */
export function convertCell(value: unknown, row?: ExcelJS.Row, column?: number): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const shaped = value as Record<string, unknown>;
  if (Array.isArray(shaped.richText)) {
    return (shaped.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
  }
  if ('formula' in shaped || 'sharedFormula' in shaped) {
    const result = shaped.result;
    if (result === undefined || result === null) return null;
    // exceljs's streaming reader parses a formula's cached error (#DIV/0!) as a
    // number, leaving NaN: the error's own text is lost, but it must not pass as a value.
    if (typeof result === 'number' && Number.isNaN(result)) return '#ERROR';
    if (typeof result === 'number' && row && column && isDateFormat(row.getCell(column).numFmt)) {
      return excelSerialToDate(result);
    }
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
    return convertCell(result);
  }
  if ('error' in shaped) return String(shaped.error);
  if ('text' in shaped) return convertCell(shaped.text);
  // A bare index means the shared strings were never read: never pass it off as an empty cell.
  if ('sharedString' in shaped) throw new Error('shared string without its table');
  return String(value);
}

/** Same rule exceljs applies to plain cells: a format with date/time letters outside quotes and brackets. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const cleaned = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(cleaned);
}

/** Excel's 1900 serial (with its fictitious 29 Feb 1900) to a UTC Date. */
export function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}
