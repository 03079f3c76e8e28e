/**
 * The census table (SPEC §2, §3): one row per area and year. Small enough to
 * hold in memory, which the subtotal checks need: a row whose code is a strict
 * prefix of another's is a subtotal, checked against the leaf rows beneath it;
 * a total row (no code, named 合计/Total…) is checked against all leaves of
 * its year and then skipped.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog } from '../issues/collector.js';
import type { CensusRow } from './records.js';
import { RowReporter, cellAt, checkRows, emptyCounts, openTable, textOf, type RowCounts, type TableOutcome } from './row-checks.js';
import { aloneInRun, judgeKeyedRow, type ParsedValue, type PlaceInRun } from './cross-submission.js';
import { cellText, isEmptyCell, parseAreaCode, parseScaledInteger, parseYear } from './values.js';
import { checkCensusRow } from './plausibility.js';
import type { RejectedCensusRow } from './known-areas.js';

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
  /** Every area code the census lists, on rows used or rejected. */
  listedCodes: string[];
  /**
   * Rows rejected with a readable code (for their numbers, a missing name, a
   * subtotal that does not add up…): a code no row in use lists is not a
   * known area, and facilities and records in it name the row as the cause
   * of their `unknown-area` (known-areas.ts).
   */
  rejectedRows: RejectedCensusRow[];
  /**
   * Rows rejected because their code could not be read, with the code as
   * written: an `unknown-area` elsewhere that is this code mistyped names
   * the row as its cause (SPEC §5, follow-on issues).
   */
  unreadableCodes: UnreadableCode[];
}

/** A census row rejected for a code that could not be read: where, and the code as written. */
export interface UnreadableCode {
  row: number;
  text: string;
  file: string;
}

/** The census tables of a run (several submissions, SPEC §8) read as one: `counts` per table, in the order given. */
export interface CensusTablesOutcome extends Omit<CensusOutcome, 'counts'> {
  counts: RowCounts[];
}

/** One census table on its own (a run of one submission). */
export async function validateCensus(table: RawTable, log: IssueLog): Promise<CensusOutcome> {
  const outcome = await validateCensusTables([{ table, place: aloneInRun(table.source) }], log);
  return { ...outcome, counts: outcome.counts[0] };
}

/** The values two census rows with one code and year are compared by (SPEC §8), and their columns. */
const COMPARED_COLUMNS = ['area_name', 'population', 'infants_0_1', 'toddlers_1_3'] as const;
const comparedValues = (row: CensusRow): ParsedValue[] => [row.areaName, row.population, row.infants01, row.toddlers13];

/** What one census table gave, before the checks that look at every table. */
interface CensusTableRead {
  file: string;
  reporter: RowReporter | null;
  counts: RowCounts;
  /** Rows used. */
  records: CensusRow[];
  /** Rows read without a problem of their own, those another submission already had included: what the table's total rows add up. */
  ownRows: CensusRow[];
  totals: TotalRow[];
  /** Codes of rows rejected for their content: subtotals above them cannot be checked. */
  rejectedCodes: string[];
  /** Those rows, with what rejected them. */
  rejectedRows: RejectedCensusRow[];
  /** A row rejected without a readable code (or unreadable): the table's total rows cannot be checked. */
  rejectedWithoutCode: boolean;
}

/**
 * The census tables of a run as one table (SPEC §8): rows are checked table
 * by table; a code and year that an earlier submission had is counted once
 * or conflicts (cross-submission.ts); subtotals (rows with a code) are then
 * checked against the leaf rows beneath them wherever those came from, while
 * a total row without a code (合计) adds up the rows of its own file, as the
 * clerk who wrote it meant.
 */
export async function validateCensusTables(tables: readonly { table: RawTable; place: PlaceInRun }[], log: IssueLog): Promise<CensusTablesOutcome> {
  const listedCodes = new Set<string>();
  const unreadableCodes: UnreadableCode[] = [];
  const reads: CensusTableRead[] = [];
  for (const { table, place } of tables) reads.push(await readCensusTable(table, place, log, listedCodes, unreadableCodes));

  const records = reads.flatMap((read) => read.records);
  const reporterOf = new Map<CensusRow, { reporter: RowReporter; counts: RowCounts; file: string }>();
  for (const read of reads) for (const record of read.records) reporterOf.set(record, { reporter: read.reporter!, counts: read.counts, file: read.file });
  // A row whose code could not be read may belong under any subtotal its text starts with (3399010010O1 under 339901001).
  const unreadableTexts = unreadableCodes.map((entry) => entry.text.normalize('NFKC').replace(/\s+/g, ''));
  const rejectedCodes = [...reads.flatMap((read) => read.rejectedCodes), ...unreadableTexts];
  const mismatched = checkSubtotals(records, rejectedCodes, (row) => reporterOf.get(row)!.reporter);
  for (const read of reads) {
    // The total rows of a table with a rejected row are not compared: the rejected row's numbers are unknown.
    if (read.reporter !== null && !read.rejectedWithoutCode && read.rejectedCodes.length === 0) checkTotalRows(read.ownRows, read.totals, read.reporter);
  }
  // A subtotal that does not add up is an error, and an error rejects its row.
  const rejectedRows = reads.flatMap((read) => read.rejectedRows);
  for (const row of mismatched) {
    const { counts, file } = reporterOf.get(row)!;
    counts.used--;
    counts.rejected++;
    rejectedRows.push({ code: row.areaCode, file, row: row.row, because: 'census-subtotal-mismatch' });
  }
  return {
    records: mismatched.size === 0 ? records : records.filter((r) => !mismatched.has(r)),
    counts: reads.map((read) => read.counts),
    listedCodes: [...listedCodes],
    rejectedRows,
    unreadableCodes,
  };
}

