/**
 * Display rounding (SPEC §7: "Displays round: percent 1 decimal, per 1,000
 * 2 decimals"). The engine hands over unrounded numbers; only views round,
 * and machine-read outputs (JSON, CSV) never pass through here.
 */
import type { Lang } from '../issues/issue.js';
import type { IndicatorUnit } from '../engine/indicators.js';
import type { TargetOp } from '../engine/report.js';

/** Decimals shown per unit: percent 1, per 1,000 and per infant 2, points 1 (scores are given in tenths), counts none. */
export const UNIT_DECIMALS: Readonly<Record<IndicatorUnit, number>> = {
  percent: 1,
  per_1000: 2,
  per_infant: 2,
  score: 1,
  count: 0,
};

/** What a missing value reads as. */
export function missingValue(lang: Lang): string {
  return lang === 'zh' ? '—' : 'n/a';
}

/**
 * Rounds half away from zero on the decimal digits the reader sees, so that
 * 1.005 shows as "1.01" and not as "1.00" (binary `toFixed` drifts).
 */
export function roundForDisplay(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return missingValue('en');
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e15) {
    // Beyond 2^53 every double is an integer; toFixed would switch to "1e+21".
    text = BigInt(Math.round(magnitude)).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  } else {
    // Shift by editing the decimal exponent, not by multiplying in binary.
    const [mantissa, exponent = '0'] = String(magnitude).split('e');
    const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`));
    text = (decimals === 0 ? shifted : Number(`${shifted}e-${decimals}`)).toFixed(decimals);
  }
  // "-0.0" would be a lie: only a value that still shows a digit keeps its sign.
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A value in its unit: "66.7%", "4.87", "2000"; null as "—" (zh) or "n/a" (en). */
export function formatValue(value: number | null, unit: IndicatorUnit, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return missingValue(lang);
  const text = roundForDisplay(value, UNIT_DECIMALS[unit]);
  return unit === 'percent' ? `${text}%` : text;
}

/**
 * A target as the plan states it: "≥ 90%", "≥ 4.5", "≥ 2000". Targets keep
 * only the decimals they have (90, not 90.0), up to the unit's precision.
 * Without a target: "—".
 */
export function formatTarget(target: number | null, op: TargetOp | null, unit: IndicatorUnit): string {
  if (target === null || op === null || !Number.isFinite(target)) return '—';
  const decimals = Math.max(UNIT_DECIMALS[unit], 2);
  const text = roundForDisplay(target, decimals).replace(/\.?0+$/, '');
  return `${op === '>=' ? '≥' : '≤'} ${text}${unit === 'percent' ? '%' : ''}`;
}
