/**
 * A problem found in the input. Problems are data: they are collected, never
 * thrown, and validation goes on past them (see STYLE.md, "Problems are data").
 */
export type Severity = 'error' | 'warning' | 'info';

export type TableName = 'census' | 'facilities' | 'visits' | 'assessments';

/** The input tables of SPEC §3 and §9; `assessments` is optional. */
export const TABLE_NAMES: readonly TableName[] = ['census', 'facilities', 'visits', 'assessments'];

/** Tables a submission may leave out (SPEC §9): never `missing-table`. */
export const OPTIONAL_TABLES: ReadonlySet<TableName> = new Set(['assessments']);

/**
 * Where and what, without the words. The message is rendered from the
 * catalogue (src/issues/catalogue.ts) in the output language, from `params`.
 */
export interface IssueDraft {
  code: string;
  table: TableName | null;
  file: string | null;
  sheet: string | null;
  /** 1-based row as the spreadsheet shows it (header = row 1); null for a file-level issue. */
  row: number | null;
  /** The column as its header reads in the file (or the canonical English name when absent from the file). */
  column: string | null;
  /** The offending value as text, or null. */
  value: string | null;
  /** Values for the message template (e.g. {expected: 'integer'}). */
  params?: Record<string, string | number>;
  /** The spreadsheet cell (`D7`) when the column's position is known: column letter by position, row as shown. */
  cell?: string | null;
  /** A follow-on issue names what set it off (SPEC §5). */
  cause?: IssueCause;
}

/**
 * Issues with the same code, table, file, sheet, column and value are one
 * group (SPEC §5, "one cause, one line"): the first draft stands for them all,
 * with how many there were and the first rows, in order.
 */
export interface IssueGroupDraft extends IssueDraft {
  /** Occurrences in the group, every one counted. */
  count: number;
  /** The first MAX_GROUP_ROWS rows of the group, in the order found (empty for file-level issues). */
  rows: number[];
}

/** How many rows a group names: the JSON issue's `rows` (SPEC §5: the first 20). */
export const MAX_GROUP_ROWS = 20;

/** What a follow-on issue names as its cause: the issue that set it off, where it was filed. */
export interface IssueCause {
  code: string;
  table: TableName | null;
  file: string | null;
  row: number | null;
}

/** An issue as it appears in every report: the JSON contract of SPEC §7. */
export interface Issue {
  severity: Severity;
  code: string;
  table: TableName | null;
  file: string | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** The spreadsheet cell of the first occurrence (`D7`), null when the column's position is not known. */
  cell: string | null;
  value: string | null;
  /** Occurrences of this problem (same code, file, column and value); 1 for a single one. */
  count: number;
  /** The first rows (up to 20) where it occurs, in order; `row` is the first of them. */
  rows: number[];
  /** The sentence a clerk reads, with the location and, when the catalogue has one, what to do. */
  message: string;
  /** The catalogue's advice on what to do, or null. */
  hint: string | null;
  /** For a follow-on issue: the issue that caused it (a rejected census row, an unusable table). */
  cause?: IssueCause;
  /**
   * On an `issues-truncated` note: the groups of its code in its file, listed
   * or not (a floor when `groupsAtLeast`), and how many of them are listed.
   */
  groups?: number;
  groupsListed?: number;
  groupsAtLeast?: true;
}

export type Lang = 'zh' | 'en';

/** Occurrences by severity: every one counted, listed or not. */
export interface IssueSummary {
  errors: number;
  warnings: number;
  infos: number;
}
