/**
 * The sample city with faults planted in its service records, written to a
 * temporary folder beside copies of its other tables: a district's quarter
 * removed, a district's guidance records of a quarter entered three times
 * (each copy with a record id of its own, as double entry gives them).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../io/temp-files.js';

const SAMPLE = 'fixtures/sample-city';

export interface Tampering {
  /** Every record of the district in the quarter removed. */
  gap?: { district: string; quarter: string };
  /** The district's guidance records of the quarter, each entered three times. */
  tripled?: { district: string; quarter: string };
}

/** "2025-03-07", "2025/3/7", "2025年3月7日", "20250307" → "2025Q1". */
function quarterOf(date: string): string {
  const [, year, month] = /^(\d{4})\D?(\d{1,2})/.exec(date) ?? [];
  return `${year}Q${Math.ceil(Number(month) / 3)}`;
}

export function tamperedSampleCity({ gap, tripled }: Tampering): string {
  const dir = makeTempDir();
  for (const file of ['census.csv', 'facilities.xlsx', '质量评估.csv']) copyFileSync(join(SAMPLE, file), join(dir, file));
  const [header, ...lines] = readFileSync(join(SAMPLE, 'visits.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  const out = [header];
  for (const line of lines) {
    const [recordId, date, kind] = line.split(',');
    // Each district sends its own block of records: FW01-… is 339901, FW02-… 339902 (fixtures/sample-city/README.md).
    const district = `3399${recordId.slice(2, 4)}`;
    const quarter = quarterOf(date);
    if (gap && district === gap.district && quarter === gap.quarter) continue;
    out.push(line);
    if (tripled && district === tripled.district && quarter === tripled.quarter && kind === '科学育儿指导') {
      const rest = line.slice(recordId.length);
      out.push(`${recordId}-B${rest}`, `${recordId}-C${rest}`);
    }
  }
  writeFileSync(join(dir, 'visits.csv'), `\uFEFF${out.join('\r\n')}\r\n`);
  return dir;
}
