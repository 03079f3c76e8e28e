/**
 * An .xlsx opened from its bytes: the package's structure once, the
 * shared strings and date styles once (on the first sheet read), then any
 * sheet's rows streamed — inflate, one streaming UTF-8 decoder, the scanner —
 * in batches of the rows each piece of XML held.
 */
import type { RawRow } from './raw.js';
import { scanPart } from './xml-scanner.js';
import { readDateStyles, readSharedStrings, readXlsxPackage, type XlsxPackage, type XlsxSheet } from './xlsx-package.js';
import { SheetRowsHandler, type SheetContext } from './xlsx-sheet-rows.js';
import { inflateEntry, readZipArchive, ZipError, type InflateOptions, type ZipArchive } from './zip-archive.js';

export interface XlsxBook {
  sheets: readonly XlsxSheet[];
  /** The rows of one sheet; throws ZipError when the sheet's part is damaged. */
  rows(sheet: XlsxSheet, options?: InflateOptions): AsyncGenerator<RawRow[]>;
}

/** Null when the zip holds no workbook (not a spreadsheet, or another kind of document). */
export async function openXlsxBook(bytes: Buffer, archive: ZipArchive = readZipArchive(bytes)): Promise<XlsxBook | null> {
  const structure = await readXlsxPackage(bytes, archive);
  if (structure === null) return null;
  let context: Promise<SheetContext> | null = null;
  return {
    sheets: structure.sheets,
    rows(sheet, options = {}) {
      if (context === null) {
        context = readContext(bytes, archive, structure, options);
        // Awaited by every sheet read; a chart sheet reads nothing and must not leave a failure unheard.
        context.catch(() => {});
      }
      return readSheetRows(bytes, archive, sheet, context, options);
    },
  };
}

async function readContext(bytes: Buffer, archive: ZipArchive, structure: XlsxPackage, options: InflateOptions): Promise<SheetContext> {
  const [sharedStrings, dateStyles] = await Promise.all([
    readSharedStrings(bytes, archive, structure.sharedStrings, options),
    readDateStyles(bytes, archive, structure.styles),
  ]);
  return { sharedStrings, dateStyles, date1904: structure.date1904 };
}

async function* readSheetRows(
  bytes: Buffer,
  archive: ZipArchive,
  sheet: XlsxSheet,
  context: Promise<SheetContext>,
  options: InflateOptions,
): AsyncGenerator<RawRow[]> {
  if (sheet.part === null) return;
  const handler = new SheetRowsHandler(await context);
  try {
    for await (const _ of scanPart(inflateEntry(bytes, archive, sheet.part, options), handler, (text) => handler.scan(text))) {
      // Rows go on before the next piece is inflated (see read-csv-rows.ts on pretenuring).
      if (handler.rows.length > 0) {
        const batch = handler.rows;
        handler.rows = [];
        yield batch;
      }
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    // The streaming decoder refuses bytes that are not UTF-8: a damaged part.
    throw new ZipError('corrupt', `${sheet.part.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  handler.finish();
  if (handler.rows.length > 0) yield handler.rows;
}
