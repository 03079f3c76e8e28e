/**
 * Legacy .xls (BIFF8) and WPS .et through SheetJS: the LibreOffice-written
 * registry cell for cell, and the East Asian built-in date formats SheetJS
 * does not know by itself (a cell formatted 2025年3月7日 is a date, not 45723).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as SheetJS from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/io/raw.js';
import { openWorkbook } from '../../src/io/workbook.js';
import { makeTempDir } from './temp-files.js';

const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof SheetJS;

async function rowsOf(path: string): Promise<RawRow[]> {
  const workbook = await openWorkbook(path);
  const rows: RawRow[] = [];
  for await (const batch of workbook.rows(workbook.sheets[0])) rows.push(...batch);
  return rows;
}

describe('legacy workbooks', () => {
  it('reads the registry LibreOffice saved as .xls: text, numbers, date cells at UTC midnight', async () => {
    const rows = await rowsOf('fixtures/workbooks/tiny-city-facilities.xls');
    expect(rows[0]).toEqual({ row: 1, cells: ['facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new', 'provincial', 'demonstration', 'opened', 'closed'] });
    expect(rows[1]).toEqual({ row: 2, cells: ['F001', '柳岸幼儿园', 339901001001, 'kindergarten', 'yes', 40, 2, 1, 'no', 'no', new Date(Date.UTC(2018, 8, 1))] });
    expect(rows).toHaveLength(6);
  });

  it.each([31, 57, 58, 14])('a number cell in built-in format %i is a date', async (formatId) => {
    const sheet: SheetJS.WorkSheet = { '!ref': 'A1:A2', A1: { t: 's', v: '开办日期' }, A2: { t: 'n', v: 45723, z: 'm/d/yy' } };
    const bytes: Buffer = XLSX.write({ SheetNames: ['机构'], Sheets: { 机构: sheet } }, { type: 'buffer', bookType: 'biff8' });
    // Point the cell's XF record (type 0x00E0, 20 bytes) at the built-in format, as Chinese Excel writes it.
    for (let at = 0; at + 8 < bytes.length; at += 1) {
      if (bytes.readUInt32LE(at) === 0x001400e0 && bytes.readUInt16LE(at + 6) === 14) bytes.writeUInt16LE(formatId, at + 6);
    }
    const path = join(makeTempDir(), '机构.xls');
    writeFileSync(path, bytes);
    expect(await rowsOf(path)).toEqual([
      { row: 1, cells: ['开办日期'] },
      { row: 2, cells: [new Date(Date.UTC(2025, 2, 7))] },
    ]);
  });
});
