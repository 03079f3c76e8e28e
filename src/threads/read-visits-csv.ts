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
 *
 * The run's first such file is opened before the census and registry are
 * read (`openVisitsCsv`, then `read`): its readers check their parts
 * meanwhile, on a core that would otherwise wait, and are told what the
 * census and registry say once they are read.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { IssueLog } from '../issues/collector.js';
import { chooseHeader, headerDecided } from '../io/open-table.js';
import type { RawCell, RawRow, TableSource } from '../io/raw.js';
import { CHUNK_BYTES, csvRecordToRow, scanCsv, splitPlainLine, type CsvPart, type CsvProgress, type CsvSink } from '../io/read-csv-rows.js';
import type { TableLocation } from '../io/resolve-inputs.js';
import type { CrossSubmission, PlaceInRun } from '../schema/cross-submission.js';
import type { AreaCheck, Explainer } from '../schema/explain-unknown.js';
import { matchHeader } from '../schema/headers.js';
import type { Visit } from '../schema/records.js';
import { emptyCounts, RowReporter, type RowCounts } from '../schema/row-checks.js';
import { VisitSettler, type SettlePart, type VisitSink } from '../schema/settle-visits.js';
import { F_ROW, RecordedIssues, ROW_FIELDS, VisitBatch, VisitKeys } from '../schema/visit-batch.js';
import { VisitByteChecker } from '../schema/visit-bytes.js';
import { VisitCellChecker, visitColumns } from '../schema/visit-cells.js';
import type { PartKnowledge, VisitPartJob } from './visit-part.js';
import type { PartMessages, VisitReaders } from './visit-readers.js';
import { PARALLEL_READING } from './parallel-reading.js';

/** Encodings in which no line feed byte is ever part of a longer character: a file may be cut after any line feed. */
const CUTTABLE_ENCODINGS = new Set(['utf8', 'gb18030', 'gbk']);
const LF = 10;
const CR = 13;

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
  const scan = await openVisitsCsv(location, { ...options, cross: options.place.cross });
  return scan.read(options);
}

/**
 * What the start of a visits CSV's reading needs: how to find its header,
 * and the threads for its other parts. `areaCheck` and `facilityIds` are
 * given when the census and registry are already read; without them the
 * readers are told later (`know`), and until then take every area and
 * facility as known and hold their batches (threads/visit-part.ts).
 */
export interface VisitCsvStart {
  encoding?: string;
  isHeaderRow?: (cells: RawCell[]) => boolean;
  today: number;
  cross: CrossSubmission;
  readers: VisitReaders | null;
  areaCheck?: AreaCheck | null;
  facilityIds?: readonly string[] | null;
  /**
   * Work this thread does before it reads its own part (the census and the
   * registry, when the readers start before them), in checks of the whole
   * file: it takes that much less of the file (see firstShareOf).
   */
  headStart?: number;
}

/**
 * Opens a visits CSV: reads its start (encoding, delimiter, header) and, when
 * it is large, starts its other parts on the reader threads. Its rows are
 * checked once `read` is given what they are checked against — so the
 * readers may start before the census and registry are read, which then
 * take none of their time. Nothing is reported before `read`: a file that
 * cannot be read says so there, in the run's order.
 */
export async function openVisitsCsv(location: Pick<TableLocation, 'path'>, start: VisitCsvStart): Promise<VisitsCsvScan> {
  const scan = new VisitsCsvScan(location.path, start);
  await scan.findHeader();
  return scan;
}

/** What comes after the header while its rows wait for `read`: replayed then, in order. */
type HeldRows =
  | { kind: 'record'; cells: string[]; row: number }
  | { kind: 'lines'; text: Buffer; firstRow: number }
  | { kind: 'problem'; raw: RawRow };

/** One visits CSV being read: its start found by findHeader, its rows by read. */
export class VisitsCsvScan {
  private readonly source: TableSource;
  private readonly hash = createHash('sha256');
  private readonly counts = emptyCounts();
  private readonly control: { pauseAt?: number } = {};
  private readonly progress: AsyncGenerator<CsvProgress, void, undefined>;
  private found: { encoding: string; delimiter: ',' | ';' | '\t' } | null = null;
  /** Non-blank rows before the header is decided. */
  private readonly seen: RawRow[] = [];
  private chosen: { header: RawRow; rest: RawRow[] } | null = null;
  private readonly held: HeldRows[] = [];
  private reading: TableReading | null = null;
  private plan: PartsPlan | null = null;
  /** What the start of the file could not be read for: thrown by `read`. */
  private failure: { error: unknown } | null = null;
  private ended = false;
  private told = false;

  constructor(
    private readonly path: string,
    private readonly start: VisitCsvStart,
  ) {
    this.source = { table: 'visits', file: path, sheet: null, format: 'csv' };
    this.progress = scanCsv(path, { encoding: start.encoding, hash: this.hash, control: this.control }, this.sink());
  }

  /** Reads on until the header is decided (or the file ends); the parts are started then. */
  async findHeader(): Promise<void> {
    try {
      while (this.chosen === null) {
        if ((await this.progress.next()).done) {
          this.ended = true;
          this.decide();
        }
      }
    } catch (error) {
      this.failure = { error };
    }
  }

