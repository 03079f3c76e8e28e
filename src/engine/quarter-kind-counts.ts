/**
 * Record counts per (key, calendar quarter, kind of service), for the
 * data-quality review (SPEC §11: quarterly counts of each kind by area and by
 * facility). The key is a small dense index (an area code or a facility id
 * interned by the visit fold); each key keeps its quarters in one typed array
 * of its own, so that the hot loop over a million records increments an array
 * slot and never hashes a composite key. Memory grows with keys × quarters ×
 * kinds, never with records.
 *
 * Mergeable: the counts are plain sums keyed by (id, quarter, kind), so two
 * folds over two parts of a file add up slot by slot, in any order, once their
 * indices are mapped back to the ids they stand for.
 */
import { VISIT_KINDS, type VisitKind } from '../schema/records.js';

/** A quarter as one integer: year × 4 + (quarter − 1), so that consecutive quarters differ by one. */
export type QuarterNumber = number;

/** The quarter of a day, from its packedCivil date, without a division (the visit fold asks a million times). */
export function quarterOfPacked(packed: number): QuarterNumber {
  const year = (packed / 10000) | 0;
  return year * 4 + MONTH_QUARTER[((packed / 100) | 0) - year * 100];
}
/** Quarter − 1 by month (index 1–12). */
const MONTH_QUARTER = new Int32Array([0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);

export const KIND_COUNT = VISIT_KINDS.length;

/** The index of each kind in the counts, in the order of VISIT_KINDS. */
export const KIND_INDEX: Readonly<Record<VisitKind, number>> = Object.fromEntries(VISIT_KINDS.map((kind, index) => [kind, index])) as Record<
  VisitKind,
  number
>;

/** Quarters a key's array covers when first made: most data run forward in time. */
const FIRST_SPAN = 4;

export class QuarterKindCounts {
  /** Per key: counts at (quarter − first quarter) × KIND_COUNT + kind index. */
  private readonly arrays: (Int32Array | undefined)[] = [];
  /** Per key: the quarter number of its array's first slot. */
  private readonly firstQuarters: number[] = [];

  /** Adds one record of kind `kindIndex` in `quarter` to key `index`. */
  add(index: number, quarter: QuarterNumber, kindIndex: number): void {
    const array = this.arrays[index];
    if (array !== undefined) {
      const slot = (quarter - this.firstQuarters[index]) * KIND_COUNT + kindIndex;
      if (slot >= 0 && slot < array.length) {
        array[slot] += 1;
        return;
      }
    }
    this.widen(index, quarter)[(quarter - this.firstQuarters[index]) * KIND_COUNT + kindIndex] += 1;
  }

  /** Every nonzero count, by key index, quarter number and kind index. */
  forEach(callback: (index: number, quarter: QuarterNumber, kindIndex: number, count: number) => void): void {
    this.arrays.forEach((array, index) => {
      if (array === undefined) return;
      const first = this.firstQuarters[index];
      for (let slot = 0; slot < array.length; slot++) {
        if (array[slot] !== 0) callback(index, first + Math.floor(slot / KIND_COUNT), slot % KIND_COUNT, array[slot]);
      }
    });
  }

  /** Makes key `index`'s array reach `quarter`, doubling its span in that direction so that a run of quarters reallocates rarely. */
  private widen(index: number, quarter: QuarterNumber): Int32Array {
    while (this.arrays.length <= index) {
      this.arrays.push(undefined);
      this.firstQuarters.push(0);
    }
    const old = this.arrays[index];
    if (old === undefined) {
      const fresh = new Int32Array(FIRST_SPAN * KIND_COUNT);
      this.arrays[index] = fresh;
      this.firstQuarters[index] = quarter;
      return fresh;
    }
    const oldFirst = this.firstQuarters[index];
    const oldSpan = old.length / KIND_COUNT;
    const first = quarter < oldFirst ? Math.min(quarter, oldFirst - oldSpan) : oldFirst;
    const last = quarter < oldFirst ? oldFirst + oldSpan - 1 : Math.max(quarter, oldFirst + 2 * oldSpan - 1);
    const wider = new Int32Array((last - first + 1) * KIND_COUNT);
    wider.set(old, (oldFirst - first) * KIND_COUNT);
    this.arrays[index] = wider;
    this.firstQuarters[index] = first;
    return wider;
  }
}
