import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTable } from '../../src/io/open-table.js';
import type { TableLocation } from '../../src/io/resolve-inputs.js';
import type { RawCell, RawRow } from '../../src/io/raw.js';

/** The committed sample files (made once with LibreOffice, iconv-lite and exceljs). */
export const FILES = join(dirname(fileURLToPath(import.meta.url)), 'files');

/** A fresh directory under the system temp dir, holding the given files. */
export function makeTempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-io-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export function csvAt(path: string): TableLocation {
  return { table: 'census', path, sheet: null, format: 'csv' };
}

/** Opens a table and reads everything: header, rows, hash. */
export async function readAll(
  location: TableLocation,
  options: { encoding?: string; isHeaderRow?: (cells: RawCell[]) => boolean } = {},
): Promise<{ header: RawRow; rows: RawRow[]; batches: number; sha256: string }> {
  const table = await openTable(location, options);
  const rows: RawRow[] = [];
  let batches = 0;
  for await (const batch of table.batches) {
    batches += 1;
    rows.push(...batch);
  }
  return { header: table.header, rows, batches, sha256: table.sha256() };
}

/** Writes `content` to a temp CSV and reads it back whole. */
export async function readCsvText(content: string | Uint8Array, options: { encoding?: string; isHeaderRow?: (cells: RawCell[]) => boolean } = {}) {
  const dir = makeTempDir({ 'table.csv': content });
  return readAll(csvAt(join(dir, 'table.csv')), options);
}
