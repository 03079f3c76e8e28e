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
