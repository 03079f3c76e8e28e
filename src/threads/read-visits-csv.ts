/**
 * A CSV of service records, read from its bytes and checked — on the cores
 * there are. The file's start is read here: encoding, delimiter, header. A
 * large file is then cut at line feeds into parts: the first is read here,
 * the others by reader threads, each checking its rows cell by cell
 * (schema/visit-bytes.ts) into batches. Everything that depends on earlier
 * rows — duplicate ids, repeats across submissions, children's birth dates,
 * the fold — is settled here, in row order, each reader's batches as they
 * come (schema/settle-visits.ts): the result and every issue are those of
 * the file read in one piece, by construction.
 *
 * A cut is trusted only when the reading of the part before it stands at a
 * record start there (outside quotes, nothing held back, the encoding
 * unchanged). When this thread's own cut is not clean, it reads on in one
 * piece; when a reader's part cannot be used to its end (its last record runs
 * past its cut, a byte not in the encoding, a read error), this thread reads
 * on from that part's start, passing over the rows already settled. Small
 * files, files that are not regular files, UTF-16 and workbooks are read in
 * one thread.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { IssueLog } from '../issues/collector.js';
import { chooseHeader, headerDecided } from '../io/open-table.js';
import type { RawCell, RawRow, TableSource } from '../io/raw.js';
import { CHUNK_BYTES, csvRecordToRow, scanCsv, splitPlainLine, type CsvPart, type CsvSink } from '../io/read-csv-rows.js';
import type { TableLocation } from '../io/resolve-inputs.js';
import type { PlaceInRun } from '../schema/cross-submission.js';
import type { AreaCheck, Explainer } from '../schema/explain-unknown.js';
import { matchHeader } from '../schema/headers.js';
import type { Visit } from '../schema/records.js';
import { emptyCounts, RowReporter, type RowCounts } from '../schema/row-checks.js';
import { VisitSettler, type SettlePart, type VisitSink } from '../schema/settle-visits.js';
import { F_ROW, RecordedIssues, ROW_FIELDS, VisitBatch, VisitKeys } from '../schema/visit-batch.js';
import { VisitByteChecker } from '../schema/visit-bytes.js';
import { VisitCellChecker, visitColumns } from '../schema/visit-cells.js';
import type { VisitPartJob } from './visit-part.js';
import type { PartMessages, VisitReaders } from './visit-readers.js';
import { PARALLEL_READING } from './parallel-reading.js';

/** Encodings in which no line feed byte is ever part of a longer character: a file may be cut after any line feed. */
const CUTTABLE_ENCODINGS = new Set(['utf8', 'gb18030', 'gbk']);

export interface VisitCsvOptions {
  /** The CSV encoding when detection is wrong. */
  encoding?: string;
  /** Recognises the header among title rows (see io/open-table.ts). */
  isHeaderRow?: (cells: RawCell[]) => boolean;
  log: IssueLog;
  place: PlaceInRun;
  isKnownArea(code: string): boolean;
  isKnownFacility(id: string): boolean;
  /** What isKnownArea and isKnownFacility are made from, for reader threads: the census's rows (null without a census), the registry's ids (null without one). */
  areaCheck: AreaCheck | null;
  facilityIds: readonly string[] | null;
  today: number;
  explainUnknownArea?: Explainer;
  explainUnknownFacility?: Explainer;
  sink: VisitSink | null;
  sinkRowOffset: number;
  onVisit?: (visit: Visit) => void;
  onUsed?: () => void;
  /** Threads for the other parts of a large file; null to read in this thread only. */
  readers: VisitReaders | null;
}

export interface VisitCsvOutcome {
  source: TableSource;
  counts: RowCounts;
  lastUsedRow: number;
  sha256: string;
  /** Parts read by other threads and used to their end (0 when this thread read the file on from its first cut, or was not cut). */
  partsUsed: number;
}

