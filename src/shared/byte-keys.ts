/**
 * Keys known by their exact bytes: child ids, record ids, facility ids and
 * area codes as the visit path meets them, millions of times. Each distinct
 * key gets a dense index (0, 1, 2… in the order first added), its bytes are
 * kept in one flat arena, and lookups hash the bytes where they lie (a slice
 * of a file's chunk) without making a string.
 *
 * Exact: a hash only finds the candidates; a key is the same key only when
 * its bytes are equal, so two different ids whose hashes collide stay two
 * keys (two children are never merged, a record is never taken for another).
 * Memory is flat typed arrays that no garbage collection walks: the bytes,
 * 4 bytes of offset per key and 8 bytes per slot of the table (kept at most
 * half full).
 */

/** FNV-1a over the bytes, finished with MurmurHash3's fmix32 so that sequential ids spread. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/** Text as UTF-8 bytes into a scratch buffer that grows as needed: for keys that arrive as strings. */
export class Utf8Scratch {
  bytes = new Uint8Array(256);

  /** Encodes `text`; returns the number of bytes written from offset 0. */
  encode(text: string): number {
    // Three bytes per UTF-16 unit at most.
    if (text.length * 3 > this.bytes.length) this.bytes = new Uint8Array(text.length * 3 + 64);
    return encoder.encodeInto(text, this.bytes).written;
  }
}

/**
 * bytes[start, end) into target at `at`. An id is a dozen bytes: a loop
 * costs less than the view `subarray` makes for `set` (a million times).
 */
export function copyBytes(bytes: Uint8Array, start: number, end: number, target: Uint8Array, at: number): void {
  if (end - start > 64) {
    target.set(bytes.subarray(start, end), at);
    return;
  }
  for (let i = start; i < end; i++) target[at++] = bytes[i];
}

const INITIAL_SLOTS = 1 << 10;

/** Keys as bytes end to end, key i ending at ends[i] (see `ByteKeys.exportFrom`). */
export interface KeyBytes {
  bytes: Uint8Array;
  ends: Int32Array;
}

export class ByteKeys {
  private arena: Uint8Array;
  private arenaLength = 0;
  /** Key i spans arena[starts[i], starts[i + 1]). */
  private starts: Int32Array;
  private count = 0;
  /** Open addressing, pairs (hash, index + 1); index + 1 = 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;

  constructor(expectedKeys = 0, expectedBytes = 0) {
    let slots = INITIAL_SLOTS;
    while (slots < expectedKeys * 2) slots *= 2;
    this.slots = new Int32Array(slots * 2);
    this.mask = slots - 1;
    this.starts = new Int32Array(Math.max(16, expectedKeys + 1));
    this.arena = new Uint8Array(Math.max(256, expectedBytes));
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the arena and the table, for memory accounting in tests and benchmarks. */
  get byteLength(): number {
    return this.arena.byteLength + this.starts.byteLength + this.slots.byteLength;
  }

  /**
   * Makes room for `keys` keys, so that a table whose size is known in
   * advance (a million child ids) is not grown and rehashed a dozen times on
   * the way.
   */
  reserve(keys: number): void {
    let slots = this.mask + 1;
    while (slots < keys * 2) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
    if (this.starts.length < keys + 1) {
      const bigger = new Int32Array(keys + 1);
      bigger.set(this.starts);
      this.starts = bigger;
    }
  }

  /** The keys from `from` on, as their bytes end to end and where each ends (relative to the first): to send to another thread. */
  exportFrom(from: number): KeyBytes {
    const base = this.starts[from];
    const ends = new Int32Array(this.count - from);
    for (let i = from; i < this.count; i++) ends[i - from] = this.starts[i + 1] - base;
    return { bytes: this.arena.slice(base, this.arenaLength), ends };
  }

  /**
   * Appends keys another thread's ByteKeys numbered (its `exportFrom`), in
   * that order, so that their numbers are the same here. They are known to
   * be distinct, and are added without a hash: `find` and `intern` do not
   * see them. For a copy that is only ever read by number (`bytes`, `text`).
   */
  appendNumbered(keys: KeyBytes): void {
    let start = 0;
    for (let i = 0; i < keys.ends.length; i++) {
      this.append(keys.bytes, start, keys.ends[i]);
      start = keys.ends[i];
    }
  }

  /**
   * Adds bytes[start, end) as the next key, known to be new by other means
   * (shared/numbered-ids.ts), without the table: `find` and `intern` do not
   * see it, `bytes` and `text` do. Returns its index.
   */
  add(bytes: Uint8Array, start: number, end: number): number {
    return this.append(bytes, start, end);
  }

