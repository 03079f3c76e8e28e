/**
 * The shape of a validated record, declared once with zod. The value parsers
 * (values.ts) turn messy cells into values and report what they cannot read;
 * these shapes state what a record must be once they have. The validators
 * build their records by hand and no run parses them again: loading zod and
 * parsing the census and registry cost a fifth of a small report's time, and
 * a visit a microsecond of a million. Instead the types below must agree with
 * the shapes, and test/schema/record-shapes.test.ts proves that every record
 * the validators pass on — over every fixture city, clean, messy and broken,
 * and over generated ones — has its shape.
 */
import type { z as Zod } from 'zod';
import { loadZod } from '../shared/load-zod.js';
import {
  ASSESSMENT_KINDS,
  ASSESSMENT_LEVELS,
  FACILITY_TYPES,
  QUALITY_DIMENSIONS,
  VISIT_KINDS,
  type Assessment,
  type CensusRow,
  type Facility,
  type Visit,
} from './records.js';
import { EARLIEST_PLAUSIBLE_DAY, isBirthTooEarly } from './plausibility.js';

/** The shapes, built on first use (zod is loaded then: see shared/load-zod.ts). */
function buildShapes(z: typeof Zod) {
  const count = z.number().int().nonnegative();
  const day = z.number().int();
  const row = z.number().int().positive();
  /** A normalised statistical division code: district, street or community. */
  const areaCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/);

  const CensusRowShape = z.object({
    areaCode: z.union([areaCode, z.literal('')]),
    areaName: z.string(),
    year: z.number().int().min(1900).max(2999).nullable(),
    population: count,
    infants01: count,
    toddlers13: count,
    row,
  });

  const FacilityShape = z
    .object({
      facilityId: z.string().min(1),
      name: z.string().min(1),
      areaCode,
      type: z.enum(FACILITY_TYPES),
      inclusive: z.boolean(),
      slots: count,
      toddlerClasses: count,
      toddlerClassesNew: count,
      provincial: z.boolean(),
      demonstration: z.boolean(),
      opened: day.nullable(),
      closed: day.nullable(),
      row,
    })
    .refine((f) => f.toddlerClassesNew <= f.toddlerClasses, { error: 'toddlerClassesNew exceeds toddlerClasses' })
    .refine((f) => f.opened === null || f.closed === null || f.closed > f.opened, { error: 'closed on or before opened' })
    .refine((f) => (f.opened === null || f.opened >= EARLIEST_PLAUSIBLE_DAY) && (f.closed === null || f.closed >= EARLIEST_PLAUSIBLE_DAY), {
      error: 'a date before 1949-10-01',
    });

  const VisitShape = z
    .object({
      recordId: z.string().min(1).nullable(),
      date: day,
      kind: z.enum(VISIT_KINDS),
      childId: z.string().min(1).nullable(),
      birthDate: day.nullable(),
      areaCode: areaCode.nullable(),
      facilityId: z.string().min(1).nullable(),
      row,
      childIndex: z.number().int().nonnegative().optional(),
    })
    .refine((v) => v.kind === 'outreach' || (v.childId !== null && v.birthDate !== null && v.areaCode !== null), {
      error: 'a guidance, activity or online record names the child, birth date and area',
    })
    .refine((v) => v.kind !== 'outreach' || v.facilityId !== null, { error: 'an outreach record names its facility' })
    .refine((v) => v.birthDate === null || v.birthDate <= v.date, { error: 'birth after the visit' })
    // SPEC §5 plausibility: no date before 1949-10-01, no birth more than 7 years before its service.
    .refine((v) => v.date >= EARLIEST_PLAUSIBLE_DAY && (v.birthDate === null || v.birthDate >= EARLIEST_PLAUSIBLE_DAY), { error: 'a date before 1949-10-01' })
    .refine((v) => v.birthDate === null || !isBirthTooEarly(v.birthDate, v.date), { error: 'born more than 7 years before the service' });

  /** A score of one dimension: 0 to its maximum, in tenths (SPEC §9). */
  const score = (max: number) =>
    z.number().min(0).max(max).refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { error: 'more than one decimal' });

  const AssessmentShape = z.object({
    facilityId: z.string().min(1),
    date: day,
    kind: z.enum(ASSESSMENT_KINDS),
    scores: z.object({
      conditions: score(QUALITY_DIMENSIONS.conditions),
      staff: score(QUALITY_DIMENSIONS.staff),
      care: score(QUALITY_DIMENSIONS.care),
      health: score(QUALITY_DIMENSIONS.health),
      family_support: score(QUALITY_DIMENSIONS.family_support),
      safety: score(QUALITY_DIMENSIONS.safety),
      management: score(QUALITY_DIMENSIONS.management),
    }),
    basicPassed: z.boolean(),
    level: z.enum(ASSESSMENT_LEVELS).nullable(),
    row,
  });

  return { CensusRowShape, FacilityShape, VisitShape, AssessmentShape };
}

export type RecordShapes = ReturnType<typeof buildShapes>;
let shapes: RecordShapes | undefined;

/** CensusRowShape, FacilityShape, VisitShape and AssessmentShape. */
export function recordShapes(): RecordShapes {
  shapes ??= buildShapes(loadZod());
  return shapes;
}

// The declared shapes and the record types must agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const censusAgrees: Same<Zod.infer<RecordShapes['CensusRowShape']>, CensusRow> = true;
const facilityAgrees: Same<Zod.infer<RecordShapes['FacilityShape']>, Facility> = true;
const visitAgrees: Same<Zod.infer<RecordShapes['VisitShape']>, Visit> = true;
const assessmentAgrees: Same<Zod.infer<RecordShapes['AssessmentShape']>, Assessment> = true;
void [censusAgrees, facilityAgrees, visitAgrees, assessmentAgrees];
