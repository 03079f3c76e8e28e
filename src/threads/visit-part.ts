/**
 * One part of a large CSV of service records, read and checked cell by cell
 * (the first step, see schema/visit-batch.ts), wherever it runs: in a worker
 * thread (visit-worker.ts) or, without one, in this thread. Everything it
 * needs comes in the job as plain data, everything it finds goes out as
 * messages: batches of checked rows, then how the part ended.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { RawRow, TableSource } from '../io/raw.js';
import { scanCsv, type CsvSink } from '../io/read-csv-rows.js';
import { knownAreaTest, type AreaCheck } from '../schema/explain-unknown.js';
import { matchHeader } from '../schema/headers.js';
import { RecordedIssues, VisitBatch, VisitKeys, type VisitBatchMessage } from '../schema/visit-batch.js';
import { VisitByteChecker } from '../schema/visit-bytes.js';
import { VisitCellChecker, visitColumns } from '../schema/visit-cells.js';

export interface VisitPartJob {
  path: string;
  /** Bytes [start, end) of the file; start is just after a line feed. */
  start: number;
  end: number;
  /** The part ends where the file does. */
  last: boolean;
  encoding: string;
  delimiter: ',' | ';' | '\t';
  source: TableSource;
  header: RawRow;
  /** The census rows that decide which codes are known (SPEC §2, schema/known-areas.ts); null without a census. */
  areaCheck: AreaCheck | null;
  /** The facility ids the registry lists; null without a registry (every id is then known). */
  facilityIds: readonly string[] | null;
  /**
   * Set when the part is read before the census and registry are: areaCheck
   * and facilityIds then come through this port (a PartKnowledge), once
   * they are read.
   */
  knowledgeLater: MessagePort | null;
  today: number;
  several: boolean;
  /** Rows per batch sent (PARALLEL_READING.rowsPerMessage). */
  rowsPerMessage: number;
}

/**
 * How a part ended: `clean` at a record start, outside quotes, where the
 * next part begins; `stopped` at a row the CSV parser could not read (the
 * table ends there, as it would read whole); `unclean` when its last record
 * runs on into the next part (then it must be read again, in one piece with
 * what follows).
 */
export type PartEnd = 'clean' | 'stopped' | 'unclean';

export type VisitPartMessage =
  | { type: 'batch'; batch: VisitBatchMessage }
  /** `ascii`: every byte of the part was ASCII (a UTF-8 reading after it may still switch to GB18030). */
  | { type: 'done'; rows: number; end: PartEnd; ascii: boolean }
  /** Anything unexpected (a byte not in the encoding, a read error): the part is read again in the main thread, which says what it is. */
  | { type: 'failed'; reason: string };

/** What a part's areas and facilities are judged against (see VisitPartJob). */
export interface PartKnowledge {
  areaCheck: AreaCheck | null;
  facilityIds: readonly string[] | null;
}

/** Batches a part holds, at most, while it waits for its knowledge: then it waits before reading on. */
const MAX_HELD_BATCHES = 8;

/** Reads and checks the part, sending what it finds through `post`. Never throws. */
export async function checkVisitPart(job: VisitPartJob, post: (message: VisitPartMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const later = job.knowledgeLater;
    const given = later === null ? { areaCheck: job.areaCheck, facilityIds: job.facilityIds } : null;
    const again = await readPart(job, given, post);
    // An area or facility taken as known before the knowledge came is not: the part is read again, knowing.
    if (again !== null) await readPart(job, again, post);
  } catch (error) {
    post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) });
  } finally {
    job.knowledgeLater?.close();
  }
}

/**
 * Reads the part once. Without `knowledge` (it comes later, through the
 * job's port), every area and facility is taken as known and the batches are
 * held, not sent; when the knowledge comes, the keys met so far are judged by
 * it: all as taken, the held batches go and the reading goes on knowing; one
 * not, nothing was sent, and the knowledge is returned for the part to be
 * read again, knowing. Null when the part was read.
 */
