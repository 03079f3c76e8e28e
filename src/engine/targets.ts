/**
 * Targets as the engine compares them (SPEC §1: "targets are data, not
 * code"). The engine owns this shape; plans (src/plan) hand their targets
 * over in it, so that the engine never needs to know what a plan is.
 */
import type { IndicatorId } from './indicators.js';
import type { Target } from './indicator-entry.js';

export type { Target };

/** One entry per indicator id; null = no target. */
export type IndicatorTargets = Record<IndicatorId, Target | null>;
