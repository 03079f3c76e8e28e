/**
 * Which area codes a facility or a service record may name (SPEC §2), judged
 * against the census rows in use — and, for a code that is not known because
 * its census row was rejected, that row (SPEC §5: "records in an area whose
 * census row was rejected say so").
 *
 * A census row rejected for its numbers (`约10000`) still says where the area
 * sits, but not how many live there: counting the records of that community
 * while its children drop out of the denominator would put a street at 337 %.
 * So a code whose every census row was rejected is not a known area, and
 * neither is a code beneath it that only a rejected leaf row would have made
 * known. The shape of the census (which row is a subtotal, which a leaf) is
 * read from every row with a readable code, rejected or not: a rejected
 * subtotal leaves the rows beneath it listed and known.
 */
import type { AreaCode } from './records.js';

/** A census row rejected with a readable code: where, and the first error that rejected it. */
export interface RejectedCensusRow {
  code: AreaCode;
  file: string;
  row: number;
  /** The issue code of the row's first error (`not-integer`, `census-subtotal-mismatch`…). */
  because: string;
}

export interface KnownAreas {
  /**
   * SPEC §2: a census code, a prefix of one (a street implied by its
   * communities), or a code whose nearest ancestor in the census is a leaf (a
   * community under a street whose communities are not listed) — each by a
   * row in use.
   */
  isKnownArea(code: AreaCode): boolean;
  /** For an unknown code: the rejected census row it would otherwise have been known by, if there is one. */
  rejectedRowBehind(code: AreaCode): RejectedCensusRow | undefined;
}

const AREA_CODE_LENGTHS = new Set([6, 9, 12]);

/** The ancestors of a code that belong to the area tree, outermost first: district, then street. */
export function ancestorCodes(code: AreaCode): AreaCode[] {
  const ancestors: AreaCode[] = [];
  if (code.length > 6) ancestors.push(code.slice(0, 6));
  if (code.length > 9) ancestors.push(code.slice(0, 9));
  return ancestors;
}

/**
 * The codes known by the census rows in use (`usedCodes`), with the rows
 * rejected beside them (`rejected`, which also give the census its shape).
 */
export function knownAreas(usedCodes: Iterable<AreaCode>, rejected: readonly RejectedCensusRow[] = []): KnownAreas {
  const used = new Set<AreaCode>();
  /** Codes in use and every code above one: the areas of the tree. */
  const usedTree = new Set<AreaCode>();
  for (const code of usedCodes) {
    if (!AREA_CODE_LENGTHS.has(code.length)) continue;
    used.add(code);
    usedTree.add(code);
    for (const ancestor of ancestorCodes(code)) usedTree.add(ancestor);
  }
  /** The first rejected row of each code no row in use lists. */
  const rejectedByCode = new Map<AreaCode, RejectedCensusRow>();
  for (const row of rejected) if (!used.has(row.code) && !rejectedByCode.has(row.code)) rejectedByCode.set(row.code, row);

  const listed = new Set<AreaCode>([...used, ...rejectedByCode.keys()]);
  /** Codes with a listed row beneath them: subtotals, and streets implied by their communities. */
  const aboveListed = new Set<AreaCode>();
  for (const code of listed) for (const ancestor of ancestorCodes(code)) aboveListed.add(ancestor);
  const inCensus = (code: AreaCode) => listed.has(code) || aboveListed.has(code);

  /** The nearest of `code` and its ancestors that the census (in use or not) holds. */
  const nearestInCensus = (code: AreaCode): AreaCode | undefined => [code, ...ancestorCodes(code).reverse()].find(inCensus);

  const isKnownArea = (code: AreaCode): boolean => {
    if (usedTree.has(code)) return true;
    if (!AREA_CODE_LENGTHS.has(code.length)) return false;
    const nearest = nearestInCensus(code);
    // Known only beneath a leaf in use; a code the census holds only through rejected rows is not.
    return nearest !== undefined && nearest !== code && !aboveListed.has(nearest) && used.has(nearest);
  };

  return {
    isKnownArea,
    rejectedRowBehind(code) {
      if (isKnownArea(code)) return undefined;
      const nearest = nearestInCensus(code);
      if (nearest === undefined) return undefined;
      const own = rejectedByCode.get(nearest);
      // The code's own rejected row, or the rejected leaf it lies beneath.
      if (own !== undefined && (nearest === code || !aboveListed.has(nearest))) return own;
      // An area the census holds only through rows beneath it, every one rejected: the first of them.
      if (nearest === code) {
        for (const row of rejectedByCode.values()) if (row.code.startsWith(code)) return row;
      }
      return undefined;
    },
  };
}
