/**
 * Duplicate detection over millions of rows in bounded memory: a set of 64-bit
 * fingerprints held in two Int32Arrays with open addressing, instead of a Set
 * of strings. A Set<string> of a million record ids costs ~60 MB of small heap
 * objects that every major GC walks; this costs 16 MB of flat memory and no
 * GC work.
 *
 * Exactness: a fingerprint match is taken as a duplicate without comparing the
 * text. With 64 well-mixed bits, the chance that any two of n distinct values
 * share a fingerprint is about n² / 2⁶⁵: 3·10⁻⁸ for a million ids, 1·10⁻⁷ for
 * two million, 3·10⁻⁶ for ten million — far below the chance of a typo in
 * the data, so no text is kept to confirm a match. A match is always reported
 * at its row, naming the row it matched (`duplicate-id`, `duplicate-row`, or
 * across submissions the issues of cross-submission.ts): a collision shows
 * up as a located issue, never as a row dropped without a word.
 */

/** Slots start here and double when half full, so probes stay short. */
const INITIAL_CAPACITY = 1 << 12;

export class FingerprintSet {
  private high: Int32Array;
  private low: Int32Array;
  /** The row each fingerprint was first seen on, so that a duplicate can name the row it repeats; allocated on first use. */
  private rows: Int32Array | null = null;
  /** Further values per slot (`extraColumns`), for callers that keep more than the row (see cross-submission.ts). */
  private extras: Int32Array[];
  private mask: number;
  private count = 0;

  constructor(capacity = INITIAL_CAPACITY, extraColumns = 0) {
    let size = INITIAL_CAPACITY;
    while (size < capacity * 2) size *= 2;
    this.high = new Int32Array(size);
    this.low = new Int32Array(size);
    this.extras = Array.from({ length: extraColumns }, () => new Int32Array(size));
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds the fingerprint (two 32-bit halves); false when it was already there.
   * (0, 0) marks an empty slot, so that one fingerprint is stored as (0, 1):
   * it then shares a slot with (0, 1), a 2⁻⁶⁴ event.
   */
  add(high: number, low: number): boolean {
    return this.locate(high, low) < 0;
  }

  /**
   * Adds the fingerprint, first seen on `row` (≥ 1); returns 0 when it is new,
   * else the row it was first seen on. Costs 4 bytes a slot beyond `add`.
   */
  addRow(high: number, low: number, row: number): number {
    if (this.rows === null) this.rows = new Int32Array(this.high.length);
    const slot = this.locate(high, low);
    if (slot >= 0) return this.rows[slot];
    this.rows[~slot] = row;
    return 0;
  }

  /**
   * The slot of the fingerprint: ≥ 0 when it was there, else `~slot` (< 0) of
   * the slot it was just added in. A slot stays valid for `column` until the
   * next fingerprint is added (adding may move every slot).
   */
  locate(high: number, low: number): number {
    high |= 0;
    low |= 0;
    if (high === 0 && low === 0) low = 1;
    // Grown before probing, so that the slot handed back is where the fingerprint stays.
    if ((this.count + 1) * 2 > this.high.length) this.grow();
    const highs = this.high;
    const lows = this.low;
    const mask = this.mask;
    // The low half is already mixed (see fingerprint functions); mixing in the high half spreads clustered inputs.
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    while (true) {
      const h = highs[slot];
      const l = lows[slot];
      if (h === 0 && l === 0) break;
      if (h === high && l === low) return slot;
      slot = (slot + 1) & mask;
    }
    highs[slot] = high;
    lows[slot] = low;
    this.count++;
    return ~slot;
  }

  /** The `index`-th extra column: one value per slot, read and written at a slot `locate` gave. */
  column(index: number): Int32Array {
    return this.extras[index];
  }

  private grow(): void {
    const oldHigh = this.high;
    const oldLow = this.low;
    const size = oldHigh.length * 2;
    const highs = new Int32Array(size);
    const lows = new Int32Array(size);
    const oldColumns = this.rows === null ? this.extras : [this.rows, ...this.extras];
    const columns = oldColumns.map(() => new Int32Array(size));
    const mask = size - 1;
    for (let i = 0; i < oldHigh.length; i++) {
      const high = oldHigh[i];
      const low = oldLow[i];
      if (high === 0 && low === 0) continue;
      let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
      while (highs[slot] !== 0 || lows[slot] !== 0) slot = (slot + 1) & mask;
      highs[slot] = high;
      lows[slot] = low;
      for (let c = 0; c < columns.length; c++) columns[c][slot] = oldColumns[c][i];
    }
    this.high = highs;
    this.low = lows;
    if (this.rows !== null) this.rows = columns.shift()!;
    this.extras = columns;
    this.mask = mask;
  }
}

/**
 * A 64-bit fingerprint builder: two 32-bit lanes with different multipliers
 * and seeds, each finished with MurmurHash3's fmix32, so that sequential ids
 * (R000001, R000002…) spread over the whole table. Module state rather than a
 * returned pair, so that the row loop allocates nothing.
 */
let laneA = 0;
let laneB = 0;

export function beginFingerprint(): void {
  laneA = 0x9747b28c;
  laneB = 0x2f1a6c35;
}

/** Mixes one 32-bit unit (a UTF-16 code unit, a number's half, a separator) into both lanes. */
export function mixUnit(unit: number): void {
  let k = Math.imul(unit, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  laneA ^= Math.imul(k, 0x1b873593);
  laneA = (laneA << 13) | (laneA >>> 19);
  laneA = (Math.imul(laneA, 5) + 0xe6546b64) | 0;
  laneB = Math.imul(laneB ^ unit, 0x85ebca77);
  laneB = (laneB << 17) | (laneB >>> 15);
  laneB = Math.imul(laneB, 0xc2b2ae3d);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Finishes the fingerprint; read its halves with `fingerprintHigh()` and `fingerprintLow()`. */
export function endFingerprint(length: number): void {
  laneA = fmix32(laneA ^ length);
  laneB = fmix32(laneB ^ Math.imul(length, 0x27d4eb2f));
}

export function fingerprintHigh(): number {
  return laneA;
}

export function fingerprintLow(): number {
  return laneB;
}

/** The fingerprint of a text, left in the module's lanes. */
export function fingerprintText(text: string): void {
  beginFingerprint();
  for (let i = 0; i < text.length; i++) mixUnit(text.charCodeAt(i));
  endFingerprint(text.length);
}
