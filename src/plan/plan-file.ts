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
import type { z as Zod } from 'zod';
import { loadZod } from '../shared/load-zod.js';
import { FatalInputError } from '../issues/fatal.js';
import { INDICATOR_IDS, type IndicatorId } from '../engine/indicators.js';
import { DEFAULT_PLAN, NATIONAL_PLAN } from './builtin.js';
import { createTextDecoder, detectEncoding } from '../io/decode-text.js';
import { nearest } from '../shared/nearest.js';
import { pathKey, scanJson } from './json-lines.js';
import type { Plan, Target } from './plan.js';
import { WHO_QUALITY_THRESHOLDS, type QualityThresholds } from '../engine/quality/thresholds.js';

/** The plan-file format, built on first use (zod is loaded then: see shared/load-zod.ts). */
function buildPlanFileSchema(z: typeof Zod) {
  const targetSchema = z.union([
    z.number().finite(),
    z.strictObject({ value: z.number().finite(), op: z.enum(['>=', '<=']) }),
    z.null(),
  ]);

  const positive = z.number().finite().positive();
  const percent = z.number().finite().min(0).max(100);
  const wholeAtLeast = (min: number) => z.number().int().min(min);

  /**
   * The data-quality review's thresholds (SPEC §11). Every key is optional and
   * keeps the base plan's figure (WHO's defaults) when left out.
   */
  const qualitySchema = z.strictObject({
    completeness: z.strictObject({ communityShare: percent }).partial().optional(),
    outliers: z
      .strictObject({ moderate: positive, extreme: positive, minQuarters: wholeAtLeast(3), flagExtremeCount: wholeAtLeast(1), flagModerateCount: wholeAtLeast(1) })
      .partial()
      .optional(),
    overTime: z.strictObject({ change: positive, years: wholeAtLeast(1).max(10) }).partial().optional(),
    related: z.strictObject({ difference: positive, infantsSeenRatio: positive }).partial().optional(),
  });

  const planFileSchema = z.strictObject({
    $schema: z.string().optional(),
    id: z.string().trim().min(1),
    name: z.string().trim().min(1),
    description: z.string().optional(),
    base: z.enum(['default', 'national']).optional(),
    targetYear: z.number().int().min(1900).max(2999).optional(),
    targets: z.record(z.string(), targetSchema),
    wording: z.record(z.string(), z.string()).optional(),
    quality: qualitySchema.optional(),
  });
  return planFileSchema;
}

let planFileSchema: ReturnType<typeof buildPlanFileSchema> | undefined;
type PlanFileQuality = Zod.infer<ReturnType<typeof buildPlanFileSchema>>['quality'];

const BASES: Readonly<Record<'default' | 'national', Plan>> = { default: DEFAULT_PLAN, national: NATIONAL_PLAN };

/** What each key of a plan file must hold, in both output languages (SPEC §1; README "Plan files"). */
const TARGET_EXPECTED = {
  zh: '数字、{"value": 数字, "op": ">=" 或 "<="} 或 null',
  en: 'a number, {"value": number, "op": ">=" or "<="} or null',
};
function expectedAt(path: readonly (string | number)[]): { zh: string; en: string } {
  const [top, , inner] = path.map(String);
  if (path.length === 0) return { zh: '一个对象：{"id", "name", "targets", …}', en: 'an object: {"id", "name", "targets", …}' };
  if (top === 'id' || top === 'name') return { zh: '非空文字', en: 'text, not empty' };
  if (top === 'description') return { zh: '文字', en: 'text' };
  if (top === 'base') return { zh: '"default" 或 "national"', en: '"default" or "national"' };
  if (top === 'targetYear') return { zh: '1900–2999 之间的年份', en: 'a year from 1900 to 2999' };
  if (top === '$schema') return { zh: '文字（JSON Schema 的地址）', en: 'text (the JSON Schema address)' };
  if (top === 'targets' && path.length === 1) return { zh: '一个对象：指标编号 → 目标', en: 'an object: indicator id → target' };
  if (top === 'targets' && path.length === 2) return TARGET_EXPECTED;
  if (top === 'targets' && inner === 'value') return { zh: '数字', en: 'a number' };
  if (top === 'targets' && inner === 'op') return { zh: '">=" 或 "<="', en: '">=" or "<="' };
  if (top === 'targets') return { zh: '只含 "value" 和 "op"', en: 'only "value" and "op"' };
  if (top === 'wording' && path.length === 1) return { zh: '一个对象：指标编号 → 方案原文', en: 'an object: indicator id → the plan\'s wording' };
  if (top === 'wording') return { zh: '文字', en: 'text' };
  if (top === 'quality') return qualityExpected(path.slice(1).map(String));
  return { zh: `已知的键：${PLAN_KEYS.join('、')}`, en: `one of the keys ${PLAN_KEYS.join(', ')}` };
}
const PLAN_KEYS = ['$schema', 'id', 'name', 'description', 'base', 'targetYear', 'targets', 'wording', 'quality'];

