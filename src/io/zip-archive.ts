/**
 * The zip container of an .xlsx, read from bytes already in memory: the
 * entries come from the central directory (zip64 included), never from the
 * local headers a streaming unzipper trusts, and each part is inflated as a
 * stream (node:zlib) with its size and CRC-32 checked against the directory,
 * so a damaged or truncated part fails instead of losing rows.
 */
import * as zlib from 'node:zlib';

/** Node 20.15 and later; on older versions only the size is checked. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export interface ZipEntry {
  /** As stored, with `\` turned into `/`. */
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  /** By name, compared case-insensitively (OPC part names are). */
  entry(name: string): ZipEntry | undefined;
  names(): string[];
  /** Where the central directory starts: no entry's data may reach past it. */
  directoryOffset: number;
}

/** Why an archive or one of its parts cannot be read; the caller names the file. */
export class ZipError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'encrypted' | 'unknown',
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipError';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const STORED = 0;
const DEFLATED = 8;
const UINT32_MAX = 0xffffffff;

/** Reads the central directory; throws ZipError('corrupt') when there is none to trust. */
export function readZipArchive(bytes: Buffer): ZipArchive {
  const eocd = findEndOfDirectory(bytes);
  let entryCount = bytes.readUInt16LE(eocd + 10);
  let directorySize = bytes.readUInt32LE(eocd + 12);
  let directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (directoryOffset === UINT32_MAX || directorySize === UINT32_MAX || entryCount === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) throw new ZipError('corrupt', 'zip64 locator missing');
    const record = safeNumber(bytes.readBigUInt64LE(locator + 8));
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) throw new ZipError('corrupt', 'zip64 end record missing');
    entryCount = safeNumber(bytes.readBigUInt64LE(record + 32));
    directorySize = safeNumber(bytes.readBigUInt64LE(record + 40));
    directoryOffset = safeNumber(bytes.readBigUInt64LE(record + 48));
  }
  if (directoryOffset + directorySize > bytes.length) throw new ZipError('corrupt', 'central directory beyond the end of the file');

  const entries = new Map<string, ZipEntry>();
  let offset = directoryOffset;
  const end = directoryOffset + directorySize;
  for (let count = 0; count < entryCount; count += 1) {
    if (offset + 46 > end || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new ZipError('corrupt', 'bad central directory entry');
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > end) throw new ZipError('corrupt', 'central directory entry overruns the directory');
    const entry: ZipEntry = {
      name: bytes.toString('utf8', offset + 46, nameEnd).replace(/\\/g, '/'),
      flags: bytes.readUInt16LE(offset + 8),
      method: bytes.readUInt16LE(offset + 10),
      crc32: bytes.readUInt32LE(offset + 16),
      compressedSize: bytes.readUInt32LE(offset + 20),
      uncompressedSize: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    };
    applyZip64Extra(entry, bytes.subarray(nameEnd, nameEnd + extraLength));
    const key = normalizeName(entry.name);
    // The first of two entries with one name wins, as in every unzip tool.
    if (!entries.has(key)) entries.set(key, entry);
    offset = nameEnd + extraLength + commentLength;
  }
  return {
    entry: (name) => entries.get(normalizeName(name)),
    names: () => [...entries.values()].map((entry) => entry.name),
    directoryOffset,
  };
}

function normalizeName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let index = bytes.length - 22; index >= lowest; index -= 1) {
    if (bytes.readUInt32LE(index) === EOCD_SIGNATURE) return index;
  }
  throw new ZipError('corrupt', 'no end of central directory');
}

