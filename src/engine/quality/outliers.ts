/**
 * Outliers (SPEC §11; WHO DQR dimension 2, internal consistency: outliers):
 * for each district, street and facility, the count of records of each kind
 * in every whole quarter of the data is scored with the modified z-score
 * (modified-z-score.ts). A quarter of the period's year up to its end whose
 * score is above the moderate threshold (3.5) is a moderate outlier, above the
 * extreme one (5) an extreme outlier. A district — and, by the same rule, a
 * street or facility — is flagged with at least one extreme or at least two
 * moderate outliers of one kind of record in the period (WHO DQR counts them
 * per indicator); outliers that do not meet that rule — a lone moderate one —
 * are listed as notes.
 *
 * Which quarters make a series:
 * - for each kind, the quarters its records cover whole in the whole data set
 *   (quarters.ts `wholeQuarters`), with zeros where an area has none: a kind
 *   recorded only from January is not "missing" in the December before;
 * - for a facility, only those it was open throughout (registry `opened`,
 *   `closed`): a facility opened in May has no "drop" in the first quarter.
 * A series shorter than the minimum (4) is not scored: "too few quarters".
 * An area or facility without any record of a kind has no series of it.
 */
import { VISIT_KINDS, type Facility, type VisitKind } from '../../schema/records.js';
import type { RecordCounts } from '../visit-fold.js';
import type { DistrictRef, QualityFinding } from './finding.js';
import { modifiedZScores } from './modified-z-score.js';
import { periodQuarters, quarterEnd, quarterId, quarterRange, quarterStart, wholeQuarters, type QuarterNumber } from './quarters.js';
import { countIn, hasAny, type QuarterlyCounts } from './record-tally.js';
import { aboutArea, reviewedAreas, type ReviewContext } from './review-context.js';
import { isOpenAt } from '../tally.js';

export interface OutlierOutcome {
  findings: QualityFinding[];
  /** Series looked at, and of them scored (long enough). */
  series: number;
  scored: number;
  moderate: number;
  extreme: number;
  flaggedAreas: number;
  /** Districts flagged by the rule, by code. */
  flaggedDistricts: DistrictRef[];
}

interface Series {
  about: Pick<QualityFinding, 'area' | 'name' | 'level' | 'district'>;
  kind: VisitKind;
  quarters: QuarterNumber[];
  counts: QuarterlyCounts | undefined;
}

