/**
 * The built-in plans. Targets are data (SPEC §1): the default plan holds the
 * targets of the city's three-year action plan (plan text, 二、工作目标 and
 * 三、重点任务) as each indicator's entry states them, with the plan's own
 * wording; the national plan the national 2025 target of 4.5 childcare slots
 * per 1,000 residents. Wording is quoted from the plan text (the scan's
 * 〃 quotation marks written as “”).
 */
import { INDICATOR_LIST, type IndicatorId } from '../engine/indicators.js';
import type { IndicatorTargets } from '../engine/targets.js';
import { WHO_QUALITY_THRESHOLDS } from '../engine/quality/thresholds.js';
import type { Plan } from './plan.js';

const DEFAULT_TARGETS = Object.fromEntries(INDICATOR_LIST.map((entry) => [entry.id, entry.target])) as IndicatorTargets;

const PLAN_WORDING: Partial<Record<IndicatorId, string>> = Object.fromEntries(
  INDICATOR_LIST.flatMap((entry) => (entry.plan.wording === undefined ? [] : [[entry.id, entry.plan.wording]])),
);

export const DEFAULT_PLAN: Plan = {
  id: 'default',
  name: '普惠托育服务三年行动方案',
  nameEn: 'Three-year action plan for inclusive childcare',
  targets: DEFAULT_TARGETS,
  wording: PLAN_WORDING,
  targetYear: 2025,
  quality: WHO_QUALITY_THRESHOLDS,
};

/** The same plan with the national 2025 target for slots per 1,000 residents. */
export const NATIONAL_PLAN: Plan = {
  id: 'national',
  name: '普惠托育服务三年行动方案（每千人口托位数按国家2025年目标4.5个）',
  nameEn: 'Three-year action plan for inclusive childcare, with the national 2025 target of 4.5 slots per 1,000',
  targets: { ...DEFAULT_TARGETS, slots_per_1000: { value: 4.5, op: '>=' } },
  wording: { ...PLAN_WORDING, slots_per_1000: '每千人口拥有3岁以下婴幼儿托位数达到4.5个（国家2025年目标）' },
  targetYear: 2025,
  quality: WHO_QUALITY_THRESHOLDS,
};

export const BUILTIN_PLANS: readonly Plan[] = [DEFAULT_PLAN, NATIONAL_PLAN];
