/**
 * Value parsers for the cells of SPEC §3. Each takes a cell as the reader
 * gives it (CSV: string; XLSX: string | number | boolean | Date | null) and
 * returns a result, never throws: a fuzz test feeds them random text.
 *
 * These run once per cell of a million-row visits file, so the common forms
 * (`2025-03-07`, plain digits) are parsed by hand without allocating, regular
 * expressions are compiled once at module load, and failures without
 * parameters are shared constants.
 */
import type { RawCell } from '../io/raw.js';
import { EXCEL_FAKE_LEAP_DAY, dayNumber, dayOfDate, fromExcelSerial, isValidDate, isoDate } from '../shared/dates.js';
import type { AreaCode, DayNumber } from './records.js';

export interface ParseFailure {
  readonly ok: false;
  /** An issue code of the catalogue (src/issues/catalogue.ts). */
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}
export interface ParseSuccess<T> {
  readonly ok: true;
  readonly value: T;
}
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

const MISSING: ParseFailure = { ok: false, code: 'missing-value' };
const NOT_INTEGER: ParseFailure = { ok: false, code: 'not-integer' };
const NEGATIVE: ParseFailure = { ok: false, code: 'negative-number' };
const INVALID_DATE: ParseFailure = { ok: false, code: 'invalid-date' };
const AMBIGUOUS_DATE: ParseFailure = { ok: false, code: 'ambiguous-date' };
const INVALID_BOOLEAN: ParseFailure = { ok: false, code: 'invalid-boolean' };
const INVALID_AREA_CODE: ParseFailure = { ok: false, code: 'invalid-area-code' };
const INVALID_YEAR: ParseFailure = { ok: false, code: 'invalid-year' };
const INVALID_SCORE: ParseFailure = { ok: false, code: 'invalid-score' };

/** Years a date or census year may plausibly carry; outside, a typo is likelier than a real date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
/**
 * Excel serial numbers read as dates: 10000 (1927-05-18) to the last day of
 * MAX_YEAR (Excel itself goes to 2958465, 9999-12-31). Lower numbers are far
 * likelier to be a count or a year (2025) typed into a date column than a
 * date before 1927.
 */
export const MIN_DATE_SERIAL = 10000;
export const MAX_DATE_SERIAL = dayNumber(MAX_YEAR, 12, 31) + 25569;

/** True for an empty cell: null, '' or only spaces (full-width spaces included). */
export function isEmptyCell(cell: RawCell): boolean {
  if (cell === null) return true;
  if (typeof cell !== 'string') return false;
  if (cell.length === 0) return true;
  return cell.trim().length === 0;
}

/** A cell as text for an issue's `value`: dates as YYYY-MM-DD, strings trimmed. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? String(cell) : isoDate(dayOfDate(cell));
  return String(cell);
}

/**
 * Full-width ASCII (！…～, U+FF01–U+FF5E) to half-width and the ideographic
 * space to a space; returns the string itself when there is nothing to fold.
 */
export function foldWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Digits 0–9 as a number, or -1: only for strings known to be short and plain. */
function plainDigits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

// ---------------------------------------------------------------- integers

export function parseInteger(cell: RawCell): ParseResult<number> {
  if (typeof cell === 'string') return parseIntegerText(cell);
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell)) return NOT_INTEGER;
    if (cell < 0) return NEGATIVE;
    return { ok: true, value: cell === 0 ? 0 : cell };
  }
  if (cell === null) return MISSING;
  return NOT_INTEGER;
}

function parseIntegerText(s: string): ParseResult<number> {
  // Fast path: plain ASCII digits, the form of nearly every cell.
  if (s.length > 0 && s.length <= 15) {
    const v = plainDigits(s, 0, s.length);
    if (v >= 0) return { ok: true, value: v };
  }
  const t = foldWidth(s).trim();
  if (t.length === 0) return MISSING;
  let i = 0;
  let negative = false;
  const first = t.charCodeAt(0);
  if (first === 45 /* - */ || first === 0x2212 /* − */) {
    negative = true;
    i = 1;
  } else if (first === 43 /* + */) {
    i = 1;
  }
  // Digits with optional thousands separators (1,234 / 1，234): groups after
  // the first must be exactly three digits, so "12,34" is not silently 1234.
  let value = 0;
  let digits = 0;
  let groupLength = 0;
  let sawSeparator = false;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      groupLength++;
    } else if (c === 44 /* , */) {
      if (groupLength === 0 || (sawSeparator ? groupLength !== 3 : groupLength > 3)) return NOT_INTEGER;
      sawSeparator = true;
      groupLength = 0;
    } else if (c === 46 /* . */) {
      break;
    } else {
      return NOT_INTEGER;
    }
  }
  if (digits === 0 || digits > 15 || (sawSeparator && groupLength !== 3)) return NOT_INTEGER;
  // A fraction of zeros only ("100.00", what a CSV export of a number cell
  // formatted with decimals looks like) is still a whole number; "12.5" is not.
  if (i < t.length) {
    if (i === t.length - 1) return NOT_INTEGER;
    for (let j = i + 1; j < t.length; j++) if (t.charCodeAt(j) !== 48) return NOT_INTEGER;
  }
  if (negative && value > 0) return NEGATIVE;
  return { ok: true, value };
}