export function checkOutliers(context: ReviewContext, recordCounts: RecordCounts, facilities: readonly Facility[]): OutlierOutcome {
  const limits = context.thresholds.outliers;
  const windowQuarters = periodQuarters(context.period);
  const window = new Set(windowQuarters);
  const findings: QualityFinding[] = [];
  const outcome: OutlierOutcome = { findings, series: 0, scored: 0, moderate: 0, extreme: 0, flaggedAreas: 0, flaggedDistricts: [] };

  const { tally } = context;
  // Each kind's series runs over the quarters its records cover whole in the whole data set.
  const spans = new Map<VisitKind, QuarterNumber[]>();
  for (const kind of VISIT_KINDS) {
    if (recordCounts.firstDay(kind) === null) continue;
    const span = wholeQuarters(recordCounts.firstDay(kind), recordCounts.lastDay(kind));
    const quarters = span === null ? [] : quarterRange(span.first, span.last);
    if (quarters.length >= limits.minQuarters) spans.set(kind, quarters);
    // The data set itself covers too few quarters of this kind: said once, not for every area.
    else findings.push(tooFewQuarters({ ...aboutArea(context, ''), level: 'all' }, kind, quarters, limits.minQuarters));
  }
  const everySeries: Series[] = [];
  for (const node of reviewedAreas(context.tree)) {
    const counts = tally.byArea.get(node.code);
    for (const [kind, quarters] of spans) if (hasAny(counts, kind)) everySeries.push({ about: aboutArea(context, node.code), kind, quarters, counts });
  }
  const everyQuarter = [...new Set([...spans.values()].flat())].map((quarter) => ({ quarter, start: quarterStart(quarter), end: quarterEnd(quarter) }));
  for (const facility of facilities) {
    const counts = tally.byFacility.get(facility.facilityId);
    if (counts === undefined) continue;
    const open = new Set(everyQuarter.filter((bounds) => openThroughout(facility, bounds)).map((bounds) => bounds.quarter));
    const about = { area: facility.facilityId, name: facility.name, level: 'facility' as const, district: facility.areaCode.slice(0, 6) };
    for (const [kind, quarters] of spans) {
      if (hasAny(counts, kind)) everySeries.push({ about, kind, quarters: quarters.filter((quarter) => open.has(quarter)), counts });
    }
  }

  const byHolder = new Map<string, QualityFinding[]>();
  for (const series of everySeries) {
    const values = series.quarters.map((quarter) => countIn(tally, series.counts, quarter, series.kind));
    if (values.every((value) => value === 0)) continue;
    outcome.series += 1;
    if (series.quarters.length < limits.minQuarters) {
      // Noted only where it matters to the period: the facility recorded this kind in the window.
      if (windowQuarters.some((quarter) => countIn(tally, series.counts, quarter, series.kind) > 0)) {
        findings.push(tooFewQuarters(series.about, series.kind, series.quarters, limits.minQuarters));
      }
      continue;
    }
    outcome.scored += 1;
    const scored = modifiedZScores(values);
    series.quarters.forEach((quarter, i) => {
      const score = scored.scores[i];
      if (!window.has(quarter) || Math.abs(score) <= limits.moderate) return;
      const extreme = Math.abs(score) > limits.extreme;
      if (extreme) outcome.extreme += 1;
      else outcome.moderate += 1;
      const finding: QualityFinding = {
        check: 'outliers',
        measure: series.kind,
        ...series.about,
        quarter: quarterId(quarter),
        value: values[i],
        reference: scored.median,
        threshold: extreme ? limits.extreme : limits.moderate,
        compared: score,
        flag: false,
        outcome: extreme ? 'extreme' : 'moderate',
        referenceQuarters: series.quarters.map(quarterId),
        spread: scored.spread,
        basis: scored.countBound[i] ? 'poisson' : scored.basis,
      };
      findings.push(finding);
      const holder = `${series.about.level} ${series.about.area} ${series.kind}`;
      byHolder.set(holder, [...(byHolder.get(holder) ?? []), finding]);
    });
  }

  // WHO DQR: flagged with ≥ 1 extreme or ≥ 2 moderate outliers of one indicator — here one kind of
  // record — in the year. A finding is flagged when it is part of what meets the rule: an extreme one
  // when the extremes suffice, a moderate one when the moderates do; a lone moderate stays a note.
  const flaggedHolders = new Map<string, Pick<QualityFinding, 'level' | 'area' | 'name'>>();
  for (const held of byHolder.values()) {
    const extremes = held.filter((finding) => finding.outcome === 'extreme');
    const moderates = held.filter((finding) => finding.outcome === 'moderate');
    const byExtremes = extremes.length >= limits.flagExtremeCount;
    const byModerates = moderates.length >= limits.flagModerateCount;
    if (!byExtremes && !byModerates) continue;
    for (const finding of byExtremes ? extremes : []) finding.flag = true;
    for (const finding of byModerates ? moderates : []) finding.flag = true;
    flaggedHolders.set(`${held[0].level} ${held[0].area}`, held[0]);
  }
  outcome.flaggedAreas = flaggedHolders.size;
  for (const { level, area, name } of flaggedHolders.values()) if (level === 'district') outcome.flaggedDistricts.push({ code: area, name });
  outcome.flaggedDistricts.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return outcome;
}

/** Open on every day of the quarter (SPEC §1 "open": `opened` empty or on/before, `closed` empty or after). */
function openThroughout(facility: Facility, quarter: { start: number; end: number }): boolean {
  return isOpenAt(facility, quarter.start) && isOpenAt(facility, quarter.end);
}

function tooFewQuarters(
  about: Pick<QualityFinding, 'area' | 'name' | 'level' | 'district'>,
  kind: VisitKind,
  quarters: readonly QuarterNumber[],
  minQuarters: number,
): QualityFinding {
  return {
    check: 'outliers',
    measure: kind,
    ...about,
    quarter: null,
    value: quarters.length,
    reference: null,
    threshold: minQuarters,
    compared: quarters.length,
    flag: false,
    outcome: 'too-few-quarters',
    referenceQuarters: quarters.map(quarterId),
  };
}
