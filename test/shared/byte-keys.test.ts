import { describe, expect, it } from 'vitest';
import { ArenaKeys, ByteKeys, hashBytes, Utf8Scratch } from '../../src/shared/byte-keys.js';
import { seededRandom } from '../properties/seeded-random.js';

const encoder = new TextEncoder();

/** Interns every text and checks each answer against a Map of the texts themselves. */
function agreesWithMap(texts: string[], hashOf: (bytes: Uint8Array) => number): ByteKeys {
  const keys = new ByteKeys();
  const exact = new Map<string, number>();
  const disagreements: string[] = [];
  for (const text of texts) {
    const bytes = encoder.encode(text);
    const hash = hashOf(bytes);
    const expected = exact.get(text);
    const found = keys.find(bytes, 0, bytes.length, hash);
    const interned = keys.intern(bytes, 0, bytes.length, hash);
    if (expected === undefined) {
      exact.set(text, exact.size);
      if (found !== -1 || interned !== ~(exact.size - 1)) disagreements.push(text);
    } else if (found !== expected || interned !== expected) disagreements.push(text);
  }
  expect(disagreements).toEqual([]);
  expect(keys.size).toBe(exact.size);
  for (const [text, index] of exact) expect(keys.text(index)).toBe(text);
  return keys;
}

function randomTexts(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const alphabet = ['0', '1', 'a', 'Z', ' ', '-', '儿', '童', '号', '\u3000', '😀'];
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 6);
    let text = '';
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
    texts.push(text);
  }
  return texts;
}

describe('ByteKeys', () => {
  it('numbers sequential ids in order and finds each again, across many growths', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `C${String(i).padStart(9, '0')}`);
    agreesWithMap([...ids, ...ids.filter((_, i) => i % 3 === 0)], (bytes) => hashBytes(bytes, 0, bytes.length));
  });

  it('answers like a Map on random short texts with many repeats (CJK, spaces, astral, empty)', () => {
    agreesWithMap(randomTexts(30_000, 7), (bytes) => hashBytes(bytes, 0, bytes.length));
  });

  it('keeps keys apart when every hash collides: a collision never merges two keys', () => {
    agreesWithMap(randomTexts(3_000, 8), () => 42);
  });

  it('keeps keys apart when hashes collide in their low bits only', () => {
    agreesWithMap(randomTexts(5_000, 9), (bytes) => (hashBytes(bytes, 0, bytes.length) & 0xffff0000) | 5);
  });

  it('reads keys that lie inside a larger buffer', () => {
    const keys = new ByteKeys();
    const line = encoder.encode('R1,C1,C1,R1');
    expect(keys.intern(line, 0, 2, hashBytes(line, 0, 2))).toBe(~0);
    expect(keys.intern(line, 3, 5, hashBytes(line, 3, 5))).toBe(~1);
    expect(keys.intern(line, 6, 8, hashBytes(line, 6, 8))).toBe(1);
    expect(keys.find(line, 9, 11, hashBytes(line, 9, 11))).toBe(0);
    expect(Array.from(keys.bytes(1))).toEqual(Array.from(encoder.encode('C1')));
  });
});

/**
 * ArenaKeys as the settling of a visits file uses it: the texts put a batch
 * at a time (batches of 1–50, as a reader thread's batches end anywhere),
 * then interned where they lie; every answer checked against a Map.
 */
function arenaAgreesWithMap(texts: string[], hashOf: (bytes: Uint8Array) => number, reserveAt = -1): void {
  const keys = new ArenaKeys();
  const exact = new Map<string, number>();
  const disagreements: string[] = [];
  const next = seededRandom(texts.length);
  for (let at = 0; at < texts.length; ) {
    if (reserveAt >= 0 && at >= reserveAt) {
      keys.reserve(texts.length);
      reserveAt = -1;
    }
    const batch = texts.slice(at, at + 1 + Math.floor(next() * 50));
    at += batch.length;
    const encoded = batch.map((text) => encoder.encode(text));
    const bytes = new Uint8Array(encoded.reduce((sum, one) => sum + one.length, 0) + 7);
    const spans: [number, number][] = [];
    let length = 0;
    for (const one of encoded) {
      bytes.set(one, length);
      spans.push([length, length + one.length]);
      length += one.length;
    }
    const base = keys.put(bytes, length);
    batch.forEach((text, i) => {
      const [start, end] = spans[i];
      const interned = keys.intern(base + start, base + end, hashOf(encoded[i]));
      const expected = exact.get(text);
      if (expected === undefined) {
        exact.set(text, exact.size);
        if (interned !== ~(exact.size - 1)) disagreements.push(text);
      } else if (interned !== expected) disagreements.push(text);
    });
  }
  expect(disagreements).toEqual([]);
  expect(keys.size).toBe(exact.size);
}

describe('ArenaKeys', () => {
  it('numbers sequential ids in order and finds repeats across batches and growths', () => {
    const ids = Array.from({ length: 60_000 }, (_, i) => `R${String(i).padStart(9, '0')}`);
    arenaAgreesWithMap([...ids, ...ids.filter((_, i) => i % 7 === 0)], (bytes) => hashBytes(bytes, 0, bytes.length));
  });

  it('answers like a Map on random short texts with many repeats, reserved half-way', () => {
    arenaAgreesWithMap(randomTexts(30_000, 17), (bytes) => hashBytes(bytes, 0, bytes.length), 15_000);
  });

  it('keeps keys apart when every hash collides, or only their low bits', () => {
    arenaAgreesWithMap(randomTexts(3_000, 18), () => 42);
    arenaAgreesWithMap(randomTexts(5_000, 19), (bytes) => (hashBytes(bytes, 0, bytes.length) & 0xffff0000) | 5);
  });
});

describe('ByteKeys across threads', () => {
  it('keys exported from one are numbered the same in a copy, by bytes', () => {
    const texts = [...new Set(randomTexts(2_000, 21))];
    const original = new ByteKeys();
    const copy = new ByteKeys();
    let sent = 0;
    for (const [i, text] of texts.entries()) {
      const bytes = encoder.encode(text);
      original.intern(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
      if (i % 97 === 0 || i === texts.length - 1) {
        copy.appendNumbered(original.exportFrom(sent));
        sent = original.size;
      }
    }
    expect(copy.size).toBe(texts.length);
    texts.forEach((text, i) => expect(copy.text(i)).toBe(text));
  });
});

describe('Utf8Scratch', () => {
  it('encodes text as UTF-8, growing for long text', () => {
    const scratch = new Utf8Scratch();
    for (const text of ['', 'C1', '儿童😀', 'x'.repeat(1000), '童'.repeat(500)]) {
      const length = scratch.encode(text);
      expect(Array.from(scratch.bytes.subarray(0, length))).toEqual(Array.from(encoder.encode(text)));
    }
  });
});
