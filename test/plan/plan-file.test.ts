import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../src/plan/plan-file.js';
import { DEFAULT_PLAN } from '../../src/plan/builtin.js';
import { FatalInputError } from '../../src/issues/fatal.js';

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
    { name: 'bad JSON', text: '{"id": ', value: '{"id": ' },
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
