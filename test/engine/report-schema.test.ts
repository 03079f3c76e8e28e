/**
 * The published JSON Schemas (schema/report.schema.json, schema/validation.schema.json)
 * are generated from the zod schemas in src/engine/report-schema.ts, and real
 * outputs — the golden reports, a report of messy data with issues, a
 * validation report — conform to them. The files are checked with a small
 * validator of the JSON Schema keywords they use (below), independent of zod,
 * so that what is published is itself what is tested.
 * After a deliberate change: `npx vitest run test/engine/report-schema.test.ts -u`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchemas, reportSchema, validationReportSchema } from '../../src/engine/report-schema.js';
import { runCli } from '../cli/run-cli.js';
import { aReport } from '../format/builders.js';
import { violations } from './json-schema-violations.js';

type Schema = Record<string, unknown>;

const published = {
  get report(): Schema {
    return JSON.parse(readFileSync('schema/report.schema.json', 'utf8')) as Schema;
  },
  get validation(): Schema {
    return JSON.parse(readFileSync('schema/validation.schema.json', 'utf8')) as Schema;
  },
};

describe('schema/*.schema.json', () => {
  it('are generated from the zod schemas of the report', async () => {
    const generated = reportJsonSchemas();
    await expect(`${JSON.stringify(generated.report, null, 2)}\n`).toMatchFileSnapshot('../../schema/report.schema.json');
    await expect(`${JSON.stringify(generated.validation, null, 2)}\n`).toMatchFileSnapshot('../../schema/validation.schema.json');
  });

  it.each(readdirSync('test/golden').filter((name) => name.endsWith('.json')))('the golden report %s conforms', (name) => {
    const report = JSON.parse(readFileSync(`test/golden/${name}`, 'utf8'));
    expect(violations(published.report, report)).toEqual([]);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('a report of messy data, issues and n/a values included, conforms', async () => {
    const result = await runCli(['report', 'fixtures/messy-city', '--by', 'community', '--format', 'json', '--lang', 'en']);
    const report = JSON.parse(result.stdout);
    expect(report.issues.length).toBeGreaterThan(0);
    expect(violations(published.report, report)).toEqual([]);
  });

  it('a validation report with errors conforms to its schema, and is not a report', async () => {
    const result = await runCli(['validate', 'fixtures/invalid/not-integer', '--format', 'json']);
    const validation = JSON.parse(result.stdout);
    expect(validation.summary.errors).toBeGreaterThan(0);
    expect(violations(published.validation, validation)).toEqual([]);
    expect(validationReportSchema.safeParse(validation).success).toBe(true);
    expect(violations(published.report, validation)).not.toEqual([]);
  });

  it('the report and validation of several submissions, with their submissions list, conform', async () => {
    const data = ['全市', '东湖区', '南山区', '北塘区', '西岭县.xlsx'].map((name) => `fixtures/split-city/${name}`);
    const env = { TUOYU_TODAY: '2026-01-31' };
    const report = JSON.parse((await runCli(['report', ...data, '--period', '2025', '--format', 'json'], { env })).stdout);
    const validation = JSON.parse((await runCli(['validate', ...data, '--format', 'json'], { env })).stdout);
    expect(report.submissions).toHaveLength(5);
    expect(violations(published.report, report)).toEqual([]);
    expect(violations(published.validation, validation)).toEqual([]);
    expect(validationReportSchema.safeParse(validation).success).toBe(true);
    // A list of one is not several submissions: a single one keeps SPEC §7's shape.
    validation.submissions = validation.submissions.slice(0, 1);
    expect(violations(published.validation, validation)).not.toEqual([]);
  });

  it.each([
    { name: 'an unknown status', bend: (r: ReturnType<typeof aReport>) => { (r.areas[0].indicators.slots_per_1000 as { status: string }).status = 'good'; } },
    { name: 'a value as text', bend: (r: ReturnType<typeof aReport>) => { (r.areas[0].indicators.slots_per_1000 as { value: unknown }).value = '4.8'; } },
    { name: 'a row 0', bend: (r: ReturnType<typeof aReport>) => { r.issues[0].row = 0; } },
    { name: 'another schema version', bend: (r: ReturnType<typeof aReport>) => { (r as { schemaVersion: number }).schemaVersion = 2; } },
    { name: 'no areas', bend: (r: ReturnType<typeof aReport>) => { r.areas = []; } },
  ])('refuses $name', ({ bend }) => {
    const report = aReport();
    bend(report);
    expect(violations(published.report, report)).not.toEqual([]);
    expect(reportSchema.safeParse(report).success).toBe(false);
  });
});
