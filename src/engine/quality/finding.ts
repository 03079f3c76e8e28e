/**
 * What the data-quality review reports (SPEC §11): one finding per area (or
 * facility), quarter and thing measured that a check flags, and notes where a
 * check could not judge. Every finding carries the value, the reference it
 * was compared with and the threshold, and `compared`, the number that was
 * held against the threshold (a score, a change in percent, a share), so that
 * a reader can redo the judgement. Numbers are unrounded; views round.
 */
import type { AreaLevel, VisitKind } from '../../schema/records.js';
import type { SpreadBasis } from './modified-z-score.js';

export const QUALITY_CHECKS = ['completeness', 'outliers', 'consistency-over-time', 'consistency-related'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** Areas of SPEC §2, and facilities (outliers are scored per facility too). */
export type QualityLevel = AreaLevel | 'facility';

export const CENSUS_MEASURES = ['population', 'infants_0_1', 'toddlers_1_3'] as const;
export type CensusMeasure = (typeof CENSUS_MEASURES)[number];

/** What was measured: records of any kind, one kind, a census figure, open slots, or a ratio. */
export type QualityMeasure =
  | 'records'
  | 'community_share'
  | VisitKind
  | CensusMeasure
  | 'open_slots'
  | 'toddler_infant_ratio'
  | 'infants_seen';

export type QualityOutcome =
  /** completeness: no service record at all in the quarter. */
  | 'no-records'
  /** completeness: too few of the area's communities have a record in the window. */
  | 'low-share'
  /** completeness: the census lists no communities in the area, so the share cannot be taken (a note). */
  | 'no-communities'
  /** outliers: the modified z-score is above the moderate threshold, not above the extreme one. */
  | 'moderate'
  | 'extreme'
  /** outliers: fewer whole quarters than the minimum, so not scored (a note). */
  | 'too-few-quarters'
  /** consistency over time: beyond the allowed change. */
  | 'change'
  /** consistency over time: no earlier year in the data to compare with (a note). */
  | 'no-previous-year'
  /** consistency between related numbers: the area's ratio is too far from the whole data set's. */
  | 'ratio-difference'
  /** consistency between related numbers: more children aged 0 seen than the census counts infants. */
  | 'above-census';

export interface QualityFinding {
  check: QualityCheck;
  measure: QualityMeasure;
  /** Area code ('' for the whole data set), or the facility id at level `facility`. */
  area: string;
  name: string;
  level: QualityLevel;
  /** The district the area or facility lies in ('' for the whole data set), to group findings by district. */
  district: string;
  /** "2025Q3" for a quarter; null for a finding about the window or a year. */
  quarter: string | null;
  value: number | null;
  reference: number | null;
  threshold: number;
  /** The number held against the threshold: a score, a change or difference in percent, a share in percent, a ratio. */
  compared: number | null;
  /** Flagged (the check's threshold is crossed and, for outliers, the area's rule met), or false for a note. */
  flag: boolean;
  outcome: QualityOutcome;
  /** completeness: the quarters whose mean is the reference; outliers: the quarters of the series. */
  referenceQuarters?: string[];
  /**
   * outliers: σ̂, the spread the distance from the median was divided by, and where it came from —
   * or 'poisson' where the score is the bound of counting noise (modified-z-score.ts).
   */
  spread?: number;
  basis?: SpreadBasis | 'poisson';
  /** consistency over time: the year compared and the years whose mean is the reference. */
  year?: number;
  referenceYears?: number[];
}

export interface QualitySummary {
  /** Findings flagged, and notes (findings not flagged). */
  flagged: number;
  notes: number;
  completeness: { areas: number; flagged: number };
  outliers: { series: number; scored: number; moderate: number; extreme: number; flaggedAreas: number; flaggedDistricts: DistrictRef[] };
  overTime: { compared: number; flagged: number };
  related: { compared: number; flagged: number };
  /** Districts with a flagged finding at their level or beneath it (streets, communities, facilities), by code. */
  flaggedDistricts: DistrictRef[];
}

export interface DistrictRef {
  code: string;
  name: string;
}

export interface QualityOutcomeSet {
  checks: QualityFinding[];
  summary: QualitySummary;
}
