import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer } from '../../src/io/read-csv-rows.js';
import { seededRandom } from '../properties/seeded-random.js';

/** csv-parse as the reader configures it, over the whole text at once: the general path. */
function parseWhole(text: Buffer, delimiter: string): string[][] {
  return parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as string[][];
}

/** The tokenizer fed in the given piece sizes (cut anywhere, even inside a character). */
function tokenize(text: Buffer, delimiter: string, sizes: number[]): { records: string[][]; error: string | null } {
  const records: string[][] = [];
  const tokenizer = createCsvTokenizer(delimiter, (record) => records.push(record));
  let offset = 0;
  let error: string | null = null;
  for (let i = 0; offset < text.length && error === null; i++) {
    const size = sizes[i % sizes.length];
    error = tokenizer.write(text.subarray(offset, offset + size))?.code ?? null;
    offset += size;
  }
  if (error === null) error = tokenizer.end(Buffer.alloc(0))?.code ?? null;
  return { records, error };
}

/**
 * CSV text made of the pieces that matter to a tokenizer: delimiters, every
 * kind of line break, quotes opened, closed, doubled and stray, quoted line
 * breaks, blanks, multi-byte characters and a BOM, and long plain stretches
 * (where the fast path runs) between them.
 */
function generateCsv(next: () => number, delimiter: string): Buffer {
  const pieces = ['a', '1', '儿童', ' ', '😀', delimiter, ',', ';', '\t', '\n', '\r\n', '\r', '"', '""', '"x,y"', '"多\n行"', '5"3'];
  const plainLine = `R0001${delimiter}2025-03-07${delimiter}guidance${delimiter}C01${delimiter}${delimiter}330106001001\n`;
  let text = next() < 0.2 ? '\ufeff' : '';
  const length = Math.floor(next() * 400);
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll < 0.5) text += pieces[Math.floor(next() * pieces.length)];
    else if (roll < 0.97) text += plainLine;
    else text += plainLine.repeat(300);
  }
  return Buffer.from(text, 'utf8');
}

describe('createCsvTokenizer', () => {
  it.each([
    { name: 'plain lines with LF', text: 'a,b\n1,2\n' },
    { name: 'CRLF, LF and CR mixed, no final break', text: 'a,b\r\n1,2\n3,4\r5,6' },
    { name: 'blank lines and a line of only delimiters', text: '\n\na,b\n\n,,\n' },
    { name: 'a BOM is dropped once', text: '\ufeffa,b\n\ufeff1,2\n' },
    { name: 'a quoted line break, then plain lines again', text: 'a,b\n"x\ny",1\n2,3\n4,5\n' },
    { name: 'a quote at the end of a piece', text: 'a,"b"\n1,2\n' },
    { name: 'a stray quote inside a cell', text: 'a,b\n5"3,x\n' },
    { name: 'CR as the last byte of a piece', text: 'a,b\r\n1,2\r' },
  ])('$name: the same records as csv-parse, whole or cut into pieces', ({ text }) => {
    const bytes = Buffer.from(text, 'utf8');
    const expected = parseWhole(bytes, ',');
    for (const sizes of [[bytes.length], [1], [2, 3], [5]]) {
      expect(tokenize(bytes, ',', sizes)).toEqual({ records: expected, error: null });
    }
  });

  it('gives the same records as csv-parse on 200 generated texts, cut into random pieces', () => {
    const mismatches: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const next = seededRandom(seed);
      const delimiter = [',', ';', '\t'][seed % 3];
      const text = generateCsv(next, delimiter);
      let expected: { records: string[][]; error: string | null };
      try {
        expected = { records: parseWhole(text, delimiter), error: null };
      } catch (error) {
        // An unclosed quote: the tokenizer must fail the same way (rows before it are the reader's concern).
        expected = { records: [], error: (error as { code: string }).code };
      }
      const sizes = [1 + Math.floor(next() * 20_000), 1 + Math.floor(next() * 7), 1 + Math.floor(next() * 300)];
      const actual = tokenize(text, delimiter, sizes);
      const same = expected.error === null ? actual.error === null && JSON.stringify(actual.records) === JSON.stringify(expected.records) : actual.error === expected.error;
      if (!same) mismatches.push(seed);
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
