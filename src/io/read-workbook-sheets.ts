/**
 * The real sheet list of an .xlsx, read from xl/workbook.xml through the zip's
 * central directory. The streaming reader names sheets only when the workbook
 * part happens to come before them in the archive, so names, order and the
 * part each sheet lives in are taken from here.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { inflateRawSync } from 'node:zlib';
import { unsupportedFormat } from './sniff-format.js';

/** Node 20.15 and later; on older versions only the size is checked. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export interface WorkbookSheet {
  /** The sheet's name as Excel shows it on the tab. */
  name: string;
  /** The part holding its cells, e.g. 'xl/worksheets/sheet2.xml'. */
  part: string;
}

export interface WorkbookInfo {
  /** In tab order. */
  sheets: WorkbookSheet[];
  date1904: boolean;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** workbook.xml of a workbook with thousands of sheets is still far below this. */
const MAX_PART_BYTES = 32 * 1024 * 1024;
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;

/**
 * Reads the sheet list; throws `unsupported-format` (reason `corrupt`) when
 * the file is not a zip holding xl/workbook.xml, `encrypted` when its entries
 * are zip-encrypted.
 */
export async function readWorkbookSheets(path: string): Promise<WorkbookInfo> {
  const handle = await open(path, 'r');
  try {
    const entries = await readCentralDirectory(handle).then((directory) => directory.entries).catch(() => null);
    const workbookEntry = entries?.get('xl/workbook.xml');
    if (!entries || !workbookEntry) throw unsupportedFormat(path, 'corrupt');
    if (workbookEntry.flags & 1) throw unsupportedFormat(path, 'encrypted');
    const workbookXml = await readEntryText(handle, workbookEntry).catch(() => null);
    if (workbookXml === null) throw unsupportedFormat(path, 'corrupt');
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    const relsXml = relsEntry ? await readEntryText(handle, relsEntry).catch(() => '') : '';
    return parseWorkbookXml(workbookXml, relsXml);
  } finally {
    await handle.close();
  }
}

/**
 * The parts exceljs's streaming reader needs, in the order it needs them:
 * workbook, relationships, styles, shared strings, then the one sheet.
 * Excel stores the shared strings after the sheets, and exceljs then parks
 * each sheet in a temp file; that path can lose a sheet's rows (seen when the
 * shared strings are the archive's last entry) and never settles when a
 * sheet's compressed bytes are corrupt. Handing it each entry's local record
 * (header, data, descriptor) in this order avoids the path altogether.
 */
export async function openOrderedParts(path: string, sheetPart: string): Promise<OrderedParts> {
  const handle = await open(path, 'r');
  const ranges: PartRange[] = [];
  let sheet: PartCheck | null = null;
  try {
    const directory = await readCentralDirectory(handle).catch(() => null);
    if (!directory) throw unsupportedFormat(path, 'corrupt');
    const { entries, directoryOffset } = directory;
    const sheetEntry = entries.get(sheetPart);
    // 0xffffffff: the real size sits in a zip64 field; such a sheet is only counted, not checked.
    if (sheetEntry && sheetEntry.uncompressedSize !== 0xffffffff) sheet = { size: sheetEntry.uncompressedSize, crc32: sheetEntry.crc32 };
    const offsets = [...new Set([...entries.values()].map((entry) => entry.localHeaderOffset))].sort((a, b) => a - b);
    const wanted = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', sheetPart];
    for (const name of wanted) {
      const entry = entries.get(name);
      if (!entry) continue;
      const next = offsets.find((offset) => offset > entry.localHeaderOffset) ?? directoryOffset;
      if (next <= entry.localHeaderOffset) continue;
      const local = await readAt(handle, entry.localHeaderOffset, 30).catch(() => null);
      if (!local || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw unsupportedFormat(path, 'corrupt');
      ranges.push({ start: entry.localHeaderOffset, end: next - 1 });
    }
    // The central directory closes the stream as it closes the file: without it, the unzip
    // parser reads past a part written with a data descriptor (streaming writers) and fails.
    const { size } = await handle.stat();
    ranges.push({ start: directoryOffset, end: size - 1 });
  } finally {
    await handle.close();
  }
  let reject!: (error: Error) => void;
  const corrupt = new Promise<never>((_, rejectCorrupt) => {
    reject = rejectCorrupt;
  });
  // Nobody may be waiting on it yet; its rejection is still handled where it is raced.
  corrupt.catch(() => {});
  const stream = Readable.from(streamRanges(path, ranges));
  // exceljs pipes this into its unzip parser and reports that parser's errors (a bad
  // record signature, a header that lies about sizes, a part whose compressed bytes
  // do not inflate: the parser re-emits its inflater's error) nowhere: listen to it
  // here. This is also why each part is inflated only once, by the parser itself.
  const pipe = stream.pipe.bind(stream);
  stream.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    (destination as unknown as NodeJS.EventEmitter).on('error', reject);
    return pipe(destination, options);
  };
  return { stream, corrupt, sheet };
}

/**
 * The sheet part's inflated bytes, passed on as they are, failing at their
 * end unless their length (and CRC-32, where zlib has it) is what the central
 * directory records. Damaged compressed data does not always fail to inflate:
 * it can also end early and cleanly, and the sheet's XML, cut short, would
 * silently lose its last rows.
 */
export async function* checkedPart(chunks: AsyncIterable<Buffer>, expected: PartCheck): AsyncGenerator<Buffer> {
  let size = 0;
  let crc = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (crc32 !== undefined) crc = crc32(chunk, crc);
    yield chunk;
  }
  if (size !== expected.size || (crc32 !== undefined && crc !== expected.crc32)) {
    throw new Error(`part inflates to ${size} bytes, not the ${expected.size} its directory entry records, or its CRC-32 differs`);
  }
}

