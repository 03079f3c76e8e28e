/**
 * Turning a CSV's bytes into UTF-8 for the parser without ever inventing a
 * character: an invalid byte becomes a located `encoding-error`, never a
 * silent U+FFFD in someone's name.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { FatalInputError } from '../issues/fatal.js';

type Iconv = typeof import('iconv-lite');
let loadedIconv: Iconv | null = null;

/**
 * iconv-lite, loaded the first time a file or `--encoding` is not UTF-8:
 * loading it took some 20 ms, at every start and again in every reader
 * thread, and most files are UTF-8.
 */
function iconv(): Iconv {
  return (loadedIconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv);
}

/** Encoding as decided for a file: 'utf8', or an iconv-lite name. */
export type TextEncoding = string;

export interface DecodedPiece {
  /** Valid UTF-8 bytes to hand to the parser. */
  bytes: Buffer;
  /** Set when the input became invalid right after `bytes`. */
  invalid?: { encoding: string; sample: string };
}

export interface TextDecoderState {
  readonly encoding: string;
  decode(chunk: Buffer): DecodedPiece;
  end(): DecodedPiece;
  /**
   * True when no byte is held back and the encoding is still the one the
   * decoder started with: a fresh decoder could take over at the next byte.
   */
  idle(): boolean;
  /**
   * True while a UTF-8 decoder that may fall back has seen only ASCII: an
   * invalid byte would still switch it to GB18030 (see createUtf8Validator),
   * so a decoder taking over must be allowed to do the same.
   */
  mayStillFallBack(): boolean;
}

/**
 * The encoding from the first bytes: a BOM, else UTF-8 when the prefix is
 * valid UTF-8, else GB18030 (which covers GBK and GB2312, what Excel's "CSV"
 * export writes on a Chinese Windows).
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const cut = utf8Boundary(head);
  if (isUtf8(head.subarray(0, cut))) return 'utf8';
  // GBK text is almost never valid UTF-8 for more than a character or two; a
  // UTF-8 file with one bad byte is still UTF-8 (and gets its error located).
  const invalidAt = findInvalidUtf8(head.subarray(0, cut));
  return countMultibyteCharacters(head.subarray(0, invalidAt)) >= 4 ? 'utf8' : 'gb18030';
}

function countMultibyteCharacters(bytes: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index] >= 0xc0) count += 1;
  return count;
}

/** --encoding as users type it (UTF-8, gbk, GB2312, cp936, utf-16le…) to a decoder name; null when unknown. */
export function normalizeEncoding(name: string): TextEncoding | null {
  const compact = name.trim().toLowerCase().replace(/[-_\s]/g, '');
  if (compact === 'utf8' || compact === 'utf8bom' || compact === 'utf8sig') return 'utf8';
  if (compact === 'gb2312' || compact === 'cp936' || compact === 'gbk' || compact === 'ansi') return 'gbk';
  if (compact === 'utf16' || compact === 'unicode' || compact === 'ucs2') return 'utf16le';
  return iconv().encodingExists(compact) ? compact : null;
}

/**
 * Where a buffer can be cut without splitting a UTF-8 sequence: before a
 * trailing lead byte whose continuation bytes have not all arrived.
 */
export function utf8Boundary(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= 4 && back <= length; back += 1) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf8 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return index;
    if (index + needed >= bytes.length) return index;
    const second = bytes[index + 1];
    if (second < low || second > high) return index;
    for (let next = 2; next <= needed; next += 1) {
      if ((bytes[index + next] & 0xc0) !== 0x80) return index;
    }
    index += needed + 1;
  }
  return -1;
}

function hexSample(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/**
 * UTF-8 passes through untouched (the parser decodes it itself): each chunk
 * is only validated, which is cheap. If a file that looked like UTF-8 turns
 * out not to be, and everything before was plain ASCII, it was GB18030 all
 * along (ASCII is a subset), so decoding switches instead of failing.
 */
export function createUtf8Validator(options: { mayFallBack: boolean }): TextDecoderState {
  let carry: Buffer = Buffer.alloc(0);
  let onlyAscii = options.mayFallBack;
  let fallback: TextDecoderState | null = null;

  const fail = (data: Buffer, offset: number): DecodedPiece => {
    const valid = data.subarray(0, offset);
    if (onlyAscii && isAscii(valid)) {
      fallback = createIconvDecoder('gb18030');
      const rest = fallback.decode(data.subarray(offset));
      return { bytes: Buffer.concat([valid, rest.bytes]), invalid: rest.invalid };
    }
    return { bytes: valid, invalid: { encoding: 'utf8', sample: hexSample(data.subarray(offset)) } };
  };

  return {
    get encoding() {
      return fallback ? fallback.encoding : 'utf8';
    },
    decode(chunk) {
      if (fallback) return fallback.decode(chunk);
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = utf8Boundary(data);
      const whole = data.subarray(0, cut);
      carry = Buffer.from(data.subarray(cut));
      if (isUtf8(whole)) {
        if (onlyAscii && !isAscii(whole)) onlyAscii = false;
        return { bytes: whole };
      }
      carry = Buffer.alloc(0);
      return fail(data, findInvalidUtf8(data));
    },
    idle: () => fallback === null && carry.length === 0,
    mayStillFallBack: () => fallback === null && onlyAscii,
    end() {
      if (fallback) return fallback.end();
      if (carry.length === 0) return { bytes: Buffer.alloc(0) };
      // A multi-byte character cut off by the end of the file.
      return { bytes: Buffer.alloc(0), invalid: { encoding: 'utf8', sample: hexSample(carry) } };
    },
  };
}

/** The bytes by which an encoding writes U+FFFD itself, to tell a real one from a decoding failure. */
const REPLACEMENT_BYTES: Record<string, Buffer> = {
  gb18030: Buffer.from([0x84, 0x31, 0xa4, 0x37]),
  utf16le: Buffer.from([0xfd, 0xff]),
  utf16be: Buffer.from([0xff, 0xfd]),
};

/**
 * GB18030, GBK, UTF-16 and the rest through iconv-lite, which marks an invalid
 * byte with U+FFFD: the text before the first such mark is kept, the rest is
 * refused.
 */
export function createIconvDecoder(encoding: string): TextDecoderState {
  const decoder = iconv().getDecoder(encoding, { stripBOM: true });
  const legitimate = REPLACEMENT_BYTES[encoding];
  const check = (text: string, chunk: Buffer | null): DecodedPiece => {
    const mark = text.indexOf('\ufffd');
    if (mark < 0 || (chunk !== null && legitimate !== undefined && chunk.includes(legitimate))) {
      return { bytes: Buffer.from(text, 'utf8') };
    }
    // iconv-lite does not say which bytes it could not read, so no sample.
    return { bytes: Buffer.from(text.slice(0, mark), 'utf8'), invalid: { encoding, sample: '' } };
  };
  return {
    encoding,
    decode: (chunk) => check(decoder.write(chunk), chunk),
    end: () => check(decoder.end() ?? '', null),
    // iconv-lite keeps no public state; callers only ask right after a line feed, which no
    // multi-byte GB18030 sequence contains, so nothing can be held back there.
    idle: () => true,
    mayStillFallBack: () => false,
  };
}

export function createTextDecoder(encoding: TextEncoding, options: { mayFallBack: boolean }): TextDecoderState {
  return encoding === 'utf8' ? createUtf8Validator(options) : createIconvDecoder(encoding);
}

export function unknownEncoding(file: string, name: string): FatalInputError {
  return new FatalInputError({
    code: 'unknown-encoding',
    table: null,
    file,
    sheet: null,
    row: null,
    column: null,
    value: name,
  });
}
