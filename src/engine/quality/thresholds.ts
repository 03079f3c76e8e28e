/**
 * The thresholds of the data-quality review (SPEC §11). They are plan data: a
 * plan file's `quality` section replaces any of them (src/plan/plan-file.ts);
 * the built-in plans hold the defaults below, which are the published
 * defaults of WHO's Data Quality Review (DQR, 2017, Module 2: Desk review of
 * data quality) as the DHIS2 WHO Data Quality Tool applies them, and the
 * Iglewicz–Hoaglin cut-off for the modified z-score.
 */

export interface QualityThresholds {
  completeness: {
    /** Percent: an area whose communities with ≥ 1 record in the window fall below this share is flagged (WHO DQR: 90 %). */
    communityShare: number;
  };
  outliers: {
    /** A modified z-score above this (in absolute value) is a moderate outlier (Iglewicz–Hoaglin: 3.5). */
    moderate: number;
    /** A modified z-score above this is an extreme outlier (WHO DQR / DHIS2: 5). */
    extreme: number;
    /** Series with fewer whole quarters than this are not scored: "too few quarters" (SPEC §11: 4). */
    minQuarters: number;
    /** An area or facility is flagged with at least this many extreme outliers (WHO DQR: 1)… */
    flagExtremeCount: number;
    /** …or at least this many moderate ones (WHO DQR: 2). */
    flagModerateCount: number;
  };
  overTime: {
    /** Percent: a change beyond ± this against the reference years is flagged (WHO DQR: 33 %). */
    change: number;
    /** The reference is the mean of up to this many previous years in the data (WHO DQR: 3). */
    years: number;
  };
  related: {
    /** Percent: an area's toddlers ÷ (2 × infants) beyond ± this of the whole data set's ratio is flagged (WHO DQR: 10 %). */
    difference: number;
    /** Children aged 0 seen ÷ infants_0_1 above this is flagged (SPEC §11: 1). */
    infantsSeenRatio: number;
  };
}

export const WHO_QUALITY_THRESHOLDS: QualityThresholds = {
  completeness: { communityShare: 90 },
  outliers: { moderate: 3.5, extreme: 5, minQuarters: 4, flagExtremeCount: 1, flagModerateCount: 2 },
  overTime: { change: 33, years: 3 },
  related: { difference: 10, infantsSeenRatio: 1 },
};