/** Reads, checks and settles a CSV of service records; `empty-file` (FatalInputError) when it holds no row. */
export async function readVisitsCsv(location: Pick<TableLocation, 'path'>, options: VisitCsvOptions): Promise<VisitCsvOutcome> {
  const path = location.path;
  const source: TableSource = { table: 'visits', file: path, sheet: null, format: 'csv' };
  const hash = createHash('sha256');
  const counts = emptyCounts();
  const control: { pauseAt?: number } = {};
  let found: { encoding: string; delimiter: ',' | ';' | '\t' } | null = null;
  /** Non-blank rows before the header is decided. */
  const seen: RawRow[] = [];
  let reading: TableReading | null = null;
  let plan: PartsPlan | null = null;

  const decide = (): TableReading => {
    const { header, rest } = chooseHeader(seen, options.isHeaderRow, path);
    const decided = new TableReading(source, header, found?.delimiter ?? ',', counts, options);
    reading = decided;
    if (decided.usable && found !== null && options.readers !== null) plan = planParts(path, found, decided, options, control);
    for (const raw of rest) decided.row(raw);
    return decided;
  };
  const sink: CsvSink = {
    begin(info) {
      found = info;
    },
    record(cells, row) {
      if (reading !== null) return reading.record(cells, row);
      const raw = csvRecordToRow(cells, row);
      if (raw === null) return;
      seen.push(raw);
      if (headerDecided(seen, options.isHeaderRow)) decide();
    },
    lines(text, start, stop, firstRow) {
      if (reading !== null) return reading.lines(text, start, stop, firstRow);
      // Line by line until the header is decided, then the rest of the lines as data.
      let row = firstRow;
      let i = start;
      const delimiter = (found?.delimiter ?? ',').charCodeAt(0);
      while (i < stop && reading === null) {
        let j = i;
        while (j < stop && text[j] !== 10 && text[j] !== 13) j++;
        const raw = csvRecordToRow(splitPlainLine(text, i, j, delimiter), row);
        i = j + 1;
        if (j < stop && text[j] === 13 && i < stop && text[i] === 10) i++;
        row++;
        if (raw === null) continue;
        seen.push(raw);
        if (headerDecided(seen, options.isHeaderRow)) decide();
      }
      const data = reading as TableReading | null;
      if (data !== null && i < stop) row += data.lines(text, i, stop, row);
      return row - firstRow;
    },
    problem(raw) {
      if (reading !== null) return reading.problem(raw);
      seen.push(raw);
    },
  };

  let handedOver: { rows: number; mayFallBack: boolean } | null = null;
  let partsUsed = 0;
  try {
    for await (const progress of scanCsv(path, { encoding: options.encoding, hash, control }, sink)) {
      (reading as TableReading | null)?.flush();
      if (progress.paused !== undefined && plan !== null) {
        if (progress.paused.clean) {
          handedOver = { rows: progress.rows, mayFallBack: progress.paused.mayFallBack };
          break;
        }
        // The cut is not at a record start: this thread reads on, in one piece.
        plan = null;
        await options.readers?.close();
      }
    }
    const table: TableReading = reading ?? decide();
    table.flush();
    const parts = plan as PartsPlan | null;
    if (handedOver !== null && parts !== null) {
      hashRange(path, parts.jobs[0].start, parts.size, hash);
      partsUsed = await table.settleParts(parts, handedOver.rows, handedOver.mayFallBack);
    }
    return { source, counts, lastUsedRow: table.lastUsedRow, sha256: hash.digest('hex'), partsUsed };
  } finally {
    // Parts not waited for (an error, a file read in one piece after all) must not outlive the reading.
    if (plan !== null && handedOver === null) await options.readers?.close();
  }
}

/** The parts after part k will not be settled: their messages are not kept. */
function discardAfter(plan: PartsPlan, k: number): void {
  for (const messages of plan.parts.slice(k + 1)) messages.discard();
}

/** How a file is cut: this thread reads up to jobs[0].start, each job one part after. */
interface PartsPlan {
  size: number;
  jobs: VisitPartJob[];
  /** Each part's messages as they come. */
  parts: PartMessages[];
}

/**
 * Cuts the file into parts, one per reader thread and this one, each just
 * after a line feed near its share of the bytes, and starts the readers;
 * null when the file is too small, not a regular file, or in an encoding
 * that cannot be cut at a line feed.
 */
function planParts(
  path: string,
  found: { encoding: string; delimiter: ',' | ';' | '\t' },
  table: TableReading,
  options: VisitCsvOptions,
  control: { pauseAt?: number },
): PartsPlan | null {
  const readers = options.readers!;
  if (!CUTTABLE_ENCODINGS.has(found.encoding) || readers.size === 0) return null;
  const descriptor = openSync(path, 'r');
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) return null;
    const size = stat.size;
    const threads = Math.min(readers.size, Math.floor(size / PARALLEL_READING.minimumPartBytes) - 1);
    if (threads < 1) return null;
    const firstShare = firstShareOf(threads, PARALLEL_READING.settleCost);
    // This thread's part holds at least the first piece read, which the encoding and delimiter are told from.
    const firstEnd = Math.max(Math.floor(size * firstShare), CHUNK_BYTES + 1);
    const cuts: number[] = [];
    for (let k = 0; k < threads; k++) {
      const target = firstEnd + Math.floor(((size - firstEnd) * k) / threads);
      const cut = lineStartAfter(descriptor, target, size);
      if (cut === null || cut >= size || (cuts.length > 0 && cut <= cuts[cuts.length - 1])) continue;
      cuts.push(cut);
    }
    if (cuts.length === 0) return null;
    const jobs = cuts.map((start, k): VisitPartJob => ({
      path,
      start,
      end: k + 1 < cuts.length ? cuts[k + 1] : size,
      last: k + 1 === cuts.length,
      encoding: found.encoding,
      delimiter: found.delimiter,
      source: table.source,
      header: table.header,
      areaCheck: options.areaCheck,
      facilityIds: options.facilityIds,
      today: options.today,
      several: options.place.cross.several,
      rowsPerMessage: PARALLEL_READING.rowsPerMessage,
    }));
    // The run's record ids and children will be about this many: a table they need is made that large once, not grown and rehashed a dozen times.
    const rows = estimateRows(descriptor, size);
    options.place.cross.records.reserve(rows);
    options.place.cross.children.reserve(Math.ceil(rows / RECORDS_PER_CHILD));
    control.pauseAt = cuts[0];
    return { size, jobs, parts: jobs.map((job, k) => readers.run(k, job)) };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * This thread's share of the reading beside `readers` reader threads, when
 * settling a row costs `settleCost` times checking it: this thread checks
 * its share f and settles everything, each reader checks (1 − f) / readers;
 * both are done together when f + settleCost = (1 − f) / readers. None
 * (just the first piece) when settling alone outweighs a reader's part.
 */
