import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { BUILTIN_PLANS, DEFAULT_PLAN, NATIONAL_PLAN } from '../../src/plan/builtin.js';

describe('DEFAULT_PLAN', () => {
  it.each([
    { id: 'guidance_rate_0_1', value: 90 },
    { id: 'activity_rate_1_3', value: 85 },
    { id: 'followups_per_infant', value: 5 },
    { id: 'combined_kindergarten_share', value: 50 },
    { id: 'kindergarten_slots', value: 2000 },
    { id: 'inclusive_facility_share', value: 75 },
    { id: 'community_coverage', value: 65 },
    { id: 'street_coverage', value: 100 },
    { id: 'slots_per_1000', value: 5 },
    { id: 'provincial_inclusive_count', value: 10 },
    { id: 'demonstration_count', value: 10 },
    { id: 'new_inclusive_toddler_classes', value: 50 },
    { id: 'new_community_inclusive_count', value: 1 },
    { id: 'outreach_compliance', value: 100 },
    { id: 'street_coverage_urban', value: 100 },
    { id: 'street_coverage_rural', value: 100 },
  ] as const)('$id: at least $value', ({ id, value }) => {
    expect(DEFAULT_PLAN.targets[id]).toEqual({ value, op: '>=' });
  });

  it.each(['inclusive_slots', 'employer_facility_count', 'self_assessment_rate', 'quality_score_mean', 'quality_ab_share'] as const)('%s: no target', (id) => {
    expect(DEFAULT_PLAN.targets[id]).toBeNull();
  });

  it('has a target entry for every indicator', () => {
    expect(Object.keys(DEFAULT_PLAN.targets).sort()).toEqual([...INDICATOR_IDS].sort());
  });

  it('quotes the plan for every indicator with a target', () => {
    for (const id of INDICATOR_IDS) {
      if (DEFAULT_PLAN.targets[id] !== null) expect(DEFAULT_PLAN.wording[id], id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('NATIONAL_PLAN', () => {
  it('is the default plan with 4.5 slots per 1,000 residents', () => {
    expect(NATIONAL_PLAN.id).toBe('national');
    expect(NATIONAL_PLAN.targets.slots_per_1000).toEqual({ value: 4.5, op: '>=' });
    expect({ ...NATIONAL_PLAN.targets, slots_per_1000: null }).toEqual({ ...DEFAULT_PLAN.targets, slots_per_1000: null });
    expect(NATIONAL_PLAN.targetYear).toBe(2025);
  });

  it('is listed with the default plan under distinct ids', () => {
    expect(BUILTIN_PLANS.map((plan) => plan.id)).toEqual(['default', 'national']);
  });
});
