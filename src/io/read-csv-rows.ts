/**
 * CSV bytes to raw rows, numbered as a spreadsheet shows them. Built for a
 * million rows: csv-parse's parser is driven directly (no stream machinery per
 * record), UTF-8 is only validated, never decoded twice, and per-row work is
 * a counter and a blank check.
 */
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import { Parser, type CsvError } from 'csv-parse';
import { FatalInputError } from '../issues/fatal.js';
import type { RawRow } from './raw.js';
import { createTextDecoder, detectEncoding, normalizeEncoding, unknownEncoding, type DecodedPiece, type TextDecoderState } from './decode-text.js';

/** Excel's own limits: beyond these a row is not data but abuse. */
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_LENGTH = 1_000_000;
/** Whole-record guard for the parser, so one runaway field cannot eat the memory. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Bytes read at a time; the first piece is what the encoding and delimiter are told from, so no pause falls inside it. */
export const CHUNK_BYTES = 64 * 1024;

export interface CsvReadOptions {
  encoding?: string;
  hash: Hash;
  /** Called once the whole file went through `hash`. */
  onHashed: () => void;
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

/**
 * A record as the table's row `rowNumber`: null when blank (every cell empty
 * or spaces: counted, not read), a row with a problem when beyond Excel's
 * limits (too many columns, a cell too large), else its cells.
 */
export function csvRecordToRow(record: string[], rowNumber: number): RawRow | null {
  let blank = true;
  for (let index = 0; index < record.length; index += 1) {
    const cell = record[index];
    if (cell.length !== 0 && (cell.charCodeAt(0) > 32 || cell.trim() !== '')) {
      blank = false;
      break;
    }
  }
  if (blank) return null;
  if (record.length > MAX_COLUMNS) {
    return { row: rowNumber, cells: [], problem: { code: 'too-many-columns', column: null, value: String(record.length), params: { limit: MAX_COLUMNS } } };
  }
  for (let index = 0; index < record.length; index += 1) {
    if (record[index].length > MAX_CELL_LENGTH) return { row: rowNumber, cells: [], problem: oversizedCell(index, record[index]) };
  }
  return { row: rowNumber, cells: record };
}

/** Rows of the file in batches; blank rows are counted but not yielded. */
export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  const sink: CsvSink = {
    record(cells, row) {
      const read = csvRecordToRow(cells, row);
      if (read !== null) batch.push(read);
    },
    problem(row) {
      batch.push(row);
    },
  };
  for await (const _ of scanCsv(path, options, sink)) {
    // Every chunk's rows go on before the next read is awaited: rows still held
    // while the process idles would be alive when V8 collects during that idle
    // time, and a nearly all-surviving allocation site makes V8 allocate its
    // objects in the old generation from then on ("pretenuring") — the row
    // arrays and every string they hold then outlive each collection, which
    // cost a million-row report ~0.7 s of GC and ~90 MB, in half the runs.
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
}

/** Where a CSV's records go as scanCsv reads them. */
export interface CsvSink {
  /** What was found in the file's first bytes, before any record. */
  begin?(found: { encoding: string; delimiter: ',' | ';' | '\t' }): void;
  /** The record that is row `row` of the file (blank ones too: the sink decides). */
  record(cells: string[], row: number): void;
  /**
   * Whole lines without a quote character, text[start, stop), the first of
   * them row `firstRow`: the sink splits them itself and returns how many
   * records (lines) there were. Without it, such lines come as records.
   */
  lines?(text: Buffer, start: number, stop: number, firstRow: number): number;
  /** The row the parser failed at: the rest of the file is not read. */
  problem(row: RawRow): void;
}

/** Reading a part of a file that starts after a line break: what the start of the file said, and where to stop. */
export interface CsvPart {
  /** Offset of the part's first byte, just after a line feed. */
  start: number;
  /** Offset after the part's last byte; the file's end when it is the last part. */
  end: number;
  /** Rows of the parts before (the part's first row is rowsBefore + 1); 0 when unknown, as for a worker. */
  rowsBefore: number;
  encoding: string;
  delimiter: ',' | ';' | '\t';
  /** The part ends where the file does: its end is read as the end of the text. */
  last: boolean;
  /**
   * Everything before the part was ASCII read as UTF-8, by a decoder that
   * may fall back (the file's encoding was detected): an invalid byte in the
   * part switches to GB18030 as it would in the file read whole.
   */
  mayFallBack?: boolean;
}

/** What scanCsv yields after each piece of the file it has read. */
export interface CsvProgress {
  /** Records read so far (blank ones included): the last row's number. */
  rows: number;
  /**
   * Set once, when the bytes before `pauseAt` (or a part's last byte, when
   * the file goes on) have all been read: whether the reading stands at the
   * start of a record there, outside quotes, with nothing held back — where
   * a reader of the rest could start afresh; and whether a UTF-8 decoder
   * taking over there may still switch to GB18030 as far as the bytes read
   * tell (from the file's start: the decoder has met only ASCII; for a part:
   * every byte of it was ASCII, and the caller knows about the bytes before).
   */
  paused?: { clean: boolean; mayFallBack: boolean };
}

/**
 * The reading of a CSV, piece by piece: bytes hashed, decoded to UTF-8
 * (an invalid byte is a located `encoding-error`), split into records —
 * quote-free lines by our own loop (or handed whole to `sink.lines`), quoted
 * stretches by csv-parse. Yields after every piece so that the caller can
 * hand on what the sink gathered before the next read is awaited.
 *
 * With `part`, reads only the bytes [part.start, part.end) of a file whose
 * start was read elsewhere: no BOM, the encoding and delimiter given, and a
 * file that turns out not to be in that encoding is an `encoding-error`
 * (never a switch to another encoding, which only the start can decide).
 * With `control.pauseAt` (which may be set while reading), yields `paused`
 * once the bytes before that offset are read.
 */
export async function* scanCsv(
  path: string,
  options: { encoding?: string; hash?: Hash; onHashed?: () => void; part?: CsvPart; control?: { pauseAt?: number } },
  sink: CsvSink,
): AsyncGenerator<CsvProgress, void, undefined> {
  let forced: string | null = null;
  if (options.encoding !== undefined) {
    forced = normalizeEncoding(options.encoding);
    if (forced === null) throw unknownEncoding(path, options.encoding);
  }
  const { part } = options;
  const control = options.control ?? {};
  const stream = readPieces(path, part);
  let decoder: TextDecoderState | null = null;
  let tokenizer: CsvTokenizer | null = null;
  let rowNumber = part?.rowsBefore ?? 0;
  let stopped = false;
  let offset = part?.start ?? 0;
  let paused = false;
  /** A part read so far is all ASCII (see CsvProgress.paused). */
  let partAscii = part !== undefined;

  const onRecord = (record: string[]): void => {
    rowNumber += 1;
    sink.record(record, rowNumber);
  };
  const linesOf = sink.lines;
  const onLines =
    linesOf === undefined
      ? undefined
      : (text: Buffer, start: number, stop: number): void => {
          rowNumber += linesOf.call(sink, text, start, stop, rowNumber + 1);
        };

  /** Feeds the tokenizer; on a parser error hands the row it happened at as a problem and stops. */
  let lastFedByte = -1;
  const feed = (bytes: Buffer, end: boolean): void => {
    if (bytes.length > 0) lastFedByte = bytes[bytes.length - 1];
    const error = end ? tokenizer!.end(bytes) : tokenizer!.write(bytes);
    if (error) {
      sink.problem({ row: rowNumber + 1, cells: [], problem: parserProblem(error) });
      stopped = true;
    }
  };

  /** The row an invalid byte sits in: rows complete before it, plus the one it starts or continues. */
  const failEncoding = (piece: DecodedPiece): never => {
    const before = rowNumber;
    const endsLine = lastFedByte === LF || lastFedByte === CR;
    const error = tokenizer!.end(EMPTY);
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

  const take = (chunk: Buffer): void => {
    options.hash?.update(chunk);
    if (partAscii) partAscii = isAscii(chunk);
    offset += chunk.length;
    if (stopped) return;
    if (decoder === null) {
      if (part !== undefined) {
        decoder = createTextDecoder(part.encoding, { mayFallBack: part.mayFallBack ?? false });
        tokenizer = createCsvTokenizer(part.delimiter, onRecord, { onLines, midFile: true });
        handle(decoder.decode(chunk));
        return;
      }
      const encoding = forced ?? detectEncoding(chunk);
      decoder = createTextDecoder(encoding, { mayFallBack: forced === null });
      const first = decoder.decode(chunk);
      const delimiter = detectDelimiter(first.bytes.toString('utf8'));
      sink.begin?.({ encoding: decoder.encoding, delimiter });
      tokenizer = createCsvTokenizer(delimiter, onRecord, { onLines });
      handle(first);
    } else {
      handle(decoder.decode(chunk));
    }
  };

  try {
    for await (const read of stream) {
      let chunk = read;
      const pauseAt = control.pauseAt;
      // A pause inside the first piece would cut the bytes the encoding and delimiter are told from.
      if (pauseAt !== undefined && pauseAt > CHUNK_BYTES && pauseAt > offset && !paused && offset + chunk.length >= pauseAt) {
        // The bytes up to pauseAt, then a look at where the reading stands.
        const head = chunk.subarray(0, pauseAt - offset);
        chunk = chunk.subarray(pauseAt - offset);
        take(head);
        paused = true;
        const clean = !stopped && isCleanBoundary(decoder, tokenizer);
        yield { rows: rowNumber, paused: { clean, mayFallBack: mayStillFallBack(decoder) } };
        if (chunk.length === 0) continue;
      }
      take(chunk);
      yield { rows: rowNumber };
    }
    options.onHashed?.();
    if (part !== undefined && !part.last) {
      // Not the end of the file: where this part ends, the next begins, if the reading stands clean there.
      yield { rows: rowNumber, paused: { clean: !stopped && isCleanBoundary(decoder, tokenizer), mayFallBack: partAscii } };
      return;
    }
    const lastDecoder = decoder as TextDecoderState | null;
    if (lastDecoder !== null && !stopped) {
      handle(lastDecoder.end());
      if (!stopped) feed(EMPTY, true);
    }
    yield { rows: rowNumber };
  } finally {
    await stream.return(undefined);
  }
}

/**
 * The file's bytes (a part's, with `range`) in pieces of CHUNK_BYTES. A
 * regular file is read with plain reads at known offsets, a quarter of the
 * time a read stream takes (measured: 65 MB in 28 ms against 110); anything
 * else (a pipe, a device) through a read stream, as before.
 */
async function* readPieces(path: string, range: { start: number; end: number } | undefined): AsyncGenerator<Buffer, void, undefined> {
  const descriptor = openSync(path, 'r');
  let regular: boolean;
  try {
    regular = fstatSync(descriptor).isFile();
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
  if (!regular) {
    closeSync(descriptor);
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, ...(range === undefined ? {} : { start: range.start, end: range.end - 1 }) });
    try {
      for await (const piece of stream) yield piece as Buffer;
    } finally {
      stream.destroy();
    }
    return;
  }
  try {
    let position = range?.start ?? 0;
    const end = range?.end ?? Infinity;
    while (position < end) {
      const piece = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, end - position));
      const read = readSync(descriptor, piece, 0, piece.length, position);
      if (read === 0) return;
      position += read;
      yield read < piece.length ? piece.subarray(0, read) : piece;
    }
  } finally {
    closeSync(descriptor);
  }
}

