import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/io/raw.js';
import { dayNumber } from '../../src/shared/dates.js';
import { VISIT_KINDS } from '../../src/schema/records.js';
import { VISIT_KIND_LABELS } from '../../src/schema/columns.js';
import {
  parseAreaCode, parseBoolean, parseDate, parseEnum, parseInteger, parseYear, type ParseResult,
} from '../../src/schema/values.js';

const ok = <T>(value: T) => ({ ok: true, value });
const fail = (code: string) => expect.objectContaining({ ok: false, code });

describe('parseInteger', () => {
  it.each<{ name: string; cell: RawCell; expected: unknown }>([
    { name: 'plain digits', cell: '123', expected: ok(123) },
    { name: 'zero', cell: '0', expected: ok(0) },
    { name: 'surrounding spaces', cell: '  42 ', expected: ok(42) },
    { name: 'ideographic spaces', cell: '\u300042\u3000', expected: ok(42) },
    { name: 'thousands separator', cell: '1,234', expected: ok(1234) },
    { name: 'full-width comma separator', cell: '1，234', expected: ok(1234) },
    { name: 'several groups', cell: '12,345,678', expected: ok(12345678) },
    { name: 'full-width digits', cell: '１２３', expected: ok(123) },
    { name: 'text with a zero fraction', cell: '100.00', expected: ok(100) },
    { name: 'number cell', cell: 7, expected: ok(7) },
    { name: 'number cell 12.0', cell: 12.0, expected: ok(12) },
    { name: 'negative zero number cell', cell: -0, expected: ok(0) },
    { name: 'text decimal', cell: '12.5', expected: fail('not-integer') },
    { name: 'number cell decimal', cell: 12.5, expected: fail('not-integer') },
    { name: 'words', cell: '约100', expected: fail('not-integer') },
    { name: 'a trailing dot', cell: '12.', expected: fail('not-integer') },
    { name: 'misplaced separator', cell: '12,34', expected: fail('not-integer') },
    { name: 'leading separator', cell: ',123', expected: fail('not-integer') },
    { name: 'too many digits', cell: '1234567890123456789', expected: fail('not-integer') },
    { name: 'infinity', cell: Number.POSITIVE_INFINITY, expected: fail('not-integer') },
    { name: 'NaN', cell: Number.NaN, expected: fail('not-integer') },
    { name: 'a boolean cell', cell: true, expected: fail('not-integer') },
    { name: 'a date cell', cell: new Date(Date.UTC(2025, 0, 1)), expected: fail('not-integer') },
    { name: 'negative text', cell: '-5', expected: fail('negative-number') },
    { name: 'negative with a minus sign', cell: '−5', expected: fail('negative-number') },
    { name: 'negative number cell', cell: -3, expected: fail('negative-number') },
    { name: 'empty text', cell: '  ', expected: fail('missing-value') },
    { name: 'empty cell', cell: null, expected: fail('missing-value') },
  ])('$name', ({ cell, expected }) => {
    expect(parseInteger(cell)).toEqual(expected);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['是', true], ['否', false], ['Y', true], ['n', false], ['Yes', true], ['NO', false], ['true', true], ['FALSE', false],
    ['1', true], ['0', false], ['√', true], ['×', false], ['有', true], ['无', false], [' 是 ', true], ['Ｙ', true],
    [true, true], [false, false], [1, true], [0, false],
  ] as [RawCell, boolean][])('%s is %s', (cell, value) => {
    expect(parseBoolean(cell)).toEqual(ok(value));
  });

  it.each([['也许'], ['2'], [2], ['yes no'], [new Date(0)]] as [RawCell][])('%s is invalid-boolean', (cell) => {
    expect(parseBoolean(cell)).toEqual(fail('invalid-boolean'));
  });

  it('an empty cell is missing', () => {
    expect(parseBoolean(null)).toEqual(fail('missing-value'));
    expect(parseBoolean(' ')).toEqual(fail('missing-value'));
  });
});

