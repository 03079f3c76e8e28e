/**
 * The census table (SPEC §2, §3): one row per area and year. Small enough to
 * hold in memory, which the subtotal checks need: a row whose code is a strict
 * prefix of another's is a subtotal, checked against the leaf rows beneath it;
 * a total row (no code, named 合计/Total…) is checked against all leaves of
 * its year and then skipped.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog } from '../issues/collector.js';
import { CensusRowShape } from './record-shapes.js';
import type { CensusRow } from './records.js';
import { RowReporter, cellAt, checkDuplicateId, checkRows, emptyCounts, openTable, textOf, type TableOutcome } from './row-checks.js';
import { cellText, isEmptyCell, parseAreaCode, parseScaledInteger, parseYear } from './values.js';
import { checkCensusRow } from './plausibility.js';

export type { RowCounts, TableOutcome } from './row-checks.js';

const COLUMNS = ['area_code', 'area_name', 'year', 'population', 'infants_0_1', 'toddlers_1_3'] as const;
/** The numbers a subtotal must equal the sum of, by column id. */
const SUMMED = [
  ['population', 'population'],
  ['infants_0_1', 'infants01'],
  ['toddlers_1_3', 'toddlers13'],
] as const;

/** Names of a total over the whole census: 合计, 全市合计, Total. Other totals cover a part of it. */
const GRAND_TOTAL_STEMS = new Set(['', '全市', '全部', '总', 'grand']);
const SUBTOTAL_NAMES = new Set(['小计', 'subtotal']);

/** Names of total rows: 合计, 总计, 小计, 全市, Total, Subtotal, and longer names ending so ("全区合计"). */
const TOTAL_NAMES = new Set(['合计', '总计', '小计', '全市', 'total', 'subtotal', 'grandtotal']);
const TOTAL_SUFFIXES = ['合计', '总计', '小计'];
const SPACES_AND_COLONS_RE = /[\s:：]+/g;

function totalKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(SPACES_AND_COLONS_RE, '');
}

