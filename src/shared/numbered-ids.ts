/**
 * Ids that end in a number — R000000001, 2025030700123, QX-17 — kept as runs
 * of consecutive numbers instead of one by one. A district's export numbers
 * its records in order, and children in the order they first come, so a
 * million record ids are one run: meeting the
 * next id is a few byte comparisons and one array write, where a hash table
 * of a million keys costs a cache miss or two a key and some 30 MB.
 *
 * Exact. An id is split into a prefix and its last digits (at most 15, so
 * that the number is exact in a double); ids are grouped by prefix bytes and
 * by how many digits the number has, so that R7, R07 and S7 are three ids in
 * three groups. Within a group the runs are disjoint intervals of numbers,
 * kept sorted, each with a value per number (the row a record id was first
 * seen on, a child's number).
 *
 * Ids this cannot keep are declined, and the caller keeps them some other
 * way (a hash table): an id without a final digit, and any new id of a group
 * whose runs have become too many (ids in no order). Declining is for good:
 * a group never takes a new id again once it declined one, so an id is
 * either always kept here or never, and the two ways never disagree.
 */

/** Digits of the number at most: beyond, they belong to the prefix. */
const MAX_DIGITS = 15;
/** Runs a group keeps before it declines new ids: a binary search and an insertion stay cheap. */
const MAX_RUNS = 4096;

/** `see`'s answers for an id met for the first time (now kept), and for one kept elsewhere. */
export const NEW = -1;
export const DECLINED = -2;

export class NumberedIds {
  private readonly groups = new Map<string, RunGroup>();
  /** The group of the last id met: the next id is most likely of it. */
  private last: RunGroup | null = null;

  /**
   * Meets the id bytes[start, end): the value kept with it when it was met
   * before; else NEW, and it is kept with `value` (≥ 0: a row, a number); or
   * DECLINED.
   */
  see(bytes: Uint8Array, start: number, end: number, value: number): number {
    // The final digits and their number, in one pass from the end.
    let digitsStart = end;
    let number = 0;
    let place = 1;
    const lowest = Math.max(start, end - MAX_DIGITS);
    while (digitsStart > lowest) {
      const digit = bytes[digitsStart - 1] - 48;
      if (digit < 0 || digit > 9) break;
      number += digit * place;
      place *= 10;
      digitsStart--;
    }
    const width = end - digitsStart;
    if (width === 0) return DECLINED;
    let group = this.last;
    if (group === null || !group.isOf(bytes, start, digitsStart, width)) {
      const key = `${width}:${Buffer.from(bytes.buffer, bytes.byteOffset + start, digitsStart - start).toString('latin1')}`;
      group = this.groups.get(key) ?? null;
      if (group === null) {
        group = new RunGroup(bytes.slice(start, digitsStart), width);
        this.groups.set(key, group);
      }
      this.last = group;
    }
    return group.see(number, value);
  }
}

/** The ids of one prefix and width: disjoint runs of numbers, sorted. */
class RunGroup {
  private readonly lows: number[] = [];
  private readonly highs: number[] = [];
  /** Per run, the value kept with each of its numbers, from its low on. */
  private readonly values: Int32Array[] = [];
  /** The run last grown: the next number is most likely one above its high. */
  private current = -1;
  private declining = false;

  constructor(
    private readonly prefix: Uint8Array,
    private readonly width: number,
  ) {}

  isOf(bytes: Uint8Array, start: number, prefixEnd: number, width: number): boolean {
    if (width !== this.width || prefixEnd - start !== this.prefix.length) return false;
    const prefix = this.prefix;
    for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix[i]) return false;
    return true;
  }

  see(number: number, value: number): number {
    const { lows, highs } = this;
    // The next number of the run last grown, with no run above it starting there: new, and it grows that run.
    const current = this.current;
    if (current >= 0 && number === highs[current] + 1 && (current + 1 === lows.length || lows[current + 1] > number)) {
      if (this.declining) return DECLINED;
      this.append(current, number, value);
      return NEW;
    }
    // The run that starts at or below the number, if any.
    let low = 0;
    let high = lows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (lows[middle] <= number) low = middle + 1;
      else high = middle - 1;
    }
    const below = high;
    if (below >= 0 && number <= highs[below]) return this.values[below][number - lows[below]];
    if (this.declining || lows.length >= MAX_RUNS) {
      this.declining = true;
      return DECLINED;
    }
    if (below >= 0 && number === highs[below] + 1) {
      this.append(below, number, value);
      this.current = below;
      return NEW;
    }
    const values = new Int32Array(16);
    values[0] = value;
    lows.splice(below + 1, 0, number);
    highs.splice(below + 1, 0, number);
    this.values.splice(below + 1, 0, values);
    this.current = below + 1;
    return NEW;
  }

  /** Grows run `run` by `number`, one above its high, kept with `value`. */
  private append(run: number, number: number, value: number): void {
    const at = number - this.lows[run];
    let values = this.values[run];
    if (at === values.length) {
      const bigger = new Int32Array(values.length + (values.length >> 1) + 16);
      bigger.set(values);
      this.values[run] = values = bigger;
    }
    values[at] = value;
    this.highs[run] = number;
  }
}
