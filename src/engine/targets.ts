/**
 * Targets as the engine compares them (SPEC §1: "targets are data, not
 * code"). The engine owns this shape; plans (src/plan) hand their targets
 * over in it, so that the engine never needs to know what a plan is.
 */
import type { IndicatorId } from './indicators.js';
import type { TargetOp } from './report.js';

export interface Target {
  value: number;
  op: TargetOp;
}

/** One entry per indicator id; null = no target. */
export type IndicatorTargets = Record<IndicatorId, Target | null>;
