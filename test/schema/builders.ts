/**
 * Builders for in-memory tables: a header and rows as arrays of cells, the
 * way a reader would hand them over. Rows are numbered as a spreadsheet
 * shows them, header = row 1, unless a row says otherwise.
 */
import type { RawCell, RawRow, RawTable, TableSource } from '../../src/io/raw.js';
import type { TableName } from '../../src/issues/issue.js';
import { IssueLog } from '../../src/issues/collector.js';
import type { IssueGroupDraft } from '../../src/issues/issue.js';

export interface TableSpec {
  table: TableName;
  header: RawCell[];
  rows: (RawCell[] | RawRow)[];
  file?: string;
  sheet?: string | null;
  /** Rows per batch, to prove batching does not matter. */
  batchSize?: number;
}

export function buildSource(table: TableName, file = `${table}.csv`, sheet: string | null = null): TableSource {
  return { table, file, sheet, format: sheet === null ? 'csv' : 'xlsx' };
}

export function buildTable(spec: TableSpec): RawTable {
  const rows: RawRow[] = spec.rows.map((r, i) => (Array.isArray(r) ? { row: i + 2, cells: r } : r));
  const size = spec.batchSize ?? 2;
  return {
    source: buildSource(spec.table, spec.file, spec.sheet ?? null),
    header: { row: 1, cells: spec.header },
    batches: (async function* () {
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    })(),
    sha256: () => '0'.repeat(64),
  };
}

export const CENSUS_HEADER: RawCell[] = ['区划代码', '区划名称', '年份', '常住人口', '0-1岁婴儿数', '1-3岁幼儿数'];
export const FACILITY_HEADER: RawCell[] = [
  'facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new',
  'provincial', 'demonstration', 'opened', 'closed',
];
export const VISIT_HEADER: RawCell[] = ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'];

/** A facility row with sensible defaults; override by column id. */
export function facilityRow(overrides: Partial<Record<string, RawCell>> = {}): RawCell[] {
  const base: Record<string, RawCell> = {
    facility_id: 'F1', name: '阳光托育', area_code: '330106001', type: '托育机构', inclusive: '是', slots: '50',
    toddler_classes: '', toddler_classes_new: '', provincial: '', demonstration: '', opened: '2020-01-01', closed: '',
  };
  const merged = { ...base, ...overrides };
  return FACILITY_HEADER.map((id) => merged[id as string] ?? null);
}

/** A visit row with sensible defaults; override by column id. */
export function visitRow(overrides: Partial<Record<string, RawCell>> = {}): RawCell[] {
  const base: Record<string, RawCell> = {
    record_id: '', date: '2025-03-07', kind: 'guidance', child_id: 'C1', birth_date: '2024-06-01',
    area_code: '330106001001', facility_id: '',
  };
  const merged = { ...base, ...overrides };
  return VISIT_HEADER.map((id) => merged[id as string] ?? null);
}

/** A log that keeps everything, and its drafts with a code. */
export function buildLog(): IssueLog {
  return new IssueLog({ maxPerCodeAndFile: 10_000 });
}

export function issuesOf(log: IssueLog, code?: string): IssueGroupDraft[] {
  return log.drafts().filter((d) => code === undefined || d.code === code);
}
