/**
 * The JSON report (SPEC §7, `schemaVersion: 1`) and the `tuoyu validate
 * --format json` output as zod schemas: the one description from which the
 * published JSON Schemas in schema/ are generated (`z.toJSONSchema`), so the
 * documents and the code cannot drift apart (a test regenerates them and
 * checks real outputs against them). Objects admit properties beyond those
 * listed: a later release may add some within schema version 1, and readers
 * ignore what they do not know. The shapes follow the types of report.ts;
 * the tests check real outputs and the test builders' reports against them.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('ISO date, YYYY-MM-DD');
const count = z.number().int().min(0);
const nullableNumber = z.number().nullable();

export const indicatorResultSchema = z
  .looseObject({
    value: nullableNumber.describe('In the indicator’s unit (percent 0–100, per 1,000, per infant, count), unrounded; null when status is n/a'),
    numerator: nullableNumber.describe('For counts and sums, the value itself; null when n/a'),
    denominator: nullableNumber.describe('null for counts and sums, and when n/a'),
    target: nullableNumber.describe('The plan’s target; null when status is no_target'),
    op: z.enum(['>=', '<=']).nullable().describe('How the value is compared with the target; null when status is no_target'),
    status: z.enum(['met', 'not_met', 'no_target', 'n/a']),
    reason: z.string().optional().describe('Only with status n/a: why, in words, in the output language'),
  })
  .describe('One indicator in one area');

export const areaSchema = z
  .looseObject({
    code: z.string().regex(/^(\d{6}|\d{9}|\d{12})?$/).describe('Statistical division code (6 district, 9 township/street, 12 community); "" for the total row'),
    name: z.string(),
    level: z.enum(['all', 'district', 'street', 'community']),
    indicators: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/), indicatorResultSchema)
      .describe('Every indicator of the catalogue (`tuoyu indicators`), by id'),
  })
  .describe('An area row: the total first, then areas by code');

export const issueSchema = z
  .looseObject({
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/).describe('Stable kebab-case code, listed in docs/issue-codes.md'),
    table: z.string().nullable().describe('census, facilities, visits or another input table; null for a run-level issue'),
    file: z.string().nullable(),
    sheet: z.string().nullable(),
    row: z.number().int().min(1).nullable().describe('1-based row as the spreadsheet shows it (header = 1); the first row of a group'),
    column: z.string().nullable(),
    value: z.string().nullable().describe('The offending value as text'),
    cell: z.string().nullable().describe('The spreadsheet cell of the first occurrence (D7); null when the column’s position is not known'),
    message: z.string().describe('What is wrong and where, in the output language'),
    hint: z.string().nullable().describe('The catalogue’s advice on what to do, in the output language; null when it has none'),
    count: z.number().int().min(1).describe('Occurrences in the group this issue stands for (same code, file, column and value)'),
    rows: z.array(z.number().int().min(1)).max(20).describe('The group’s first rows, in order (empty for a file-level issue)'),
    cause: z
      .looseObject({
        code: z.string(),
        table: z.string().nullable(),
        file: z.string().nullable(),
        row: z.number().int().min(1).nullable(),
      })
      .optional()
      .describe('For a follow-on issue: the issue that set it off (a rejected census row, an unusable table), where it was filed'),
    groups: z.number().int().min(0).optional().describe('On an issues-truncated note: groups of its code in its file, listed or not (a floor when groupsAtLeast)'),
    groupsListed: z.number().int().min(0).optional().describe('On an issues-truncated note: how many of those groups are listed'),
    groupsAtLeast: z.literal(true).optional().describe('On an issues-truncated note: too many groups to tell apart; groups is a floor'),
  })
  .describe('A problem found in the input');

export const inputSummarySchema = z
  .looseObject({
    table: z.string(),
    file: z.string(),
    sheet: z.string().nullable(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    read: count,
    used: count,
    rejected: count,
    skipped: count,
  })
  .describe('One input table: rows read = used + rejected + skipped');

const summarySchema = z
  .looseObject({ errors: count, warnings: count, infos: count })
  .describe('Occurrences by severity, every one counted, listed or not');

export const submissionSummarySchema = z
  .looseObject({
    name: z.string().describe('The DATA as given (a folder or a workbook), or its files when named one by one'),
    inputs: z
      .array(z.looseObject({ table: z.string(), file: z.string(), sheet: z.string().nullable() }))
      .describe('The tables found in it; a table another submission brings may be absent'),
    summary: summarySchema.describe('Occurrences of the issues filed at its files, by severity'),
  })
  .describe('One of several submissions of one city read as one (SPEC §8)');

const validationShape = {
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.literal('tuoyu'), version: z.string() }),
  inputs: z.array(inputSummarySchema),
  submissions: z
    .array(submissionSummarySchema)
    .min(2)
    .optional()
    .describe('Only when several submissions (DATA…) were read as one: each, in the order given; issues name their own file'),
  issues: z.array(issueSchema),
  summary: summarySchema,
};

export const validationReportSchema = z
  .looseObject(validationShape)
  .meta({ title: 'tuoyu validation report', description: 'The output of `tuoyu validate --format json` (SPEC §7), schema version 1' });

export const reportSchema = z
  .looseObject({
    ...validationShape,
    period: z.looseObject({ id: z.string(), start: isoDate, end: isoDate }),
    plan: z.looseObject({ id: z.string(), name: z.string() }),
    areas: z.array(areaSchema).min(1),
  })
  .meta({ title: 'tuoyu report', description: 'The output of `tuoyu report --format json` (SPEC §7), schema version 1' });

/** The published JSON Schema documents, as `schema/*.schema.json` hold them. */
export function reportJsonSchemas(): { report: object; validation: object } {
  const options = { target: 'draft-2020-12' } as const;
  return { report: z.toJSONSchema(reportSchema, options), validation: z.toJSONSchema(validationReportSchema, options) };
}
