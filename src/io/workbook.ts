/**
 * A workbook, opened once per run: its bytes read in one go, hashed, and
 * routed by what they are — a zip holding a workbook is an .xlsx (Excel,
 * WPS, LibreOffice or any other writer), an OLE container is a legacy .xls
 * or WPS .et unless it holds an encrypted package. Every table found in it
 * is read from these same bytes.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { RawRow } from './raw.js';
import { openLegacyBook, LegacyReadError } from './read-legacy-workbook.js';
import { openXlsxBook } from './read-xlsx-rows.js';
import { asInputError, classifyBytes, extensionOf, refusedExtensionReason, unsupportedFormat, type UnsupportedReason } from './sniff-format.js';
import type { XlsxSheet } from './xlsx-package.js';
import { readZipArchive, ZipError, type InflateOptions, type ZipArchive } from './zip-archive.js';

export type WorkbookFormat = 'xlsx' | 'xls';

export interface WorkbookSheet {
  /** As on the tab. */
  name: string;
  hidden: boolean;
}

export interface Workbook {
  path: string;
  format: WorkbookFormat;
  /** sha256 hex of the file's bytes, the same bytes every sheet is read from. */
  sha256: string;
  /** In tab order. */
  sheets: readonly WorkbookSheet[];
  /**
   * The rows of a sheet in batches, with their spreadsheet row numbers; rows
   * whose cells are all blank are left out. A damaged part throws
   * `unsupported-format` (corrupt) naming the file.
   */
  rows(sheet: WorkbookSheet, options?: InflateOptions): AsyncGenerator<RawRow[]>;
}

/**
 * Larger than any workbook Excel or WPS writes for a table of this project
 * (a full 1,048,576-row sheet compresses to well under this), and below
 * what one read into memory may take.
 */
const MAX_WORKBOOK_BYTES = 1024 * 1024 * 1024;

/** Reads and routes a workbook; `unsupported-format` with the reason when it cannot be read. */
export async function openWorkbook(path: string): Promise<Workbook> {
  let bytes: Buffer;
  try {
    if ((await stat(path)).size > MAX_WORKBOOK_BYTES) throw unsupportedFormat(path, 'too-large');
    bytes = await readFile(path);
  } catch (error) {
    throw asInputError(path, error);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const kind = classifyBytes(bytes.subarray(0, 8));
  if (kind === 'ole') return openLegacy(path, bytes, sha256);
  if (kind !== 'zip') throw unsupportedFormat(path, 'corrupt');
  return openXlsx(path, bytes, sha256);
}

async function openXlsx(path: string, bytes: Buffer, sha256: string): Promise<Workbook> {
  let archive: ZipArchive;
  try {
    archive = readZipArchive(bytes);
    const book = await openXlsxBook(bytes, archive);
    if (book === null) throw unsupportedFormat(path, otherZipKind(archive));
    const sheets = book.sheets;
    return {
      path,
      format: 'xlsx',
      sha256,
      sheets,
      async *rows(sheet, options) {
        try {
          yield* book.rows(sheet as XlsxSheet, options);
        } catch (error) {
          throw asFormatError(path, error);
        }
      },
    };
  } catch (error) {
    // A .numbers or .ods that is not even a readable zip is still best told by its name.
    const named = refusedExtensionReason(extensionOf(path));
    if (named !== null && error instanceof ZipError) throw unsupportedFormat(path, named);
    throw asFormatError(path, error);
  }
}

function asFormatError(path: string, error: unknown): unknown {
  if (error instanceof ZipError) return unsupportedFormat(path, error.reason);
  return error;
}

/** A zip that is not an xlsx: say what it is when the fix differs. */
function otherZipKind(archive: ZipArchive): UnsupportedReason {
  if (archive.entry('Index/Document.iwa') || archive.names().some((name) => name.startsWith('Index/'))) return 'numbers';
  if (archive.entry('content.xml') && archive.entry('mimetype')) return 'ods';
  return 'corrupt';
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function openLegacy(path: string, bytes: Buffer, sha256: string): Workbook {
  // A password-protected .xlsx is an OLE container too, holding the encrypted zip.
  if (bytes.includes(ENCRYPTED_PACKAGE)) throw unsupportedFormat(path, 'encrypted');
  let book: ReturnType<typeof openLegacyBook>;
  try {
    book = openLegacyBook(bytes);
  } catch (error) {
    if (error instanceof LegacyReadError) throw unsupportedFormat(path, error.reason);
    throw error;
  }
  return { path, format: 'xls', sha256, sheets: book.sheets, rows: (sheet) => book.rows(sheet) };
}
