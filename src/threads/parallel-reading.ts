/**
 * The numbers that decide whether and how a large CSV of service records is
 * cut into parts: read by the cutting (visit-parts.ts) and by the
 * starting of reader threads (visit-readers.ts), and set smaller by tests.
 */

/** When a file is worth cutting into parts. */
export const PARALLEL_READING = {
  /** No part smaller than this: below it, starting and merging costs more than it saves. */
  minimumPartBytes: 8 << 20,
  /**
   * Settling a row (here, for every part) against checking its cells (in
   * whichever thread reads its part), measured on the 1M-record benchmark
   * file: about 0.4 s against 2.0 s since record and child ids go by runs
   * of numbers and the fold counts in typed arrays. It decides this
   * thread's share of the reading (see firstShareOf): 0.2 gives it 0.4 of
   * the file beside one reader; at 0.3 (0.35 of the file) the reader was
   * the last to finish, at 0.1 this thread.
   */
  settleCost: 0.2,
  /**
   * What a byte of the census or registry costs this thread, in bytes of
   * service records checked, when the readers start on their parts while it
   * reads those (see headStartOf): on the 1M-record benchmark, about 0.25 s
   * for their 0.53 MB against 1.8 s for the 66 MB of records.
   */
  tableByteCost: 18,
  /** Rows a reader checks before sending them: a few megabytes of file, so that a part is a few dozen messages. */
  rowsPerMessage: 32_768,
  /**
   * Bytes of the readers' parts this thread hashes while it waits for their
   * rows, at a time (see RangeHash): about a millisecond, so that rows that
   * come wait at most that long.
   */
  hashStepBytes: 1 << 20,
};