function mayStillFallBack(decoder: TextDecoderState | null): boolean {
  return decoder !== null && decoder.mayStillFallBack();
}

function isCleanBoundary(decoder: TextDecoderState | null, tokenizer: CsvTokenizer | null): boolean {
  return decoder !== null && decoder.idle() && tokenizer !== null && tokenizer.atRecordStart();
}

const EMPTY = Buffer.alloc(0);
const QUOTE = 0x22;
const LF = 10;
const CR = 13;
/** A line break as the CSV parser reads one: CR LF, a lone LF or a lone CR. */
const LINE_BREAK = /\r\n|\n|\r/;
/**
 * A line longer than this without a line break goes to csv-parse instead of
 * waiting for its end: the plain path then never holds more than this plus a
 * chunk, and never meets csv-parse's record size limit.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** Whole UTF-8 text in, records out; an error from csv-parse ends the table. */
export interface CsvTokenizer {
  write(bytes: Buffer): CsvError | undefined;
  /** The last bytes (may be empty); the text ends here. */
  end(bytes: Buffer): CsvError | undefined;
  /**
   * True when everything written so far has been handed on as whole records
   * and the next byte would start a record outside quotes: a fresh tokenizer
   * could take over from here and read the same records.
   */
  atRecordStart(): boolean;
}

