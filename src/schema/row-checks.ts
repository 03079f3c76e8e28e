/**
 * What the three validators share: counts, issue positions, the per-row
 * error tally that decides rejection, and the checks every row gets (a
 * reader's problem, cells beyond the header).
 */
import type { RawCell, RawRow, RawTable } from '../io/raw.js';
import { type IssueCode, severityOf } from '../issues/catalogue.js';
import type { IssueLog, LazyParams } from '../issues/collector.js';
import type { IssueDraft, TableName } from '../issues/issue.js';
import { type HeaderMatch, matchHeader } from './headers.js';
import { columnLetter } from './column-letter.js';

import { cellText, isEmptyCell, UNSCALED, type ColumnScale, type ParseFailure, type ParseResult } from './values.js';

/** Per input table; `read = used + rejected + skipped` always. */
export interface RowCounts {
  read: number;
  used: number;
  rejected: number;
  skipped: number;
}

export interface TableOutcome<T> {
  records: T[];
  counts: RowCounts;
}

export function emptyCounts(): RowCounts {
  return { read: 0, used: 0, rejected: 0, skipped: 0 };
}

/**
 * Files issues about one table at the right position and counts the errors
 * of the current row: a row with at least one error is rejected, one with
 * only warnings is kept (SPEC §5).
 */
export class RowReporter {
  /** Errors filed since the last `beginRow`. */
  errors = 0;
  /** The code of the first of them: what a follow-on issue names as its cause. */
  firstError: string | null = null;
  private readonly table: RawTable['source'];

  /** Column id → its letter in the sheet (A, B, … AA), for the cell of an issue (`D7`). */
  private readonly letters = new Map<string, string>();

  constructor(
    source: RawTable['source'],
    private readonly headerText: ReadonlyMap<string, string>,
    private readonly log: IssueLog,
    columnIndex: ReadonlyMap<string, number> = new Map(),
  ) {
    this.table = source;
    for (const [id, index] of columnIndex) this.letters.set(id, columnLetter(index));
  }

  beginRow(): void {
    this.errors = 0;
    this.firstError = null;
  }

  /** The column as the file's header reads it (its id when the file lacks it). */
  headerOf(columnId: string): string {
    return this.headerText.get(columnId) ?? columnId;
  }

  /** The same table, header and cells, filing into `log`: for checks a later step makes (they must not change the reading's log). */
  writingTo(log: IssueLog): RowReporter {
    const reporter = new RowReporter(this.table, this.headerText, log);
    for (const [id, letter] of this.letters) reporter.letters.set(id, letter);
    return reporter;
  }

  /**
   * Files `code` at `row`, in the column `columnId` as its header reads (or the id itself, or a literal position).
   * `lazy` parameters (a "did you mean", a cause) are worked out only for a group that will be listed.
   */
  report(
    code: IssueCode,
    row: number,
    columnId: string | null,
    value: string | null,
    params?: Record<string, string | number>,
    lazy?: LazyParams,
  ): void {
    const letter = columnId === null ? undefined : this.letters.get(columnId);
    this.file(code, row, columnId === null ? null : (this.headerText.get(columnId) ?? columnId), value, params, letter, lazy);
  }

  /** A value parser's failure for the cell of `columnId`. */
  reportFailure(
    failure: ParseFailure,
    row: number,
    columnId: string,
    cell: RawCell,
    params?: Record<string, string | number>,
    lazy?: LazyParams,
  ): void {
    const merged = failure.params || params ? { ...failure.params, ...params } : undefined;
    const text = cellText(cell);
    this.file(failure.code, row, this.headerText.get(columnId) ?? columnId, text === '' ? null : text, merged, this.letters.get(columnId), lazy);
  }

  /** Files `code` at the cell of a column known only by its position (cells under no header, beyond the header). */
  reportAtLetter(code: IssueCode, row: number, letter: string, value: string | null, params?: Record<string, string | number>): void {
    this.file(code, row, letter, value, params, letter);
  }

  /** The problem a reader attached to a row it could not read as meant. */
  reportReaderProblem(row: RawRow): void {
    const problem = row.problem;
    if (problem === undefined) return;
    this.file(problem.code, row.row, problem.column, problem.value, problem.params);
  }

  private file(
    code: string,
    row: number,
    column: string | null,
    value: string | null,
    params: Record<string, string | number> | undefined,
    letter?: string,
    lazy?: LazyParams,
  ): void {
    const { table, file, sheet } = this.table;
    const draft: IssueDraft = { code, table, file, sheet, row, column, value };
    if (params !== undefined) draft.params = params;
    if (letter !== undefined) draft.cell = `${letter}${row}`;
    this.log.add(draft, lazy);
    if (severityOf(code) === 'error') {
      this.errors++;
      this.firstError ??= code;
    }
  }
}

/**
 * Indexes inside the header's width whose header cell is empty (a header
 * merged over two columns, a forgotten title): what sits under them would be
 * dropped without a word, so it is `extra-cells` like a cell beyond the header.
 */
export function headerlessColumns(header: readonly RawCell[]): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < header.length; i++) if (isEmptyCell(header[i])) indexes.push(i);
  return indexes;
}