export function firstShareOf(readers: number, settleCost: number): number {
  return Math.max(0, (1 - readers * settleCost) / (readers + 1));
}

/**
 * Records per child reserved for: a child is seen a few times a year (the
 * generated province has 3.4). Fewer children than reserved cost only room;
 * more, one more growth of the table.
 */
const RECORDS_PER_CHILD = 4;

/** About how many lines the file holds, from the lines of its first 256 KB. */
function estimateRows(descriptor: number, size: number): number {
  const sample = Buffer.alloc(Math.min(size, 256 * 1024));
  const read = readSync(descriptor, sample, 0, sample.length, 0);
  let lines = 0;
  for (let at = sample.indexOf(10, 0); at >= 0 && at < read; at = sample.indexOf(10, at + 1)) lines++;
  return Math.ceil((size / Math.max(read, 1)) * Math.max(lines, 1));
}

/** The offset just after the first line feed at or after `from`, or null when none comes within a few megabytes. */
function lineStartAfter(descriptor: number, from: number, size: number): number | null {
  const buffer = Buffer.alloc(64 * 1024);
  for (let at = from; at < size && at < from + (4 << 20); at += buffer.length) {
    const read = readSync(descriptor, buffer, 0, buffer.length, at);
    const lineFeed = buffer.subarray(0, read).indexOf(10);
    if (lineFeed >= 0) return at + lineFeed + 1;
    if (read === 0) break;
  }
  return null;
}

/** Hashes bytes [from, to) of the file: the parts this thread did not read. */
function hashRange(path: string, from: number, to: number, hash: Hash): void {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let at = from; at < to; ) {
      const read = readSync(descriptor, buffer, 0, Math.min(buffer.length, to - at), at);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      at += read;
    }
  } finally {
    closeSync(descriptor);
  }
}

/** The table once its header is known: rows checked into a batch, settled after every piece read. */
class TableReading {
  readonly usable: boolean;
  private readonly reporter: RowReporter;
  private readonly keys: VisitKeys;
  private readonly cells: VisitCellChecker | null = null;
  private readonly bytes: VisitByteChecker | null = null;
  private readonly settler: VisitSettler | null = null;
  private readonly part: SettlePart | null = null;
  private readonly batch = new VisitBatch();
  private readonly delimiterByte: number;
  /** Rows up to this one were settled from a part already: a reading on from that part's start passes over them. */
  private skipThrough = 0;

  constructor(
    readonly source: TableSource,
    readonly header: RawRow,
    private readonly delimiter: ',' | ';' | '\t',
    private readonly counts: RowCounts,
    private readonly options: VisitCsvOptions,
  ) {
    this.delimiterByte = delimiter.charCodeAt(0);
    const match = matchHeader('visits', header, source);
    for (const issue of match.issues) options.log.add(issue);
    this.usable = match.usable;
    this.reporter = new RowReporter(source, match.headerText, options.log, match.columnIndex);
    this.keys = new VisitKeys(options.isKnownArea, options.isKnownFacility);
    if (!match.usable) return;
    const columns = visitColumns(match, header);
    const context = { today: options.today, several: options.place.cross.several };
    this.cells = new VisitCellChecker(columns, context, this.keys, new RecordedIssues());
    this.bytes = new VisitByteChecker(columns, context, this.keys, this.cells, delimiter);
    this.settler = new VisitSettler({
      place: options.place,
      reporter: this.reporter,
      counts,
      sink: options.sink,
      sinkRowOffset: options.sinkRowOffset,
      onVisit: options.onVisit,
      onUsed: options.onUsed,
      explainUnknownArea: options.explainUnknownArea,
      explainUnknownFacility: options.explainUnknownFacility,
    });
    this.part = this.settler.part(this.keys, 0);
  }

