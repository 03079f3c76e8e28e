import { describe, expect, it } from 'vitest';
import { ageInYears, dayNumber, dayNumberOfRealDate, daysInMonth, dayOfDate, fromExcelSerial, isoDate } from '../../src/shared/dates.js';

describe('dayNumber and isoDate', () => {
  it.each([
    { y: 1970, m: 1, d: 1, day: 0 },
    { y: 1969, m: 12, d: 31, day: -1 },
    { y: 2000, m: 3, d: 1, day: 11017 },
    { y: 2025, m: 3, d: 7, day: 20154 },
    { y: 1900, m: 1, d: 1, day: -25567 },
  ])('$y-$m-$d is day $day', ({ y, m, d, day }) => {
    expect(dayNumber(y, m, d)).toBe(day);
  });

  it('round-trips every day from 1899 to 2101', () => {
    const wrong: string[] = [];
    for (let day = dayNumber(1899, 1, 1); day <= dayNumber(2101, 12, 31); day++) {
      const iso = isoDate(day);
      const [y, m, d] = iso.split('-').map(Number);
      if (dayNumber(y, m, d) !== day) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with Date.UTC', () => {
    for (const [y, m, d] of [[2024, 2, 29], [1904, 2, 29], [2100, 3, 1], [1950, 7, 15]]) {
      expect(dayNumber(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });
});

describe('dayNumberOfRealDate', () => {
  it('is dayNumber for every real day of 1899–2101, inside the table and either side of it', () => {
    const differing: string[] = [];
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= daysInMonth(y, m); d++) if (dayNumberOfRealDate(y, m, d) !== dayNumber(y, m, d)) differing.push(`${y}-${m}-${d}`);
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('fromExcelSerial', () => {
  it.each([
    { serial: 1, iso: '1900-01-01' },
    { serial: 59, iso: '1900-02-28' },
    { serial: 61, iso: '1900-03-01' },
    { serial: 25569, iso: '1970-01-01' },
    { serial: 45723, iso: '2025-03-07' },
    { serial: 45723.75, iso: '2025-03-07' },
  ])('serial $serial is $iso', ({ serial, iso }) => {
    expect(isoDate(fromExcelSerial(serial))).toBe(iso);
  });

  it("maps Excel's fictitious 1900-02-29 (serial 60) to the next real day", () => {
    expect(isoDate(fromExcelSerial(60))).toBe('1900-03-01');
  });
});

describe('ageInYears', () => {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return dayNumber(y, m, d);
  };
  it.each([
    { birth: '2024-03-01', on: '2025-02-28', age: 0 },
    { birth: '2024-03-01', on: '2025-03-01', age: 1 },
    { birth: '2024-02-29', on: '2025-02-28', age: 0 },
    { birth: '2024-02-29', on: '2025-03-01', age: 1 },
    { birth: '2024-02-29', on: '2028-02-28', age: 3 },
    { birth: '2024-02-29', on: '2028-02-29', age: 4 },
    { birth: '2022-12-31', on: '2025-12-30', age: 2 },
    { birth: '2022-12-31', on: '2025-12-31', age: 3 },
    { birth: '2025-01-01', on: '2025-01-01', age: 0 },
  ])('born $birth is $age on $on', ({ birth, on, age }) => {
    expect(ageInYears(day(birth), day(on))).toBe(age);
  });
});

describe('dayOfDate', () => {
  it('uses UTC parts, so a UTC-midnight cell stays on its day', () => {
    expect(isoDate(dayOfDate(new Date(Date.UTC(2025, 2, 7))))).toBe('2025-03-07');
    expect(isoDate(dayOfDate(new Date(Date.UTC(2025, 2, 7, 23, 59))))).toBe('2025-03-07');
  });
});
