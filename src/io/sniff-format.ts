/**
 * What a file really is, from its first bytes: users rename .xls to .xlsx or
 * .csv, and an encrypted .xlsx is not a zip at all but an OLE container, so
 * the extension alone cannot be trusted.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { FatalInputError } from '../issues/fatal.js';

export type ByteKind = 'empty' | 'ole' | 'zip' | 'text';

/**
 * Why a file cannot be read, as `unsupported-format`'s `reason` param: the
 * fix differs (remove a password, send the file again, save it as .xlsx).
 */
export type UnsupportedReason = 'numbers' | 'ods' | 'encrypted' | 'corrupt' | 'too-large' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Local file header, or the end-of-directory record of an empty zip. */
const ZIP_MAGICS = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

/** Classifies a file by its leading bytes (8 are enough). */
export function classifyBytes(head: Uint8Array): ByteKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, OLE_MAGIC)) return 'ole';
  if (ZIP_MAGICS.some((magic) => startsWith(head, magic))) return 'zip';
  return 'text';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((byte, index) => bytes[index] === byte);
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

/** Reads up to `length` bytes from the start of a file. */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Extensions of workbooks: text bytes under one of these names are not a table to read as CSV. */
export const WORKBOOK_EXTENSIONS: ReadonlySet<string> = new Set(['xlsx', 'xlsm', 'xltx', 'xls', 'xlt', 'et', 'ett']);

/** Formats recognised by their extension alone and refused, with the reason. */
export function refusedExtensionReason(extension: string): UnsupportedReason | null {
  switch (extension) {
    case 'numbers':
      return 'numbers';
    case 'ods':
      return 'ods';
    default:
      return null;
  }
}

export function unsupportedFormat(path: string, reason: UnsupportedReason): FatalInputError {
  return new FatalInputError({
    code: 'unsupported-format',
    table: null,
    file: path,
    sheet: null,
    row: null,
    column: null,
    value: extensionOf(path) || null,
    params: { reason },
  });
}

/**
 * An operating-system refusal (a directory named census.csv, no permission,
 * a failing disk) as a located input problem rather than an internal error;
 * anything else passes through unchanged.
 */
export function asInputError(path: string, error: unknown): unknown {
  if (error instanceof FatalInputError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  const draft = { table: null, file: path, sheet: null, row: null, column: null, value: path };
  if (code === 'ENOENT') return new FatalInputError({ code: 'file-not-found', ...draft });
  return new FatalInputError({ code: 'unreadable-file', ...draft, params: { reason: code } });
}
