/**
 * Why a code or id is unknown, for the issues that will be listed (SPEC §5):
 * the nearest known one ("did you mean"), and the issue that caused it when
 * it is a follow-on — a census row whose code could not be read, a registry
 * whose header could not be used.
 */
import type { LazyParams } from '../issues/collector.js';
import type { IssueCause } from '../issues/issue.js';
import { editDistance, nearest } from '../shared/nearest.js';
import type { CensusRow } from './records.js';

export type Explainer = (value: string) => ReturnType<LazyParams>;

/** Ids compared for a suggestion: width-folded, case ignored, spaces dropped. */
function foldId(id: string): string {
  return id.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

/**
 * For an `unknown-area` that will be listed: the nearest census code of the
 * same level (a digit mistyped or two swapped), with its name, and — when the
 * code is what a census row rejected for an unreadable code was meant to say —
 * that row as the cause (SPEC §5: "records in an area whose census row was
 * rejected say so").
 */
export function areaExplainer(
  listedCodes: readonly string[],
  census: readonly CensusRow[],
  unreadable: readonly { row: number; text: string; file?: string }[],
  censusFile: string | null,
): Explainer | undefined {
  if (listedCodes.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const row of census) if (row.areaCode !== '' && row.areaName !== '') names.set(row.areaCode, row.areaName);
  return (code) => {
    const result: NonNullable<ReturnType<LazyParams>> = {};
    const sameLevel = listedCodes.filter((known) => known.length === code.length);
    const suggestion = nearest(code, sameLevel, { maxDistance: 2, score: (known) => sharedPrefix(known, code) });
    if (suggestion !== undefined) {
      const name = names.get(suggestion);
      result.params = name === undefined ? { suggestion } : { suggestion, suggestionName: name };
    }
    const rejected = unreadable.find((entry) => editDistance(foldId(entry.text), code, 2) <= 2);
    if (rejected !== undefined) result.cause = { code: 'invalid-area-code', table: 'census', file: rejected.file ?? censusFile, row: rejected.row };
    return result.params === undefined && result.cause === undefined ? undefined : result;
  };
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * For an `unknown-facility` that will be listed: the registry's header
 * problem when the registry could not be used (every id is unknown then, for
 * that one reason), else the nearest listed id.
 */
export function facilityExplainer(listedIds: ReadonlySet<string>, registryUnusable: IssueCause | null): Explainer {
  return (id) => {
    if (registryUnusable !== null) return { cause: registryUnusable };
    const suggestion = nearest(id, listedIds, { maxDistance: Math.max(1, Math.floor(id.length / 4)), normalise: foldId });
    return suggestion === undefined ? undefined : { params: { suggestion } };
  };
}