  /**
   * Tells the readers started before the census and registry were read what
   * they say (once: later calls find no reader waiting). The ports stay open
   * until the reading is over, so that the message is not overtaken by a close.
   */
  know(knowledge: PartKnowledge): void {
    if (this.told || this.plan === null) return;
    this.told = true;
    for (const port of this.plan.knowledgePorts) port.postMessage(knowledge);
  }

  /** Reads, checks and settles the rows, against what `options` knows; then the file is closed. */
  async read(options: VisitCsvOptions): Promise<VisitCsvOutcome> {
    let handedOver: { rows: number; mayFallBack: boolean } | null = null;
    let partsUsed = 0;
    try {
      this.know({ areaCheck: options.areaCheck, facilityIds: options.facilityIds });
      if (this.failure !== null) throw this.failure.error;
      const chosen = this.chosen!;
      const table = new TableReading(this.source, chosen.header, this.found?.delimiter ?? ',', this.counts, options);
      this.reading = table;
      if (!table.usable) this.stopParts();
      for (const raw of chosen.rest) table.row(raw);
      for (const held of this.held.splice(0)) {
        if (held.kind === 'record') table.record(held.cells, held.row);
        else if (held.kind === 'lines') table.lines(held.text, 0, held.text.length, held.firstRow);
        else table.problem(held.raw);
      }
      while (!this.ended) {
        const next = await this.progress.next();
        if (next.done) break;
        table.flush();
        const progress = next.value;
        if (progress.paused !== undefined && this.plan !== null) {
          if (progress.paused.clean) {
            handedOver = { rows: progress.rows, mayFallBack: progress.paused.mayFallBack };
            break;
          }
          // The cut is not at a record start: this thread reads on, in one piece.
          this.plan = null;
          await options.readers?.close();
        }
      }
      table.flush();
      const parts = this.plan as PartsPlan | null;
      if (handedOver !== null && parts !== null) {
        hashRange(this.path, parts.jobs[0].start, parts.size, this.hash);
        partsUsed = await table.settleParts(parts, handedOver.rows, handedOver.mayFallBack);
      }
      return { source: this.source, counts: this.counts, lastUsedRow: table.lastUsedRow, sha256: this.hash.digest('hex'), partsUsed };
    } finally {
      // Parts handed over were waited for; any others (an error, a file read in one piece after all) are stopped.
      await this.close(handedOver === null);
    }
  }

  /**
   * Closes the file and the readers' ports; with `stopReaders`, also stops
   * the readers of parts started and not waited for, which must not outlive
   * the reading.
   */
  async close(stopReaders = true): Promise<void> {
    await this.progress.return();
    const plan = this.plan;
    this.plan = null;
    if (plan === null) return;
    for (const port of plan.knowledgePorts) port.close();
    if (stopReaders) await this.start.readers?.close();
  }

  /** The parts will not be used: their messages are not kept, and this thread reads on past the cut. */
  private stopParts(): void {
    if (this.plan === null) return;
    discardAfter(this.plan, -1);
    // A reader waiting to be told ends its part when its port closes.
    for (const port of this.plan.knowledgePorts) port.close();
    this.plan = null;
    delete this.control.pauseAt;
  }

  /** The header among the rows seen, and the parts started when the file is worth cutting. */
  private decide(): void {
    this.chosen = chooseHeader(this.seen, this.start.isHeaderRow, this.path);
    const { readers } = this.start;
    if (this.found === null || readers === null || readers.size === 0) return;
    if (!matchHeader('visits', this.chosen.header, this.source).usable) return;
    this.plan = planParts(this.path, this.found, { source: this.source, header: this.chosen.header }, this.start, this.control);
  }

  private sink(): CsvSink {
    return {
      begin: (found) => {
        this.found = found;
      },
      record: (cells, row) => {
        if (this.reading !== null) return this.reading.record(cells, row);
        if (this.chosen !== null) return void this.held.push({ kind: 'record', cells, row });
        const raw = csvRecordToRow(cells, row);
        if (raw === null) return;
        this.seen.push(raw);
        if (headerDecided(this.seen, this.start.isHeaderRow)) this.decide();
      },
      lines: (text, start, stop, firstRow) => {
        if (this.reading !== null) return this.reading.lines(text, start, stop, firstRow);
        // Line by line until the header is decided; the rest of the lines wait for `read`.
        let row = firstRow;
        let i = start;
        const delimiter = (this.found?.delimiter ?? ',').charCodeAt(0);
        while (i < stop && this.chosen === null) {
          const j = lineEndOf(text, i, stop);
          const raw = csvRecordToRow(splitPlainLine(text, i, j, delimiter), row);
          i = nextLineStart(text, j, stop);
          row++;
          if (raw === null) continue;
          this.seen.push(raw);
          if (headerDecided(this.seen, this.start.isHeaderRow)) this.decide();
        }
        if (i < stop) {
          this.held.push({ kind: 'lines', text: Buffer.from(text.subarray(i, stop)), firstRow: row });
          row += countLines(text, i, stop);
        }
        return row - firstRow;
      },
      problem: (raw) => {
        if (this.reading !== null) return this.reading.problem(raw);
        if (this.chosen !== null) return void this.held.push({ kind: 'problem', raw });
        this.seen.push(raw);
      },
    };
  }
}