  get lastUsedRow(): number {
    return this.settler?.lastUsedRow ?? 0;
  }

  /** A row already split into cells. */
  row(raw: RawRow): void {
    if (this.cells !== null) this.cells.check(raw, this.batch);
    else this.countUnusable(raw);
  }

  record(cells: string[], row: number): void {
    if (row <= this.skipThrough) return;
    const raw = csvRecordToRow(cells, row);
    if (raw !== null) this.row(raw);
  }

  problem(raw: RawRow): void {
    if (raw.row > this.skipThrough) this.row(raw);
  }

  lines(text: Buffer, start: number, stop: number, firstRow: number): number {
    if (firstRow <= this.skipThrough) {
      // Pass over the lines already settled, counting them as the reader does.
      let row = firstRow;
      let i = start;
      while (i < stop && row <= this.skipThrough) {
        let j = i;
        while (j < stop && text[j] !== 10 && text[j] !== 13) j++;
        i = j + 1;
        if (j < stop && text[j] === 13 && i < stop && text[i] === 10) i++;
        row++;
      }
      return row - firstRow + (i < stop ? this.lines(text, i, stop, row) : 0);
    }
    if (this.bytes !== null) return this.bytes.lines(text, start, stop, firstRow, this.batch);
    let row = firstRow;
    for (let i = start; i < stop; row++) {
      let j = i;
      while (j < stop && text[j] !== 10 && text[j] !== 13) j++;
      this.record(splitPlainLine(text, i, j, this.delimiterByte), row);
      i = j + 1;
      if (j < stop && text[j] === 13 && i < stop && text[i] === 10) i++;
    }
    return row - firstRow;
  }

  /** Settles the rows checked so far. */
  flush(): void {
    if (this.settler === null || this.batch.count === 0) return;
    this.settler.settle(this.batch, this.part!);
    this.batch.clear();
  }

  /**
   * The parts other threads read, settled in order after this thread's
   * `rowsBefore` rows, each batch as soon as it comes (while the part is
   * still being read). Every row a part sends is a whole record of the file:
   * its part starts where the one before ended cleanly, and a reader sends
   * nothing of a record it has not seen to its end. When a part cannot be
   * used to its end (it failed, or its last record runs on past its end),
   * the file is read on here from that part's start, the rows already
   * settled passed over: as if it had never been cut (`mayFallBack` as the
   * whole file's decoder would stand there). Returns how many parts were
   * used to their end.
   */
  async settleParts(plan: PartsPlan, rowsBefore: number, mayFallBack: boolean): Promise<number> {
    let rows = rowsBefore;
    let asciiBefore = mayFallBack;
    for (const [k, job] of plan.jobs.entries()) {
      const keys = new VisitKeys();
      const part = this.settler!.part(keys, rows);
      let settledThrough = rows;
      while (true) {
        const message = await plan.parts[k].next();
        if (message.type === 'batch') {
          const batch = VisitBatch.fromMessage(message.batch);
          if (batch.newKeys !== null) keys.importKeys(batch.newKeys);
          this.settler!.settle(batch, part);
          if (batch.count > 0) settledThrough = rows + batch.fields[(batch.count - 1) * ROW_FIELDS + F_ROW];
          continue;
        }
        if (message.type === 'done' && message.end !== 'unclean') {
          rows += message.rows;
          asciiBefore &&= message.ascii;
          // A row the parser could not read ends the table, as it would read whole.
          if (message.end === 'stopped') {
            discardAfter(plan, k);
            return k + 1;
          }
          break;
        }
        discardAfter(plan, k);
        const { path, start, encoding, delimiter } = job;
        this.skipThrough = settledThrough;
        await this.readRest(path, { start, end: plan.size, rowsBefore: rows, encoding, delimiter, last: true, mayFallBack: asciiBefore });
        return k;
      }
    }
    return plan.jobs.length;
  }

  /** Reads the bytes of `part` in this thread, on from the rows read before it. */
  private async readRest(path: string, part: CsvPart): Promise<void> {
    const sink: CsvSink = {
      record: (cells, row) => this.record(cells, row),
      lines: (text, start, stop, firstRow) => this.lines(text, start, stop, firstRow),
      problem: (raw) => this.problem(raw),
    };
    for await (const _ of scanCsv(path, { part }, sink)) this.flush();
  }

  /** A row of a table whose header cannot be used: read and rejected, a reader's problem reported (as settleHeader does). */
  private countUnusable(raw: RawRow): void {
    this.counts.read++;
    this.counts.rejected++;
    if (raw.problem !== undefined) this.reporter.reportReaderProblem(raw);
  }
}
