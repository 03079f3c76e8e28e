/**
 * The threads that read parts of large CSVs of service records: started
 * early (a thread takes tens of milliseconds to start and load its code,
 * which the census and registry hide), given a part at a time, closed when
 * the run is done.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PARALLEL_READING } from './parallel-reading.js';
import { checkVisitPart, type VisitPartJob, type VisitPartMessage } from './visit-part.js';

/**
 * The messages of one part as they come, in order: batches, then `done` or
 * `failed`. The reading takes each batch as soon as it is there, so that
 * settling goes on while the part is still being read.
 */
export class PartMessages {
  private readonly items: VisitPartMessage[] = [];
  private head = 0;
  private waiting: ((message: VisitPartMessage) => void) | null = null;
  private discarded = false;

  /** A message is there to be taken now. */
  get ready(): boolean {
    return this.head < this.items.length;
  }

  push(message: VisitPartMessage): void {
    if (this.discarded) return;
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting(message);
      return;
    }
    this.items.push(message);
  }

  /** The next message, once there is one. */
  next(): Promise<VisitPartMessage> {
    if (this.head < this.items.length) {
      const message = this.items[this.head];
      // Taken messages go, so that the batches of a part are not all held.
      this.items[this.head++] = undefined as never;
      if (this.head === this.items.length) {
        this.items.length = 0;
        this.head = 0;
      }
      return Promise.resolve(message);
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /**
   * The part will not be used (the file is read on in this thread from an
   * earlier part, or the table ended before it): what it holds goes now, and
   * what its reader still sends is dropped rather than held to the run's end.
   */
  discard(): void {
    this.discarded = true;
    this.items.length = 0;
    this.head = 0;
  }
}

interface Reader {
  /** Reads `job`, every message into `messages`; resolves after the last (`done` or `failed`). */
  run(job: VisitPartJob, messages: PartMessages): Promise<void>;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./visit-worker.js', import.meta.url);

export class VisitReaders {
  /** Per reader, its last job: a job waits for the one before it on the same reader. */
  private readonly last: Promise<unknown>[];

  private constructor(private readers: Reader[]) {
    this.last = readers.map(() => Promise.resolve());
  }

  /**
   * `count` readers, started now. Run from the TypeScript sources (the test
   * suite), there is no JavaScript entry for a worker thread: the parts are
   * then read in this thread, interleaved with the rest, through the very
   * same messages (cloned as a thread would receive them).
   */
  static start(count: number): VisitReaders {
    const threads = existsSync(fileURLToPath(WORKER_ENTRY));
    return new VisitReaders(Array.from({ length: count }, () => (threads ? threadReader() : inThreadReader())));
  }

  get size(): number {
    return this.readers.length;
  }

  /** Reads `job` with reader `index`, once its earlier job is done: its messages as they come. */
  run(index: number, job: VisitPartJob): PartMessages {
    const reader = this.readers[index];
    const messages = new PartMessages();
    this.last[index] = this.last[index].then(() => reader.run(job, messages));
    return messages;
  }

  /** Stops every reader; from then on there are none (size 0). */
  async close(): Promise<void> {
    const readers = this.readers;
    this.readers = [];
    await Promise.all(readers.map((reader) => reader.close()));
  }
}

/**
 * Readers for the CSVs of service records at `paths`, when one of them is
 * large enough to be read in parts and `threads` (this one included) allow
 * more than one; else null.
 */
export function startVisitReaders(paths: readonly string[], threads: number): VisitReaders | null {
  if (threads < 2) return null;
  let largest = 0;
  for (const path of paths) {
    try {
      const stat = statSync(path);
      if (stat.isFile()) largest = Math.max(largest, stat.size);
    } catch {
      // An unreadable file is reported when it is read.
    }
  }
  const parts = Math.min(threads, Math.floor(largest / PARALLEL_READING.minimumPartBytes), 1 + usefulReaders(PARALLEL_READING.settleCost));
  return parts >= 2 ? VisitReaders.start(parts - 1) : null;
}

/**
 * Readers beyond which none helps: this thread settles every row, which takes
 * `settleCost` of checking one, so once each reader's part checks in less
 * time than that, another reader only adds memory (a thread's own heap).
 */
export function usefulReaders(settleCost: number): number {
  return Math.max(1, Math.ceil(1 / settleCost));
}

const isLast = (message: VisitPartMessage): boolean => message.type !== 'batch';

/**
 * A reader's young generation kept small: what it makes and drops is small
 * and short-lived (a cell's text, a chunk read), and a young generation left
 * to grow (up to 32 MB a thread) only raised the run's peak memory. Measured
 * on the 1M-record benchmark file, interleaved: peak 277 → 249 MB (medians
 * of 8 and 4 runs), the time unchanged.
 */
const READER_LIMITS = { maxYoungGenerationSizeMb: 2 };

function threadReader(): Reader {
  const worker = new Worker(WORKER_ENTRY, { resourceLimits: READER_LIMITS });
  // An idle reader does not keep the process alive; a busy one must, or a run waiting only for
  // its part would end there.
  worker.unref();
  let pending: ((message: VisitPartMessage) => void) | null = null;
  let failure: string | null = null;
  const fail = (reason: string): void => {
    failure = reason;
    pending?.({ type: 'failed', reason });
  };
  worker.on('message', (message: VisitPartMessage) => pending?.(message));
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`reader thread exited (${code})`));
  return {
    run(job, messages) {
      return new Promise((resolve) => {
        if (failure !== null) {
          messages.push({ type: 'failed', reason: failure });
          resolve();
          return;
        }
        pending = (message) => {
          messages.push(message);
          if (!isLast(message)) return;
          pending = null;
          worker.unref();
          resolve();
        };
        worker.ref();
        worker.postMessage(job, job.knowledgeLater === null ? [] : [job.knowledgeLater]);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

function inThreadReader(): Reader {
  return {
    run(job, messages) {
      return checkVisitPart(job, (message, transfer) => messages.push(structuredClone(message, { transfer })));
    },
    async close() {},
  };
}
