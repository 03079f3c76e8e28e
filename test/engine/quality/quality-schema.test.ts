/**
 * schema/quality.schema.json is generated from the zod schema of the review
 * (src/engine/quality/quality-schema.ts), and real reviews conform to it —
 * a clean city's, a tampered one's with every kind of finding, in both
 * languages — checked with the same independent validator as the report's.
 * After a deliberate change: `npx vitest run test/engine/quality/quality-schema.test.ts -u`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qualityJsonSchema, qualityReviewSchema } from '../../../src/engine/quality/quality-schema.js';
import { runCli } from '../../cli/run-cli.js';
import { violations } from '../json-schema-violations.js';
import { tamperedSampleCity } from '../../cli/tampered-city.js';

const published = (): Record<string, unknown> => JSON.parse(readFileSync('schema/quality.schema.json', 'utf8')) as Record<string, unknown>;

async function reviewOf(data: string, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await runCli(['quality', data, '--format', 'json', ...args], { env: { TUOYU_TODAY: '2026-01-15' } });
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('schema/quality.schema.json', () => {
  it('is generated from the zod schema of the review', async () => {
    await expect(`${JSON.stringify(qualityJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('../../../schema/quality.schema.json');
  });

  it.each([
    { name: 'the sample city, in Chinese', data: () => 'fixtures/sample-city', args: [] },
    { name: 'a tampered sample city, in English', data: () => tamperedSampleCity({ gap: { district: '339903', quarter: '2025Q3' }, tripled: { district: '339902', quarter: '2025Q2' } }), args: ['--lang', 'en'] },
    { name: 'the messy city, year to date', data: () => 'fixtures/messy-city', args: ['--period', '2025Q2'] },
  ])('a real review conforms: $name', async ({ data, args }) => {
    const review = await reviewOf(data(), ...args);
    expect((review.checks as unknown[]).length).toBeGreaterThan(0);
    expect(violations(published(), review)).toEqual([]);
    expect(qualityReviewSchema.safeParse(review).success).toBe(true);
  });

  it.each([
    { name: 'a flag in words', bend: (r: { checks: Record<string, unknown>[] }) => { r.checks[0].flag = 'yes'; } },
    { name: 'a quarter as a month', bend: (r: { checks: Record<string, unknown>[] }) => { r.checks[0].quarter = '2025-07'; } },
    { name: 'an unknown check', bend: (r: { checks: Record<string, unknown>[] }) => { r.checks[0].check = 'timeliness'; } },
  ])('refuses $name', async ({ bend }) => {
    const review = (await reviewOf('fixtures/sample-city')) as unknown as { checks: Record<string, unknown>[] };
    bend(review);
    expect(violations(published(), review)).not.toEqual([]);
    expect(qualityReviewSchema.safeParse(review).success).toBe(false);
  });
});
