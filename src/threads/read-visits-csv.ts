/**
 * A CSV of service records, read from its bytes and checked — on the cores
 * there are. The file's start is read here: encoding, delimiter, header. A
 * large file is then cut at line feeds into parts (visit-parts.ts): the
 * first is read here, the others by reader threads, each checking its rows
 * cell by cell (schema/visit-bytes.ts) into batches. Everything that depends on earlier
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
import { createHash } from 'node:crypto';
import type { IssueLog } from '../issues/collector.js';
import { chooseHeader, headerDecided } from '../io/open-table.js';
import type { RawCell, RawRow, TableSource } from '../io/raw.js';
import { csvRecordToRow, scanCsv, splitPlainLine, type CsvPart, type CsvProgress, type CsvSink } from '../io/read-csv-rows.js';
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
import type { PartKnowledge } from './visit-part.js';
import type { VisitReaders } from './visit-readers.js';
import { discardAfter, planParts, RangeHash, type PartsPlan, type PartsStart } from './visit-parts.js';

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
export interface VisitCsvStart extends PartsStart {
  encoding?: string;
  isHeaderRow?: (cells: RawCell[]) => boolean;
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
      while (this.chosen === null) if ((await this.progress.next()).done) this.decide();
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
      // Parts were started only for a header that can be used (decide), as TableReading finds it.
      const table = new TableReading(this.source, chosen.header, this.found?.delimiter ?? ',', this.counts, options);
      this.reading = table;
      for (const raw of chosen.rest) table.row(raw);
      for (const held of this.held.splice(0)) {
        if (held.kind === 'record') table.record(held.cells, held.row);
        else if (held.kind === 'lines') table.lines(held.text, 0, held.text.length, held.firstRow);
        else table.problem(held.raw);
      }
      // A generator that has ended answers `done` again.
      while (true) {
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
        const hashing = new RangeHash(this.path, parts.jobs[0].start, parts.size, this.hash);
        partsUsed = await table.settleParts(parts, handedOver.rows, handedOver.mayFallBack, hashing);
        hashing.finish();
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
   * whole file's decoder would stand there). Whenever the next batch is not
   * there yet, a step of `hashing` is done meanwhile. Returns how many parts
   * were used to their end.
   */
  async settleParts(plan: PartsPlan, rowsBefore: number, mayFallBack: boolean, hashing: RangeHash): Promise<number> {
    let rows = rowsBefore;
    let asciiBefore = mayFallBack;
    for (const [k, job] of plan.jobs.entries()) {
      const keys = new VisitKeys();
      const part = this.settler!.part(keys, rows);
      let settledThrough = rows;
      while (true) {
        // The readers' messages come in between steps.
        while (!plan.parts[k].ready && hashing.step()) await new Promise((resolve) => setImmediate(resolve));
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
