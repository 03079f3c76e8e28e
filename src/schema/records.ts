/**
 * The three tables after validation: what the engine computes from.
 * Dates are ISO day numbers (see `DayNumber`) so that the hot loop over
 * visits compares integers, not Date objects or strings.
 */

import type { DayNumber } from '../shared/dates.js';

export type { DayNumber };

/** A normalised area code: 6 (district), 9 (street) or 12 (community) digits. */
export type AreaCode = string;

export type AreaLevel = 'all' | 'district' | 'street' | 'community';

export interface CensusRow {
  /** Normalised code; '' for a total row without a code (those are skipped, never used). */
  areaCode: AreaCode;
  areaName: string;
  /** Census year, or null when the row applies to every period. */
  year: number | null;
  population: number;
  infants01: number;
  toddlers13: number;
  /** Spreadsheet row, for messages about the row later (subtotal checks). */
  row: number;
}

export const FACILITY_TYPES = ['kindergarten', 'nursery', 'community', 'employer', 'medical', 'other'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export interface Facility {
  facilityId: string;
  name: string;
  areaCode: AreaCode;
  type: FacilityType;
  inclusive: boolean;
  slots: number;
  toddlerClasses: number;
  toddlerClassesNew: number;
  provincial: boolean;
  demonstration: boolean;
  opened: DayNumber | null;
  closed: DayNumber | null;
  row: number;
}

export const VISIT_KINDS = ['guidance', 'activity', 'outreach', 'online'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/**
 * One service record. For `outreach`, childId/birthDate/areaCode may be null
 * and facilityId is set; for the other kinds childId, birthDate and areaCode
 * are set and facilityId may be null.
 */
export interface Visit {
  recordId: string | null;
  date: DayNumber;
  kind: VisitKind;
  childId: string | null;
  birthDate: DayNumber | null;
  areaCode: AreaCode | null;
  facilityId: string | null;
  /** Spreadsheet row: "latest record by date, then by row order". */
  row: number;
  /**
   * The child as a small dense integer (0, 1, 2… in order of first appearance),
   * set by the validator on every visit naming a child and a birth date, so
   * that the fold needs no second map keyed by child id. Visits built
   * elsewhere may leave it out; within one fold, either all carry it or none.
   */
  childIndex?: number;
}

export const ASSESSMENT_KINDS = ['self', 'external'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** WS/T 821—2023 rates a facility A, B, C or D (SPEC §9). */
export const ASSESSMENT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/**
 * The seven dimensions of WS/T 821—2023 with their maximum scores, 1,000 in
 * all (SPEC §9), in the order of the assessments table.
 */
export const QUALITY_DIMENSIONS = {
  conditions: 100,
  staff: 140,
  care: 200,
  health: 210,
  family_support: 80,
  safety: 200,
  management: 70,
} as const;
export type QualityDimension = keyof typeof QUALITY_DIMENSIONS;

/** One quality assessment of a facility (SPEC §9, the optional fourth table). */
export interface Assessment {
  facilityId: string;
  date: DayNumber;
  kind: AssessmentKind;
  /** Points per dimension, 0 to the dimension's maximum, at most one decimal. */
  scores: Record<QualityDimension, number>;
  /** 基础指标全部达标: the standard's basic items, which veto, all met. */
  basicPassed: boolean;
  /** null when the row records no level. */
  level: AssessmentLevel | null;
  /** Spreadsheet row: "latest assessment" is by date, then by row order. */
  row: number;
}
