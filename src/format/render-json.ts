/**
 * `--format json`: the report object itself (SPEC §7, "The JSON report is the
 * API"), so the CLI's JSON and the library's result are the same thing.
 */
import type { Report, ValidationReport } from '../engine/report.js';
import type { QualityReview } from '../engine/quality/quality-review.js';

export function renderJson(report: Report | ValidationReport | QualityReview): string {
  return JSON.stringify(report, null, 2) + '\n';
}
