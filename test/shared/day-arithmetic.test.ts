import { describe, expect, it } from 'vitest';
import { ageInYears, dayNumber, isoDate, packedCivil } from '../../src/shared/dates.js';
import { day } from '../engine/builders.js';

/** Year, month and day of a day number. */
function toCivil(day: number): { year: number; month: number; day: number } {
  const packed = packedCivil(day);
  return { year: Math.floor(packed / 10000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
}

describe('dayNumber', () => {
  it.each([
    { name: 'the epoch', date: [1970, 1, 1], expected: 0 },
    { name: 'the day before the epoch', date: [1969, 12, 31], expected: -1 },
    { name: '29 February of a leap year', date: [2024, 2, 29], expected: 19782 },
    { name: '2000-03-01 (a leap century)', date: [2000, 3, 1], expected: 11017 },
  ])('$name', ({ date: [y, m, d], expected }) => {
    expect(dayNumber(y, m, d)).toBe(expected);
    expect(Date.UTC(y, m - 1, d) / 86_400_000).toBe(expected);
  });

  it('round-trips every day from 1899 to 2101', () => {
    const mismatched: number[] = [];
    for (let n = dayNumber(1899, 1, 1); n <= dayNumber(2101, 12, 31); n++) {
      const { year, month, day: d } = toCivil(n);
      if (dayNumber(year, month, d) !== n || Date.UTC(year, month - 1, d) / 86_400_000 !== n) mismatched.push(n);
    }
    expect(mismatched).toEqual([]);
  });

  it('formats ISO dates', () => {
    expect(isoDate(dayNumber(2025, 3, 7))).toBe('2025-03-07');
  });
});

describe('ageInYears', () => {
  it.each([
    { name: 'the day of birth', birth: '2024-03-01', on: '2024-03-01', age: 0 },
    { name: 'the day before the first birthday', birth: '2024-03-01', on: '2025-02-28', age: 0 },
    { name: 'on the first birthday', birth: '2024-03-01', on: '2025-03-01', age: 1 },
    { name: '29 Feb birthday, 28 Feb of a common year', birth: '2024-02-29', on: '2025-02-28', age: 0 },
    { name: '29 Feb birthday turns on 1 March', birth: '2024-02-29', on: '2025-03-01', age: 1 },
    { name: '29 Feb birthday on the next 29 Feb', birth: '2024-02-29', on: '2028-02-29', age: 4 },
    { name: 'the day before the third birthday', birth: '2022-06-15', on: '2025-06-14', age: 2 },
    { name: 'on the third birthday', birth: '2022-06-15', on: '2025-06-15', age: 3 },
  ])('$name', ({ birth, on, age }) => {
    expect(ageInYears(day(birth), day(on))).toBe(age);
  });
});
