/**
 * Targets are data (SPEC §1): a plan maps indicator ids to a target, or to
 * null for "no target". Built-in plans live in src/plan/builtin.ts; a plan
 * file is JSON validated by src/plan/plan-file.ts.
 */
import type { IndicatorId } from '../engine/indicators.js';
import type { IndicatorTargets, Target } from '../engine/targets.js';
import type { QualityThresholds } from '../engine/quality/thresholds.js';

export type { Target };

export interface Plan {
  id: string;
  name: string;
  /** The name in English output; `name` when absent. */
  nameEn?: string;
  /** Every indicator id is present; null = no target. The engine's own shape: a plan is handed to it as data. */
  targets: IndicatorTargets;
  /** The plan's own wording for an indicator, where it has one (shown in the definitions sheet). */
  wording: Partial<Record<IndicatorId, string>>;
  /** The year the targets are due (2025 for both built-ins); trend uses it. */
  targetYear: number;
  /** The thresholds of the data-quality review (SPEC §11); WHO's defaults in both built-ins. */
  quality: QualityThresholds;
}

/** The plan's name in the output language. */
export function planName(plan: Plan, lang: 'zh' | 'en'): string {
  return lang === 'en' && plan.nameEn ? plan.nameEn : plan.name;
}
