/**
 * A reader started before the census and registry are read (threads/visit-part.ts):
 * it holds its batches until told what they say, and a part the reading no longer
 * wants (its port closed untold) ends, so that the reader is free for its next one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { checkAreasAgainst } from '../../src/schema/explain-unknown.js';
import type { CensusRow } from '../../src/schema/records.js';
import { dayNumber } from '../../src/shared/dates.js';
import { checkVisitPart, type VisitPartJob, type VisitPartMessage } from '../../src/threads/visit-part.js';
import { makeTempDir } from '../io/temp-files.js';

const HEADER = 'record_id,date,kind,child_id,birth_date,area_code,facility_id';
const census = (areaCode: string): CensusRow => ({ areaCode, areaName: areaCode, year: 2025, population: 100, infants01: 5, toddlers13: 9, row: 2 });
const AREAS = checkAreasAgainst(
  { records: [census('330106'), census('330106001'), census('330106001001')], listedCodes: ['330106', '330106001', '330106001001'], rejectedRows: [], unreadableCodes: [] },
  'census.csv',
);

function jobFor(lines: string[]): { job: VisitPartJob; tell: MessageChannel['port1'] } {
  const path = join(makeTempDir(), 'visits.csv');
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  const channel = new MessageChannel();
  const job: VisitPartJob = {
    path, start: HEADER.length + 1, end: HEADER.length + 1 + lines.join('\n').length + 1, last: true, encoding: 'utf8', delimiter: ',',
    source: { table: 'visits', file: path, sheet: null, format: 'csv' }, header: { row: 1, cells: HEADER.split(',') },
    areaCheck: null, facilityIds: null, knowledgeLater: channel.port2, today: dayNumber(2026, 1, 15), several: false, rowsPerMessage: 10,
  };
  return { job, tell: channel.port1 };
}

const rows = (count: number, area: string) => Array.from({ length: count }, (_, i) => `R${i},2025-03-07,guidance,C${i},2024-06-01,${area},`);

/** Runs the part, telling it `knowledge` once it has read as far as it goes untold (or closing its port untold). */
async function run(lines: string[], knowledge: 'known' | 'close'): Promise<VisitPartMessage[]> {
  const { job, tell } = jobFor(lines);
  const messages: VisitPartMessage[] = [];
  const done = checkVisitPart(job, (message) => messages.push(message));
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  const sentUntold = messages.length;
  if (knowledge === 'known') tell.postMessage({ areaCheck: AREAS.check, facilityIds: [] });
  else tell.close();
  await done;
  tell.close();
  expect(sentUntold).toBe(0);
  return messages;
}

describe('a reader started before the census and registry are read', () => {
  // 10,000 rows are a dozen pieces read, a batch each: the reader holds eight, then waits to be told.
  it('sends nothing until told, then every batch, when every area it met is known', async () => {
    const messages = await run(rows(10_000, '330106001001'), 'known');
    const batches = messages.flatMap((message) => (message.type === 'batch' ? [message.batch] : []));
    expect(batches.reduce((sum, batch) => sum + batch.count, 0)).toBe(10_000);
    expect(batches.flatMap((batch) => batch.issues)).toEqual([]);
    expect(messages.at(-1)).toMatchObject({ type: 'done', rows: 10_000, end: 'clean' });
  });

  it.each([
    { where: 'among the batches held', lines: [...rows(5, '110101001001'), ...rows(10_000, '330106001001')] },
    { where: 'in the last batch', lines: [...rows(20, '330106001001'), ...rows(5, '110101001001')] },
  ])('reads its part again, knowing, when an area it took as known is not ($where): the unknown area is then on its rows', async ({ lines }) => {
    const messages = await run(lines, 'known');
    const batches = messages.flatMap((message) => (message.type === 'batch' ? [message.batch] : []));
    expect(batches.reduce((sum, batch) => sum + batch.count, 0)).toBe(lines.length);
    const issues = batches.flatMap((batch) => batch.issues.map((issue) => issue.code));
    expect(issues).toEqual(Array(5).fill('unknown-area'));
  });

  it('ends its part when the reading closes its port untold, so that the reader is free', async () => {
    const messages = await run(rows(10_000, '330106001001'), 'close');
    expect(messages).toEqual([{ type: 'failed', reason: 'the part is no longer wanted' }]);
  });
});
