/**
 * Record ids kept as runs of numbers (shared/numbered-ids.ts) and, for what
 * the runs decline, by their bytes: through RecordsSeen as the settling of a
 * visits file uses it, every answer checked against a Map of the ids
 * themselves — in order, shuffled, with repeats, prefixes, widths, leading
 * zeros, long digit tails and ids without a number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChildrenSeen, CrossSubmission } from '../../src/schema/cross-submission.js';
import { VisitKeys } from '../../src/schema/visit-batch.js';
import { DECLINED, NEW, NumberedIds } from '../../src/shared/numbered-ids.js';

const encoder = new TextEncoder();

/** Meets each id in turn (row = index + 2) in batches of up to 40, as the settler does; checks each answer against a Map. */
function agreesWithMap(ids: readonly string[]): void {
  const cross = new CrossSubmission(1);
  const table = cross.addTable({ file: 'visits.csv', sheet: null }, 0);
  const records = cross.records;
  const firstRows = new Map<string, number>();
  for (let at = 0; at < ids.length; at += 40) {
    const batch = ids.slice(at, at + 40).map((id) => encoder.encode(id));
    const bytes = new Uint8Array(batch.reduce((sum, one) => sum + one.length, 0));
    let length = 0;
    const spans = batch.map((one) => {
      bytes.set(one, length);
      length += one.length;
      return [length - one.length, length];
    });
    records.takeIds(bytes, length);
    batch.forEach((_, i) => {
      const id = ids[at + i];
      const row = at + i + 2;
      const [start, end] = spans[i];
      const answer = records.seeId(start, end, table, row);
      const expected = firstRows.get(id) ?? 0;
      if (answer !== expected) expect.fail(`${id} at row ${row}: ${answer}, expected ${expected}`);
      if (expected === 0) firstRows.set(id, row);
    });
  }
}

const prefixArb = fc.constantFrom('R', 'r', '', 'QX-', '区', 'R0', '2025');
const idArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(prefixArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 4 })).map(([prefix, n, width]) => prefix + String(n).padStart(width, '0')) },
  { weight: 1, arbitrary: fc.constantFrom('ABC', '记录', 'R-', '', ' ', '123456789012345678901', '0123456789012345678901', '9'.repeat(16), '1e5') },
);

/** Stretches of consecutive ids (as exports number them), laid down in any order: runs meet, overlap and touch. */
const stretchesArb = fc
  .array(fc.tuple(fc.constantFrom('R', 'QX-'), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 12 })), { maxLength: 25 })
  .map((stretches) => stretches.flatMap(([prefix, from, length]) => Array.from({ length }, (_, i) => `${prefix}${String(from + i).padStart(3, '0')}`)));

describe('NumberedIds through RecordsSeen', () => {
  it('answers like a Map on generated ids, in any order and with repeats', () => {
    fc.assert(fc.property(fc.array(idArb, { maxLength: 300 }), (ids) => agreesWithMap(ids)), { numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 200) });
  });

  it('answers like a Map on stretches of consecutive ids that meet and overlap', () => {
    fc.assert(fc.property(stretchesArb, (ids) => agreesWithMap(ids)), { numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 200) });
    // A run grown up to where the next one starts: the next id is that run's, seen before.
    agreesWithMap(['R005', 'R006', 'R001', 'R002', 'R003', 'R004', 'R005', 'R006', 'R007']);
  });

  it('answers like a Map on ids in order, in reverse, and shuffled past the runs a group keeps', () => {
    const inOrder = Array.from({ length: 20_000 }, (_, i) => `R${String(i + 1).padStart(9, '0')}`);
    agreesWithMap([...inOrder, ...inOrder.filter((_, i) => i % 5 === 0)]);
    agreesWithMap([...inOrder].reverse());
    // Every other id first: 10,000 runs of one, beyond what a group keeps, then the rest and repeats.
    const odd = inOrder.filter((_, i) => i % 2 === 0);
    const even = inOrder.filter((_, i) => i % 2 === 1);
    agreesWithMap([...odd, ...even, ...odd.slice(0, 500), ...even.slice(-500)]);
  });

  it('keeps R7, R07 and S7 apart, and declines what has no final digit', () => {
    const ids = new NumberedIds();
    const bytesOf = (id: string) => encoder.encode(id);
    const see = (id: string, row: number) => ids.see(bytesOf(id), 0, bytesOf(id).length, row);
    expect(see('R7', 2)).toBe(NEW);
    expect(see('R07', 3)).toBe(NEW);
    expect(see('S7', 4)).toBe(NEW);
    expect(see('R7', 5)).toBe(2);
    expect(see('R07', 6)).toBe(3);
    expect(see('R8', 7)).toBe(NEW);
    expect(see('R8', 8)).toBe(7);
    expect(see('ABC', 9)).toBe(DECLINED);
  });
});

describe('children numbered as they come', () => {
  /** Each id in turn: the run's ChildrenSeen and a reader's VisitKeys (by bytes and by text, alternately) against a Map. */
  function childrenAgree(ids: readonly string[]): void {
    const seen = new ChildrenSeen();
    const keys = new VisitKeys();
    const numbers = new Map<string, number>();
    ids.forEach((id, i) => {
      const bytes = encoder.encode(id);
      const expected = numbers.get(id);
      const number = seen.see(bytes, 0, bytes.length, 1000 + i);
      const key = i % 2 === 0 ? keys.childOfBytes(bytes, 0, bytes.length) : keys.child(id);
      if (expected === undefined) {
        numbers.set(id, numbers.size);
        expect(number, id).toBe(~(numbers.size - 1));
        expect(key, id).toBe(numbers.size - 1);
      } else {
        expect(number, id).toBe(expected);
        expect(key, id).toBe(expected);
      }
    });
    expect(keys.children.size).toBe(numbers.size);
    for (const [id, number] of numbers) {
      expect(keys.children.text(number)).toBe(id);
      expect(seen.births.data[number]).toBe(1000 + ids.indexOf(id));
    }
  }

  it('gives every child one number, the same in the run and in a reader, whatever the ids', () => {
    fc.assert(fc.property(fc.array(fc.oneof(idArb, stretchesArb.map((list) => list[0] ?? 'C1')), { maxLength: 300 }), (ids) => childrenAgree(ids)), {
      numRuns: Number(process.env.TUOYU_PROPERTY_RUNS ?? 200),
    });
    const inOrder = Array.from({ length: 12_000 }, (_, i) => `C${String(i).padStart(9, '0')}`);
    childrenAgree([...inOrder.filter((_, i) => i % 2 === 0), ...inOrder, '身份证', ...inOrder.slice(0, 100)]);
  });
});
