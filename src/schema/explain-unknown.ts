/**
 * Why a code or id is unknown, for the issues that will be listed (SPEC §5):
 * the nearest known one ("did you mean"), and the issue that caused it when
 * it is a follow-on — a census row rejected, or whose code could not be
 * read; a registry whose header could not be used.
 */
import type { LazyParams } from '../issues/collector.js';
import type { IssueCause } from '../issues/issue.js';
import { editDistance, nearest } from '../shared/nearest.js';
import { ancestorCodes, knownAreas, type KnownAreas, type RejectedCensusRow } from './known-areas.js';
import type { CensusRow } from './records.js';

export type Explainer = (value: string) => ReturnType<LazyParams>;

/** Ids compared for a suggestion: width-folded, case ignored, spaces dropped. */
function foldId(id: string): string {
  return id.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

/** What the census tells the other tables about area codes: its rows in use, rejected and unreadable. */
export interface CensusAreas {
  /** The rows in use. */
  records: readonly CensusRow[];
  /** Every code the census lists, on rows used or rejected. */
  listedCodes: readonly string[];
  rejectedRows: readonly RejectedCensusRow[];
  unreadableCodes: readonly { row: number; text: string; file?: string }[];
}

/**
 * How facilities and records check their area codes against the census
 * (SPEC §2) and explain an unknown one (SPEC §5). Without a census that lists
 * any code every code would be unknown: codes are then not checked.
 */
export function checkAreasAgainst(
  census: CensusAreas,
  censusFile: string | null,
): { isKnownArea: (code: string) => boolean; explainUnknownArea?: Explainer; check: AreaCheck | null } {
  const check = areaCheckOf(census);
  if (check === null) return { isKnownArea: () => true, check };
  const known = knownAreasOf(check);
  return { isKnownArea: known.isKnownArea, explainUnknownArea: areaExplainer(known, census, censusFile), check };
}

/**
 * What decides which codes are known, as plain data (a reader thread gets
 * it in a message and makes the very same test with `knownAreasOf`); null
 * when there is no census to check codes against.
 */
export interface AreaCheck {
  usedCodes: string[];
  rejectedRows: RejectedCensusRow[];
}

export function areaCheckOf(census: Pick<CensusAreas, 'records' | 'listedCodes' | 'rejectedRows'>): AreaCheck | null {
  if (census.listedCodes.length === 0) return null;
  return { usedCodes: census.records.map((row) => row.areaCode), rejectedRows: [...census.rejectedRows] };
}

export function knownAreasOf(check: AreaCheck): KnownAreas {
  return knownAreas(check.usedCodes, check.rejectedRows);
}

/** The test of codes an AreaCheck makes: every code is known without a census. */
export function knownAreaTest(check: AreaCheck | null): (code: string) => boolean {
  return check === null ? () => true : knownAreasOf(check).isKnownArea;
}

/**
 * For an `unknown-area` that will be listed: when a rejected census row is why
 * the code is unknown, that row (SPEC §5: "records in an area whose census row
 * was rejected say so"); else the nearest census code of the same level (a
 * digit mistyped or two swapped), with its name — one in the same street, else
 * the same district, before one elsewhere —, and, when the code is what a
 * census row rejected for an unreadable code was meant to say, that row.
 */
export function areaExplainer(known: KnownAreas, census: Pick<CensusAreas, 'records' | 'unreadableCodes'>, censusFile: string | null): Explainer {
  const names = new Map<string, string>();
  for (const row of census.records) if (row.areaCode !== '' && row.areaName !== '') names.set(row.areaCode, row.areaName);
  // Suggested: codes of rows in use, never one whose row was rejected.
  const candidates = [...new Set(census.records.map((row) => row.areaCode))].filter((code) => code !== '');
  return (code) => {
    const behind = known.rejectedRowBehind(code);
    if (behind !== undefined) {
      // The code is right and the census row wrong: no "did you mean" another area.
      return {
        params: { rejectedArea: behind.code },
        cause: { code: behind.because, table: 'census', file: behind.file, row: behind.row },
      };
    }
    const result: NonNullable<ReturnType<LazyParams>> = {};
    const suggestion = nearestArea(code, candidates);
    if (suggestion !== undefined) {
      const name = names.get(suggestion);
      result.params = name === undefined ? { suggestion } : { suggestion, suggestionName: name };
    }
    const rejected = census.unreadableCodes.find((entry) => editDistance(foldId(entry.text), code, 2) <= 2);
    if (rejected !== undefined) result.cause = { code: 'invalid-area-code', table: 'census', file: rejected.file ?? censusFile, row: rejected.row };
    return result.params === undefined && result.cause === undefined ? undefined : result;
  };
}

/**
 * The census code of the same level within two edits of `code`: first among
 * the codes of its own street, then of its own district, then anywhere; at
 * the same distance the one sharing the longest prefix.
 */
function nearestArea(code: string, candidates: readonly string[]): string | undefined {
  const sameLevel = candidates.filter((known) => known.length === code.length);
  const options = { maxDistance: 2, score: (known: string) => sharedPrefix(known, code) };
  for (const area of ancestorCodes(code).reverse()) {
    const found = nearest(code, sameLevel.filter((known) => known.startsWith(area)), options);
    if (found !== undefined) return found;
  }
  return nearest(code, sameLevel, options);
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
