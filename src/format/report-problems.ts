/**
 * The problems a report shows under its own numbers (SPEC §5, §6): every
 * error and warning group, those only a report can find first (the census
 * year it fell back to, a numerator above its denominator), then errors, then
 * warnings. Infos (a total row skipped, a unit applied) are only counted.
 */
import type { Issue, Lang } from '../issues/issue.js';
import { TRUNCATION_CODE } from '../issues/render.js';
import { say } from './labels.js';

/**
 * Codes that depend on the report's period or numbers: `tuoyu validate`
 * cannot show them, so a report never sends the reader there for them.
 */
export const REPORT_ONLY_CODES: ReadonlySet<string> = new Set([
  'census-year-fallback',
  'census-year-missing',
  'numerator-exceeds-denominator',
  'new-community-slots-out-of-range',
]);

export interface ReportProblems {
  /** The groups shown, in order. */
  shown: Issue[];
  /** Error and warning groups not shown (beyond the limit). */
  omitted: number;
  /** Whether every omitted group is one `tuoyu validate` would also list. */
  omittedAreValidateIssues: boolean;
}

const RANK = (issue: Issue): number => (REPORT_ONLY_CODES.has(issue.code) ? 0 : issue.severity === 'error' ? 1 : 2);

export function reportProblems(issues: readonly Issue[], limit: number): ReportProblems {
  const problems = issues
    .filter((issue) => issue.code !== TRUNCATION_CODE && (issue.severity === 'error' || issue.severity === 'warning'))
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => RANK(a.issue) - RANK(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
  const shown = problems.slice(0, limit);
  const rest = problems.slice(limit);
  return { shown, omitted: rest.length, omittedAreValidateIssues: rest.every((issue) => !REPORT_ONLY_CODES.has(issue.code)) };
}

/** The line after a cut list: where the rest is, pointing to `validate` only for what it can show. */
export function omittedLine(problems: ReportProblems, lang: Lang): string | null {
  if (problems.omitted === 0) return null;
  return say(problems.omittedAreValidateIssues ? 'moreProblemsValidate' : 'moreProblemsJson', lang, { n: problems.omitted });
}