/** `extra-cells` once per row, at the first cell with content under no header or beyond the header's width. */
export function checkExtraCells(
  row: RawRow,
  width: number,
  reporter: Pick<RowReporter, 'reportAtLetter'>,
  headerless: readonly number[] = [],
): void {
  const cells = row.cells;
  for (const i of headerless) {
    if (i < cells.length && !isEmptyCell(cells[i])) {
      reporter.reportAtLetter('extra-cells', row.row, columnLetter(i), cellText(cells[i]), { headerless: 1 });
      return;
    }
  }
  for (let i = width; i < cells.length; i++) {
    if (!isEmptyCell(cells[i])) {
      let count = 0;
      for (let j = i; j < cells.length; j++) if (!isEmptyCell(cells[j])) count++;
      reporter.reportAtLetter('extra-cells', row.row, columnLetter(i), cellText(cells[i]), { count });
      return;
    }
  }
}

/** Cell index of each column id (−1 when the file lacks it), resolved once per table. */
export function resolveColumns<const K extends string>(match: HeaderMatch, ids: readonly K[]): Record<K, number> {
  const out = Object.create(null) as Record<K, number>;
  for (const id of ids) out[id] = match.columnIndex.get(id) ?? -1;
  return out;
}

/** The cell at `index`, null when the column is absent or the row is short. */
export function cellAt(cells: readonly RawCell[], index: number): RawCell {
  return index >= 0 && index < cells.length ? cells[index] : null;
}

/**
 * Text of a text cell, trimmed; null when empty. Numbers (ids typed into
 * Excel without an apostrophe) become their digits.
 */
export function textOf(cell: RawCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') {
    const t = cell.trim();
    return t.length === 0 ? null : t;
  }
  return cellText(cell);
}

/** Files the header's issues; when the table is unusable, reads it to the end and counts every row rejected. */
export async function settleHeader(table: RawTable, match: HeaderMatch, log: IssueLog, counts: RowCounts): Promise<boolean> {
  for (const issue of match.issues) log.add(issue);
  if (match.usable) return true;
  const reporter = new RowReporter(table.source, match.headerText, log, match.columnIndex);
  for await (const batch of table.batches) {
    counts.read += batch.length;
    counts.rejected += batch.length;
    for (const row of batch) if (row.problem !== undefined) reporter.reportReaderProblem(row);
  }
  return false;
}

/** A table whose header is usable, ready for its rows to be checked. */
export interface OpenTable<K extends string> {
  /** Cell index of each column id, −1 when the file lacks it. */
  col: Record<K, number>;
  reporter: RowReporter;
  /** `extra-cells` for a row with content under no header or beyond the header's width. */
  checkExtraCells(raw: RawRow): void;
  /** The factor a column's header unit scales its values by, and the unit (1 without one; `（万人）` → 10,000). */
  scaleOf(id: K): ColumnScale;
}

/**
 * Matches the header of `table` as `name` and settles it (see settleHeader).
 * Null when the table is unusable: then every row is already counted rejected.
 */
export async function openTable<const K extends string>(
  name: TableName,
  table: RawTable,
  columns: readonly K[],
  log: IssueLog,
  counts: RowCounts,
): Promise<OpenTable<K> | null> {
  const match = matchHeader(name, table.header, table.source);
  if (!(await settleHeader(table, match, log, counts))) return null;
  const width = table.header.cells.length;
  const headerless = headerlessColumns(table.header.cells);
  const reporter = new RowReporter(table.source, match.headerText, log, match.columnIndex);
  return {
    col: resolveColumns(match, columns),
    reporter,
    checkExtraCells: (raw) => checkExtraCells(raw, width, reporter, headerless),
    scaleOf: (id) => match.scale.get(id) ?? UNSCALED,
  };
}

/**
 * Reads the cells of one row by column id: a required cell, or an optional
 * one that is not empty, through its parser; a failure is reported at the
 * cell and gives `fallback`, so that every problem of a row is found.
 */
export function cellReader<K extends string>(raw: RawRow, col: Record<K, number>, reporter: RowReporter) {
  return <T>(
    id: K,
    parse: (cell: RawCell) => ParseResult<T>,
    fallback: T,
    required: boolean,
    suggest?: (cell: RawCell) => { suggestion: string } | undefined,
  ): T => {
    const cell = cellAt(raw.cells, col[id]);
    if (!required && isEmptyCell(cell)) return fallback;
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    // A mistyped category or yes/no gets the nearest allowed value ("did you mean"), worked out only if the issue is listed.
    const lazy: LazyParams | undefined =
      suggest && (parsed.code === 'invalid-enum' || parsed.code === 'invalid-boolean')
        ? () => {
            const found = suggest(cell);
            return found === undefined ? undefined : { params: found };
          }
        : undefined;
    reporter.reportFailure(parsed, raw.row, id, cell, undefined, lazy);
    return fallback;
  };
}

/** What became of a row: kept as a record, rejected for an error, or skipped on purpose (a total row). */
export type RowVerdict = 'used' | 'rejected' | 'skipped';

/**
 * Feeds every row of `table` to `check`, with the reporter's error tally
 * reset, and counts what `check` says became of it; a row its reader could
 * not read is reported and rejected without reaching `check`. Returns how
 * many rows that was.
 */
export async function checkRows(
  table: RawTable,
  reporter: RowReporter,
  counts: RowCounts,
  check: (raw: RawRow) => RowVerdict,
): Promise<number> {
  let unreadable = 0;
  for await (const batch of table.batches) {
    for (const raw of batch) {
      counts.read++;
      if (raw.problem !== undefined) {
        reporter.reportReaderProblem(raw);
        counts.rejected++;
        unreadable++;
        continue;
      }
      reporter.beginRow();
      counts[check(raw)]++;
    }
  }
  return unreadable;
}