export function isTotalName(name: string | null): boolean {
  if (name === null) return false;
  const key = totalKey(name);
  return TOTAL_NAMES.has(key) || TOTAL_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** Rows of `group` with no other row of the group beneath their code. */
function leavesOf(group: readonly CensusRow[]): CensusRow[] {
  const sorted = [...group].sort((a, b) => (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0));
  return sorted.filter((r, i) => !(i + 1 < sorted.length && sorted[i + 1].areaCode.startsWith(r.areaCode)));
}

/**
 * The leaf rows a total row without a code adds up. Clerks write three kinds:
 * a grand total (合计, 全市合计, Total) over every leaf; a total named after
 * an area (青山区小计, 东门街道合计) over that area's leaves; and a bare 小计
 * (or a name that is no area's) closing the block of rows above it, over the
 * leaves since the previous total row. Null when the rows it covers cannot be
 * told (a name shared by two areas, a block without leaves): not compared.
 */
function leavesCoveredBy(total: TotalRow, previousTotalRow: number, group: readonly CensusRow[], leaves: readonly CensusRow[]): readonly CensusRow[] | null {
  const key = totalKey(total.name);
  const suffix = TOTAL_SUFFIXES.find((s) => key.endsWith(s));
  const stem = suffix === undefined ? key : key.slice(0, -suffix.length);
  if (stem.length > 0) {
    const named = group.filter((r) => totalKey(r.areaName) === stem);
    if (named.length > 1) return null;
    if (named.length === 1) return leaves.filter((r) => r.areaCode.startsWith(named[0].areaCode));
  }
  if (!SUBTOTAL_NAMES.has(key) && suffix !== '小计' && (TOTAL_NAMES.has(key) || GRAND_TOTAL_STEMS.has(stem))) return leaves;
  const block = leaves.filter((r) => r.row > previousTotalRow && r.row < total.row);
  return block.length > 0 ? block : null;
}

type NumberKey = 'population' | 'infants01' | 'toddlers13';

interface TotalRow extends Record<NumberKey, number | null> {
  row: number;
  name: string;
  year: number | null;
}

export interface CensusOutcome extends TableOutcome<CensusRow> {
  /**
   * Every area code the census lists, rows rejected for their numbers
   * included: the area exists, so facilities and records in it are not
   * `unknown-area` on top of the census row's own error.
   */
  listedCodes: string[];
  /**
   * Rows rejected because their code could not be read, with the code as
   * written: an `unknown-area` elsewhere that is this code mistyped names
   * the row as its cause (SPEC §5, follow-on issues).
   */
  unreadableCodes: { row: number; text: string }[];
}

export async function validateCensus(table: RawTable, log: IssueLog): Promise<CensusOutcome> {
  const counts = emptyCounts();
  const open = await openTable('census', table, COLUMNS, log, counts);
  if (open === null) return { records: [], counts, listedCodes: [], unreadableCodes: [] };

  const { col, reporter } = open;
  const records: CensusRow[] = [];
  const totals: TotalRow[] = [];
  const firstRowOf = new Map<string, number>();
  /** Codes of rows rejected for their content: subtotals above them cannot be checked. */
  const rejectedCodes: string[] = [];
  let rejectedWithoutCode = false;
  const listedCodes = new Set<string>();
  const unreadableCodes: { row: number; text: string }[] = [];

  const unreadable = await checkRows(table, reporter, counts, (raw) => {
    const row = raw.row;
    const cells = raw.cells;

    const name = textOf(cellAt(cells, col.area_name));
    const codeCell = cellAt(cells, col.area_code);
    const yearCell = cellAt(cells, col.year);
    const yearParsed = isEmptyCell(yearCell) ? null : parseYear(yearCell);
    const year = yearParsed !== null && yearParsed.ok ? yearParsed.value : null;
    const numbers = { population: 0, infants01: 0, toddlers13: 0 };
    const given: Record<NumberKey, number | null> = { population: null, infants01: null, toddlers13: null };
    for (const [id, key] of SUMMED) {
      const parsed = parseScaledInteger(cellAt(cells, col[id]), open.scaleOf(id));
      if (parsed.ok) numbers[key] = given[key] = parsed.value;
    }

    // 合计 in the code column: a title merged across the code and name cells keeps its text in the first.
    const codeText = typeof codeCell === 'string' ? textOf(codeCell) : null;
    const totalInCode = codeText !== null && isTotalName(codeText) && (name === null || isTotalName(name));
    if ((isEmptyCell(codeCell) && isTotalName(name)) || totalInCode) {
      // Never used, so only checked: a number it lacks is simply not compared.
      const label = totalInCode && name === null ? codeText : name;
      reporter.report('total-row-skipped', row, label === name ? 'area_name' : 'area_code', label);
      totals.push({ row, name: label ?? '', year, ...given });
      return 'skipped';
    }

    open.checkExtraCells(raw);
    if (yearParsed !== null && !yearParsed.ok) reporter.reportFailure(yearParsed, row, 'year', yearCell);
    for (const [id, key] of SUMMED) {
      if (given[key] !== null) continue;
      const cell = cellAt(cells, col[id]);
      const parsed = parseScaledInteger(cell, open.scaleOf(id));
      if (!parsed.ok) reporter.reportFailure(parsed, row, id, cell);
    }
    let areaCode: string | null = null;
    const code = parseAreaCode(codeCell);
    if (code.ok) {
      areaCode = code.value;
      listedCodes.add(areaCode);
    } else {
      reporter.reportFailure(code, row, 'area_code', codeCell);
      if (!isEmptyCell(codeCell)) unreadableCodes.push({ row, text: cellText(codeCell) });
    }
    if (name === null) reporter.report('missing-value', row, 'area_name', null);
    if (given.population !== null && given.infants01 !== null && given.toddlers13 !== null) {
      checkCensusRow(reporter, { areaCode: areaCode ?? '', areaName: name ?? '', year, ...numbers, row });
    }

    const duplicate = areaCode !== null && checkDuplicateId(firstRowOf, `${areaCode}|${year ?? ''}`, row, reporter, 'area_code', areaCode);
    if (reporter.errors > 0) {
      // A duplicate's numbers are not beneath any subtotal twice; other rejected rows make the sums unknowable.
      if (duplicate) return 'rejected';
      if (areaCode !== null) rejectedCodes.push(areaCode);
      else rejectedWithoutCode = true;
      return 'rejected';
    }
    records.push(CensusRowShape.parse({ areaCode: areaCode as string, areaName: name as string, year, ...numbers, row }));
    return 'used';
  });
  // A row the reader could not read may have held any code.
  if (unreadable > 0) rejectedWithoutCode = true;

  // A row whose code could not be read may belong under any subtotal its text starts with (3399010010O1 under 339901001).
  const unreadableTexts = unreadableCodes.map((entry) => entry.text.normalize('NFKC').replace(/\s+/g, ''));
  const mismatched = checkSubtotals(records, totals, [...rejectedCodes, ...unreadableTexts], rejectedWithoutCode, reporter);
  if (mismatched.size === 0) return { records, counts, listedCodes: [...listedCodes], unreadableCodes };
  // A subtotal that does not add up is an error, and an error rejects its row.
  counts.used -= mismatched.size;
  counts.rejected += mismatched.size;
  return { records: records.filter((r) => !mismatched.has(r)), counts, listedCodes: [...listedCodes], unreadableCodes };
}

/**
 * Within each year, every subtotal against the sum of the leaves beneath it
 * and every total row against the leaves it covers (see leavesCoveredBy). Checks that a rejected row could
 * upset are left out rather than reported as a mismatch the clerk did not make.
 * Returns the subtotal rows that do not add up.
 */
function checkSubtotals(
  records: CensusRow[],
  totals: TotalRow[],
  rejectedCodes: readonly string[],
  rejectedWithoutCode: boolean,
  reporter: RowReporter,
): Set<CensusRow> {
  const mismatched = new Set<CensusRow>();
  const byYear = new Map<number | null, CensusRow[]>();
  for (const r of records) {
    const group = byYear.get(r.year);
    if (group) group.push(r);
    else byYear.set(r.year, [r]);
  }
  const compare = (at: number, actual: Record<NumberKey, number | null>, sum: Record<NumberKey, number>): boolean => {
    let ok = true;
    for (const [id, key] of SUMMED) {
      const value = actual[key];
      if (value === null || value === sum[key]) continue;
      reporter.report('census-subtotal-mismatch', at, id, String(value), { subtotal: value, sum: sum[key] });
      ok = false;
    }
    return ok;
  };

  for (const group of byYear.values()) {
    // Sorted by code, the rows beneath a code follow it directly.
    const sorted = [...group].sort((a, b) => (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0));
    const isLeaf = sorted.map((r, i) => !(i + 1 < sorted.length && sorted[i + 1].areaCode.startsWith(r.areaCode)));
    for (let i = 0; i < sorted.length; i++) {
      if (isLeaf[i]) continue;
      const parent = sorted[i];
      if (rejectedCodes.some((code) => code.startsWith(parent.areaCode))) continue;
      const sum = { population: 0, infants01: 0, toddlers13: 0 };
      for (let j = i + 1; j < sorted.length && sorted[j].areaCode.startsWith(parent.areaCode); j++) {
        if (!isLeaf[j]) continue;
        sum.population += sorted[j].population;
        sum.infants01 += sorted[j].infants01;
        sum.toddlers13 += sorted[j].toddlers13;
      }
      if (!compare(parent.row, parent, sum)) mismatched.add(parent);
    }
  }

  if (rejectedWithoutCode || rejectedCodes.length > 0) return mismatched;
  totals.forEach((total, t) => {
    // A total without a year belongs with the rows without one, or with the only year there is.
    const group = byYear.get(total.year) ?? (total.year === null && byYear.size === 1 ? [...byYear.values()][0] : undefined);
    if (group === undefined) return;
    const leaves = leavesOf(group);
    const covered = leavesCoveredBy(total, t > 0 ? totals[t - 1].row : 0, group, leaves);
    if (covered === null) return;
    const sum = { population: 0, infants01: 0, toddlers13: 0 };
    for (const r of covered) {
      sum.population += r.population;
      sum.infants01 += r.infants01;
      sum.toddlers13 += r.toddlers13;
    }
    compare(total.row, total, sum);
  });
  return mismatched;
}