describe('parseDate', () => {
  const mar7 = ok(dayNumber(2025, 3, 7));
  it.each<{ name: string; cell: RawCell; expected: unknown }>([
    { name: 'ISO', cell: '2025-03-07', expected: mar7 },
    { name: 'slashes without zeros', cell: '2025/3/7', expected: mar7 },
    { name: 'dots', cell: '2025.3.7', expected: mar7 },
    { name: 'Chinese', cell: '2025年3月7日', expected: mar7 },
    { name: 'Chinese with spaces', cell: '2025 年 3 月 7 日', expected: mar7 },
    { name: 'eight digits as text', cell: '20250307', expected: mar7 },
    { name: 'eight digits as a number', cell: 20250307, expected: mar7 },
    { name: 'full-width digits', cell: '２０２５－０３－０７', expected: mar7 },
    { name: 'a time part', cell: '2025-03-07 10:30:00', expected: mar7 },
    { name: 'a time part after slashes', cell: '2025/3/7 8:05', expected: mar7 },
    { name: 'ISO with T and Z', cell: '2025-03-07T10:30:00Z', expected: mar7 },
    { name: 'surrounding spaces', cell: ' 2025-03-07 ', expected: mar7 },
    { name: 'an Excel date cell', cell: new Date(Date.UTC(2025, 2, 7)), expected: mar7 },
    { name: 'a serial number', cell: 45723, expected: mar7 },
    { name: 'a serial with a time fraction', cell: 45723.5, expected: mar7 },
    { name: 'a serial as text', cell: '45723', expected: mar7 },
    { name: '29 Feb in a leap year', cell: '2024-02-29', expected: ok(dayNumber(2024, 2, 29)) },
    { name: '2025-02-30', cell: '2025-02-30', expected: fail('invalid-date') },
    { name: '29 Feb in a common year', cell: '2025-02-29', expected: fail('invalid-date') },
    { name: 'month 13', cell: '2025-13-01', expected: fail('invalid-date') },
    { name: 'day 0', cell: '2025/3/0', expected: fail('invalid-date') },
    { name: 'an impossible eight-digit number', cell: 20251341, expected: fail('invalid-date') },
    { name: 'month/day/year', cell: '03/07/2025', expected: fail('ambiguous-date') },
    { name: 'day/month/year with dots', cell: '7.3.2025', expected: fail('ambiguous-date') },
    { name: 'a plain year as a number', cell: 2025, expected: fail('invalid-date') },
    { name: 'a plain year as text', cell: '2025', expected: fail('invalid-date') },
    { name: 'a small serial', cell: 60, expected: fail('invalid-date') },
    { name: 'a serial past 9999', cell: 3_000_000, expected: fail('invalid-date') },
    { name: 'a serial past the last plausible year, as text', cell: '1234567', expected: fail('invalid-date') },
    { name: 'the last day of 2999 as a serial', cell: 401768, expected: ok(dayNumber(2999, 12, 31)) },
    { name: 'mixed separators', cell: '2025-03/07', expected: fail('invalid-date') },
    { name: 'words', cell: '三月七日', expected: fail('invalid-date') },
    { name: 'a date then words', cell: '2025-03-07 上午', expected: fail('invalid-date') },
    { name: 'a year out of range', cell: '0202-03-07', expected: fail('invalid-date') },
    { name: 'an invalid Date', cell: new Date(Number.NaN), expected: fail('invalid-date') },
    { name: 'a boolean', cell: true, expected: fail('invalid-date') },
    { name: 'empty', cell: '', expected: fail('missing-value') },
    { name: 'null', cell: null, expected: fail('missing-value') },
  ])('$name', ({ cell, expected }) => {
    expect(parseDate(cell)).toEqual(expected);
  });
});

