/**
 * The visit path reads dates straight from bytes (schema/byte-values.ts);
 * whatever it reads must be what the text parser reads from the same cell,
 * and the plain forms the text parser reads must not be missed. Checked on
 * generated cells near the forms: every separator, one- and two-digit parts,
 * impossible days, leap years, years at the edges, stray bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_A_DAY, parseDayBytes } from '../../src/schema/byte-values.js';
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
