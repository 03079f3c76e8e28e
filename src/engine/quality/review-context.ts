/**
 * What every check of the review reads: the period, the area tree of its
 * census year, names, the records tallied by area and facility, and the
 * thresholds.
 */
import type { AreaCode } from '../../schema/records.js';
import type { AreaIndex, AreaNode } from '../areas.js';
import type { Period } from '../period.js';
import type { QualityFinding } from './finding.js';
import type { QuarterNumber } from './quarters.js';
import type { RecordTally } from './record-tally.js';
import type { QualityThresholds } from './thresholds.js';

export interface ReviewContext {
  period: Period;
  /** The areas of the census year the period uses (SPEC §3), as the report has them. */
  tree: AreaIndex;
  /** An area's name as the report shows it; the whole data set's name for ''. */
  nameOf(code: AreaCode): string;
  tally: RecordTally;
  /** The quarters the records (of any kind) cover whole; null with no whole quarter. */
  recordSpan: { first: QuarterNumber; last: QuarterNumber } | null;
  thresholds: QualityThresholds;
}

/** Districts and streets, by code: the areas SPEC §11 reviews. */
export function reviewedAreas(tree: AreaIndex): AreaNode[] {
  return tree.areas.filter((node) => node.level === 'district' || node.level === 'street');
}

/** The fields every finding about an area shares. */
export function aboutArea(context: ReviewContext, code: AreaCode): Pick<QualityFinding, 'area' | 'name' | 'level' | 'district'> {
  return { area: code, name: context.nameOf(code), level: levelOfCode(code), district: code.slice(0, 6) };
}

export function levelOfCode(code: AreaCode): 'all' | 'district' | 'street' | 'community' {
  return code === '' ? 'all' : code.length === 6 ? 'district' : code.length === 9 ? 'street' : 'community';
}
