/**
 * The line scan of the byte path (schema/visit-bytes.ts) passes over plain
 * bytes a word at a time. A mistake there would mostly not change a result —
 * a line split wrongly fails the fast checks and is read as text — only make
 * the reading slow; so plain lines are held to the fast path here, wherever
 * the chunk holding them starts in its memory, with each delimiter and line end.
 */
import { describe, expect, it, vi } from 'vitest';
import { matchHeader } from '../../src/schema/headers.js';
import { RecordedIssues, ROW_FIELDS, VisitBatch, VisitKeys } from '../../src/schema/visit-batch.js';
import { VisitByteChecker } from '../../src/schema/visit-bytes.js';
import { VisitCellChecker, visitColumns } from '../../src/schema/visit-cells.js';
import { dayNumber } from '../../src/shared/dates.js';

const HEADER = ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'];

function checkerFor(delimiter: ',' | ';' | '\t'): VisitByteChecker {
  const source = { table: 'visits' as const, file: 'visits.csv', sheet: null, format: 'csv' as const };
  const header = { row: 1, cells: HEADER };
  const columns = visitColumns(matchHeader('visits', header, source), header);
  const context = { today: dayNumber(2026, 11, 30), several: false };
  const keys = new VisitKeys();
  return new VisitByteChecker(columns, context, keys, new VisitCellChecker(columns, context, keys, new RecordedIssues()), delimiter);
}

/** Plain rows of every length the ids give (so that their cells fall at every place in a word). */
function plainLines(delimiter: string): string[] {
  return Array.from({ length: 40 }, (_, i) =>
    [`R${'0'.repeat(i % 7)}${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, i % 3 === 0 ? 'online' : 'guidance', `C${i % 5}${'x'.repeat(i % 4)}`, '2024-06-01', '330106001001', ''].join(delimiter),
  );
}

describe('the byte path’s line scan', () => {
  for (const [delimiter, eol] of [[',', '\n'], [',', '\r\n'], [';', '\n'], ['\t', '\r\n'], [',', '\r']] as const) {
    it(`reads plain lines on the fast path at every offset (${JSON.stringify(delimiter)}, ${JSON.stringify(eol)})`, () => {
      const lines = plainLines(delimiter);
      const text = Buffer.from(lines.join(eol) + eol);
      const rowsAt: number[][] = [];
      for (let offset = 0; offset < 8; offset++) {
        const memory = Buffer.alloc(text.length + 16);
        text.copy(memory, offset);
        const chunk = memory.subarray(offset, offset + text.length);
        const checker = checkerFor(delimiter);
        const asText = vi.spyOn(checker, 'record');
        const batch = new VisitBatch();
        expect(checker.lines(chunk, 0, chunk.length, 2, batch)).toBe(lines.length);
        expect(asText).not.toHaveBeenCalled();
        expect(batch.count).toBe(lines.length);
        rowsAt.push([...batch.fields.subarray(0, batch.count * ROW_FIELDS)]);
      }
      // The same rows, whatever the offset.
      for (const rows of rowsAt) expect(rows).toEqual(rowsAt[0]);
    });
  }
});
