/**
 * The commonest forms of a cell read straight from a CSV's UTF-8 bytes, for
 * the visit path over millions of rows: trimming as String.prototype.trim
 * does, a date in the forms of SPEC §3 that are plain ASCII, and area-code
 * digits. Each answers exactly what the text parser of values.ts answers
 * for the same cell, or says it cannot (then the cell is read as text); a
 * property test compares them on random bytes.
 */
import { dayNumber, dayNumberOfRealDate, isValidDate } from '../shared/dates.js';
import { MAX_YEAR, MIN_YEAR } from './values.js';

/** What parseDayBytes gives for anything it does not read: below any day a date cell can give. */
export const NOT_A_DAY = -0x80000000;

/**
 * The length of the whitespace character (as String.prototype.trim knows
 * it) that starts at bytes[at], or 0: U+0009–U+000D, U+0020, U+00A0,
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
 */
function spaceAt(bytes: Uint8Array, at: number, end: number): number {
  const b = bytes[at];
  if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) return 1;
  if (b < 0xc2) return 0;
  if (b === 0xc2) return at + 1 < end && bytes[at + 1] === 0xa0 ? 2 : 0;
  if (at + 2 >= end) return 0;
  const b1 = bytes[at + 1];
  const b2 = bytes[at + 2];
  switch (b) {
    case 0xe1:
      return b1 === 0x9a && b2 === 0x80 ? 3 : 0;
    case 0xe2:
      if (b1 === 0x80) return (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf ? 3 : 0;
      return b1 === 0x81 && b2 === 0x9f ? 3 : 0;
    case 0xe3:
      return b1 === 0x80 && b2 === 0x80 ? 3 : 0;
    case 0xef:
      return b1 === 0xbb && b2 === 0xbf ? 3 : 0;
    default:
      return 0;
  }
}

/** The length of the whitespace character that ends just before bytes[end], or 0. */
function spaceBefore(bytes: Uint8Array, start: number, end: number): number {
  const b = bytes[end - 1];
  if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) return 1;
  if (b < 0x80) return 0;
  if (end - 2 >= start && bytes[end - 2] === 0xc2) return b === 0xa0 ? 2 : 0;
  if (end - 3 < start) return 0;
  return spaceAt(bytes, end - 3, end) === 3 ? 3 : 0;
}

/** Where the cell bytes[start, end) starts once leading whitespace is trimmed. */
export function trimStartOf(bytes: Uint8Array, start: number, end: number): number {
  while (start < end) {
    const width = spaceAt(bytes, start, end);
    if (width === 0) break;
    start += width;
  }
  return start;
}

/** Where the cell bytes[start, end) ends once trailing whitespace is trimmed. */
export function trimEndOf(bytes: Uint8Array, start: number, end: number): number {
  while (end > start) {
    const width = spaceBefore(bytes, start, end);
    if (width === 0) break;
    end -= width;
  }
  return end;
}

function digitAt(bytes: Uint8Array, at: number): number {
  const d = bytes[at] - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * A date from trimmed ASCII bytes in the forms parseDate reads them:
 * `2025-03-07`, `2025/3/7`, `2025.3.7` (one separator throughout) and
 * `20250307`, checked as parseDate checks them (a real day, year
 * 1900–2999). NOT_A_DAY for anything else — another form, or no date at
 * all: the caller then reads the cell as text, which says why.
 */
export function parseDayBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 10 && bytes[start + 4] === 0x2d && bytes[start + 7] === 0x2d) return isoDayBytes(bytes, start);
  if (length < 8 || length > 10) return NOT_A_DAY;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(bytes, start + i);
    if (d < 0) return NOT_A_DAY;
    y = y * 10 + d;
  }
  let m = 0;
  let day = 0;
  const separator = bytes[start + 4];
  if (separator === 0x2d || separator === 0x2f || separator === 0x2e) {
    let at = start + 5;
    // One or two digits of month, the same separator, one or two digits of day, nothing more.
    let digits = 0;
    while (at < end && digits < 3) {
      const d = digitAt(bytes, at);
      if (d < 0) break;
      m = m * 10 + d;
      digits++;
      at++;
    }
    if (digits === 0 || digits > 2 || at >= end || bytes[at] !== separator) return NOT_A_DAY;
    at++;
    digits = 0;
    while (at < end) {
      const d = digitAt(bytes, at);
      if (d < 0) return NOT_A_DAY;
      day = day * 10 + d;
      digits++;
      at++;
    }
    if (digits === 0 || digits > 2) return NOT_A_DAY;
  } else {
    if (length !== 8) return NOT_A_DAY;
    for (let i = 4; i < 8; i++) if (digitAt(bytes, start + i) < 0) return NOT_A_DAY;
    m = digitAt(bytes, start + 4) * 10 + digitAt(bytes, start + 5);
    day = digitAt(bytes, start + 6) * 10 + digitAt(bytes, start + 7);
  }
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDate(y, m, day)) return NOT_A_DAY;
  return dayNumber(y, m, day);
}

/**
 * The day of `YYYY-MM-DD` at bytes[start], the form nearly every export
 * writes, read digit by digit and turned into a day number by table (the
 * visit path reads two a record): what the general loop above gives.
 */
function isoDayBytes(bytes: Uint8Array, start: number): number {
  const y0 = bytes[start] - 48;
  const y1 = bytes[start + 1] - 48;
  const y2 = bytes[start + 2] - 48;
  const y3 = bytes[start + 3] - 48;
  const m0 = bytes[start + 5] - 48;
  const m1 = bytes[start + 6] - 48;
  const d0 = bytes[start + 8] - 48;
  const d1 = bytes[start + 9] - 48;
  // A byte that is not a digit is outside 0–9 once 48 is taken away, read as an unsigned number.
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9) return NOT_A_DAY;
  if ((m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return NOT_A_DAY;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDate(y, m, d)) return NOT_A_DAY;
  return dayNumberOfRealDate(y, m, d);
}

/** True when bytes[start, end) are all ASCII digits. */
export function isDigitBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b < 48 || b > 57) return false;
  }
  return true;
}

/**
 * The bytes of `text` as 32-bit words, over the same memory (an Int32Array
 * must start at a multiple of four bytes of its buffer): word k holds bytes
 * [first + 4k, first + 4k + 4) of `text`. For passing over plain bytes four
 * at a time (hasByteBelow).
 */
export function wordsOf(text: Uint8Array): { words: Int32Array; first: number } {
  const first = (4 - (text.byteOffset & 3)) & 3;
  const count = Math.max(0, (text.length - first) >> 2);
  return { words: count === 0 ? NO_WORDS : new Int32Array(text.buffer, text.byteOffset + first, count), first };
}

const NO_WORDS = new Int32Array(0);

/**
 * Whether a byte of `word` is below n, 0 < n ≤ 128, given `spread`, n in
 * every byte (n × 0x01010101). The "hasless" trick of Bit Twiddling Hacks: a
 * byte's borrow can mark a byte above it wrongly, but only when a byte below
 * n is there, so the answer for the word as a whole is exact — whatever the
 * bytes above 127 (UTF-8, GBK) and whichever the byte order.
 */
export function hasByteBelow(word: number, spread: number): boolean {
  return ((word - spread) & ~word & 0x80808080) !== 0;
}