/** SPEC §3 (`12.35` 万人 = 123,500; `12.345` 万人 is not-integer): decimals a value in a scaled unit may carry. */
export const MAX_SCALED_DECIMALS = 2;
const SCALED_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** A number column's header unit (SPEC §3): the factor it scales by and the unit as written (`万人`); 1 and null without one. */
export interface ColumnScale {
  factor: number;
  unit: string | null;
}

export const UNSCALED: ColumnScale = { factor: 1, unit: null };

/**
 * A count in a scaled unit (a header `常住人口（万人）`): the value times
 * `factor`, which must come out whole, from at most two decimals, as
 * published figures in 万 are given (a third decimal is likelier a thousands
 * separator, 12.345 for 12,345). Decimal arithmetic on the digits, never
 * floating point: 1.1 万 is exactly 11,000. A factor of 1 is parseInteger.
 * A `not-integer` says the unit, the factor and the rule, which plain
 * integers do not have.
 */
export function parseScaledInteger(cell: RawCell, scale: ColumnScale): ParseResult<number> {
  const { factor } = scale;
  if (factor === 1) return parseInteger(cell);
  const notInteger: ParseFailure = {
    ok: false, code: 'not-integer', params: { unit: scale.unit ?? '', factor, decimals: MAX_SCALED_DECIMALS },
  };
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return notInteger;
    if (cell < 0) return NEGATIVE;
    text = String(cell);
  } else if (typeof cell === 'string') {
    text = foldWidth(cell).trim().replace(/，/g, ',');
    if (text.length === 0) return MISSING;
    if (/^[-−]/.test(text)) return /[1-9]/.test(text) ? NEGATIVE : { ok: true, value: 0 };
  } else {
    return cell === null ? MISSING : notInteger;
  }
  const match = SCALED_RE.exec(text);
  if (match === null) return notInteger;
  const whole = match[1].replace(/,/g, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > MAX_SCALED_DECIMALS || whole.length > 15) return notInteger;
  const denominator = 10 ** fraction.length;
  const scaled = Number(whole + fraction) * factor;
  if (scaled % denominator !== 0) return notInteger;
  const value = scaled / denominator;
  return Number.isSafeInteger(value) ? { ok: true, value } : notInteger;
}

// ---------------------------------------------------------------- booleans

const TRUE_RESULT: ParseSuccess<boolean> = { ok: true, value: true };
const FALSE_RESULT: ParseSuccess<boolean> = { ok: true, value: false };

const BOOLEAN_WORDS: ReadonlyMap<string, ParseSuccess<boolean>> = new Map([
  ...['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有'].map((w) => [w, TRUE_RESULT] as const),
  ...['否', 'n', 'no', 'false', '0', '×', '✗', '✘', '无'].map((w) => [w, FALSE_RESULT] as const),
]);

export function parseBoolean(cell: RawCell): ParseResult<boolean> {
  if (typeof cell === 'string') {
    const hit = BOOLEAN_WORDS.get(cell);
    if (hit !== undefined) return hit;
    const t = foldWidth(cell).trim();
    if (t.length === 0) return MISSING;
    return BOOLEAN_WORDS.get(t.toLowerCase()) ?? INVALID_BOOLEAN;
  }
  if (typeof cell === 'boolean') return cell ? TRUE_RESULT : FALSE_RESULT;
  if (typeof cell === 'number') return cell === 1 ? TRUE_RESULT : cell === 0 ? FALSE_RESULT : INVALID_BOOLEAN;
  if (cell === null) return MISSING;
  return INVALID_BOOLEAN;
}

// ---------------------------------------------------------------- dates

const YMD_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CHINESE_DATE_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const EIGHT_DIGITS_RE = /^\d{8}$/;
const SERIAL_TEXT_RE = /^\d{5,7}(?:\.\d+)?$/;
const DAY_MONTH_YEAR_RE = /^\d{1,2}([-/.])\d{1,2}\1\d{4}$/;
/** A time of day after the date ("2025-03-07 10:30:00", "2025-03-07T10:30Z"): ignored. */
const DATE_TIME_SEPARATOR_RE = /[ T]/;
const TIME_RE = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/;

