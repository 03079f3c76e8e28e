/**
 * How a large CSV of service records is cut into parts (see
 * read-visits-csv.ts): where each part starts (just after a line feed near
 * its share of the bytes), how large this thread's share is beside the
 * readers, the jobs the readers are given, and the bytes of their parts this
 * thread hashes afterwards.
 */
import type { Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { RawRow, TableSource } from '../io/raw.js';
import { CHUNK_BYTES } from '../io/read-csv-rows.js';
import type { TableLocation } from '../io/resolve-inputs.js';
import type { CrossSubmission } from '../schema/cross-submission.js';
import type { AreaCheck } from '../schema/explain-unknown.js';
import { PARALLEL_READING } from './parallel-reading.js';
import type { VisitPartJob } from './visit-part.js';
import type { PartMessages, VisitReaders } from './visit-readers.js';

/** Encodings in which no line feed byte is ever part of a longer character: a file may be cut after any line feed. */
const CUTTABLE_ENCODINGS = new Set(['utf8', 'gb18030', 'gbk']);

/**
 * What cutting a file needs: the readers, what their jobs check against
 * (`areaCheck` and `facilityIds` undefined when the census and registry are
 * not read yet: the readers are then told through `knowledgePorts`), and
 * this thread's work before its part (see firstShareOf).
 */
export interface PartsStart {
  today: number;
  cross: CrossSubmission;
  readers: VisitReaders | null;
  areaCheck?: AreaCheck | null;
  facilityIds?: readonly string[] | null;
  headStart?: number;
}

/** The parts after part k will not be settled: their messages are not kept. */
export function discardAfter(plan: PartsPlan, k: number): void {
  for (const messages of plan.parts.slice(k + 1)) messages.discard();
}

/** How a file is cut: this thread reads up to jobs[0].start, each job one part after. */
export interface PartsPlan {
  size: number;
  jobs: VisitPartJob[];
  /** Each part's messages as they come. */
  parts: PartMessages[];
  /** Where the readers wait for the census and registry (PartsStart), until told. */
  knowledgePorts: MessagePort[];
}

/**
 * Cuts the file into parts, one per reader thread and this one, each just
 * after a line feed near its share of the bytes, and starts the readers;
 * null when the file is too small, not a regular file, or in an encoding
 * that cannot be cut at a line feed.
 */
export function planParts(
  path: string,
  found: { encoding: string; delimiter: ',' | ';' | '\t' },
  table: { source: TableSource; header: RawRow },
  start: PartsStart,
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

/**
 * The hashing of bytes [from, to) of the file, the parts this thread did not
 * read, a step at a time: this thread hashes a step whenever it would
 * otherwise wait for a reader's rows (see TableReading.settleParts), and the
 * rest at the end.
 */
export class RangeHash {
  private at: number;
  private readonly buffer = Buffer.allocUnsafe(PARALLEL_READING.hashStepBytes);

  constructor(
    private readonly path: string,
    from: number,
    private readonly to: number,
    private readonly hash: Hash,
  ) {
    this.at = from;
  }

  /** Hashes the next step; false once the whole range is hashed. */
  step(): boolean {
    if (this.at >= this.to) return false;
    const descriptor = openSync(this.path, 'r');
    try {
      const read = readSync(descriptor, this.buffer, 0, Math.min(this.buffer.length, this.to - this.at), this.at);
      // A file shorter than when it was cut: its reading says so; nothing more to hash.
      if (read === 0) this.at = this.to;
      this.hash.update(this.buffer.subarray(0, read));
      this.at += read;
    } finally {
      closeSync(descriptor);
    }
    return this.at < this.to;
  }

  /** Hashes what is left. */
  finish(): void {
    while (this.step());
  }
}
