/**
 * Issues one line per cause, for views a person reads (the xlsx 数据问题
 * sheet, the HTML report): issues of the same severity, code, file, sheet,
 * column and value are one group (SPEC §5 "Grouping"), with how many times it
 * occurs, the rows where (the first 20, in order), and the catalogue's hint.
 * An issue that already stands for a group carries `count` and `rows`; one
 * that does not counts once at its own row — either way the sums are right.
 */
import { lookupIssue } from '../issues/catalogue.js';
import type { Issue, Lang, Severity } from '../issues/issue.js';

/** An issue as a report may carry it: a group's first occurrence, with the group's size and rows. */
export type MaybeGroupedIssue = Issue & { count?: number; rows?: readonly number[] };

export interface IssueGroup {
  /** The first issue of the group: its message, position and value. */
  first: Issue;
  /** Occurrences in all. */
  count: number;
  /** Spreadsheet rows, in order of appearance, at most ROWS_LISTED. */
  rows: number[];
  /** The group occurs at more rows than `rows` lists. */
  moreRows: boolean;
  /** The first issue's message without the hint, which a view shows in a column of its own. */
  message: string;
  hint: string | null;
}

export const ROWS_LISTED = 20;

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Groups in order of first appearance, errors first, then warnings, then notes. */
export function groupIssues(issues: readonly MaybeGroupedIssue[], lang: Lang): IssueGroup[] {
  const groups = new Map<string, IssueGroup & { seen: Set<number> }>();
  for (const issue of issues) {
    const key = JSON.stringify([issue.severity, issue.code, issue.file, issue.sheet, issue.column, issue.value]);
    let group = groups.get(key);
    if (!group) {
      const hint = issue.hint ?? lookupIssue(issue.code)?.hint?.[lang] ?? null;
      group = { first: issue, count: 0, rows: [], moreRows: false, message: withoutHint(issue.message, hint), hint, seen: new Set() };
      groups.set(key, group);
    }
    const count = typeof issue.count === 'number' && issue.count > 0 ? issue.count : 1;
    group.count += count;
    const rows = issue.rows ?? (issue.row !== null ? [issue.row] : []);
    for (const row of rows) {
      if (group.seen.has(row)) continue;
      group.seen.add(row);
      if (group.rows.length < ROWS_LISTED) group.rows.push(row);
    }
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...group }) => ({ ...group, moreRows: group.rows.length > 0 && group.count > group.rows.length }))
    .sort((a, b) => SEVERITY_ORDER[a.first.severity] - SEVERITY_ORDER[b.first.severity]);
}

/** The message ends with the hint (see withHint in src/issues/render.ts); views with a hint column show it once. */
function withoutHint(message: string, hint: string | null): string {
  if (hint === null || !message.endsWith(hint)) return message;
  return message.slice(0, message.length - hint.length).replace(/(。| — )$/, (end) => (end === '。' ? '。' : ''));
}

/** "12、15、20…" / "12, 15, 20…": the rows a group lists, "…" when there are more. */
export function rowsText(group: IssueGroup, lang: Lang): string {
  const text = group.rows.join(lang === 'zh' ? '、' : ', ');
  return group.moreRows && text !== '' ? `${text}…` : text;
}
