/**
 * The data-quality review as `tuoyu quality --format json` prints it and the
 * API returns it (SPEC §11: `{schemaVersion, period, checks: [{check, area,
 * level, quarter, value, reference, threshold, flag}], summary}`), each
 * finding worded for a statistician in `message`. Its JSON Schema is
 * schema/quality.schema.json, generated from quality-schema.ts.
 */
import type { IssueSummary } from '../../issues/issue.js';
import type { PeriodInfo } from '../report.js';
import type { QualityFinding, QualitySummary } from './finding.js';
import type { QualityThresholds } from './thresholds.js';

export interface QualityCheckResult extends QualityFinding {
  /** The finding in words, in the output language: area, quarter, value, reference and threshold. */
  message: string;
}

export interface QualityReview {
  schemaVersion: 1;
  tool: { name: 'tuoyu'; version: string };
  period: PeriodInfo;
  /** The plan whose `quality` thresholds were applied. */
  plan: { id: string; name: string };
  thresholds: QualityThresholds;
  checks: QualityCheckResult[];
  summary: QualitySummary;
  /** The problems validation found in the same data (`tuoyu validate` lists them): the review reads only the rows they left. */
  dataIssues: IssueSummary;
}