export interface OrderedParts {
  stream: Readable;
  /**
   * Rejects when the unzip parser fails, e.g. when a part's compressed bytes
   * do not inflate. exceljs then waits forever for the rest of the part (the
   * error goes to a stream nobody reads), so the caller races its reads
   * against this.
   */
  corrupt: Promise<never>;
  /** What the sheet part must inflate to (see `checkedPart`); null when the directory does not say. */
  sheet: PartCheck | null;
}

export interface PartCheck {
  size: number;
  crc32: number;
}

interface PartRange {
  start: number;
  end: number;
}

async function* streamRanges(path: string, ranges: PartRange[]): AsyncGenerator<Buffer> {
  for (const range of ranges) {
    yield* createReadStream(path, { start: range.start, end: range.end }) as AsyncIterable<Buffer>;
  }
}

/** Pure: sheet names and parts from workbook.xml and its relationships. */
export function parseWorkbookXml(workbookXml: string, relsXml: string): WorkbookInfo {
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attributes = readAttributes(match[1]);
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id !== undefined && target !== undefined) targets.set(id, resolvePart(target));
  }
  const sheets: WorkbookSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attributes = readAttributes(match[1]);
    const name = attributes.get('name');
    if (name === undefined) continue;
    let relId: string | undefined;
    for (const [key, value] of attributes) if (key.endsWith(':id')) relId = value;
    sheets.push({ name, part: (relId !== undefined && targets.get(relId)) || '' });
  }
  const workbookPr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbookXml);
  const date1904Value = workbookPr ? readAttributes(workbookPr[1]).get('date1904') : undefined;
  return { sheets, date1904: date1904Value === '1' || date1904Value === 'true' };
}

function readAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1], decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower];
  });
}

/** Relationship targets are relative to xl/ unless they start with '/'. */
function resolvePart(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error('short read');
  return buffer;
}

async function readCentralDirectory(handle: FileHandle): Promise<{ entries: Map<string, ZipEntry>; directoryOffset: number }> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 65535 + 20);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let index = tail.length - 22; index >= 0; index -= 1) {
    if (tail.readUInt32LE(index) === EOCD_SIGNATURE) {
      eocd = index;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  let entryCount = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset === 0xffffffff || entryCount === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) throw new Error('bad zip64');
    const zip64Offset = Number(tail.readBigUInt64LE(locator + 8));
    const zip64 = await readAt(handle, zip64Offset, 56);
    if (zip64.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new Error('bad zip64');
    entryCount = Number(zip64.readBigUInt64LE(32));
    directorySize = Number(zip64.readBigUInt64LE(40));
    directoryOffset = Number(zip64.readBigUInt64LE(48));
  }
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > size) {
    throw new Error('bad central directory');
  }
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let offset = 0;
  for (let count = 0; count < entryCount && offset + 46 <= directory.length; count += 1) {
    if (directory.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new Error('bad central entry');
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    const name = directory.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name.replace(/\\/g, '/'), {
      name,
      flags: directory.readUInt16LE(offset + 8),
      method: directory.readUInt16LE(offset + 10),
      crc32: directory.readUInt32LE(offset + 16),
      compressedSize: directory.readUInt32LE(offset + 20),
      uncompressedSize: directory.readUInt32LE(offset + 24),
      localHeaderOffset: directory.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryOffset };
}

async function readEntryText(handle: FileHandle, entry: ZipEntry): Promise<string> {
  if (entry.compressedSize > MAX_PART_BYTES) throw new Error('part too large');
  const local = await readAt(handle, entry.localHeaderOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error('bad local header');
  const dataOffset = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(handle, dataOffset, entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }).toString('utf8');
  throw new Error(`unsupported compression ${entry.method}`);
}
