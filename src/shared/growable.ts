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

/**
 * Records of `fields` numbers each, in one Int32Array that grows by half
 * when full: record i's field k at data[i × fields + k]. One bounds check
 * and one cache line a record, where a column per field costs one each.
 */
export class GrowableRecords {
  data: Int32Array;
  length = 0;

  constructor(
    readonly fields: number,
    capacity = 1024,
  ) {
    this.data = new Int32Array(capacity * fields);
  }

  /** Adds a record (its fields zero or left over: the caller writes them all); returns its index. */
  add(): number {
    if ((this.length + 1) * this.fields > this.data.length) {
      const bigger = new Int32Array(this.data.length + (this.data.length >> 1) + this.fields);
      bigger.set(this.data);
      this.data = bigger;
    }
    return this.length++;
  }
}
