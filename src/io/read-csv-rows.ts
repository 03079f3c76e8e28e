/**
 * CSV bytes to raw rows, numbered as a spreadsheet shows them. Built for a
 * million rows: csv-parse's parser is driven directly (no stream machinery per
 * record), UTF-8 is only validated, never decoded twice, and per-row work is
 * a counter and a blank check.
 */
import { createReadStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { Parser, type CsvError } from 'csv-parse';
import { FatalInputError } from '../issues/fatal.js';
import type { RawRow } from './raw.js';
import { createTextDecoder, detectEncoding, normalizeEncoding, unknownEncoding, type DecodedPiece } from './decode-text.js';

/** Excel's own limits: beyond these a row is not data but abuse. */
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_LENGTH = 1_000_000;
/** Whole-record guard for the parser, so one runaway field cannot eat the memory. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const BATCH_ROWS = 1000;

export interface CsvReadOptions {
  encoding?: string;
  hash: Hash;
  /** Called once the whole file went through `hash`. */
  onHashed: () => void;
}

/** The low-level parser behind csv-parse's stream, called without the stream. */
interface CsvApi {
  parse(buffer: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvError | undefined;
}

/**
 * Which of `,` `;` tab separates the cells: counted outside quotes on the
 * first line that has any (a title row above the header may have none). On a
 * tie tab wins (it is never typed inside text), then comma.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (char === ',') commas += 1;
    else if (char === ';') semicolons += 1;
    else if (char === '\t') tabs += 1;
    else if ((char === '\n' || char === '\r') && commas + semicolons + tabs > 0) break;
  }
  if (tabs > 0 && tabs >= commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

/** Rows of the file in batches; blank rows are counted but not yielded. */
export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<RawRow[]> {
  let forced: string | null = null;
  if (options.encoding !== undefined) {
    forced = normalizeEncoding(options.encoding);
    if (forced === null) throw unknownEncoding(path, options.encoding);
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let decoder: ReturnType<typeof createTextDecoder> | null = null;
  let api: CsvApi | null = null;
  let rowNumber = 0;
  let batch: RawRow[] = [];
  let stopped = false;

  const onRecord = (record: string[]): void => {
    rowNumber += 1;
    let blank = true;
    for (let index = 0; index < record.length; index += 1) {
      const cell = record[index];
      if (cell.length !== 0 && (cell.charCodeAt(0) > 32 || cell.trim() !== '')) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (record.length > MAX_COLUMNS) {
      batch.push({ row: rowNumber, cells: [], problem: { code: 'too-many-columns', column: null, value: String(record.length), params: { limit: MAX_COLUMNS } } });
      return;
    }
    for (let index = 0; index < record.length; index += 1) {
      if (record[index].length > MAX_CELL_LENGTH) {
        batch.push({ row: rowNumber, cells: [], problem: oversizedCell(index, record[index]) });
        return;
      }
    }
    batch.push({ row: rowNumber, cells: record });
  };
  const ignoreClose = (): void => {};

  /** Feeds the parser; on a parser error yields the row it happened at as a problem and stops. */
  let lastFedByte = -1;
  const feed = (bytes: Buffer | undefined, end: boolean): void => {
    if (bytes !== undefined && bytes.length > 0) lastFedByte = bytes[bytes.length - 1];
    const error = api!.parse(bytes, end, onRecord, ignoreClose);
    if (error) {
      batch.push({ row: rowNumber + 1, cells: [], problem: parserProblem(error) });
      stopped = true;
    }
  };

  /** The row an invalid byte sits in: rows complete before it, plus the one it starts or continues. */
  const failEncoding = (piece: DecodedPiece): never => {
    const before = rowNumber;
    const endsLine = lastFedByte === 10 || lastFedByte === 13;
    const error = api!.parse(undefined, true, onRecord, ignoreClose);
    let row: number;
    if (error || rowNumber === before) row = before + 1;
    else row = endsLine ? rowNumber + 1 : rowNumber;
    throw new FatalInputError({
      code: 'encoding-error',
      table: null,
      file: path,
      sheet: null,
      row,
      column: null,
      value: piece.invalid!.sample || null,
      params: { encoding: piece.invalid!.encoding },
    });
  };

  const handle = (piece: DecodedPiece): void => {
    if (piece.bytes.length > 0) feed(piece.bytes, false);
    if (piece.invalid && !stopped) failEncoding(piece);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.hash.update(chunk);
      if (stopped) continue;
      if (decoder === null) {
        const encoding = forced ?? detectEncoding(chunk);
        decoder = createTextDecoder(encoding, { mayFallBack: forced === null });
        const first = decoder.decode(chunk);
        const delimiter = detectDelimiter(first.bytes.toString('utf8'));
        api = createParser(delimiter);
        handle(first);
      } else {
        handle(decoder.decode(chunk));
      }
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    options.onHashed();
    if (decoder !== null && !stopped) {
      handle(decoder.end());
      if (!stopped) feed(undefined, true);
    }
    if (batch.length > 0) yield batch;
  } finally {
    stream.destroy();
  }
}

function createParser(delimiter: string): CsvApi {
  const parser = new Parser({
    delimiter,
    bom: true,
    relax_column_count: true,
    // Excel keeps a stray quote inside a cell as text; so do we.
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  });
  return (parser as unknown as { api: CsvApi }).api;
}

function oversizedCell(index: number, cell: string): NonNullable<RawRow['problem']> {
  return {
    code: 'cell-too-large',
    column: null,
    value: `${cell.slice(0, 20)}…`,
    params: { columnIndex: index + 1, length: cell.length, limit: MAX_CELL_LENGTH },
  };
}

function parserProblem(error: CsvError): NonNullable<RawRow['problem']> {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { code: 'unclosed-quote', column: null, value: null };
    case 'CSV_MAX_RECORD_SIZE':
      return { code: 'cell-too-large', column: null, value: null, params: { limit: MAX_CELL_LENGTH } };
    default:
      return { code: 'unreadable-row', column: null, value: error.code };
  }
}