export interface CsvTokenizerOptions {
  /** Quote-free lines handed on whole, text[start, stop), instead of split into records here. */
  onLines?: (text: Buffer, start: number, stop: number) => void;
  /** The text starts after a line break in the middle of a file: no BOM to drop. */
  midFile?: boolean;
}

/**
 * Records from UTF-8 bytes as csv-parse with our options gives them, but
 * fast: text without a quote character cannot hold a quoted delimiter or line
 * break, so there a record is a line and a cell what lies between delimiters,
 * and a plain loop splits it at a fraction of csv-parse's cost. Text is
 * handed on in whole lines; from the first line holding a quote, csv-parse
 * takes over, and hands back once a piece it was given ends outside quotes.
 * Both paths give the same records (a test compares them on generated text).
 */
export function createCsvTokenizer(delimiter: string, onRecord: (record: string[]) => void, options: CsvTokenizerOptions = {}): CsvTokenizer {
  const delimiterByte = delimiter.charCodeAt(0);
  let pending: Buffer = EMPTY;
  let parser: Parser | null = null;
  let bomChecked = options.midFile ?? false;
  const onLines = options.onLines;
  const ignoreClose = (): void => {};

  const parse = (bytes: Buffer | undefined, end: boolean): CsvError | undefined => {
    if (parser === null) parser = createParser(delimiter);
    return apiOf(parser).parse(bytes, end, onRecord, ignoreClose);
  };

  /** Lines of [start, stop) without quotes; the last may lack its line break only at the end of the text. */
  const splitPlain = (text: Buffer, start: number, stop: number): void => {
    // ASCII decodes byte for byte, and as latin1 it skips UTF-8's checks. The stretch is decoded at once
    // and split at its line breaks, then each line at its delimiter: no byte of a line break is ever part
    // of a longer UTF-8 character, so this is each line decoded on its own, in two native calls.
    const encoding = isAscii(text.subarray(start, stop)) ? 'latin1' : 'utf8';
    const lines = text.toString(encoding, start, stop).split(LINE_BREAK);
    // A last line without a line break is a line (csv-parse skips it only when it holds no character at
    // all); after a final line break, split leaves an empty string that is none.
    const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    for (let k = 0; k < count; k++) onRecord(lines[k].split(delimiter));
  };

  const take = (bytes: Buffer, end: boolean): CsvError | undefined => {
    let text = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    pending = EMPTY;
    if (!bomChecked) {
      // As csv-parse's `bom: true`: one UTF-8 BOM at the very start is not text.
      if (text.length < 3 && !end) {
        pending = Buffer.from(text);
        return undefined;
      }
      if (text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) text = text.subarray(3);
      bomChecked = true;
    }
    // Whole lines go on now, the rest waits: up to the last line break, except a CR at the very end (half of a CRLF?).
    let cut = text.length;
    if (!end) {
      cut = Math.max(text.lastIndexOf(LF), text.length >= 2 ? text.lastIndexOf(CR, text.length - 2) : -1) + 1;
      if (cut === 0 && text.length < MAX_PENDING_BYTES) {
        pending = Buffer.from(text);
        return undefined;
      }
      if (cut === 0) cut = text.length;
      pending = Buffer.from(text.subarray(cut));
    }
    let from = 0;
    if (parser === null) {
      const quote = text.indexOf(QUOTE);
      const longLine = !end && !isLineBreak(text[cut - 1]);
      if (!longLine) {
        from = quote < 0 || quote >= cut ? cut : lineStartBefore(text, quote);
        if (onLines !== undefined) {
          if (from > 0) onLines(text, 0, from);
        } else splitPlain(text, 0, from);
        if (from === cut) return undefined;
      }
    }
    const error = parse(text.subarray(from, cut), end);
    if (error || end) return error;
    // Back to the plain path once csv-parse stands outside quotes at a line break. It holds back the
    // last byte or two; without a quote among them they can only finish the line, so ending it now is safe.
    const state = stateOf(parser!);
    if (!state.quoting && isLineBreak(text[cut - 1]) && (state.previousBuf === undefined || !state.previousBuf.includes(QUOTE))) {
      const flushError = parse(undefined, true);
      parser = null;
      return flushError;
    }
    return undefined;
  };

  /**
   * The line left over from the last piece is finished with the head of this
   * one, up to its first LF, and the rest is taken as it is: joining the
   * whole piece to that line would copy every byte of the file once more.
   */
  const write = (bytes: Buffer): CsvError | undefined => {
    if (pending.length > 0 && bomChecked) {
      const lineEnd = bytes.indexOf(LF);
      if (lineEnd >= 0 && lineEnd + 1 < bytes.length) {
        const error = take(bytes.subarray(0, lineEnd + 1), false);
        return error ?? take(bytes.subarray(lineEnd + 1), false);
      }
    }
    return take(bytes, false);
  };

  return { write, end: (bytes) => take(bytes, true), atRecordStart: () => pending.length === 0 && parser === null && bomChecked };
}