async function readPart(
  job: VisitPartJob,
  knowledge: PartKnowledge | null,
  post: (message: VisitPartMessage, transfer?: ArrayBuffer[]) => void,
): Promise<PartKnowledge | null> {
  const match = matchHeader('visits', job.header, job.source);
  const columns = visitColumns(match, job.header);
  const keys = knowledge === null ? new VisitKeys() : new VisitKeys(...knowledgeTests(knowledge));
  const context = { today: job.today, several: job.several };
  const cells = new VisitCellChecker(columns, context, keys, new RecordedIssues());
  const bytes = new VisitByteChecker(columns, context, keys, cells, job.delimiter);
  const batch = new VisitBatch(job.rowsPerMessage + 1024);
  let held: { message: VisitPartMessage; transfer: ArrayBuffer[] }[] | null = knowledge === null ? [] : null;
  let marks = keys.marks();
  const flush = (): void => {
    if (batch.count === 0) return;
    batch.newKeys = keys.exportSince(marks);
    marks = keys.marks();
    const { message, transfer } = batch.toMessage();
    if (held !== null) held.push({ message: { type: 'batch', batch: message }, transfer });
    else post({ type: 'batch', batch: message }, transfer);
    batch.clear();
  };
  /** Judges the keys met so far by the knowledge that came: true when the held batches stand. */
  const know = (came: PartKnowledge): boolean => {
    if (!keys.judgeBy(...knowledgeTests(came))) return false;
    for (const { message, transfer } of held!) post(message, transfer);
    held = null;
    return true;
  };
  let stopped = false;
  const sink: CsvSink = {
    record: (cellsOfRecord, row) => bytes.record(cellsOfRecord, row, batch),
    lines: (text, start, stop, firstRow) => bytes.lines(text, start, stop, firstRow, batch),
    problem: (raw) => {
      stopped = true;
      bytes.problem(raw, batch);
    },
  };
  let rows = 0;
  let end: PartEnd = 'clean';
  let ascii = false;
  const part = { start: job.start, end: job.end, rowsBefore: 0, encoding: job.encoding, delimiter: job.delimiter, last: job.last };
  for await (const progress of scanCsv(job.path, { part }, sink)) {
    rows = progress.rows;
    if (progress.paused !== undefined) {
      if (!progress.paused.clean) end = 'unclean';
      ascii = progress.paused.mayFallBack;
    }
    if (batch.count >= job.rowsPerMessage) flush();
    if (held !== null) {
      const came = held.length < MAX_HELD_BATCHES ? receivedKnowledge(job.knowledgeLater!) : await knowledgeFrom(job.knowledgeLater!);
      if (came !== null && !know(came)) return came;
    }
  }
  flush();
  if (held !== null) {
    const came = await knowledgeFrom(job.knowledgeLater!);
    if (!know(came)) return came;
  }
  post({ type: 'done', rows, end: stopped ? 'stopped' : end, ascii });
  return null;
}

function knowledgeTests(knowledge: PartKnowledge): [(code: string) => boolean, (id: string) => boolean] {
  const facilityIds = knowledge.facilityIds === null ? null : new Set(knowledge.facilityIds);
  return [knownAreaTest(knowledge.areaCheck), facilityIds === null ? () => true : (id) => facilityIds.has(id)];
}

/** The knowledge, if it has come (the reading does not stop for it). */
function receivedKnowledge(port: MessagePort): PartKnowledge | null {
  return (receiveMessageOnPort(port)?.message as PartKnowledge | undefined) ?? null;
}

/**
 * The knowledge, once it comes. The reading closes the port without it when
 * it no longer wants the part (it failed, or reads the file in one piece):
 * the part ends there, so that the reader is free for its next one.
 */
async function knowledgeFrom(port: MessagePort): Promise<PartKnowledge> {
  const came = receivedKnowledge(port);
  if (came !== null) return came;
  const message = await new Promise<PartKnowledge | null>((resolve) => {
    port.once('message', resolve);
    port.once('close', () => resolve(null));
  });
  if (message === null) throw new Error('the part is no longer wanted');
  return message;
}