describe('parseAreaCode', () => {
  it.each<{ name: string; cell: RawCell; expected: unknown }>([
    { name: 'district', cell: '330106', expected: ok('330106') },
    { name: 'street', cell: '330106001', expected: ok('330106001') },
    { name: 'community', cell: '330106001002', expected: ok('330106001002') },
    { name: '12-digit padded district', cell: '330106000000', expected: ok('330106') },
    { name: '12-digit padded street', cell: '330106001000', expected: ok('330106001') },
    { name: '9-digit padded district', cell: '330106000', expected: ok('330106') },
    { name: 'a number cell', cell: 330106001002, expected: ok('330106001002') },
    { name: 'a padded number cell', cell: 330106000000, expected: ok('330106') },
    { name: 'full-width digits', cell: '３３０１０６', expected: ok('330106') },
    { name: 'spaces around', cell: ' 330106 ', expected: ok('330106') },
    { name: 'five digits', cell: '33010', expected: fail('invalid-area-code') },
    { name: 'seven digits', cell: '3301060', expected: fail('invalid-area-code') },
    { name: 'letters', cell: '33010A', expected: fail('invalid-area-code') },
    { name: 'inner dash', cell: '330-106', expected: fail('invalid-area-code') },
    { name: 'a decimal number cell', cell: 330106.5, expected: fail('invalid-area-code') },
    { name: 'a negative number cell', cell: -330106, expected: fail('invalid-area-code') },
    { name: 'a boolean', cell: false, expected: fail('invalid-area-code') },
    { name: 'empty', cell: ' ', expected: fail('missing-value') },
  ])('$name', ({ cell, expected }) => {
    expect(parseAreaCode(cell)).toEqual(expected);
  });
});

describe('parseEnum', () => {
  const kinds = VISIT_KINDS.map((id) => ({ id, zh: VISIT_KIND_LABELS[id] }));
  it.each([
    ['guidance', 'guidance'], ['GUIDANCE', 'guidance'], [' Outreach ', 'outreach'], ['ｏｎｌｉｎｅ', 'online'],
    ['科学育儿指导', 'guidance'], ['亲子 活动', 'activity'], ['进社区进家庭指导', 'outreach'],
  ])('%s is %s', (text, id) => {
    expect(parseEnum(kinds, text)).toEqual(ok(id));
  });

  it('refuses other words and names the allowed values', () => {
    const result = parseEnum(kinds, '家访');
    expect(result).toEqual(fail('invalid-enum'));
    expect(result.ok ? '' : String(result.params?.allowed)).toContain('科学育儿指导');
  });

  it('an empty cell is missing, a number is invalid', () => {
    expect(parseEnum(kinds, ' ')).toEqual(fail('missing-value'));
    expect(parseEnum(kinds, 3)).toEqual(fail('invalid-enum'));
  });
});

describe('parseYear', () => {
  it.each<{ cell: RawCell; expected: unknown }>([
    { cell: 2025, expected: ok(2025) },
    { cell: '2025', expected: ok(2025) },
    { cell: '2025年', expected: ok(2025) },
    { cell: '２０２５', expected: ok(2025) },
    { cell: 2025.5, expected: fail('invalid-year') },
    { cell: '25', expected: fail('invalid-year') },
    { cell: '二〇二五', expected: fail('invalid-year') },
    { cell: 1800, expected: fail('invalid-year') },
  ])('$cell', ({ cell, expected }) => {
    expect(parseYear(cell)).toEqual(expected);
  });
});

describe('the parsers never throw', () => {
  /** A tiny deterministic generator, so a failure reproduces. */
  function* randomCells(count: number): Generator<RawCell> {
    let seed = 0x2f6b7a1d;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const alphabet = '0123456789-/.,， 年月日号:TZ+－１２３是否√×\u3000\ud800\u0000__proto__constructor';
    for (let i = 0; i < count; i++) {
      const kind = next();
      if (kind < 0.1) {
        yield [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e300, next() * 1e9, -next() * 1e6][i % 6];
      } else if (kind < 0.15) {
        yield [null, true, false, new Date(Number.NaN), new Date(next() * 1e13)][i % 5];
      } else {
        let s = '';
        const length = Math.floor(next() * 24);
        for (let j = 0; j < length; j++) s += alphabet[Math.floor(next() * alphabet.length)];
        yield s;
      }
    }
  }

  it('on 20,000 random cells, every parser returns a result', () => {
    const kinds = VISIT_KINDS.map((id) => ({ id, zh: VISIT_KIND_LABELS[id] }));
    const parsers: ((cell: RawCell) => ParseResult<unknown>)[] = [
      parseInteger, parseBoolean, parseDate, parseAreaCode, parseYear, (cell) => parseEnum(kinds, cell),
    ];
    let results = 0;
    for (const cell of randomCells(20_000)) {
      for (const parse of parsers) {
        const result = parse(cell);
        if (result.ok === true || (result.ok === false && typeof result.code === 'string')) results++;
      }
    }
    expect(results).toBe(20_000 * parsers.length);
  });
});
