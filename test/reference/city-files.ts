/**
 * A generated city (random-city.ts) as the CSV files a district would send:
 * one row of cells per record, English headers, values written the way
 * SPEC §3 reads them — and, for the rows a test repeats in another
 * submission, written differently with the same values (`2025/3/7` for
 * `2025-03-07`, 是 for yes, a district code padded to 12 digits), so that
 * "identical" is tested as equal parsed values, not equal text.
 */
import type { Assessment, CensusRow, Facility, Visit } from '../../src/schema/records.js';
import { QUALITY_DIMENSIONS, type QualityDimension } from '../../src/schema/records.js';
import { isoDate, packedCivil } from '../../src/shared/dates.js';

export type TableName = 'census' | 'facilities' | 'visits' | 'assessments';
export type Cells = string[];

export const HEADERS: Record<TableName, Cells> = {
  census: ['area_code', 'area_name', 'year', 'population', 'infants_0_1', 'toddlers_1_3'],
  facilities: ['facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new', 'provincial', 'demonstration', 'opened', 'closed'],
  visits: ['record_id', 'date', 'kind', 'child_id', 'birth_date', 'area_code', 'facility_id'],
  assessments: ['facility_id', 'date', 'kind', ...(Object.keys(QUALITY_DIMENSIONS) as QualityDimension[]), 'basic_passed', 'level'],
};

/** How a row is spelled: `plain` as a template fills it in, `other` another way a clerk writes the same values. */
export type Spelling = 'plain' | 'other';

function date(day: number | null, spelling: Spelling): string {
  if (day === null) return '';
  if (spelling === 'plain') return isoDate(day);
  const packed = packedCivil(day);
  return `${Math.floor(packed / 10000)}/${Math.floor(packed / 100) % 100}/${packed % 100}`;
}

function yes(value: boolean, spelling: Spelling): string {
  return spelling === 'plain' ? (value ? 'yes' : 'no') : value ? '是' : '否';
}

/** A district or street code padded to 12 digits is the same code (SPEC §2). */
function code(areaCode: string | null, spelling: Spelling): string {
  if (areaCode === null) return '';
  return spelling === 'plain' || areaCode.length === 12 || areaCode === '' ? areaCode : areaCode.padEnd(12, '0');
}

/** Thousands separators on the other spelling: the same integer. */
function integer(n: number, spelling: Spelling): string {
  return spelling === 'plain' ? String(n) : n.toLocaleString('en-US');
}

export function censusCells(row: CensusRow, spelling: Spelling = 'plain'): Cells {
  return [code(row.areaCode, spelling), row.areaName, row.year === null ? '' : String(row.year), integer(row.population, spelling), String(row.infants01), String(row.toddlers13)];
}

export function facilityCells(f: Facility, spelling: Spelling = 'plain'): Cells {
  return [
    f.facilityId, f.name, code(f.areaCode, spelling), f.type, yes(f.inclusive, spelling), String(f.slots), String(f.toddlerClasses),
    String(f.toddlerClassesNew), yes(f.provincial, spelling), yes(f.demonstration, spelling), date(f.opened, spelling), date(f.closed, spelling),
  ];
}

export function visitCells(v: Visit, spelling: Spelling = 'plain'): Cells {
  return [v.recordId ?? '', date(v.date, spelling), v.kind, v.childId ?? '', date(v.birthDate, spelling), code(v.areaCode, spelling), v.facilityId ?? ''];
}

export function assessmentCells(a: Assessment, spelling: Spelling = 'plain'): Cells {
  const scores = (Object.keys(QUALITY_DIMENSIONS) as QualityDimension[]).map((dimension) => String(a.scores[dimension]));
  return [a.facilityId, date(a.date, spelling), a.kind, ...scores, yes(a.basicPassed, spelling), a.level ?? ''];
}

/** A CSV of a header and rows (cells quoted when they need it: the thousands separators). */
export function csvOf(table: TableName, rows: readonly Cells[]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return [HEADERS[table], ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
