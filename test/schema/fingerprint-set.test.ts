import { describe, expect, it } from 'vitest';
import { FingerprintSet, fingerprintHigh, fingerprintLow, fingerprintText } from '../../src/schema/fingerprint-set.js';
import { seededRandom } from '../properties/seeded-random.js';

/** Adds a text's fingerprint; false when the set already had it. */
function addText(set: FingerprintSet, text: string): boolean {
  fingerprintText(text);
  return set.add(fingerprintHigh(), fingerprintLow());
}

/** Answers like a Set<string> on the same sequence of adds (the exactness the validator relies on). */
function agreesWithSet(texts: string[]): void {
  const fingerprints = new FingerprintSet();
  const exact = new Set<string>();
  // Indices where the two disagree, so that a failure names the texts and the run stays fast.
  const disagreements: string[] = [];
  for (const text of texts) {
    const fresh = !exact.has(text);
    exact.add(text);
    if (addText(fingerprints, text) !== fresh) disagreements.push(text);
  }
  expect(disagreements).toEqual([]);
  expect(fingerprints.size).toBe(exact.size);
}

describe('FingerprintSet', () => {
  it('answers like a Set on sequential ids, each added twice, across many growths', () => {
    const ids: string[] = [];
    for (let i = 0; i < 200_000; i++) ids.push(`R${String(i).padStart(9, '0')}`);
    agreesWithSet([...ids, ...ids.filter((_, i) => i % 7 === 0)]);
  });

  it('answers like a Set on random short texts with many repeats (CJK, spaces, empty)', () => {
    const next = seededRandom(42);
    const alphabet = ['0', '1', 'a', 'Z', ' ', '-', '儿', '童', '号', '\u3000', '😀'];
    const texts: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const length = Math.floor(next() * 6);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      texts.push(text);
    }
    agreesWithSet(texts);
  });

  it('tells apart texts that differ only in order or length', () => {
    agreesWithSet(['ab', 'ba', 'a', 'aa', 'aaa', '', 'a\u0000', '\u0000a']);
  });

  it('keeps the one fingerprint that looks like an empty slot', () => {
    const set = new FingerprintSet();
    expect(set.add(0, 0)).toBe(true);
    expect(set.add(0, 0)).toBe(false);
    expect(set.add(0, 2)).toBe(true);
  });

  it('locate gives the slot of a fingerprint, ~slot when it was just added, and its extra columns survive growth', () => {
    const set = new FingerprintSet(undefined, 2);
    let found = 0;
    for (let i = 1; i <= 30_000; i++) {
      const slot = set.locate(i, i ^ 0x5bd1e995);
      if (slot >= 0) found++;
      set.column(0)[~slot] = i;
      set.column(1)[~slot] = -i;
    }
    expect(found).toBe(0);
    const wrong: number[] = [];
    for (let i = 1; i <= 30_000; i++) {
      const slot = set.locate(i, i ^ 0x5bd1e995);
      if (slot < 0 || set.column(0)[slot] !== i || set.column(1)[slot] !== -i) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(set.size).toBe(30_000);
  });

  it('addRow keeps its rows beside extra columns through growth', () => {
    const set = new FingerprintSet(undefined, 1);
    let found = 0;
    for (let i = 1; i <= 10_000; i++) if (set.addRow(i, 3, i + 1) !== 0) found++;
    expect(found).toBe(0);
    const wrong: number[] = [];
    for (let i = 1; i <= 10_000; i++) if (set.addRow(i, 3, 0) !== i + 1) wrong.push(i);
    expect(wrong).toEqual([]);
  });
});
