/**
 * Collects issue drafts while tables are read, one cause one line (SPEC §5):
 * drafts with the same code, table, file, sheet, column and value are one
 * group, which counts every occurrence and names its first rows.
 *
 * A file with a million bad rows must not become a million issues in memory
 * or in the report, so at most `maxPerCodeAndFile` groups are kept per (code,
 * file); the occurrences of groups beyond them are counted, by severity, and
 * announced by one `issues-truncated` note per capped pair. A new value is
 * never folded into another value's group: it is either a group of its own
 * or counted as not listed. Memory is bounded by the groups kept, each
 * holding at most MAX_GROUP_ROWS row numbers.
 *
 * Counting: `drafts()` lists the groups kept (plus the notes); `summary()`
 * counts every occurrence, listed or not — or simply `render(lang, strict)`.
 */
import type { IssueCause, IssueGroupDraft, IssueSummary } from './issue.js';
import { severityOf } from './catalogue.js';
import { MAX_GROUP_ROWS, type Issue, type IssueDraft, type Lang, type Severity } from './issue.js';
import { TRUNCATION_CODE, renderIssue } from './render.js';

/** SPEC §5: the default cap, in groups of one code and file. */
export const DEFAULT_MAX_PER_CODE_AND_FILE = 100;

export interface IssueLogOptions {
  /** Groups kept per (code, file); default 100; 0 keeps every group (`--max-issues 0`). */
  maxPerCodeAndFile?: number;
}

/** What is worth working out only for a group that will be listed: a "did you mean" search, a cause. */
export type LazyParams = () => { params?: Record<string, string | number>; cause?: IssueCause } | undefined;

interface Bucket {
  /** Groups kept for this (code, file). */
  groups: number;
  /** Occurrences not listed because the bucket was full. */
  dropped: number;
  /**
   * The groups not listed, as hashes of their keys, so that a summary can say
   * how many groups there are in all ("列出 100 组，共 340 组"). At most
   * MAX_UNLISTED_GROUPS_COUNTED are told apart; beyond, the count is a floor.
   */
  unlistedGroups: Set<number>;
  unlistedGroupsOverflow: boolean;
  /** The first draft of the pair, for the note's table, file and sheet. */
  first: IssueDraft;
}

interface Tally {
  error: number;
  warning: number;
  info: number;
}

export class IssueLog {
  private readonly max: number;
  private readonly groups = new Map<string, IssueGroupDraft>();
  /** Keyed by code + NUL + file: neither may contain NUL, so keys never collide. */
  private readonly buckets = new Map<string, Bucket>();
  /** Occurrences of every draft added, listed or not, by catalogue severity. */
  private readonly added: Tally = { error: 0, warning: 0, info: 0 };
  private readonly droppedBySeverity: Tally = { error: 0, warning: 0, info: 0 };

  constructor(options: IssueLogOptions = {}) {
    const max = options.maxPerCodeAndFile ?? DEFAULT_MAX_PER_CODE_AND_FILE;
    this.max = max <= 0 ? Number.POSITIVE_INFINITY : max;
  }

  /**
   * Adds one occurrence. `lazy` is called only when the draft opens a group
   * that will be listed, and its parameters join the draft's.
   */
  add(draft: IssueDraft, lazy?: LazyParams): void {
    const severity: Severity = severityOf(draft.code);
    this.added[severity]++;
    const key = groupKey(draft);
    const existing = this.groups.get(key);
    if (existing !== undefined) {
      existing.count++;
      if (draft.row !== null && existing.rows.length < MAX_GROUP_ROWS) existing.rows.push(draft.row);
      return;
    }
    const bucketKey = `${draft.code}\u0000${draft.file ?? ''}`;
    let bucket = this.buckets.get(bucketKey);
    if (bucket === undefined) {
      bucket = { groups: 0, dropped: 0, first: draft, unlistedGroups: new Set(), unlistedGroupsOverflow: false };
      this.buckets.set(bucketKey, bucket);
    }
    if (bucket.groups >= this.max) {
      bucket.dropped++;
      this.droppedBySeverity[severity]++;
      const hash = hashKey(key);
      if (bucket.unlistedGroups.size < MAX_UNLISTED_GROUPS_COUNTED) bucket.unlistedGroups.add(hash);
      else if (!bucket.unlistedGroups.has(hash)) bucket.unlistedGroupsOverflow = true;
      return;
    }
    bucket.groups++;
    const more = lazy?.();
    const group: IssueGroupDraft = { ...draft, count: 1, rows: draft.row === null ? [] : [draft.row] };
    if (more?.params !== undefined) group.params = { ...draft.params, ...more.params };
    if (more?.cause !== undefined) group.cause = more.cause;
    this.groups.set(key, group);
  }

  /** The groups in the order first seen, then one `issues-truncated` note per capped (code, file). */
  drafts(): IssueGroupDraft[] {
    const notes: IssueGroupDraft[] = [];
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
        params: {
          count: bucket.dropped,
          code: first.code,
          listed: bucket.groups,
          groups: bucket.unlistedGroups.size,
          ...(bucket.unlistedGroupsOverflow ? { groupsAtLeast: 1 } : {}),
        },
        // The occurrences the note stands for: counted in the summary through the groups' severity, not the note's.
        count: bucket.dropped,
        rows: [],
      });
    }
    return [...this.groups.values(), ...notes];
  }

  /** How many occurrences were counted but not listed. */
  dropped(): number {
    return this.droppedBySeverity.error + this.droppedBySeverity.warning + this.droppedBySeverity.info;
  }

  /** Every occurrence, listed or not, by severity as rendered (`strict` turns warnings into errors). */
  summary(strict: boolean): IssueSummary {
    const { error, warning, info } = this.added;
    return strict ? { errors: error + warning, warnings: 0, infos: info } : { errors: error, warnings: warning, infos: info };
  }

  /** Every occurrence ever added with `code` (listed or not), e.g. to test that a rule fired. */
  countOf(code: string): number {
    let n = 0;
    for (const group of this.groups.values()) if (group.code === code) n += group.count;
    for (const [key, bucket] of this.buckets) if (key.startsWith(`${code}\u0000`)) n += bucket.dropped;
    return n;
  }

  /** The issues of the report and their summary, every occurrence counted. */
  render(lang: Lang, strict: boolean): { issues: Issue[]; summary: IssueSummary } {
    const issues = this.drafts().map((draft) => renderIssue(draft, lang, strict));
    return { issues, summary: this.summary(strict) };
  }
}

/** Groups not listed told apart per (code, file): 100,000 hashes are a few megabytes. */
const MAX_UNLISTED_GROUPS_COUNTED = 100_000;

/**
 * A 52-bit hash of a group key (two 32-bit FNV-1a passes with different
 * offsets): among 100,000 keys a collision, which would undercount the
 * groups by one, has odds of about one in a billion.
 */
function hashKey(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** Same code, table, file, sheet, column and value: one group (JSON, so that no text can pass for another field). */
function groupKey(draft: IssueDraft): string {
  return JSON.stringify([draft.code, draft.table, draft.file, draft.sheet, draft.column, draft.value]);
}