/** Words for what each threshold of the `quality` section must be. */
const QUALITY_EXPECTED: Readonly<Record<string, { zh: string; en: string }>> = {
  communityShare: { zh: '0–100 之间的百分数', en: 'a percentage from 0 to 100' },
  moderate: { zh: '正数（修正Z值）', en: 'a positive number (a modified z-score)' },
  extreme: { zh: '正数（修正Z值，不小于 moderate）', en: 'a positive number (a modified z-score, not below moderate)' },
  minQuarters: { zh: '不小于 3 的整数（季度数）', en: 'a whole number of quarters, at least 3' },
  flagExtremeCount: { zh: '不小于 1 的整数', en: 'a whole number, at least 1' },
  flagModerateCount: { zh: '不小于 1 的整数', en: 'a whole number, at least 1' },
  change: { zh: '正数（百分比）', en: 'a positive number (percent)' },
  years: { zh: '1–10 之间的整数（年数）', en: 'a whole number of years from 1 to 10' },
  difference: { zh: '正数（百分比）', en: 'a positive number (percent)' },
  infantsSeenRatio: { zh: '正数（比值）', en: 'a positive number (a ratio)' },
};
const QUALITY_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  completeness: ['communityShare'],
  outliers: ['moderate', 'extreme', 'minQuarters', 'flagExtremeCount', 'flagModerateCount'],
  overTime: ['change', 'years'],
  related: ['difference', 'infantsSeenRatio'],
};

function qualityExpected([section, key]: string[]): { zh: string; en: string } {
  if (section === undefined) {
    const sections = Object.keys(QUALITY_SECTIONS);
    return { zh: `一个对象，键为 ${sections.join('、')}`, en: `an object with the keys ${sections.join(', ')}` };
  }
  const keys = QUALITY_SECTIONS[section];
  if (keys === undefined) return { zh: `${Object.keys(QUALITY_SECTIONS).join('、')} 之一`, en: `one of ${Object.keys(QUALITY_SECTIONS).join(', ')}` };
  if (key === undefined) return { zh: `一个对象，键为 ${keys.join('、')}`, en: `an object with the keys ${keys.join(', ')}` };
  if (!keys.includes(key)) return { zh: `已知的键：${keys.join('、')}`, en: `one of the keys ${keys.join(', ')}` };
  return QUALITY_EXPECTED[key];
}

/**
 * A plan file's bytes as text, read like a CSV (SPEC §3): UTF-8 with or
 * without BOM, GB18030/GBK (Windows Notepad's "ANSI" on a Chinese system),
 * UTF-16 with BOM. Bytes that are not valid in the detected encoding are an
 * `encoding-error` at their line, never silent mojibake.
 */
export function decodePlanFile(bytes: Uint8Array, fileName: string): string {
  const encoding = detectEncoding(bytes.subarray(0, 64 * 1024));
  const decoder = createTextDecoder(encoding, { mayFallBack: true });
  const pieces: Buffer[] = [];
  for (const piece of [decoder.decode(Buffer.from(bytes)), decoder.end()]) {
    pieces.push(piece.bytes);
    if (piece.invalid) {
      const before = Buffer.concat(pieces).toString('utf8');
      throw new FatalInputError({
        code: 'encoding-error', table: null, file: fileName, sheet: null, row: before.split('\n').length, column: null, value: null,
        params: { encoding: piece.invalid.encoding === 'utf8' ? 'UTF-8' : piece.invalid.encoding.toUpperCase() },
      });
    }
  }
  return Buffer.concat(pieces).toString('utf8');
}