/** Sizes and offset that do not fit 32 bits sit, in this order, in the zip64 extra field. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  if (entry.uncompressedSize !== UINT32_MAX && entry.compressedSize !== UINT32_MAX && entry.localHeaderOffset !== UINT32_MAX) return;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA_ID) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size) throw new ZipError('corrupt', 'zip64 field too short');
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === UINT32_MAX) entry.uncompressedSize = next();
      if (entry.compressedSize === UINT32_MAX) entry.compressedSize = next();
      if (entry.localHeaderOffset === UINT32_MAX) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
  throw new ZipError('corrupt', 'zip64 sizes missing');
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('corrupt', 'zip64 value out of range');
  return Number(value);
}

/**
 * The compressed bytes of an entry, after checking its local header: a header
 * that disagrees with the directory (without the flag that says its sizes
 * follow the data) is a damaged or doctored file, not a variant to tolerate.
 */
function entryData(bytes: Buffer, archive: ZipArchive, entry: ZipEntry): Buffer {
  if (entry.flags & FLAG_ENCRYPTED) throw new ZipError('encrypted', `${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipError('unknown', `${entry.name} uses compression method ${entry.method}`);
  const at = entry.localHeaderOffset;
  if (at + 30 > archive.directoryOffset || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE) throw new ZipError('corrupt', `no local header for ${entry.name}`);
  const flags = bytes.readUInt16LE(at + 6);
  if ((flags & FLAG_DATA_DESCRIPTOR) === 0) {
    const localCrc = bytes.readUInt32LE(at + 14);
    const localCompressed = bytes.readUInt32LE(at + 18);
    const localUncompressed = bytes.readUInt32LE(at + 22);
    const agrees =
      localCrc === entry.crc32 &&
      (localCompressed === UINT32_MAX || localCompressed === entry.compressedSize) &&
      (localUncompressed === UINT32_MAX || localUncompressed === entry.uncompressedSize);
    if (!agrees) throw new ZipError('corrupt', `the local header of ${entry.name} disagrees with the directory`);
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > archive.directoryOffset) throw new ZipError('corrupt', `${entry.name} runs past the central directory`);
  return bytes.subarray(start, end);
}

export interface InflateOptions {
  /**
   * Cuts the inflated bytes into pieces of at most this many bytes. Tests use a
   * few bytes, so that piece boundaries fall inside characters, tags and entities.
   */
  pieceBytes?: number;
}

/** How much inflated XML is handed on at a time: large enough that awaits are rare. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * The entry's bytes as they inflate, each piece once. Fails (ZipError
 * 'corrupt') as soon as the output exceeds the recorded size, and at the end
 * unless size and CRC-32 are the directory's: damaged deflate data does not
 * always fail to inflate, it can also end early and cleanly.
 */
export async function* inflateEntry(bytes: Buffer, archive: ZipArchive, entry: ZipEntry, options: InflateOptions = {}): AsyncGenerator<Buffer> {
  const data = entryData(bytes, archive, entry);
  const pieces = entry.method === STORED ? [data] : inflateStream(data);
  let size = 0;
  let crc = 0;
  for await (const chunk of pieces) {
    size += chunk.length;
    if (size > entry.uncompressedSize) throw new ZipError('corrupt', `${entry.name} inflates to more than its recorded size`);
    if (crc32 !== undefined) crc = crc32(chunk, crc);
    if (options.pieceBytes === undefined) {
      yield chunk;
    } else {
      for (let at = 0; at < chunk.length; at += options.pieceBytes) yield chunk.subarray(at, at + options.pieceBytes);
    }
  }
  if (size !== entry.uncompressedSize || (crc32 !== undefined && (crc >>> 0) !== entry.crc32)) {
    throw new ZipError('corrupt', `${entry.name} inflates to ${size} bytes, not ${entry.uncompressedSize}, or its CRC-32 differs`);
  }
}

async function* inflateStream(data: Buffer): AsyncGenerator<Buffer> {
  const inflater = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
  inflater.end(data);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw new ZipError('corrupt', error instanceof Error ? error.message : String(error));
  } finally {
    inflater.destroy();
  }
}

/** A small part whole (workbook, relationships, styles), with the same checks. */
export async function readEntry(bytes: Buffer, archive: ZipArchive, entry: ZipEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of inflateEntry(bytes, archive, entry)) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