/** The end of the line starting at `i` (its CR or LF, or `stop`). */
function lineEndOf(text: Buffer, i: number, stop: number): number {
  let j = i;
  while (j < stop && text[j] !== LF && text[j] !== CR) j++;
  return j;
}

/** Where the line after the one ending at `j` starts (past a CR LF pair as one). */
function nextLineStart(text: Buffer, j: number, stop: number): number {
  const next = j + 1;
  return j < stop && text[j] === CR && next < stop && text[next] === LF ? next + 1 : next;
}

/** The lines of text[start, stop), counted as the byte reader counts them. */
function countLines(text: Buffer, start: number, stop: number): number {
  let lines = 0;
  for (let i = start; i < stop; lines++) i = nextLineStart(text, lineEndOf(text, i, stop), stop);
  return lines;
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
  /** Where the readers wait for the census and registry (VisitCsvStart), until told. */
  knowledgePorts: MessagePort[];
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
  table: { source: TableSource; header: RawRow },
  start: VisitCsvStart,
  control: { pauseAt?: number },
): PartsPlan | null {
  const readers = start.readers!;
  if (!CUTTABLE_ENCODINGS.has(found.encoding) || readers.size === 0) return null;
  const descriptor = openSync(path, 'r');
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) return null;
    const size = stat.size;
    const threads = Math.min(readers.size, Math.floor(size / PARALLEL_READING.minimumPartBytes) - 1);
    if (threads < 1) return null;
    const firstShare = firstShareOf(threads, PARALLEL_READING.settleCost, start.headStart ?? 0);
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
    // Without the census and registry yet, each reader is told what they say through a port of its own, once read.
    const channels = cuts.map(() => (start.areaCheck === undefined ? new MessageChannel() : null));
    const jobs = cuts.map((cut, k): VisitPartJob => ({
      path,
      start: cut,
      end: k + 1 < cuts.length ? cuts[k + 1] : size,
      last: k + 1 === cuts.length,
      encoding: found.encoding,
      delimiter: found.delimiter,
      source: table.source,
      header: table.header,
      areaCheck: start.areaCheck ?? null,
      facilityIds: start.facilityIds ?? null,
      knowledgeLater: channels[k]?.port2 ?? null,
      today: start.today,
      several: start.cross.several,
      rowsPerMessage: PARALLEL_READING.rowsPerMessage,
    }));
    // The run's record ids and children will be about this many: a table they need is made that large once, not grown and rehashed a dozen times.
    const rows = estimateRows(descriptor, size);
    start.cross.records.reserve(rows);
    start.cross.children.reserve(Math.ceil(rows / RECORDS_PER_CHILD));
    control.pauseAt = cuts[0];
    const knowledgePorts = channels.flatMap((channel) => (channel === null ? [] : [channel.port1]));
    return { size, jobs, parts: jobs.map((job, k) => readers.run(k, job)), knowledgePorts };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * This thread's share of the reading beside `readers` reader threads, when
 * settling a row costs `settleCost` times checking it and this thread has
 * `headStart` of other work (in checks of the whole file) before its part:
 * it checks its share f and settles everything, each reader checks
 * (1 − f) / readers; both are done together when
 * headStart + f + settleCost = (1 − f) / readers. None (just the first
 * piece) when that work alone outweighs a reader's part.
 */
export function firstShareOf(readers: number, settleCost: number, headStart = 0): number {
  return Math.max(0, (1 - readers * (settleCost + headStart)) / (readers + 1));
}

/**
 * This thread's work before it reads its part of `visits` when the readers
 * start before `tables` (the census and registry) are read, in checks of the
 * whole visits file: their bytes, at PARALLEL_READING.tableByteCost bytes
 * of service records each, over the visits file's bytes.
 */
export function headStartOf(tables: readonly Pick<TableLocation, 'path'>[], visits: Pick<TableLocation, 'path'>): number {
  const visitBytes = sizeOf(visits.path);
  if (visitBytes === 0) return 0;
  const tableBytes = tables.reduce((sum, table) => sum + sizeOf(table.path), 0);
  return (tableBytes * PARALLEL_READING.tableByteCost) / visitBytes;
}

/** A file's size; 0 when it cannot be told (the reading says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
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
        i = nextLineStart(text, lineEndOf(text, i, stop), stop);
        row++;
      }
      return row - firstRow + (i < stop ? this.lines(text, i, stop, row) : 0);
    }
    if (this.bytes !== null) return this.bytes.lines(text, start, stop, firstRow, this.batch);
    let row = firstRow;
    for (let i = start; i < stop; row++) {
      const j = lineEndOf(text, i, stop);
      this.record(splitPlainLine(text, i, j, this.delimiterByte), row);
      i = nextLineStart(text, j, stop);
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
