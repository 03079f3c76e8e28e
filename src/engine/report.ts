/**
 * The report object: the JSON contract of SPEC §7 and the input of every
 * formatter. `--format json` prints it as it is.
 */
import type { Issue, IssueSummary, TableName } from '../issues/issue.js';
import type { AreaLevel } from '../schema/records.js';
import type { IndicatorId } from './indicators.js';
import type { TargetOp } from './indicator-entry.js';

export type { TargetOp };

export type Status = 'met' | 'not_met' | 'no_target' | 'n/a';

export interface IndicatorResult {
  /** In the indicator's unit (percent 0–100, per 1,000, per infant, count), unrounded; null when n/a. */
  value: number | null;
  numerator: number | null;
  /** null for counts and sums. */
  denominator: number | null;
  /** null when status is no_target. */
  target: number | null;
  op: TargetOp | null;
  status: Status;
  /** Only with status n/a: why, in words, in the output language. */
  reason?: string;
}

export interface AreaReport {
  /** '' for the total row. */
  code: string;
  name: string;
  level: AreaLevel;
  indicators: Record<IndicatorId, IndicatorResult>;
}

export interface InputSummary {
  table: TableName;
  file: string;
  sheet: string | null;
  sha256: string;
  read: number;
  used: number;
  rejected: number;
  skipped: number;
}

export interface PeriodInfo {
  id: string;
  /** ISO dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

export type { IssueSummary };

/** One of several submissions read as one (SPEC §8): its name, its files and its own problems counted. */
export interface SubmissionSummary {
  /** The DATA as given (a folder or a workbook), or its files when named one by one. */
  name: string;
  /** The tables found in it; a table another submission brings may be absent. */
  inputs: { table: TableName; file: string; sheet: string | null }[];
  /** The occurrences of the issues filed at its files, by severity. */
  summary: IssueSummary;
}

export interface ValidationReport {
  schemaVersion: 1;
  tool: { name: 'tuoyu'; version: string };
  inputs: InputSummary[];
  /** Only when several submissions were read as one (SPEC §8): each, in the order given. */
  submissions?: SubmissionSummary[];
  issues: Issue[];
  summary: IssueSummary;
}

export interface Report extends ValidationReport {
  period: PeriodInfo;
  plan: { id: string; name: string };
  /** The total row first, then areas by code. Every indicator appears in every area. */
  areas: AreaReport[];
}
