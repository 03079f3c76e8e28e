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
   * whichever thread reads its part). It decides this thread's share of the
   * reading (see firstShareOf). Read off traced runs of the benchmark's 2M
   * file, once checking passed over plain bytes a word at a time: this thread
   * settled the reader's rows at 0.46 µs each, the reader checked them at
   * 1.45 µs (0.32). At 0.2 this thread read 0.36 of the 2M file and finished
   * 0.07–0.37 s after the reader in four runs of four.
   */
  settleCost: 0.3,
  /**
   * What a byte of the census or registry costs this thread, in bytes of
   * service records checked, when the readers start on their parts while it
   * reads those (see headStartOf): this thread reads them in 0.25–0.35 s,
   * of which the reader's own start takes 0.1–0.15 s, against 1.45 s for
   * checking the 66 MB of the 1M file's records, for their 0.53 MB.
   */
  tableByteCost: 12,
  /** Rows a reader checks before sending them: a few megabytes of file, so that a part is a few dozen messages. */
  rowsPerMessage: 32_768,
  /**
   * Bytes of the readers' parts this thread hashes while it waits for their
   * rows, at a time (see RangeHash): about a millisecond, so that rows that
   * come wait at most that long.
   */
  hashStepBytes: 1 << 20,
};
