/**
 * Collects issue drafts while tables are read. A file with a million bad rows
 * must not become a million issues in memory or in the report, so at most
 * `maxPerCodeAndFile` drafts are kept per (code, file); the rest are counted,
 * by severity, and announced by one `issues-truncated` note per capped pair.
 *
 * Counting: `drafts()` lists what is kept (plus the notes); `droppedSummary()`
 * counts what was not kept, so the report's summary is
 * `summarizeIssues(renderedDrafts, log.droppedSummary(strict))` — or simply
 * `log.render(lang, strict)`, which does both.
 */
import type { IssueSummary } from './issue.js';
import { severityOf } from './catalogue.js';
import type { Issue, IssueDraft, Lang } from './issue.js';
import { TRUNCATION_CODE, renderIssue, summarizeIssues } from './render.js';

export const DEFAULT_MAX_PER_CODE_AND_FILE = 100;

export interface IssueLogOptions {
  /** Drafts kept per (code, file); default 100. */
  maxPerCodeAndFile?: number;
}

interface Bucket {
  kept: number;
  dropped: number;
  /** The first draft of the pair, for the note's table, file and sheet. */
  first: IssueDraft;
}

export class IssueLog {
  private readonly max: number;
  private readonly kept: IssueDraft[] = [];
  /** Keyed by code + NUL + file: neither may contain NUL, so keys never collide. */
  private readonly buckets = new Map<string, Bucket>();
  private droppedErrors = 0;
  private droppedWarnings = 0;
  private droppedInfos = 0;

  constructor(options: IssueLogOptions = {}) {
    this.max = Math.max(0, options.maxPerCodeAndFile ?? DEFAULT_MAX_PER_CODE_AND_FILE);
  }

  add(draft: IssueDraft): void {
    const key = `${draft.code}\u0000${draft.file ?? ''}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { kept: 0, dropped: 0, first: draft };
      this.buckets.set(key, bucket);
    }
    if (bucket.kept < this.max) {
      bucket.kept++;
      this.kept.push(draft);
      return;
    }
    bucket.dropped++;
    const severity = severityOf(draft.code);
    if (severity === 'error') this.droppedErrors++;
    else if (severity === 'warning') this.droppedWarnings++;
    else this.droppedInfos++;
  }

  /** Kept drafts in the order added, then one `issues-truncated` note per capped (code, file). */
  drafts(): IssueDraft[] {
    const notes: IssueDraft[] = [];
    for (const bucket of this.buckets.values()) {
      if (bucket.dropped === 0) continue;
      const { first } = bucket;
      notes.push({
        code: TRUNCATION_CODE,
        table: first.table,
        file: first.file,
        sheet: first.sheet,
        row: null,
        column: null,
        value: first.code,
        params: { count: bucket.dropped, code: first.code },
      });
    }
    return [...this.kept, ...notes];
  }

  /** How many drafts were counted but not kept. */
  dropped(): number {
    return this.droppedErrors + this.droppedWarnings + this.droppedInfos;
  }

  /** The drafts not kept, by severity as they would have been rendered (`strict` turns warnings into errors). */
  droppedSummary(strict: boolean): IssueSummary {
    return strict
      ? { errors: this.droppedErrors + this.droppedWarnings, warnings: 0, infos: this.droppedInfos }
      : { errors: this.droppedErrors, warnings: this.droppedWarnings, infos: this.droppedInfos };
  }

  /** Every draft ever added with `code` (kept or not), e.g. to test that a rule fired. */
  countOf(code: string): number {
    let n = 0;
    for (const [key, bucket] of this.buckets) if (key.startsWith(`${code}\u0000`)) n += bucket.kept + bucket.dropped;
    return n;
  }

  /** The issues of the report and their summary, dropped issues counted. */
  render(lang: Lang, strict: boolean): { issues: Issue[]; summary: IssueSummary } {
    const issues = this.drafts().map((draft) => renderIssue(draft, lang, strict));
    return { issues, summary: summarizeIssues(issues, this.droppedSummary(strict)) };
  }
}
