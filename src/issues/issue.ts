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
  value: string | null;
  message: string;
}

export type Lang = 'zh' | 'en';

/** Occurrences by severity: every one counted, listed or not. */
export interface IssueSummary {
  errors: number;
  warnings: number;
  infos: number;
}
