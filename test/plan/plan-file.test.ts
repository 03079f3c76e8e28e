import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodePlanFile, parsePlanFile, planJsonSchema } from '../../src/plan/plan-file.js';
import { formatFatal } from '../../src/issues/render.js';
import { BUILTIN_PLANS } from '../../src/plan/builtin.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { validateAgainstSchema } from './json-schema-check.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { FatalInputError } from '../../src/issues/fatal.js';
import { WHO_QUALITY_THRESHOLDS } from '../../src/engine/quality/thresholds.js';

function planText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'city-2026', name: '2026年目标', targets: {}, ...overrides });
}

describe('parsePlanFile', () => {
  it('keeps the default targets the file leaves out', () => {
    const plan = parsePlanFile(planText({ targets: { slots_per_1000: 6 } }), 'plan.json');
    expect(plan).toMatchObject({ id: 'city-2026', name: '2026年目标', targetYear: 2025 });
    expect(plan.targets).toEqual({ ...DEFAULT_PLAN.targets, slots_per_1000: { value: 6, op: '>=' } });
    expect(plan.wording).toEqual(DEFAULT_PLAN.wording);
  });

  it.each([
    { name: 'a bare number keeps the base comparison', given: 95, expected: { value: 95, op: '>=' } },
    { name: 'an explicit comparison', given: { value: 3, op: '<=' }, expected: { value: 3, op: '<=' } },
    { name: 'null removes the target', given: null, expected: null },
  ])('guidance_rate_0_1: $name', ({ given, expected }) => {
    expect(parsePlanFile(planText({ targets: { guidance_rate_0_1: given } }), 'plan.json').targets.guidance_rate_0_1).toEqual(expected);
  });

  it('gives a target to an indicator the base plan has none for', () => {
    expect(parsePlanFile(planText({ targets: { inclusive_slots: 3000 } }), 'p.json').targets.inclusive_slots).toEqual({ value: 3000, op: '>=' });
  });

  it.each([
    { id: 'self_assessment_rate', given: 90, expected: { value: 90, op: '>=' } },
    { id: 'quality_score_mean', given: 750, expected: { value: 750, op: '>=' } },
    { id: 'quality_ab_share', given: { value: 60, op: '>=' }, expected: { value: 60, op: '>=' } },
    { id: 'street_coverage_urban', given: 95, expected: { value: 95, op: '>=' } },
    { id: 'street_coverage_rural', given: null, expected: null },
  ] as const)('sets a target for $id (SPEC §9, §10)', ({ id, given, expected }) => {
    expect(parsePlanFile(planText({ targets: { [id]: given } }), 'p.json').targets[id]).toEqual(expected);
  });

  it('starts from the national plan and takes its own target year and wording', () => {
    const plan = parsePlanFile(
      planText({ base: 'national', targetYear: 2027, wording: { employer_facility_count: '每区至少1家' } }),
      'plan.json',
    );
    expect(plan.targets.slots_per_1000).toEqual({ value: 4.5, op: '>=' });
    expect(plan.targetYear).toBe(2027);
    expect(plan.wording.employer_facility_count).toBe('每区至少1家');
  });

  it('reads a file with a byte-order mark', () => {
    expect(parsePlanFile(`\uFEFF${planText()}`, 'plan.json').id).toBe('city-2026');
  });

  it.each([
    { name: 'bad JSON', text: '{"id": ', value: null },
    { name: 'an unknown indicator id', text: planText({ targets: { slots_per_100: 5 } }), value: 'slots_per_100' },
    { name: 'a target that is not a number', text: planText({ targets: { slots_per_1000: '5个' } }), value: 'targets.slots_per_1000' },
    { name: 'a comparison other than >= or <=', text: planText({ targets: { slots_per_1000: { value: 5, op: '>' } } }), value: 'targets.slots_per_1000' },
    { name: 'a missing name', text: JSON.stringify({ id: 'x', targets: {} }), value: 'name' },
    { name: 'missing targets', text: JSON.stringify({ id: 'x', name: 'x' }), value: 'targets' },
    { name: 'an unknown base', text: planText({ base: 'provincial' }), value: 'base' },
    { name: 'an unknown top-level key', text: planText({ target: {} }), value: 'target' },
    { name: 'wording for an unknown indicator', text: planText({ wording: { nope: 'x' } }), value: 'nope' },
    { name: 'a JSON array', text: '[]', value: null },
    { name: 'an unknown key in a target', text: planText({ targets: { slots_per_1000: { value: 5, op: '>=', unit: 'x' } } }), value: 'targets.slots_per_1000.unit' },
  ])('invalid-plan: $name', ({ text, value }) => {
    let thrown: unknown;
    try {
      parsePlanFile(text, 'plan.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FatalInputError);
    const draft = (thrown as FatalInputError).draft;
    expect(draft).toMatchObject({ code: 'invalid-plan', file: 'plan.json', value });
    expect(String(draft.params?.reason)).not.toBe('');
  });
});

/** The error a plan file text raises, as the CLI prints it. */
function failure(text: string, lang: 'zh' | 'en' = 'en'): { draft: FatalInputError['draft']; line: string } {
  try {
    parsePlanFile(text, 'plan.json');
  } catch (error) {
    if (error instanceof FatalInputError) return { draft: error.draft, line: formatFatal(error.draft, lang) };
    throw error;
  }
  throw new Error('no error');
}

describe('plan file errors say what was expected and where', () => {
  const pretty = (value: unknown) => JSON.stringify(value, null, 2);

  it.each([
    {
      name: 'a target that is text',
      text: pretty({ id: 'x', name: 'x', targets: { guidance_rate_0_1: 90, slots_per_1000: '5个' } }),
      en: 'Plan file plan.json, line 6, “targets.slots_per_1000”: expected a number, {"value": number, "op": ">=" or "<="} or null, found "5个"',
      zh: '方案文件「plan.json」第6行「targets.slots_per_1000」：应为数字、{"value": 数字, "op": ">=" 或 "<="} 或 null，实际为 "5个"',
    },
    {
      name: 'a misspelt indicator id',
      text: pretty({ id: 'x', name: 'x', targets: { slots_per_100: 5 } }),
      en: 'Plan file plan.json, line 5, “slots_per_100”: expected an indicator id (tuoyu indicators lists them); did you mean "slots_per_1000"?, found "slots_per_100"',
      zh: '方案文件「plan.json」第5行「slots_per_100」：应为指标编号之一（tuoyu indicators 列出），是否应为 "slots_per_1000"？，实际为 "slots_per_100"',
    },
    {
      name: 'a missing name',
      text: pretty({ id: 'x', targets: {} }),
      en: 'Plan file plan.json, line 1, “name”: expected text, not empty, found (nothing)',
      zh: '方案文件「plan.json」第1行「name」：应为非空文字，实际为 （无）',
    },
    {
      name: 'a syntax error',
      text: '{\n  "id": "x",\n  "name": "x"\n  "targets": {}\n}',
      en: 'Plan file plan.json, line 4, column 3: expected valid JSON (check quotes, commas and brackets), found "targets": {}',
      zh: '方案文件「plan.json」第4行第3列：应为有效的 JSON（检查引号、逗号和括号），实际为 "targets": {}',
    },
  ])('$name', ({ text, en, zh }) => {
    expect(failure(text, 'en').line).toContain(en);
    expect(failure(text, 'zh').line).toContain(zh);
    expect(failure(text).line).toContain('schema/plan.schema.json');
  });
});

describe('plan files are read with the encoding detection of CSVs', () => {
  const plan = { id: 'city-2026', name: '西湖区2026年目标', targets: { slots_per_1000: 6 } };

  it.each([
    { name: 'UTF-8', bytes: Buffer.from(JSON.stringify(plan), 'utf8') },
    { name: 'UTF-8 with BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(plan), 'utf8')]) },
    { name: 'GBK, as Windows Notepad saves "ANSI"', bytes: iconv.encode(JSON.stringify(plan, null, 2), 'gbk') },
    { name: 'UTF-16 LE with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(JSON.stringify(plan), 'utf16le')]) },
  ])('$name', ({ bytes }) => {
    expect(parsePlanFile(decodePlanFile(bytes, 'plan.json'), 'plan.json').name).toBe('西湖区2026年目标');
  });

  it('invalid bytes are an encoding-error at their line, never mojibake', () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "id": "x",\n  "name": "', 'utf8'), Buffer.from('西湖', 'utf8'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('"\n}', 'utf8')]);
    let thrown: unknown;
    try {
      decodePlanFile(bytes, 'plan.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FatalInputError);
    expect((thrown as FatalInputError).draft).toMatchObject({ code: 'encoding-error', file: 'plan.json', row: 3 });
  });
});

describe('parsePlanFile: the quality section (SPEC §11)', () => {
  it('defaults to WHO\'s thresholds', () => {
    expect(parsePlanFile(planText(), 'plan.json').quality).toEqual(WHO_QUALITY_THRESHOLDS);
    expect(WHO_QUALITY_THRESHOLDS).toEqual({
      completeness: { communityShare: 90 },
      outliers: { moderate: 3.5, extreme: 5, minQuarters: 4, flagExtremeCount: 1, flagModerateCount: 2 },
      overTime: { change: 33, years: 3 },
      related: { difference: 10, infantsSeenRatio: 1 },
    });
  });

  it('replaces the thresholds it names and keeps the others', () => {
    const plan = parsePlanFile(planText({ quality: { outliers: { extreme: 6 }, overTime: { years: 1 } } }), 'plan.json');
    expect(plan.quality.outliers).toEqual({ ...WHO_QUALITY_THRESHOLDS.outliers, extreme: 6 });
    expect(plan.quality.overTime).toEqual({ change: 33, years: 1 });
    expect(plan.quality.completeness).toEqual(WHO_QUALITY_THRESHOLDS.completeness);
  });

  it.each([
    { name: 'a share above 100', quality: { completeness: { communityShare: 120 } }, value: 'quality.completeness.communityShare', expected: '0 to 100' },
    { name: 'an unknown threshold', quality: { outliers: { extrem: 6 } }, value: 'quality.outliers.extrem', expected: 'moderate, extreme' },
    { name: 'an extreme threshold below the moderate one', quality: { outliers: { extreme: 3 } }, value: 'quality.outliers.extreme', expected: 'not below moderate' },
    { name: 'years as text', quality: { overTime: { years: '3' } }, value: 'quality.overTime.years', expected: 'from 1 to 10' },
  ])('invalid-plan: $name', ({ quality, value, expected }) => {
    let thrown: unknown;
    try {
      parsePlanFile(planText({ quality }), 'plan.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FatalInputError);
    const draft = (thrown as FatalInputError).draft;
    expect(draft).toMatchObject({ code: 'invalid-plan', value, row: 1 });
    expect(formatFatal(draft, 'en')).toContain(expected);
  });
});

describe('schema/plan.schema.json', () => {
  if (process.env.UPDATE_PLAN_SCHEMA === '1') writeFileSync('schema/plan.schema.json', `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
  const shipped = JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')) as Record<string, unknown>;

  it('is the schema tuoyu checks plan files by (regenerate: UPDATE_PLAN_SCHEMA=1 npx vitest run test/plan)', () => {
    expect(shipped).toEqual(planJsonSchema());
  });

  it.each(BUILTIN_PLANS.map((plan) => ({ id: plan.id, plan })))('the built-in plan $id, written as a plan file, is valid', ({ plan }) => {
    const file = { id: plan.id, name: plan.name, targetYear: plan.targetYear, targets: plan.targets, wording: plan.wording, quality: plan.quality };
    expect(validateAgainstSchema(shipped, file)).toEqual([]);
    expect(parsePlanFile(JSON.stringify(file), 'builtin.json').targets).toEqual(plan.targets);
    expect(parsePlanFile(JSON.stringify(file), 'builtin.json').quality).toEqual(plan.quality);
  });

  it('the README example is a valid plan file', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Plan files'));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    expect(validateAgainstSchema(shipped, JSON.parse(example))).toEqual([]);
    expect(parsePlanFile(example, 'README.md').targets.slots_per_1000).toEqual({ value: 6, op: '>=' });
  });

  it.each([
    { name: 'an unknown indicator', file: { id: 'x', name: 'x', targets: { slots_per_100: 5 } } },
    { name: 'a text target', file: { id: 'x', name: 'x', targets: { slots_per_1000: '5' } } },
    { name: 'a bad comparison', file: { id: 'x', name: 'x', targets: { slots_per_1000: { value: 5, op: '>' } } } },
    { name: 'no name', file: { id: 'x', targets: {} } },
    { name: 'an unknown key', file: { id: 'x', name: 'x', targets: {}, target: {} } },
    { name: 'a year out of range', file: { id: 'x', name: 'x', targets: {}, targetYear: 1800 } },
    { name: 'a share above 100 %', file: { id: 'x', name: 'x', targets: {}, quality: { completeness: { communityShare: 120 } } } },
    { name: 'a zero outlier threshold', file: { id: 'x', name: 'x', targets: {}, quality: { outliers: { moderate: 0 } } } },
    { name: 'two quarters', file: { id: 'x', name: 'x', targets: {}, quality: { outliers: { minQuarters: 2 } } } },
    { name: 'an unknown quality section', file: { id: 'x', name: 'x', targets: {}, quality: { timeliness: {} } } },
  ])('rejects what tuoyu rejects: $name', ({ file }) => {
    expect(validateAgainstSchema(shipped, file)).not.toEqual([]);
    expect(() => parsePlanFile(JSON.stringify(file), 'p.json')).toThrow(FatalInputError);
  });
});
