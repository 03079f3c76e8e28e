/**
 * A small, resumable scanner of the XML that spreadsheet parts are made of.
 * It is fed decoded text piece by piece and stops before any construct that
 * the piece cuts short (a tag, a text run, a comment), so the caller keeps
 * that rest and prepends it to the next piece: an entity, a tag or a
 * character split across pieces is only ever read whole, and text is decoded
 * exactly once. It knows no DTD: only the five predefined entities and
 * character references are decoded (a workbook needs no more, and a file
 * that defines its own cannot make the reader expand anything).
 */

/**
 * A tag's attributes as index ranges into the text being scanned, four
 * numbers each: name start, name end (prefix kept), value start, value end
 * (raw, undecoded). Read once by the scanner, so a handler never re-scans a tag.
 */
export interface XmlAttributes {
  count: number;
  at: Int32Array;
}

/** What a part's reader does with the scanner's findings; indices point into `s`. */
export interface XmlHandler {
  /** A start tag, or an empty-element tag when `selfClosing`; the local name (prefix dropped) is `s[nameStart, nameEnd)`. */
  open(s: string, nameStart: number, nameEnd: number, attributes: XmlAttributes, selfClosing: boolean): void;
  close(s: string, nameStart: number, nameEnd: number): void;
  /** Character data (entities decoded, CDATA as is), only while `capturing`. */
  text(value: string): void;
  capturing: boolean;
  /** Set by the handler when the rest of the part does not matter. */
  stopped: boolean;
}

const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const COLON = 58; // :
const EQUALS = 61; // =
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/**
 * Scans `s` from the start and returns how far it got: everything before the
 * returned index was handled, everything from it on is an unfinished
 * construct to scan again with more text after it (at the end of the part,
 * whatever is left is text outside any element, or a truncated part).
 */
export function scanXml(s: string, handler: XmlHandler, attributes: XmlAttributes = { count: 0, at: new Int32Array(64) }): number {
  let p = 0;
  while (!handler.stopped) {
    const lt = s.indexOf('<', p);
    if (lt < 0) return handler.capturing ? p : s.length;
    if (handler.capturing && lt > p) handler.text(decodeXmlText(s.slice(p, lt)));
    const next = scanMarkup(s, lt, handler, attributes);
    if (next < 0) return lt;
    p = next;
  }
  return p;
}

/**
 * The one construct that starts at `s[lt]` (a start, end or empty-element
 * tag, a comment, CDATA, a processing instruction): handled, and the index
 * after it returned; -1 when `s` ends before it does.
 */
export function scanMarkup(s: string, lt: number, handler: XmlHandler, attributes: XmlAttributes): number {
  const length = s.length;
  if (lt + 1 >= length) return -1;
  const next = s.charCodeAt(lt + 1);
  if (next === SLASH) {
    let nameStart = lt + 2;
    let index = nameStart;
    let c = 0;
    while (index < length) {
      c = s.charCodeAt(index);
      if (c === GT || isSpace(c)) break;
      if (c === COLON) nameStart = index + 1;
      index += 1;
    }
    const gt = c === GT ? index : s.indexOf('>', index);
    if (gt < 0 || index >= length) return -1;
    handler.close(s, nameStart, index);
    return gt + 1;
  }
  if (next === BANG || next === QUESTION) return skipMarkup(s, lt, handler);
  let nameStart = lt + 1;
  let nameEnd = nameStart;
  while (nameEnd < length) {
    const c = s.charCodeAt(nameEnd);
    if (c === GT || c === SLASH || isSpace(c)) break;
    if (c === COLON) nameStart = nameEnd + 1;
    nameEnd += 1;
  }
  const end = readAttributes(s, nameEnd, attributes);
  if (end < 0) return -1;
  const selfClosing = s.charCodeAt(end - 1) === SLASH;
  handler.open(s, nameStart, nameEnd, attributes, selfClosing);
  return end + 1;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Reads a start tag's attributes from just after its name into `attributes`;
 * returns the index of the `>` that ends the tag (a `>` inside a quoted value
 * does not), or -1 when `s` ends first.
 */
function readAttributes(s: string, from: number, attributes: XmlAttributes): number {
  const length = s.length;
  let count = 0;
  let index = from;
  while (index < length) {
    let c = s.charCodeAt(index);
    if (c === GT) {
      attributes.count = count;
      return index;
    }
    if (isSpace(c) || c === SLASH) {
      index += 1;
      continue;
    }
    const nameStart = index;
    while (index < length) {
      c = s.charCodeAt(index);
      if (c === EQUALS || c === GT || isSpace(c)) break;
      index += 1;
    }
    const nameEnd = index;
    while (index < length && s.charCodeAt(index) !== EQUALS) {
      if (s.charCodeAt(index) === GT) break;
      index += 1;
    }
    if (index >= length) return -1;
    if (s.charCodeAt(index) === GT) continue; // an attribute without a value: not XML, passed over
    index += 1;
    while (index < length && isSpace(s.charCodeAt(index))) index += 1;
    if (index >= length) return -1;
    const quote = s.charCodeAt(index);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) continue;
    const valueEnd = s.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", index + 1);
    if (valueEnd < 0) return -1;
    if (count * 4 + 4 > attributes.at.length) {
      const grown = new Int32Array(attributes.at.length * 2);
      grown.set(attributes.at);
      attributes.at = grown;
    }
    const at = attributes.at;
    at[count * 4] = nameStart;
    at[count * 4 + 1] = nameEnd;
    at[count * 4 + 2] = index + 1;
    at[count * 4 + 3] = valueEnd;
    count += 1;
    index = valueEnd + 1;
  }
  return -1;
}

