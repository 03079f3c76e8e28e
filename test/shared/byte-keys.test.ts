import { describe, expect, it } from 'vitest';
import { ByteKeys, hashBytes, Utf8Scratch } from '../../src/shared/byte-keys.js';
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

describe('Utf8Scratch', () => {
  it('encodes text as UTF-8, growing for long text', () => {
    const scratch = new Utf8Scratch();
    for (const text of ['', 'C1', '儿童😀', 'x'.repeat(1000), '童'.repeat(500)]) {
      const length = scratch.encode(text);
      expect(Array.from(scratch.bytes.subarray(0, length))).toEqual(Array.from(encoder.encode(text)));
    }
  });
});