function dayOrInvalid(y: number, m: number, d: number): ParseResult<DayNumber> {
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDate(y, m, d)) return INVALID_DATE;
  return { ok: true, value: dayNumber(y, m, d) };
}

function dayOfSerial(n: number): ParseResult<DayNumber> {
  if (!(n >= MIN_DATE_SERIAL && n <= MAX_DATE_SERIAL) || Math.floor(n) === EXCEL_FAKE_LEAP_DAY) return INVALID_DATE;
  return { ok: true, value: fromExcelSerial(n) };
}

/** 20250307 as a number or text: year, month and day packed in eight digits. */
function dayOfPacked(n: number): ParseResult<DayNumber> {
  return dayOrInvalid(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

export function parseDate(cell: RawCell): ParseResult<DayNumber> {
  if (typeof cell === 'string') return parseDateText(cell);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return INVALID_DATE;
    if (Number.isInteger(cell) && cell >= 10000000 && cell <= 99999999) return dayOfPacked(cell);
    return dayOfSerial(cell);
  }
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return INVALID_DATE;
    const y = cell.getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) return INVALID_DATE;
    return { ok: true, value: dayOfDate(cell) };
  }
  if (cell === null) return MISSING;
  return INVALID_DATE;
}

function parseDateText(s: string): ParseResult<DayNumber> {
  // Fast path: 2025-03-07.
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = plainDigits(s, 0, 4);
    const m = plainDigits(s, 5, 7);
    const d = plainDigits(s, 8, 10);
    if (y >= 0 && m >= 0 && d >= 0) return dayOrInvalid(y, m, d);
  }
  const t = foldWidth(s).trim();
  if (t.length === 0) return MISSING;
  const whole = parseDateOnly(t);
  if (whole !== null) return whole;
  // A time of day after the date is allowed and dropped.
  const cut = t.search(DATE_TIME_SEPARATOR_RE);
  if (cut > 0) {
    const rest = t.slice(cut + 1).trim();
    if (TIME_RE.test(rest)) {
      const dateOnly = parseDateOnly(t.slice(0, cut));
      if (dateOnly !== null) return dateOnly;
    }
  }
  return INVALID_DATE;
}

/** The date forms of SPEC §3 without a time part; null when the text is none of them. */
function parseDateOnly(t: string): ParseResult<DayNumber> | null {
  let m = YMD_RE.exec(t);
  if (m !== null) return dayOrInvalid(Number(m[1]), Number(m[3]), Number(m[4]));
  m = CHINESE_DATE_RE.exec(t);
  if (m !== null) return dayOrInvalid(Number(m[1]), Number(m[2]), Number(m[3]));
  if (EIGHT_DIGITS_RE.test(t)) return dayOfPacked(Number(t));
  // 03/07/2025 is 3 July in most of the world and March 7 in the US: refuse to guess.
  if (DAY_MONTH_YEAR_RE.test(t)) return AMBIGUOUS_DATE;
  // A serial number that lost its date format on the way to CSV.
  if (SERIAL_TEXT_RE.test(t)) return dayOfSerial(Number(t));
  return null;
}

// ---------------------------------------------------------------- area codes

function normaliseAreaDigits(digits: string): ParseResult<AreaCode> {
  const n = digits.length;
  if (n === 12) {
    // The padded forms of SPEC §2: 330106000000 → 330106, 330106001000 → 330106001.
    if (digits.endsWith('000000')) return { ok: true, value: digits.slice(0, 6) };
    if (digits.endsWith('000')) return { ok: true, value: digits.slice(0, 9) };
    return { ok: true, value: digits };
  }
  if (n === 9) {
    // No street code is 000: a 9-digit code ending so is its district, padded.
    return { ok: true, value: digits.endsWith('000') ? digits.slice(0, 6) : digits };
  }
  if (n === 6) return { ok: true, value: digits };
  return INVALID_AREA_CODE;
}

/** The normalised code of 6, 9 or 12 ASCII digits (SPEC §2's padded forms shortened); the caller checked the digits. */
export function normaliseAreaCodeDigits(digits: string): AreaCode {
  const result = normaliseAreaDigits(digits);
  if (!result.ok) throw new RangeError(`not an area code: ${digits}`);
  return result.value;
}

export function parseAreaCode(cell: RawCell): ParseResult<AreaCode> {
  if (typeof cell === 'string') {
    const n = cell.length;
    if ((n === 6 || n === 9 || n === 12) && isAsciiDigits(cell)) return normaliseAreaDigits(cell);
    const t = foldWidth(cell).trim();
    if (t.length === 0) return MISSING;
    return isAsciiDigits(t) ? normaliseAreaDigits(t) : INVALID_AREA_CODE;
  }
  if (typeof cell === 'number') {
    // Excel keeps a code typed without a leading apostrophe as a number.
    if (!Number.isSafeInteger(cell) || cell < 0) return INVALID_AREA_CODE;
    return normaliseAreaDigits(String(cell));
  }
  if (cell === null) return MISSING;
  return INVALID_AREA_CODE;
}

function isAsciiDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// ---------------------------------------------------------------- years

export function parseYear(cell: RawCell): ParseResult<number> {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && cell >= MIN_YEAR && cell <= MAX_YEAR ? { ok: true, value: cell } : INVALID_YEAR;
  }
  if (typeof cell === 'string') {
    let t = foldWidth(cell).trim();
    if (t.length === 0) return MISSING;
    if (t.endsWith('年')) t = t.slice(0, -1).trim();
    if (t.length !== 4) return INVALID_YEAR;
    const y = plainDigits(t, 0, 4);
    return y >= MIN_YEAR && y <= MAX_YEAR ? { ok: true, value: y } : INVALID_YEAR;
  }
  if (cell === null) return MISSING;
  return INVALID_YEAR;
}

// ---------------------------------------------------------------- scores

const SCORE_TEXT_RE = /^[+-]?\d+(?:\.(\d+))?$/;
/** How far from a tenth a number may be and still be read as one: Excel keeps 85.3 as 85.299999999999997. */
const TENTH_TOLERANCE = 1e-6;

/**
 * A quality score (SPEC §9): a number from 0 to `max` with at most one
 * decimal ("85", "85.5", "85.50", a number cell). The value comes back as the
 * nearest double to the tenths written, so that sums of scores can be taken
 * exactly in tenths.
 */
export function parseScore(cell: RawCell, max: number): ParseResult<number> {
  let value: number;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return INVALID_SCORE;
    value = cell;
  } else if (typeof cell === 'string') {
    const t = foldWidth(cell).trim();
    if (t.length === 0) return MISSING;
    const match = SCORE_TEXT_RE.exec(t);
    // A second decimal is refused unless it is a trailing zero ("85.50").
    if (match === null || (match[1] ?? '').replace(/0+$/, '').length > 1) return INVALID_SCORE;
    value = Number(t);
  } else if (cell === null) {
    return MISSING;
  } else {
    return INVALID_SCORE;
  }
  const tenths = Math.round(value * 10);
  if (Math.abs(value * 10 - tenths) > TENTH_TOLERANCE) return INVALID_SCORE;
  if (tenths < 0 || tenths > max * 10) return { ok: false, code: 'score-out-of-range', params: { max } };
  return { ok: true, value: tenths === 0 ? 0 : tenths / 10 };
}

// ---------------------------------------------------------------- enums

export interface EnumValue {
  readonly id: string;
  readonly zh: string;
}

/** How enum text and headers are compared: width-folded (NFKC), lower case, without spaces or underscores. */
export function normaliseLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');
}

interface EnumLookup {
  byLabel: Map<string, ParseSuccess<string>>;
  /** Raw cell text → result, so that a million cells holding the same few labels are looked up, not normalised. */
  byRaw: Map<string, ParseResult<string>>;
  invalid: ParseFailure;
}

/** Bound on remembered raw spellings, so garbage input cannot grow the cache without end. */
const MAX_RAW_SPELLINGS = 512;
const enumLookups = new WeakMap<readonly EnumValue[], EnumLookup>();

function lookupFor(values: readonly EnumValue[]): EnumLookup {
  let lookup = enumLookups.get(values);
  if (lookup === undefined) {
    const byLabel = new Map<string, ParseSuccess<string>>();
    for (const v of values) {
      const hit: ParseSuccess<string> = { ok: true, value: v.id };
      byLabel.set(normaliseLabel(v.id), hit);
      byLabel.set(normaliseLabel(v.zh), hit);
    }
    const allowed = values.map((v) => `${v.zh} (${v.id})`).join(', ');
    lookup = { byLabel, byRaw: new Map(), invalid: { ok: false, code: 'invalid-enum', params: { allowed } } };
    enumLookups.set(values, lookup);
  }
  return lookup;
}

/** Matches the English id or the Chinese label, ignoring case, width and spaces; the value is the id. */
export function parseEnum(values: readonly EnumValue[], cell: RawCell): ParseResult<string> {
  const lookup = lookupFor(values);
  if (typeof cell !== 'string') return cell === null ? MISSING : lookup.invalid;
  const known = lookup.byRaw.get(cell);
  if (known !== undefined) return known;
  const key = normaliseLabel(cell);
  const result: ParseResult<string> = key.length === 0 ? MISSING : (lookup.byLabel.get(key) ?? lookup.invalid);
  if (lookup.byRaw.size < MAX_RAW_SPELLINGS) lookup.byRaw.set(cell, result);
  return result;
}
