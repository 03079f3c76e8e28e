/**
 * The inputs of `tuoyu trend`: JSON reports written by `tuoyu report
 * --format json` (SPEC §7). Each is checked to be a tuoyu report of schema
 * version 1 with a total row before the trend reads it; anything else is
 * refused naming the file, since a trend over a wrong file would mislead.
 * An indicator a report lacks (one added to the catalogue after that report
 * was written) is shown without a value for that period, not refused.
 *
 * Pure: the CLI reads the files and passes their text.
 */
import type { z as Zod } from 'zod';
import { loadZod } from '../shared/load-zod.js';
import { FatalInputError } from '../issues/fatal.js';
import type { Report } from './report.js';
import { assertSamePlan } from './trend.js';

/** What a report JSON must hold, built on first use (zod is loaded then: see shared/load-zod.ts). */
function buildReportSchema(z: typeof Zod) {
  const nullableNumber = z.number().finite().nullable();

  const indicatorResultSchema = z.looseObject({
    value: nullableNumber,
    numerator: nullableNumber,
    denominator: nullableNumber,
    target: nullableNumber,
    op: z.enum(['>=', '<=']).nullable(),
    status: z.enum(['met', 'not_met', 'no_target', 'n/a']),
    reason: z.string().optional(),
  });

  const areaSchema = z.looseObject({
    code: z.string(),
    name: z.string(),
    level: z.enum(['all', 'district', 'street', 'community']),
    indicators: z.record(z.string(), indicatorResultSchema),
  });

  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

  const reportSchema = z.looseObject({
    schemaVersion: z.literal(1),
    tool: z.looseObject({ name: z.literal('tuoyu'), version: z.string() }),
    period: z.looseObject({ id: z.string(), start: isoDate, end: isoDate }),
    plan: z.looseObject({ id: z.string(), name: z.string() }),
    inputs: z.array(z.looseObject({})),
    areas: z.array(areaSchema).min(1),
    issues: z.array(z.looseObject({})),
    summary: z.looseObject({ errors: z.number(), warnings: z.number(), infos: z.number() }),
  }).superRefine((report, ctx) => {
    const total = report.areas[0];
    if (!total || total.level !== 'all' || total.code !== '') {
      ctx.addIssue({ code: 'custom', path: ['areas', 0], message: 'the first area is not the total row' });
      return;
    }
  });
  return reportSchema;
}

let reportSchema: ReturnType<typeof buildReportSchema> | undefined;

/**
 * Parses one report's JSON text. Throws `FatalInputError` `not-a-report`
 * naming the file and the first thing that is wrong.
 */
export function parseReportJson(text: string, fileName: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw notAReport(fileName, 'not JSON');
  }
  reportSchema ??= buildReportSchema(loadZod());
  const result = reportSchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first.path.length ? first.path.join('.') : '(root)';
    throw notAReport(fileName, `${where}: ${first.message}`);
  }
  return result.data as unknown as Report;
}

/** Parses several reports and refuses a set that follows different plans (`plan-mismatch`, naming the odd file). */
export function parseReportJsons(files: readonly { text: string; fileName: string }[]): Report[] {
  const reports = files.map((f) => parseReportJson(f.text, f.fileName));
  assertSamePlan(reports, files.map((f) => f.fileName));
  return reports;
}

function notAReport(fileName: string, detail: string): FatalInputError {
  return new FatalInputError({
    code: 'not-a-report', table: null, file: fileName, sheet: null, row: null, column: null,
    value: detail, params: { detail },
  });
}
