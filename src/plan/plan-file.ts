/**
 * A plan file (`--plan FILE.json`) replaces targets (SPEC §1):
 *
 *   {"id": "city-2026", "name": "…", "base": "default", "targetYear": 2026,
 *    "targets": {"slots_per_1000": 6, "guidance_rate_0_1": {"value": 95, "op": ">="}, "employer_facility_count": null}}
 *
 * Indicators the file leaves out keep the base plan's target (default: the
 * built-in default plan); a bare number keeps the base plan's comparison
 * (`>=` where the base has none); null removes the target. An unknown
 * indicator id is an error, so a typo can never silently drop a target.
 */
import { z } from 'zod';
import { FatalInputError } from '../issues/fatal.js';
import { INDICATOR_IDS, type IndicatorId } from '../engine/indicators.js';
import { DEFAULT_PLAN, NATIONAL_PLAN } from './builtin.js';
import type { Plan, Target } from './plan.js';

const targetSchema = z.union([
  z.number().finite(),
  z.strictObject({ value: z.number().finite(), op: z.enum(['>=', '<=']) }),
  z.null(),
]);

const planFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  description: z.string().optional(),
  base: z.enum(['default', 'national']).optional(),
  targetYear: z.number().int().min(1900).max(2999).optional(),
  targets: z.record(z.string(), targetSchema),
  wording: z.record(z.string(), z.string()).optional(),
});

const BASES: Readonly<Record<'default' | 'national', Plan>> = { default: DEFAULT_PLAN, national: NATIONAL_PLAN };

/** Parses and checks a plan file's text; throws `FatalInputError` (`invalid-plan`) naming the bad key. */
export function parsePlanFile(text: string, fileName: string): Plan {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidPlan(fileName, text.slice(0, 80), `not JSON: ${(error as Error).message}`);
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    // An unknown key is named itself (a typo like "target" for "targets"), anything else by its path.
    const path = problem.code === 'unrecognized_keys' ? [...problem.path, problem.keys[0]] : problem.path;
    const key = path.map(String).join('.');
    throw invalidPlan(fileName, key === '' ? null : key, problem.message);
  }
  const file = parsed.data;
  const known = new Set<string>(INDICATOR_IDS);
  for (const key of [...Object.keys(file.targets), ...Object.keys(file.wording ?? {})]) {
    if (!known.has(key)) throw invalidPlan(fileName, key, `unknown indicator id; known ids: ${INDICATOR_IDS.join(', ')}`);
  }

  const base = BASES[file.base ?? 'default'];
  const targets: Record<IndicatorId, Target | null> = { ...base.targets };
  for (const [key, given] of Object.entries(file.targets)) {
    const id = key as IndicatorId;
    targets[id] = typeof given === 'number' ? { value: given, op: base.targets[id]?.op ?? '>=' } : given;
  }
  return {
    id: file.id,
    name: file.name,
    targets,
    wording: { ...base.wording, ...(file.wording as Partial<Record<IndicatorId, string>> | undefined) },
    targetYear: file.targetYear ?? base.targetYear,
  };
}

function invalidPlan(fileName: string, value: string | null, reason: string): FatalInputError {
  return new FatalInputError({
    code: 'invalid-plan',
    table: null,
    file: fileName,
    sheet: null,
    row: null,
    column: null,
    value,
    // The catalogue's message reads `detail`; `reason` carries the same words for other callers.
    params: { reason, detail: reason },
  });
}
