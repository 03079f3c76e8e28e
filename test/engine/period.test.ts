import { describe, expect, it } from 'vitest';
import { defaultPeriod, parsePeriod } from '../../src/engine/period.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { day } from './builders.js';

describe('parsePeriod', () => {
  it.each([
    { text: '2025', id: '2025', quarter: null, end: '2025-12-31' },
    { text: '2025Q1', id: '2025Q1', quarter: 1, end: '2025-03-31' },
    { text: '2025Q2', id: '2025Q2', quarter: 2, end: '2025-06-30' },
    { text: '2025q3', id: '2025Q3', quarter: 3, end: '2025-09-30' },
    { text: '2025-Q4', id: '2025Q4', quarter: 4, end: '2025-12-31' },
    { text: ' 2024Q1 ', id: '2024Q1', quarter: 1, end: '2024-03-31' },
  ])('$text is $id, ending $end', ({ text, id, quarter, end }) => {
    const period = parsePeriod(text);
    expect(period).toEqual({ id, year: Number(id.slice(0, 4)), quarter, start: day(`${id.slice(0, 4)}-01-01`), end: day(end) });
  });

  it.each(['', '25', '2025Q5', '2025Q0', '2025-06', 'Q2 2025', '2025H1', '20251'])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('defaultPeriod', () => {
  it.each([
    { name: 'the quarter of the latest record', latest: '2025-05-17', fallback: 2024, id: '2025Q2', end: '2025-06-30' },
    { name: 'a record on the last day of a quarter', latest: '2025-03-31', fallback: null, id: '2025Q1', end: '2025-03-31' },
    { name: 'a record on the first day of a quarter', latest: '2025-10-01', fallback: null, id: '2025Q4', end: '2025-12-31' },
  ])('$name', ({ latest, fallback, id, end }) => {
    const period = defaultPeriod(day(latest), fallback);
    expect(period.id).toBe(id);
    expect(period.start).toBe(day(`${id.slice(0, 4)}-01-01`));
    expect(period.end).toBe(day(end));
  });

  it('is the whole latest census year without records', () => {
    expect(defaultPeriod(null, 2024)).toMatchObject({ id: '2024', quarter: null, start: day('2024-01-01'), end: day('2024-12-31') });
  });

  it('asks for --period with neither records nor a census year', () => {
    expect(() => defaultPeriod(null, null)).toThrow(FatalInputError);
  });
});