/** Comments, CDATA, processing instructions, a DOCTYPE: the index after them, or -1 when `s` ends first. */
function skipMarkup(s: string, lt: number, handler: XmlHandler): number {
  if (s.startsWith('<!--', lt)) {
    const end = s.indexOf('-->', lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (s.startsWith('<![CDATA[', lt)) {
    const end = s.indexOf(']]>', lt + 9);
    if (end < 0) return -1;
    if (handler.capturing) handler.text(s.slice(lt + 9, end));
    return end + 3;
  }
  if (s.startsWith('<?', lt)) {
    const end = s.indexOf('?>', lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  // <!DOCTYPE …> with an internal subset in brackets, which may hold '>'.
  if (lt + 9 > s.length) return -1;
  const bracket = s.indexOf('[', lt);
  const gt = s.indexOf('>', lt);
  if (gt < 0) return -1;
  if (bracket < 0 || bracket > gt) return gt + 1;
  const end = s.indexOf(']', bracket);
  if (end < 0) return -1;
  const close = s.indexOf('>', end);
  return close < 0 ? -1 : close + 1;
}

/** True when `s[start, end)` is exactly `name`. */
export function nameIs(s: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && s.startsWith(name, start);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

/** The five predefined entities and character references, decoded once; anything else is left as written. */
export function decodeXmlText(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY_RE, (whole, entity: string) => {
    if (entity.charCodeAt(0) !== 35) return NAMED_ENTITIES[entity];
    const code = entity.charCodeAt(1) === 120 || entity.charCodeAt(1) === 88 ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const OOXML_ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;

/**
 * Office's own escape inside text (ECMA-376 ST_Xstring): `_x000D_` is a
 * carriage return, `_x005F_` an underscore that would otherwise start one.
 */
export function decodeOfficeEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(OOXML_ESCAPE_RE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Decodes a part's bytes to text across pieces: one streaming decoder, so a
 * character split between two pieces is decoded whole. UTF-8 unless the part
 * starts with a UTF-16 byte order mark; bytes that are not valid throw.
 */
export function createPartDecoder(): (bytes: Uint8Array, last: boolean) => string {
  let decoder: TextDecoder | null = null;
  let head: Uint8Array | null = null;
  return (bytes, last) => {
    if (decoder === null) {
      // Two bytes decide the encoding; a first piece shorter than that waits for the next.
      const joined = head === null ? bytes : concatBytes(head, bytes);
      if (joined.length < 2 && !last) {
        head = joined;
        return '';
      }
      head = null;
      const encoding = joined[0] === 0xff && joined[1] === 0xfe ? 'utf-16le' : joined[0] === 0xfe && joined[1] === 0xff ? 'utf-16be' : 'utf-8';
      decoder = new TextDecoder(encoding, { fatal: true });
      bytes = joined;
    }
    return decoder.decode(bytes, { stream: !last });
  };
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/**
 * Feeds a part's inflated bytes through the decoder and a scanner (`scanXml`
 * with `handler`, unless the part's reader brings its own), keeping each
 * unfinished construct for the next piece. Yields once per piece, so the
 * reader can hand on what that piece held.
 */
export async function* scanPart(
  pieces: AsyncIterable<Uint8Array>,
  handler: XmlHandler,
  scan: (s: string) => number = (text) => scanXml(text, handler, attributes),
): AsyncGenerator<void> {
  const decode = createPartDecoder();
  let pending = '';
  for await (const piece of pieces) {
    if (handler.stopped) continue;
    pending += decode(piece, false);
    pending = pending.slice(scan(pending));
    yield;
  }
  if (!handler.stopped) {
    pending += decode(new Uint8Array(0), true);
    scan(pending);
  }
}

const attributes: XmlAttributes = { count: 0, at: new Int32Array(64) };