async function readCensusTable(
  table: RawTable,
  place: PlaceInRun,
  log: IssueLog,
  listedCodes: Set<string>,
  unreadableCodes: UnreadableCode[],
): Promise<CensusTableRead> {
  const counts = emptyCounts();
  const read: CensusTableRead = {
    file: table.source.file, reporter: null, counts, records: [], ownRows: [], totals: [], rejectedCodes: [], rejectedRows: [], rejectedWithoutCode: false,
  };
  const open = await openTable('census', table, COLUMNS, log, counts);
  if (open === null) return read;

  const { col, reporter } = open;
  read.reporter = reporter;
  const { records, ownRows, totals, rejectedCodes } = read;
  const keys = place.cross.census;

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
      if (!isEmptyCell(codeCell)) unreadableCodes.push({ row, text: cellText(codeCell), file: table.source.file });
    }
    if (name === null) reporter.report('missing-value', row, 'area_name', null);
    if (given.population !== null && given.infants01 !== null && given.toddlers13 !== null) {
      checkCensusRow(reporter, { areaCode: areaCode ?? '', areaName: name ?? '', year, ...numbers, row });
    }

    // SPEC §3, §8: a code and year once per table, and once across the submissions of a run.
    const key = areaCode === null ? null : `${areaCode}|${year ?? ''}`;
    const sighting = key === null ? null : keys.see(key, place.table, row);
    if (sighting?.kind === 'same-submission') reporter.report('duplicate-id', row, 'area_code', areaCode, sighting.params);
    if (reporter.errors > 0) {
      // A duplicate's numbers are not beneath any subtotal twice; other rejected rows make the sums unknowable.
      if (sighting?.kind === 'same-submission') return 'rejected';
      if (areaCode !== null) {
        rejectedCodes.push(areaCode);
        read.rejectedRows.push({ code: areaCode, file: read.file, row, because: reporter.firstError ?? 'invalid-area-code' });
      } else read.rejectedWithoutCode = true;
      return 'rejected';
    }
    const record: CensusRow = { areaCode: areaCode as string, areaName: name as string, year, ...numbers, row };
    ownRows.push(record);
    if (sighting?.kind === 'earlier-submission') {
      // The value names the key, code and year, so that the rows of one code in two years are two groups, each naming its own earlier row.
      const value = year === null ? (areaCode as string) : `${areaCode} (${year})`;
      return judgeKeyedRow(reporter, place, sighting, { row, columnId: 'area_code', value }, comparedValues(record), COMPARED_COLUMNS);
    }
    if (key !== null) keys.settle(key, comparedValues(record));
    records.push(record);
    return 'used';
  });
  // A row the reader could not read may have held any code.
  if (unreadable > 0) read.rejectedWithoutCode = true;
  return read;
}

/**
 * Within each year, every subtotal (a row with another row's code beneath
 * it) against the sum of the leaves beneath it. Checks that a rejected row
 * could upset are left out rather than reported as a mismatch the clerk did
 * not make. Returns the subtotal rows that do not add up.
 */
function checkSubtotals(records: readonly CensusRow[], rejectedCodes: readonly string[], reporterOf: (row: CensusRow) => RowReporter): Set<CensusRow> {
  const mismatched = new Set<CensusRow>();
  for (const group of groupByYear(records).values()) {
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
      if (!compareSums(reporterOf(parent), parent.row, parent, sum)) mismatched.add(parent);
    }
  }
  return mismatched;
}

/**
 * Every total row of one table against the leaves of that table it covers
 * (see leavesCoveredBy). Only called when no row of the table was rejected.
 */
function checkTotalRows(rows: readonly CensusRow[], totals: readonly TotalRow[], reporter: RowReporter): void {
  const byYear = groupByYear(rows);
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
    compareSums(reporter, total.row, total, sum);
  });
}

function groupByYear(rows: readonly CensusRow[]): Map<number | null, CensusRow[]> {
  const byYear = new Map<number | null, CensusRow[]>();
  for (const r of rows) {
    const group = byYear.get(r.year);
    if (group) group.push(r);
    else byYear.set(r.year, [r]);
  }
  return byYear;
}

/** `census-subtotal-mismatch` for each number given that is not the sum; true when all agree. */
function compareSums(reporter: RowReporter, at: number, actual: Record<NumberKey, number | null>, sum: Record<NumberKey, number>): boolean {
  let ok = true;
  for (const [id, key] of SUMMED) {
    const value = actual[key];
    if (value === null || value === sum[key]) continue;
    reporter.report('census-subtotal-mismatch', at, id, String(value), { subtotal: value, sum: sum[key] });
    ok = false;
  }
  return ok;
}
