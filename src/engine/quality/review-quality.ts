/**
 * The data-quality review (SPEC §11, `tuoyu quality`): whether the data as a
 * whole can be trusted, as WHO's Data Quality Review and its DHIS2 tool
 * review health data — completeness of reporting, outliers, consistency over
 * time and between related numbers. Pure: census, facilities and the folded
 * records in, findings out; it reads nothing the report has not read, and no
 * record a second time (the visit fold kept the counts it needs).
 */
import type { Lang } from '../../issues/issue.js';
import type { CensusRow, Facility } from '../../schema/records.js';
import { VISIT_KINDS } from '../../schema/records.js';
import { packedCivil } from '../../shared/dates.js';
import { buildAreaIndex } from '../areas.js';
import { nameAreas, selectCensusRows, TOTAL_NAME } from '../compute-report.js';
import type { Period } from '../period.js';
import type { VisitTotals } from '../visit-fold.js';
import { checkCompleteness } from './completeness.js';
import { checkOverTime, checkRelated } from './consistency.js';
import { QUALITY_CHECKS, type QualityFinding, type QualityOutcomeSet, type QualityLevel } from './finding.js';
import { checkOutliers } from './outliers.js';
import { wholeQuarters } from './quarters.js';
import { tallyRecords } from './record-tally.js';
import type { ReviewContext } from './review-context.js';
import type { QualityThresholds } from './thresholds.js';

export interface QualityInput {
  /** Every census row, of every year (the period's year is picked as the report picks it, SPEC §3). */
  census: readonly CensusRow[];
  facilities: readonly Facility[];
  visits: VisitTotals;
  period: Period;
  thresholds: QualityThresholds;
  /** For the whole data set's name. */
  lang: Lang;
}

export function reviewQuality(input: QualityInput): QualityOutcomeSet {
  const { period, visits, thresholds } = input;
  const tree = buildAreaIndex(selectCensusRows(input.census, period, []));
  const names = nameAreas(input.census);
  const counts = visits.recordCounts;
  const firstDays = VISIT_KINDS.map((kind) => counts.firstDay(kind)).filter((day): day is number => day !== null);
  const lastDays = VISIT_KINDS.map((kind) => counts.lastDay(kind)).filter((day): day is number => day !== null);
  const first = firstDays.length > 0 ? Math.min(...firstDays) : null;
  const last = lastDays.length > 0 ? Math.max(...lastDays) : null;
  const context: ReviewContext = {
    period,
    tree,
    nameOf: (code) => {
      if (code === '') return TOTAL_NAME[input.lang];
      const node = tree.node(code);
      return node?.listed ? node.name : (names.get(code) ?? code);
    },
    tally: tallyRecords(counts, input.facilities),
    recordSpan: wholeQuarters(first, last),
    thresholds,
  };

  const yearsInData = new Set<number>();
  for (const row of input.census) if (row.year !== null) yearsInData.add(row.year);
  if (first !== null && last !== null) {
    for (let year = Math.floor(packedCivil(first) / 10000); year <= Math.floor(packedCivil(last) / 10000); year++) yearsInData.add(year);
  }

  const completeness = checkCompleteness(context);
  const outliers = checkOutliers(context, counts, input.facilities);
  const overTime = checkOverTime(context, input.census, input.facilities, yearsInData);
  const window = visits.countWindow(period.year, period.quarter ?? 4);
  const related = checkRelated(context, window.infantsSeen);

  const checks = [...completeness.findings, ...outliers.findings, ...overTime.findings, ...related.findings].sort(compareFindings);
  const flagged = checks.filter((finding) => finding.flag);
  return {
    checks,
    summary: {
      flagged: flagged.length,
      notes: checks.length - flagged.length,
      completeness: { areas: completeness.areas, flagged: completeness.findings.filter((finding) => finding.flag).length },
      outliers: {
        series: outliers.series,
        scored: outliers.scored,
        moderate: outliers.moderate,
        extreme: outliers.extreme,
        flaggedAreas: outliers.flaggedAreas,
        flaggedDistricts: outliers.flaggedDistricts,
      },
      overTime: { compared: overTime.compared, flagged: overTime.findings.filter((finding) => finding.flag).length },
      related: { compared: related.compared, flagged: related.findings.length },
      flaggedDistricts: [...new Set(flagged.map((finding) => finding.district).filter((code) => code !== ''))]
        .sort()
        .map((code) => ({ code, name: context.nameOf(code) })),
    },
  };
}

const LEVEL_ORDER: Readonly<Record<QualityLevel, number>> = { all: 0, district: 1, street: 2, community: 3, facility: 4 };
const MEASURE_ORDER = ['records', 'community_share', ...VISIT_KINDS, 'population', 'infants_0_1', 'toddlers_1_3', 'open_slots', 'toddler_infant_ratio', 'infants_seen'];

/** By check, then district by district (the whole data set first), areas before facilities, then by code, quarter and measure. */
function compareFindings(a: QualityFinding, b: QualityFinding): number {
  return (
    QUALITY_CHECKS.indexOf(a.check) - QUALITY_CHECKS.indexOf(b.check) ||
    compareText(a.district, b.district) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    compareText(a.area, b.area) ||
    compareText(a.quarter ?? '', b.quarter ?? '') ||
    MEASURE_ORDER.indexOf(a.measure) - MEASURE_ORDER.indexOf(b.measure)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
