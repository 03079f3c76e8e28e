/**
 * The area tree of SPEC §2, built from census rows. Levels follow the length
 * of the statistical division code: 6 digits district, 9 street, 12 community.
 * A row whose code is a strict prefix of another row's code is a subtotal: it
 * names the area but is never added in, so 合计 and 小计 rows cannot be counted
 * twice. Areas implied by longer codes (a street known only through its
 * communities) are part of the tree and show their code as name.
 */
import type { AreaCode, AreaLevel, CensusRow } from '../schema/records.js';
import { ancestorCodes, knownAreas, type KnownAreas } from '../schema/known-areas.js';

/** The ancestors of a code that belong to the tree (district, then street): a fact of the codes, kept with the check of codes. */
export { ancestorCodes };

export type AreaTreeLevel = Exclude<AreaLevel, 'all'>;

/** Population counts summed over the leaf rows beneath an area (or over all leaves for the total). */
export interface CensusSums {
  population: number;
  infants01: number;
  toddlers13: number;
}

export interface AreaNode extends CensusSums {
  code: AreaCode;
  /** From a census row of this code (subtotals included), else the code. */
  name: string;
  level: AreaTreeLevel;
  /** A census row of exactly this code exists. */
  listed: boolean;
  /** Number of streets (9-digit areas) beneath; 0 for a street or community. */
  streetCount: number;
  /** Number of communities (12-digit leaf rows) beneath; 0 for a community. */
  communityCount: number;
}

export interface AreaIndex {
  /** Every district, street and community, sorted by code (so that levels nest). */
  readonly areas: readonly AreaNode[];
  readonly total: CensusSums;
  /** Number of streets and communities in the whole tree. */
  readonly streetCount: number;
  readonly communityCount: number;
  node(code: AreaCode): AreaNode | undefined;
  /**
   * SPEC §2: a census code, a prefix of one (a street implied by its
   * communities), or a code whose nearest ancestor in the census is a leaf (a
   * community under a street whose communities are not listed).
   */
  isKnownArea(code: AreaCode): boolean;
}

const LEVEL_BY_LENGTH: Readonly<Record<number, AreaTreeLevel>> = { 6: 'district', 9: 'street', 12: 'community' };

/**
 * SPEC §10: what a township-level unit is, from the last three digits of its
 * 9-digit code (统计用区划代码): 001–099 街道 (street), 100–199 镇 (town),
 * 200–399 乡 (township), anything else (400–599: development zones and other
 * township-level units) `other`.
 */
export type TownshipKind = 'street' | 'town' | 'township' | 'other';

export function townshipKind(code: AreaCode): TownshipKind {
  const serial = Number(code.slice(6, 9));
  if (serial >= 1 && serial <= 99) return 'street';
  if (serial >= 100 && serial <= 199) return 'town';
  if (serial >= 200 && serial <= 399) return 'township';
  return 'other';
}


/** '' (the whole data set), then the district and street above a code, then the code itself: where it counts (SPEC §2). */
export function areasHolding(code: AreaCode): AreaCode[] {
  return ['', ...ancestorCodes(code), code];
}

/**
 * Builds the tree from census rows. For a report pass the rows of one census
 * year; to check codes (`isKnownArea`) pass every row, so that a code is known
 * whatever year it was listed in. Rows without a code (total rows) are ignored.
 */
export function buildAreaIndex(census: readonly CensusRow[]): AreaIndex {
  const rows = census.filter((row) => row.areaCode !== '' && LEVEL_BY_LENGTH[row.areaCode.length] !== undefined);
  const rowCodes = new Set(rows.map((row) => row.areaCode));
  const prefixesOfRows = new Set<AreaCode>();
  for (const code of rowCodes) for (const ancestor of ancestorCodes(code)) prefixesOfRows.add(ancestor);

  const nodes = new Map<AreaCode, AreaNode>();
  const addNode = (code: AreaCode): AreaNode => {
    let node = nodes.get(code);
    if (!node) {
      node = {
        code,
        name: code,
        level: LEVEL_BY_LENGTH[code.length],
        listed: false,
        streetCount: 0,
        communityCount: 0,
        population: 0,
        infants01: 0,
        toddlers13: 0,
      };
      nodes.set(code, node);
    }
    return node;
  };
  for (const code of rowCodes) {
    addNode(code);
    for (const ancestor of ancestorCodes(code)) addNode(ancestor);
  }

  for (const row of rows) {
    const node = addNode(row.areaCode);
    if (!node.listed && row.areaName.trim() !== '') node.name = row.areaName.trim();
    node.listed = true;
  }

  const total: CensusSums = { population: 0, infants01: 0, toddlers13: 0 };
  for (const row of rows) {
    // Only leaf rows are added: a row with a row beneath it is a subtotal (SPEC §2).
    if (prefixesOfRows.has(row.areaCode)) continue;
    for (const sums of [total, ...[row.areaCode, ...ancestorCodes(row.areaCode)].map((code) => nodes.get(code)!)]) {
      sums.population += row.population;
      sums.infants01 += row.infants01;
      sums.toddlers13 += row.toddlers13;
    }
  }

  let streetCount = 0;
  let communityCount = 0;
  for (const node of nodes.values()) {
    if (node.level === 'street') streetCount += 1;
    if (node.level === 'community') communityCount += 1;
    for (const ancestor of ancestorCodes(node.code)) {
      const above = nodes.get(ancestor)!;
      if (node.level === 'street') above.streetCount += 1;
      if (node.level === 'community') above.communityCount += 1;
    }
  }

  let known: KnownAreas | undefined;
  const areas = [...nodes.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  return {
    areas,
    total,
    streetCount,
    communityCount,
    node: (code) => nodes.get(code),
    // Worked out on first use: a report's trees never check a code.
    isKnownArea: (code) => (known ??= knownAreas(rowCodes)).isKnownArea(code),
  };
}
