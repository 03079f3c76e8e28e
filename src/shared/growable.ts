/**
 * An Int32Array that grows by half when full: per-child and per-entry state
 * without a JS object each. By half, not double: these are the largest
 * arrays of a run, and a doubled one is up to half empty.
 */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  /** Appends `value`; returns its index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length + (this.data.length >> 1));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }
}
