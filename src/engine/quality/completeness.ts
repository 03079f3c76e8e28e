/**
 * Reporting completeness (SPEC §11; WHO DQR dimension 1, completeness of
 * reporting): for each district and street, the quarters of the period's year
 * up to its end in which it has no service record at all; and the share of
 * its communities with at least one record in the window, flagged below the
 * threshold (WHO: 90 %). A record counts in its own area and every area above
 * it (SPEC §2); an outreach record in its facility's area.
 *
 * A quarter in which the whole data set has no record is one finding for the
 * whole data set, not one per district; a district without records in a
 * quarter stands for its streets, which are not listed again.
 */
import type { AreaCode } from '../../schema/records.js';
import { ancestorCodes } from '../areas.js';
import type { QualityFinding } from './finding.js';
import { periodQuarters, quarterId, quarterRange, type QuarterNumber } from './quarters.js';
import { countIn, type QuarterlyCounts } from './record-tally.js';
import { aboutArea, reviewedAreas, type ReviewContext } from './review-context.js';

/** Quarters whose mean is the reference of a quarter without records: "前三季度平均". */
const REFERENCE_QUARTERS = 3;

export function checkCompleteness(context: ReviewContext): { findings: QualityFinding[]; areas: number } {
  const findings: QualityFinding[] = [];
  const { tally, tree } = context;
  const window = periodQuarters(context.period);
  const areas = reviewedAreas(tree);

  const gapsOf = (code: AreaCode, skip: ReadonlySet<QuarterNumber>): QuarterNumber[] =>
    window.filter((quarter) => !skip.has(quarter) && countIn(tally, tally.byArea.get(code), quarter, null) === 0);
  const cityGaps = new Set(gapsOf('', new Set()));
  for (const quarter of cityGaps) findings.push(noRecords(context, '', quarter));
  const districtGaps = new Map<AreaCode, Set<QuarterNumber>>();
  for (const node of areas) {
    const above = node.level === 'street' ? districtGaps.get(node.code.slice(0, 6)) : undefined;
    const gaps = gapsOf(node.code, new Set([...cityGaps, ...(above ?? [])]));
    if (node.level === 'district') districtGaps.set(node.code, new Set(gaps));
    for (const quarter of gaps) findings.push(noRecords(context, node.code, quarter));
  }

  // Without any record in the window the gaps of the whole data set say it all: no share of communities is taken.
  if (cityGaps.size < window.length) findings.push(...communityShares(context, window));
  return { findings, areas: areas.length + 1 };
}

/** "南港区 2025年第三季度无任何服务记录（前三季度平均 1,212 条）". */
function noRecords(context: ReviewContext, code: AreaCode, quarter: QuarterNumber): QualityFinding {
  const { tally } = context;
  const counts = tally.byArea.get(code);
  const reference = referenceQuarters(context, quarter);
  const mean = reference.length === 0 ? null : reference.reduce((sum, q) => sum + countIn(tally, counts, q, null), 0) / reference.length;
  return {
    check: 'completeness',
    measure: 'records',
    ...aboutArea(context, code),
    quarter: quarterId(quarter),
    value: 0,
    reference: mean,
    threshold: 1,
    compared: 0,
    flag: true,
    outcome: 'no-records',
    referenceQuarters: reference.map(quarterId),
  };
}

/**
 * The quarters a gap is compared with: up to three whole quarters of the data
 * before it, or, for a gap before any, up to three after it.
 */
function referenceQuarters(context: ReviewContext, quarter: QuarterNumber): QuarterNumber[] {
  const span = context.recordSpan;
  if (span === null) return [];
  const others = quarterRange(span.first, span.last).filter((q) => q !== quarter);
  const before = others.filter((q) => q < quarter).slice(-REFERENCE_QUARTERS);
  return before.length > 0 ? before : others.filter((q) => q > quarter).slice(0, REFERENCE_QUARTERS);
}

/**
 * The share of each area's communities (12-digit census rows) with at least
 * one record in the window. An area whose census lists no communities gets a
 * note instead, once, at the highest level that lacks them.
 */
function communityShares(context: ReviewContext, window: readonly QuarterNumber[]): QualityFinding[] {
  const { tree, tally, thresholds } = context;
  const listed = new Map<AreaCode, number>();
  const reporting = new Map<AreaCode, number>();
  const inWindow = (counts: QuarterlyCounts | undefined) => window.some((quarter) => countIn(tally, counts, quarter, null) > 0);
  for (const node of tree.areas) {
    if (node.level !== 'community') continue;
    const has = inWindow(tally.byArea.get(node.code)) ? 1 : 0;
    for (const code of ['', ...ancestorCodes(node.code)]) {
      listed.set(code, (listed.get(code) ?? 0) + 1);
      reporting.set(code, (reporting.get(code) ?? 0) + has);
    }
  }
  const findings: QualityFinding[] = [];
  const threshold = thresholds.completeness.communityShare;
  for (const code of ['', ...reviewedAreas(tree).map((node) => node.code)]) {
    const communities = listed.get(code) ?? 0;
    if (communities === 0) {
      // Said once: where the district (or the whole data set) lists none, its streets are not named again.
      const parentLacks = code !== '' && (listed.get(code.length === 9 ? code.slice(0, 6) : '') ?? 0) === 0;
      if (!parentLacks) findings.push(shareFinding(context, code, 0, 0, null, false, 'no-communities'));
      continue;
    }
    const withRecords = reporting.get(code) ?? 0;
    const share = (withRecords * 100) / communities;
    if (share < threshold) findings.push(shareFinding(context, code, withRecords, communities, share, true, 'low-share'));
  }
  return findings;
}

function shareFinding(
  context: ReviewContext,
  code: AreaCode,
  withRecords: number,
  communities: number,
  share: number | null,
  flag: boolean,
  outcome: 'low-share' | 'no-communities',
): QualityFinding {
  return {
    check: 'completeness',
    measure: 'community_share',
    ...aboutArea(context, code),
    quarter: null,
    value: communities === 0 ? null : withRecords,
    reference: communities === 0 ? null : communities,
    threshold: context.thresholds.completeness.communityShare,
    compared: share,
    flag,
    outcome,
  };
}
