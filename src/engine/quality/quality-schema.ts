/**
 * The data-quality review's JSON (`tuoyu quality --format json`, SPEC §11) as
 * a zod schema, from which schema/quality.schema.json is generated the way
 * the report's schemas are (report-schema.ts): one description, so the
 * published document and the code cannot drift apart (a test regenerates it
 * and checks real reviews against it). Objects admit properties beyond those
 * listed, within schema version 1.
 */
import { z } from 'zod';
import { VISIT_KINDS } from '../../schema/records.js';
import { CENSUS_MEASURES, QUALITY_CHECKS } from './finding.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('ISO date, YYYY-MM-DD');
const count = z.number().int().min(0);
const quarterId = z.string().regex(/^\d{4}Q[1-4]$/).describe('A calendar quarter, e.g. 2025Q3');
const district = z.looseObject({ code: z.string().regex(/^\d{6}$/), name: z.string() });

export const qualityFindingSchema = z
  .looseObject({
    check: z.enum(QUALITY_CHECKS),
    area: z.string().describe('Area code (6 district, 9 street, 12 community; "" for the whole data set), or the facility id at level facility'),
    name: z.string(),
    level: z.enum(['all', 'district', 'street', 'community', 'facility']),
    quarter: quarterId.nullable().describe('The quarter flagged; null for a finding about the window or a year'),
    value: z.number().nullable().describe('What the area had: a count of records, communities or people, slots, or a ratio'),
    reference: z.number().nullable().describe('What it was compared with: a mean of quarters or years, a median, the whole data set’s ratio, the census'),
    threshold: z.number().describe('The check’s threshold (plan data: the plan file’s quality section)'),
    flag: z.boolean().describe('true when flagged; false for a note (a lone moderate outlier, too few quarters, nothing to compare with)'),
    measure: z.enum(['records', 'community_share', ...VISIT_KINDS, ...CENSUS_MEASURES, 'open_slots', 'toddler_infant_ratio', 'infants_seen']),
    district: z.string().regex(/^(\d{6})?$/).describe('The district the area or facility lies in; "" for the whole data set'),
    compared: z.number().nullable().describe('The number held against the threshold: a modified z-score, a change or difference in percent, a share in percent, a ratio'),
    outcome: z.enum([
      'no-records', 'low-share', 'no-communities', 'moderate', 'extreme', 'too-few-quarters', 'change', 'no-previous-year', 'ratio-difference', 'above-census',
    ]),
    message: z.string().describe('The finding in words, in the output language'),
    referenceQuarters: z.array(quarterId).optional(),
    spread: z.number().min(0).optional().describe('Outliers: σ̂, what the distance from the median was divided by'),
    basis: z
      .enum(['mad', 'mean-deviation', 'poisson', 'none'])
      .optional()
      .describe('Outliers: σ̂ from the MAD, or from the mean absolute deviation when the MAD is 0; poisson where the score is the bound of counting noise'),
    year: z.number().int().optional(),
    referenceYears: z.array(z.number().int()).optional(),
  })
  .describe('One finding of the review');

const summarySchema = z.looseObject({
  flagged: count,
  notes: count,
  completeness: z.looseObject({ areas: count, flagged: count }),
  outliers: z.looseObject({ series: count, scored: count, moderate: count, extreme: count, flaggedAreas: count, flaggedDistricts: z.array(district) }),
  overTime: z.looseObject({ compared: count, flagged: count }),
  related: z.looseObject({ compared: count, flagged: count }),
  flaggedDistricts: z.array(district),
});

const thresholdsSchema = z.looseObject({
  completeness: z.looseObject({ communityShare: z.number() }),
  outliers: z.looseObject({ moderate: z.number(), extreme: z.number(), minQuarters: count, flagExtremeCount: count, flagModerateCount: count }),
  overTime: z.looseObject({ change: z.number(), years: count }),
  related: z.looseObject({ difference: z.number(), infantsSeenRatio: z.number() }),
});

export const qualityReviewSchema = z
  .looseObject({
    schemaVersion: z.literal(1),
    tool: z.looseObject({ name: z.literal('tuoyu'), version: z.string() }),
    period: z.looseObject({ id: z.string(), start: isoDate, end: isoDate }),
    plan: z.looseObject({ id: z.string(), name: z.string() }),
    thresholds: thresholdsSchema,
    checks: z.array(qualityFindingSchema),
    summary: summarySchema,
    dataIssues: z.looseObject({ errors: count, warnings: count, infos: count }),
  })
  .meta({ title: 'tuoyu data-quality review', description: 'The output of `tuoyu quality --format json` (SPEC §11), schema version 1' });

/** The published JSON Schema, as schema/quality.schema.json holds it. */
export function qualityJsonSchema(): object {
  return z.toJSONSchema(qualityReviewSchema, { target: 'draft-2020-12' });
}