  /** The index of the key bytes[start, end) (whose hashBytes is `hash`), or −1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    while (true) {
      const stored = slots[slot * 2 + 1];
      if (stored === 0) return -1;
      if (slots[slot * 2] === hash && this.equals(stored - 1, bytes, start, end)) return stored - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The index of the key bytes[start, end) (whose hashBytes is `hash`); a key
   * not there yet is added and comes back as ~index (< 0).
   */
  intern(bytes: Uint8Array, start: number, end: number, hash: number): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    while (true) {
      const stored = slots[slot * 2 + 1];
      if (stored === 0) break;
      if (slots[slot * 2] === hash && this.equals(stored - 1, bytes, start, end)) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const index = this.append(bytes, start, end);
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = index + 1;
    return ~index;
  }

  /** The key as text (its bytes decoded as UTF-8). */
  text(index: number): string {
    return utf8.decode(this.arena.subarray(this.starts[index], this.starts[index + 1]));
  }

  /** The key's bytes, a view valid until the next key is added. */
  bytes(index: number): Uint8Array {
    return this.arena.subarray(this.starts[index], this.starts[index + 1]);
  }

  /** Where the key's bytes lie in `arenaBytes()`: [start(index), start(index + 1)). */
  start(index: number): number {
    return this.starts[index];
  }

  /** The arena itself (valid until the next key is added): for callers that read many keys' bytes in a loop. */
  arenaBytes(): Uint8Array {
    return this.arena;
  }

  private equals(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[index];
    const length = this.starts[index + 1] - from;
    if (length !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      bigger.set(this.arena.subarray(0, this.arenaLength));
      this.arena = bigger;
    }
    copyBytes(bytes, start, end, this.arena, this.arenaLength);
    this.arenaLength += length;
    const index = this.count++;
    if (this.count + 1 > this.starts.length) {
      const bigger = new Int32Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[index + 1] = this.arenaLength;
    return index;
  }

  private grow(): void {
    this.rehash((this.mask + 1) * 2);
  }

  private rehash(size: number): void {
    this.slots = rehashSlots(this.slots, size);
    this.mask = size - 1;
  }
}

/**
 * Keys whose bytes are put in first, a batch of them at a time, and then
 * numbered where they lie: the record ids of a million rows. Copying each
 * new key's bytes one at a time inside the lookup loop doubled its cost
 * (measured: 240 → 120 ms a million); one copy per batch does not. Exact like
 * ByteKeys: a key is the same key only when its bytes are equal. The bytes
 * of a key met before stay in the arena, unused (a duplicate is rare).
 */
export class ArenaKeys {
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** Key i spans arena[keyStarts[i], keyEnds[i]). */
  private keyStarts = new Int32Array(1024);
  private keyEnds = new Int32Array(1024);
  private count = 0;
  /** Open addressing, pairs (hash, index + 1); index + 1 = 0 marks an empty slot. */
  private slots = new Int32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;

  get size(): number {
    return this.count;
  }

  /** Makes room for `keys` keys in all (see ByteKeys.reserve). */
  reserve(keys: number): void {
    let slots = this.mask + 1;
    while (slots < keys * 2) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
    if (this.keyStarts.length < keys) this.growKeys(keys);
  }

  /** Puts bytes[0, length) at the arena's end; returns where they start: `intern` takes spans of the arena. */
  put(bytes: Uint8Array, length: number): number {
    if (this.arenaLength + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      bigger.set(this.arena.subarray(0, this.arenaLength));
      this.arena = bigger;
    }
    const at = this.arenaLength;
    this.arena.set(bytes.subarray(0, length), at);
    this.arenaLength += length;
    return at;
  }

  /** The index of the key arena[start, end) (put before; `hash` its hashBytes); a new key comes back as ~index (< 0). */
  intern(start: number, end: number, hash: number): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    while (true) {
      const stored = slots[slot * 2 + 1];
      if (stored === 0) break;
      if (slots[slot * 2] === hash && this.equals(stored - 1, start, end)) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const index = this.count++;
    if (index === this.keyStarts.length) this.growKeys(index * 2);
    this.keyStarts[index] = start;
    this.keyEnds[index] = end;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = index + 1;
    return ~index;
  }

  private equals(index: number, start: number, end: number): boolean {
    const from = this.keyStarts[index];
    if (this.keyEnds[index] - from !== end - start) return false;
    const arena = this.arena;
    for (let i = start; i < end; i++) if (arena[from + i - start] !== arena[i]) return false;
    return true;
  }

  private growKeys(size: number): void {
    const starts = new Int32Array(size);
    starts.set(this.keyStarts.subarray(0, this.count));
    const ends = new Int32Array(size);
    ends.set(this.keyEnds.subarray(0, this.count));
    this.keyStarts = starts;
    this.keyEnds = ends;
  }

  private rehash(size: number): void {
    this.slots = rehashSlots(this.slots, size);
    this.mask = size - 1;
  }
}

/** The (hash, index + 1) pairs of `old` in a table of `size` slots. */
function rehashSlots(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  for (let i = 0; i < old.length; i += 2) {
    const stored = old[i + 1];
    if (stored === 0) continue;
    let slot = old[i] & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = old[i];
    slots[slot * 2 + 1] = stored;
  }
  return slots;
}