/**
 * One quote-free line, text[start, stop) without its line break, as the
 * cells the tokenizer would give for it.
 */
export function splitPlainLine(text: Buffer, start: number, stop: number, delimiterByte: number): string[] {
  // The line decoded once and split at its delimiter: the text is UTF-8, where an ASCII byte is never
  // part of a longer character, so the cells are those of decoding each on its own (a third faster).
  return text.toString('utf8', start, stop).split(String.fromCharCode(delimiterByte));
}

function isLineBreak(byte: number | undefined): boolean {
  return byte === LF || byte === CR;
}

/** Offset where the line holding `index` starts. */
function lineStartBefore(text: Buffer, index: number): number {
  return Math.max(text.lastIndexOf(LF, index), text.lastIndexOf(CR, index)) + 1;
}

/** The low-level parser behind csv-parse's stream, called without the stream. */
interface CsvApi {
  parse(buffer: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvError | undefined;
  /** What the tokenizer reads of its state: inside a quoted cell, and the bytes it holds back. */
  state: { quoting: boolean; previousBuf: Buffer | undefined };
}

function apiOf(parser: Parser): CsvApi {
  return (parser as unknown as { api: CsvApi }).api;
}

function stateOf(parser: Parser): CsvApi['state'] {
  return apiOf(parser).state;
}

function createParser(delimiter: string): Parser {
  return new Parser({
    delimiter,
    // The tokenizer drops a leading BOM itself: a parser started mid-file must not drop one there.
    bom: false,
    relax_column_count: true,
    // Excel keeps a stray quote inside a cell as text; so do we.
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  });
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
