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
import { cellText, normaliseLabel, type ColumnScale } from './values.js';
import { columnLetter } from './column-letter.js';
import { nearest } from '../shared/nearest.js';

export interface HeaderMatch {
  /** Column id → index of its cell in every row. */
  columnIndex: Map<string, number>;
  /** Column id → the header as written in the file, for issue positions. */
  headerText: Map<string, string>;
  issues: IssueDraft[];
  /** False when a required column is missing or a column appears twice: the table cannot be read. */
  usable: boolean;
  /** Column id → the factor its header's unit scales values by and the unit (`常住人口（万人）` → 10,000, 万人); absent for 1. */
  scale: Map<string, ColumnScale>;
}

/** A trailing unit in brackets, after width folding: (个) [人] 【人】. */
const TRAILING_UNIT_RE = /\s*[([【][^()[\]【】]*[)\]】]\s*$/;
/** Templates and forms mark required columns with an asterisk: "*区划代码". */
const REQUIRED_MARK_RE = /^\s*\*+|\*+\s*$/g;

/** The form a header is compared in: width-folded, without required marks or a trailing unit, lower case, no spaces. */
export function normaliseHeader(text: string): string {
  return splitHeader(text).key;
}

/** A header as its name (compared as `key`) and the text of a trailing bracket, if any ("常住人口（万人）" → 常住人口, 万人). */
export function splitHeader(text: string): { key: string; unit: string | null } {
  const folded = text.normalize('NFKC').replace(REQUIRED_MARK_RE, '').trim();
  const bracket = TRAILING_UNIT_RE.exec(folded);
  const withoutUnit = bracket === null ? folded : folded.slice(0, bracket.index);
  if (withoutUnit.length === 0 || bracket === null) return { key: normaliseLabel(folded), unit: null };
  const unit = bracket[0].trim().slice(1, -1).trim();
  return { key: normaliseLabel(withoutUnit), unit: unit.length > 0 ? unit : null };
}

/**
 * Units of a number column (SPEC §3). Units that only name the thing counted
 * are ignored; 万, 千 and 百 scale, alone or before such a unit (万人, 千个);
 * anything else is unknown and makes the column unusable. A bracket holding a
 * digit is a note (常住人口（2025年末）), not a unit.
 */
const COUNTING_UNITS = new Set(['个', '人', '家', '次', '所', '名', 'person', 'persons', 'people', 'number', 'count']);
const SCALE_PREFIXES: ReadonlyMap<string, number> = new Map([['万', 10_000], ['千', 1_000], ['百', 100]]);
/** `单位：万人`, `unit: 人` — the word "unit" before the unit itself. */
const UNIT_WORD_RE = /^(?:单位|unit)\s*[:：]?\s*/i;

/** 1 for a counting unit, the factor of a scaling one, null for a unit tuoyu does not know. */
export function unitFactor(unit: string): number | null {
  const text = unit.replace(UNIT_WORD_RE, '').replace(/\s+/g, '').toLowerCase();
  if (text.length === 0 || /\d/.test(unit) || COUNTING_UNITS.has(text)) return 1;
  const scale = SCALE_PREFIXES.get(text[0]);
  if (scale === undefined) return null;
  const rest = text.slice(1);
  // 万 and 千 alone scale (SPEC: （万）, （千）); 百 only with what it counts (百人), as SPEC lists it.
  if (rest.length === 0) return text[0] === '百' ? null : scale;
  return COUNTING_UNITS.has(rest) ? scale : null;
}

/** Remarks columns (SPEC §3): known, and ignored in every table. */
const REMARK_HEADERS = new Set(['备注', '说明', '备注说明', '注释', 'remarks', 'remark', 'notes', 'note', 'comments', 'comment'].map(normaliseLabel));

/** True for a remarks column (备注, 说明, remarks, notes), which every table may have and tuoyu ignores. */
export function isRemarksHeader(cell: RawCell): boolean {
  const text = cellText(cell);
  return text.length > 0 && REMARK_HEADERS.has(normaliseHeader(text));
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
  const scale = new Map<string, ColumnScale>();
  /** Columns whose unit is unknown: not read, and not missing either (unknown-unit says why). */
  const unusable = new Set<string>();
  const issues: IssueDraft[] = [];
  let usable = true;
  const at = (code: string, index: number | null, column: string, value: string | null, params?: Record<string, string | number>): IssueDraft => ({
    code, table, file: source.file, sheet: source.sheet, row: header.row, column, value, ...(params ? { params } : {}),
    ...(index === null ? {} : { cell: `${columnLetter(index)}${header.row}` }),
  });
  const typeOf = new Map(TABLE_COLUMNS[table].map((column) => [column.id, column.type]));

  header.cells.forEach((cell, i) => {
    const text = headerAsRead(cell);
    if (text.length === 0) return;
    const id = columnOfHeader(table, cell);
    if (id === undefined) {
      if (!isRemarksHeader(cell)) {
        const suggestion = suggestHeader(table, text);
        issues.push(at('unknown-column', i, text, text, suggestion === undefined ? undefined : { suggestion }));
      }
      return;
    }
    const first = headerText.get(id);
    if (first !== undefined) {
      issues.push(at('duplicate-column', i, text, text, { id, first }));
      usable = false;
      return;
    }
    // A unit in brackets is a unit only for a number column; elsewhere it is a note (开办日期（年-月-日）).
    const { unit } = splitHeader(cellText(cell));
    if (unit !== null && typeOf.get(id) === 'integer') {
      const factor = unitFactor(unit);
      if (factor === null) {
        issues.push(at('unknown-unit', i, text, text, { unit }));
        unusable.add(id);
        headerText.set(id, text);
        return;
      }
      if (factor !== 1) {
        issues.push(at('unit-scaled', i, text, text, { unit, factor }));
        scale.set(id, { factor, unit: unit.replace(UNIT_WORD_RE, '').trim() });
      }
    }
    columnIndex.set(id, i);
    headerText.set(id, text);
  });

  // 'unless_outreach', 'for_outreach' and 'unless_total' are per-row rules,
  // but the column itself must exist for any row to satisfy them. A required
  // column with an unknown unit cannot be read either: the table is unusable.
  for (const column of TABLE_COLUMNS[table]) {
    if (column.required === 'no' || columnIndex.has(column.id)) continue;
    usable = false;
    if (!unusable.has(column.id)) issues.push(at('missing-column', null, column.id, null, { zh: column.zh }));
  }
  return { columnIndex, headerText, issues, usable, scale };
}

/** The column label nearest a header that names none (托为数 → 托位数), in the language it was written in. */
function suggestHeader(table: TableName, text: string): string | undefined {
  const key = splitHeader(text).key;
  if (key.length < 2) return undefined;
  const labels = TABLE_COLUMNS[table].flatMap((column) => [column.zh, column.id]);
  return nearest(key, labels, { maxDistance: key.length <= 4 ? 1 : 2, normalise: (label) => splitHeader(label).key });
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
