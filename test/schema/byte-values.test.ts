/**
 * The visit path reads dates straight from bytes (schema/byte-values.ts);
 * whatever it reads must be what the text parser reads from the same cell,
 * and the plain forms the text parser reads must not be missed. Checked on
 * generated cells near the forms: every separator, one- and two-digit parts,
 * impossible days, leap years, years at the edges, stray bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasByteBelow, NOT_A_DAY, parseDayBytes, wordsOf } from '../../src/schema/byte-values.js';
import { parseDate } from '../../src/schema/values.js';
import { dayNumber } from '../../src/shared/dates.js';

const encoder = new TextEncoder();
const part = (digits: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(digits, '0'));
const dateLike = fc.oneof(
  fc.tuple(fc.integer({ min: 1890, max: 3005 }), part(2, 13), part(2, 32), fc.constantFrom('-', '/', '.', '')).map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`),
  fc.tuple(fc.integer({ min: 1890, max: 3005 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('-', '/', '.')).map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', '/', '.', 'x', ' ', '年'), minLength: 6, maxLength: 12 }),
);

describe('parseDayBytes', () => {
  it('reads what the text parser reads, or leaves the cell to it', () => {
    fc.assert(
      fc.property(dateLike, (text) => {
        const bytes = encoder.encode(text);
        const day = parseDayBytes(bytes, 0, bytes.length);
        const parsed = parseDate(text);
        if (day !== NOT_A_DAY) expect(parsed, text).toEqual({ ok: true, value: day });
        // The ISO form, the one nearly every export writes, is never left to the text parser when it is a date.
        if (/^\d{4}-\d{2}-\d{2}$/.test(text) && parsed.ok) expect(day, text).toBe(parsed.value);
      }),
      { numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 3000) },
    );
  });

  it('reads every day of 1900–2999 written YYYY-MM-DD, and no 29 February of a common year', () => {
    for (let day = dayNumber(1900, 1, 1); day <= dayNumber(2999, 12, 31); day += 17) {
      const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const bytes = encoder.encode(text);
      expect(parseDayBytes(bytes, 0, 10), text).toBe(day);
    }
    expect(parseDayBytes(encoder.encode('2024-02-29'), 0, 10)).toBe(dayNumber(2024, 2, 29));
    for (const text of ['2025-02-29', '1900-02-29', '2100-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '1899-12-31', '3000-01-01', '2025-0a-01']) {
      expect(parseDayBytes(encoder.encode(text), 0, 10), text).toBe(NOT_A_DAY);
    }
  });
});

describe('passing over plain bytes a word at a time', () => {
  const bytesOf = (word: number) => [0, 8, 16, 24].map((shift) => (word >>> shift) & 0xff);

  it('hasByteBelow says whether any byte of the word is below n, for every n the scan uses and any bytes', () => {
    // Words near the edges: bytes just below, at and above n, 0x80 and 0xff (UTF-8, GBK), in every order.
    const near = (n: number) => fc.constantFrom(0, n - 1, n, n + 1, 0x7f, 0x80, 0xc0, 0xff, 0x2c, 0x0a, 0x0d, 0x09, 0x3b).map((b) => Math.max(0, Math.min(255, b)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 128 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.oneof(near(n), fc.integer({ min: 0, max: 255 })), { minLength: 4, maxLength: 4 }))), ([n, bytes]) => {
        const word = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
        expect(hasByteBelow(word, Math.imul(n, 0x01010101)), `${n}: ${bytes}`).toBe(bytes.some((b) => b < n));
      }),
      { numRuns: 20_000 },
    );
    // Every byte value in every position of a word otherwise plain, for the delimiters' n (comma, semicolon, tab).
    for (const n of [45, 60, 14]) {
      for (let b = 0; b < 256; b++) {
        for (const shift of [0, 8, 16, 24]) {
          const word = (0x41414141 & ~(0xff << shift)) | (b << shift);
          expect(hasByteBelow(word, Math.imul(n, 0x01010101))).toBe(bytesOf(word).some((x) => x < n));
        }
      }
    }
  });

  it('wordsOf sees the bytes of any slice, whatever its offset in its buffer', () => {
    const buffer = new Uint8Array(64).map((_, i) => i * 7 + 1);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length < 24; length++) {
        const slice = buffer.subarray(offset, offset + length);
        const { words, first } = wordsOf(slice);
        expect(first).toBe((4 - (offset & 3)) & 3);
        expect(words.length).toBe(Math.max(0, (length - first) >> 2));
        // The very memory of the slice, whatever the byte order.
        words.forEach((_, k) => expect([...new Uint8Array(words.buffer, words.byteOffset + 4 * k, 4)]).toEqual([...slice.subarray(first + 4 * k, first + 4 * k + 4)]));
      }
    }
    // A slice at the very end of its buffer, shorter than its first whole word's offset.
    expect(wordsOf(new Uint8Array(new ArrayBuffer(6), 5, 1)).words.length).toBe(0);
  });
});
