/**
 * Header matching (SPEC §3): a header names a column by its English id, its
 * Chinese label or an alias, whatever the case, width, spacing or unit in
 * brackets ("托位数（个）", "常住人口(人)", "slots [个]"). Column ids live in
 * Maps so that a header called `__proto__` or `constructor` is only an
 * unknown column.
 */
import type { RawCell, RawRow, TableSource } from '../io/raw.js';
import type { IssueDraft, TableName } from '../issues/issue.js';
import { TABLE_COLUMNS } from './columns.js';
import { cellText, normaliseLabel } from './values.js';

export interface HeaderMatch {
  /** Column id → index of its cell in every row. */
  columnIndex: Map<string, number>;
  /** Column id → the header as written in the file, for issue positions. */
  headerText: Map<string, string>;
  issues: IssueDraft[];
  /** False when a required column is missing or a column appears twice: the table cannot be read. */
  usable: boolean;
}

/** A trailing unit in brackets, after width folding: (个) [人] 【人】. */
const TRAILING_UNIT_RE = /\s*[([【][^()[\]【】]*[)\]】]\s*$/;
/** Templates and forms mark required columns with an asterisk: "*区划代码". */
const REQUIRED_MARK_RE = /^\s*\*+|\*+\s*$/g;

/** The form a header is compared in: width-folded, without required marks or a trailing unit, lower case, no spaces. */
export function normaliseHeader(text: string): string {
  const folded = text.normalize('NFKC').replace(REQUIRED_MARK_RE, '').trim();
  const withoutUnit = folded.replace(TRAILING_UNIT_RE, '');
  return normaliseLabel(withoutUnit.length > 0 ? withoutUnit : folded);
}

const headerIndexes = new Map<TableName, Map<string, string>>();

/** Normalised header → column id, per table, built once. */
function headerIndexFor(table: TableName): Map<string, string> {
  let index = headerIndexes.get(table);
  if (index === undefined) {
    index = new Map();
    for (const column of TABLE_COLUMNS[table]) {
      for (const name of [column.id, column.zh, ...column.aliases]) {
        const key = normaliseHeader(name);
        if (!index.has(key)) index.set(key, column.id);
      }
    }
    headerIndexes.set(table, index);
  }
  return index;
}

/** The column id a header cell names in `table`, or undefined. */
export function columnOfHeader(table: TableName, cell: RawCell): string | undefined {
  const text = cellText(cell);
  return text.length === 0 ? undefined : headerIndexFor(table).get(normaliseHeader(text));
}

/** A line break typed inside a header cell (Alt+Enter: "托位数\n（个）"). */
const LINE_BREAK_RE = /\s*[\r\n]+\s*/g;

/**
 * A header as a clerk reads it on one line, for issue positions: trimmed,
 * line breaks inside the cell read as one space, so that a message or a CI
 * annotation never breaks in the middle of a column name.
 */
function headerAsRead(cell: RawCell): string {
  return cellText(cell).replace(LINE_BREAK_RE, ' ');
}

export function matchHeader(table: TableName, header: RawRow, source: TableSource): HeaderMatch {
  const columnIndex = new Map<string, number>();
  const headerText = new Map<string, string>();
  const issues: IssueDraft[] = [];
  let usable = true;
  const at = (code: string, column: string, value: string | null, params?: Record<string, string | number>): IssueDraft => ({
    code, table, file: source.file, sheet: source.sheet, row: header.row, column, value, ...(params ? { params } : {}),
  });

  header.cells.forEach((cell, i) => {
    const text = headerAsRead(cell);
    if (text.length === 0) return;
    const id = columnOfHeader(table, cell);
    if (id === undefined) {
      issues.push(at('unknown-column', text, text));
      return;
    }
    const first = headerText.get(id);
    if (first !== undefined) {
      issues.push(at('duplicate-column', text, text, { id, first }));
      usable = false;
      return;
    }
    columnIndex.set(id, i);
    headerText.set(id, text);
  });

  // 'unless_outreach', 'for_outreach' and 'unless_total' are per-row rules,
  // but the column itself must exist for any row to satisfy them.
  for (const column of TABLE_COLUMNS[table]) {
    if (column.required === 'no' || columnIndex.has(column.id)) continue;
    issues.push(at('missing-column', column.id, null, { zh: column.zh }));
    usable = false;
  }
  return { columnIndex, headerText, issues, usable };
}

/** For the readers' title-row detection: at least two cells name known columns of `table`. */
export function looksLikeHeader(table: TableName, cells: readonly RawCell[]): boolean {
  const seen = new Set<string>();
  for (const cell of cells) {
    const id = columnOfHeader(table, cell);
    if (id !== undefined) seen.add(id);
    if (seen.size >= 2) return true;
  }
  return false;
}
