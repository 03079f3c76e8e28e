import { describe, expect, it } from 'vitest';
import { statusLabel, unitLabel } from '../../src/format/labels.js';
import { formatTarget, formatValue, roundForDisplay } from '../../src/format/numbers.js';

describe('formatValue rounds for display only (SPEC §7)', () => {
  it.each([
    { name: 'percent to 1 decimal', value: 66.666, unit: 'percent', expected: '66.7%' },
    { name: 'percent keeps a trailing zero', value: 90, unit: 'percent', expected: '90.0%' },
    { name: 'percent rounds half up', value: 12.25, unit: 'percent', expected: '12.3%' },
    { name: 'per 1,000 to 2 decimals', value: 4.8666, unit: 'per_1000', expected: '4.87' },
    { name: 'per 1,000 decimal half (binary 1.005 is below it)', value: 1.005, unit: 'per_1000', expected: '1.01' },
    { name: 'per infant to 2 decimals', value: 4.866666, unit: 'per_infant', expected: '4.87' },
    { name: 'count without decimals', value: 2000, unit: 'count', expected: '2000' },
    { name: 'count never shows a fraction', value: 12.5, unit: 'count', expected: '13' },
    { name: 'tiny value', value: 1e-7, unit: 'per_1000', expected: '0.00' },
    { name: 'zero', value: 0, unit: 'percent', expected: '0.0%' },
    { name: 'no negative zero', value: -0.001, unit: 'percent', expected: '0.0%' },
    { name: 'negative keeps sign', value: -2.345, unit: 'per_1000', expected: '-2.35' },
  ] as const)('$name', ({ value, unit, expected }) => {
    expect(formatValue(value, unit, 'zh')).toBe(expected);
  });

  it('shows null as a dash in Chinese and n/a in English', () => {
    expect(formatValue(null, 'percent', 'zh')).toBe('—');
    expect(formatValue(null, 'percent', 'en')).toBe('n/a');
  });

  it('never prints NaN or Infinity', () => {
    expect(formatValue(Number.NaN, 'percent', 'en')).toBe('n/a');
    expect(formatValue(Number.POSITIVE_INFINITY, 'count', 'zh')).toBe('—');
  });

  it('rounds huge values without exponent notation', () => {
    expect(roundForDisplay(1e21, 0)).toBe('1000000000000000000000');
  });
});

describe('formatTarget', () => {
  it.each([
    { target: 90, op: '>=', unit: 'percent', expected: '≥ 90%' },
    { target: 5, op: '>=', unit: 'per_1000', expected: '≥ 5' },
    { target: 4.5, op: '>=', unit: 'per_1000', expected: '≥ 4.5' },
    { target: 2000, op: '>=', unit: 'count', expected: '≥ 2000' },
    { target: 10, op: '<=', unit: 'percent', expected: '≤ 10%' },
  ] as const)('$target $op in $unit reads "$expected"', ({ target, op, unit, expected }) => {
    expect(formatTarget(target, op, unit)).toBe(expected);
  });

  it('shows no target as a dash', () => {
    expect(formatTarget(null, null, 'count')).toBe('—');
  });
});

describe('labels', () => {
  it.each([
    { status: 'met', zh: '达标', en: 'met' },
    { status: 'not_met', zh: '未达标', en: 'not met' },
    { status: 'no_target', zh: '无目标', en: 'no target' },
    { status: 'n/a', zh: '不适用', en: 'n/a' },
  ] as const)('status $status', ({ status, zh, en }) => {
    expect(statusLabel(status, 'zh')).toBe(zh);
    expect(statusLabel(status, 'en')).toBe(en);
  });

  it('names every unit in both languages', () => {
    for (const unit of ['percent', 'per_1000', 'per_infant', 'score', 'count'] as const) {
      expect(unitLabel(unit, 'zh')).not.toBe('');
      expect(unitLabel(unit, 'en')).not.toBe('');
    }
  });
});