/** Parses and checks a plan file's text; throws `FatalInputError` (`invalid-plan`) saying where (key path, line) and what was expected. */
export function parsePlanFile(text: string, fileName: string): Plan {
  const scan = scanJson(text);
  if (scan.error !== null) {
    const { line, column, found } = scan.error;
    throw invalidPlan(fileName, null, {
      line, column, found: found === '' ? '（文件结尾）' : found,
      expectedZh: '有效的 JSON（检查引号、逗号和括号）', expectedEn: 'valid JSON (check quotes, commas and brackets)',
      ...(found === '' ? { foundEn: '(the end of the file)' } : {}),
    });
  }
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  const lineOf = (path: readonly (string | number)[]) => scan.lines.get(pathKey(path)) ?? scan.lines.get(pathKey(path.slice(0, -1)));
  planFileSchema ??= buildPlanFileSchema(loadZod());
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    // An unknown key is named itself (a typo like "target" for "targets"), anything else by its path.
    const path = problem.code === 'unrecognized_keys' ? [...problem.path, problem.keys[0]] : problem.path;
    const key = path.map(String).join('.');
    const found = valueAt(json, path);
    const expected = expectedAt(path as (string | number)[]);
    throw invalidPlan(fileName, key === '' ? null : key, {
      expectedZh: expected.zh, expectedEn: expected.en, ...lineParam(lineOf(path as (string | number)[])),
      ...(found === undefined ? { found: problem.code === 'unrecognized_keys' ? key : '（无）', foundEn: problem.code === 'unrecognized_keys' ? key : '(nothing)' } : { found: shortJson(found) }),
    });
  }
  const file = parsed.data;
  const known = new Set<string>(INDICATOR_IDS);
  for (const [section, keys] of [['targets', Object.keys(file.targets)], ['wording', Object.keys(file.wording ?? {})]] as const) {
    for (const key of keys) {
      if (known.has(key)) continue;
      const suggestion = nearest(key, INDICATOR_IDS, { maxDistance: 3 });
      throw invalidPlan(fileName, key, {
        ...lineParam(lineOf([section, key])),
        expectedZh: `指标编号之一（tuoyu indicators 列出）${suggestion ? `，是否应为 "${suggestion}"？` : ''}`,
        expectedEn: `an indicator id (tuoyu indicators lists them)${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        found: JSON.stringify(key),
        detail: `unknown indicator id; known ids: ${INDICATOR_IDS.join(', ')}`,
      });
    }
  }

  const base = BASES[file.base ?? 'default'];
  const quality = mergeQuality(base.quality, file.quality);
  if (quality.outliers.extreme < quality.outliers.moderate) {
    const path = ['quality', 'outliers', file.quality?.outliers?.extreme !== undefined ? 'extreme' : 'moderate'];
    throw invalidPlan(fileName, path.join('.'), {
      ...lineParam(lineOf(path)), expectedZh: QUALITY_EXPECTED.extreme.zh, expectedEn: QUALITY_EXPECTED.extreme.en,
      found: `extreme ${quality.outliers.extreme} < moderate ${quality.outliers.moderate}`,
    });
  }
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
    quality,
  };
}

/** The base plan's thresholds with those the file gives, section by section. */
function mergeQuality(base: QualityThresholds, given: PlanFileQuality): QualityThresholds {
  return {
    completeness: { ...base.completeness, ...given?.completeness },
    outliers: { ...base.outliers, ...given?.outliers },
    overTime: { ...base.overTime, ...given?.overTime },
    related: { ...base.related, ...given?.related },
  };
}

function lineParam(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = json;
  for (const segment of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, segment)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[segment];
  }
  return here;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function invalidPlan(fileName: string, value: string | null, params: Record<string, string | number>): FatalInputError {
  const detail = `expected ${params.expectedEn ?? ''}${params.found !== undefined ? `, found ${params.foundEn ?? params.found}` : ''}`;
  return new FatalInputError({
    code: 'invalid-plan',
    table: null,
    file: fileName,
    sheet: null,
    row: typeof params.line === 'number' ? params.line : null,
    column: null,
    value,
    // `reason`/`detail` carry the English words for callers that do not render the catalogue.
    params: { reason: detail, detail, ...params },
  });
}

/**
 * The plan-file format as a JSON Schema (draft 2020-12), beside the zod
 * schema it mirrors, with the indicator ids taken from the catalogue. The
 * shipped schema/plan.schema.json is this object (a test compares them, and
 * validates the built-in plans and files against it), so an editor can check
 * a plan file as it is typed.
 */
export function planJsonSchema(): Record<string, unknown> {
  const target = {
    description: 'A target: a number (the base plan\'s comparison, else >=), {"value", "op"}, or null for no target.',
    anyOf: [
      { type: 'number' },
      { type: 'object', properties: { value: { type: 'number' }, op: { enum: ['>=', '<='] } }, required: ['value', 'op'], additionalProperties: false },
      { type: 'null' },
    ],
  };
  const ids = [...INDICATOR_IDS];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'tuoyu plan file',
    description: 'Targets that replace those of a built-in plan (tuoyu report --plan FILE). Indicators left out keep the base plan\'s target.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      id: { type: 'string', minLength: 1, pattern: '\\S' },
      name: { type: 'string', minLength: 1, pattern: '\\S' },
      description: { type: 'string' },
      base: { enum: ['default', 'national'], default: 'default' },
      targetYear: { type: 'integer', minimum: 1900, maximum: 2999 },
      targets: { type: 'object', propertyNames: { enum: ids }, additionalProperties: target },
      wording: { type: 'object', propertyNames: { enum: ids }, additionalProperties: { type: 'string' } },
      quality: qualityJsonSchema(),
    },
    required: ['id', 'name', 'targets'],
    additionalProperties: false,
  };
}

/** The `quality` section as JSON Schema, each threshold with WHO's default and what it does. */
function qualityJsonSchema(): Record<string, unknown> {
  const section = (description: string, properties: Record<string, Record<string, unknown>>) => ({
    type: 'object', description, properties, additionalProperties: false,
  });
  const { completeness, outliers, overTime, related } = WHO_QUALITY_THRESHOLDS;
  return {
    type: 'object',
    description: 'Thresholds of the data-quality review (tuoyu quality); keys left out keep the defaults (WHO Data Quality Review).',
    properties: {
      completeness: section('Reporting completeness', {
        communityShare: { type: 'number', minimum: 0, maximum: 100, default: completeness.communityShare, description: 'Percent of an area\'s communities with a record in the window below which it is flagged' },
      }),
      outliers: section('Outliers of quarterly record counts (modified z-score, Iglewicz–Hoaglin)', {
        moderate: { type: 'number', exclusiveMinimum: 0, default: outliers.moderate, description: 'A score above this is a moderate outlier' },
        extreme: { type: 'number', exclusiveMinimum: 0, default: outliers.extreme, description: 'A score above this is an extreme outlier (not below moderate)' },
        minQuarters: { type: 'integer', minimum: 3, default: outliers.minQuarters, description: 'Series with fewer whole quarters are not scored' },
        flagExtremeCount: { type: 'integer', minimum: 1, default: outliers.flagExtremeCount, description: 'An area is flagged with at least this many extreme outliers…' },
        flagModerateCount: { type: 'integer', minimum: 1, default: outliers.flagModerateCount, description: '…or at least this many moderate ones' },
      }),
      overTime: section('Consistency over time of census figures and open slots', {
        change: { type: 'number', exclusiveMinimum: 0, default: overTime.change, description: 'Percent change against the reference beyond which an area is flagged' },
        years: { type: 'integer', minimum: 1, maximum: 10, default: overTime.years, description: 'The reference is the mean of up to this many previous years' },
      }),
      related: section('Consistency between related numbers', {
        difference: { type: 'number', exclusiveMinimum: 0, default: related.difference, description: 'Percent by which an area\'s toddlers ÷ (2 × infants) may differ from the whole data set\'s' },
        infantsSeenRatio: { type: 'number', exclusiveMinimum: 0, default: related.infantsSeenRatio, description: 'Children aged 0 seen ÷ infants_0_1 above this is flagged' },
      }),
    },
    additionalProperties: false,
  };
}
