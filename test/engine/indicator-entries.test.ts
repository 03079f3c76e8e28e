/**
 * What every indicator entry must say, whatever it computes: the catalogue,
 * the built-in plans and every view read these fields without checking them.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATOR_LIST, INDICATORS } from '../../src/engine/indicators.js';

describe.each(INDICATOR_LIST.map((entry) => ({ id: entry.id, entry })))('$id', ({ entry }) => {
  it('is named, with a formula, in both languages', () => {
    for (const words of [entry.name, entry.formula]) {
      expect(words.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(words.en).toMatch(/^[\x20-\x7e–—≥≤×÷Σ’]+$/);
    }
  });

  it('cites the plan line it implements', () => {
    expect(entry.plan.lines).toMatch(/^\d+(–\d+)?$/);
    if (entry.target !== null) expect(entry.plan.wording).toMatch(/[\u4e00-\u9fff]/);
  });

  it('compares its target at some level, and its default target is a number', () => {
    expect(entry.targetLevels.length).toBeGreaterThan(0);
    if (entry.target !== null) expect(Number.isFinite(entry.target.value)).toBe(true);
  });

  it('declares at least one tally', () => {
    expect(Object.keys(entry.tallies).length).toBeGreaterThan(0);
  });
});

describe('the registry', () => {
  it('holds each id once, snake_case, in catalogue order', () => {
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATOR_IDS.length);
    for (const id of INDICATOR_IDS) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(Object.keys(INDICATORS)).toEqual([...INDICATOR_IDS]);
  });
});
