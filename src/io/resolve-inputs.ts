/**
 * From what the user typed (DATA and --census/--facilities/--visits) to the
 * three tables' locations. Only refuses what can never be read; a table that
 * is simply absent is returned in `missing` for the caller to report.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FatalInputError } from '../issues/fatal.js';
import { OPTIONAL_TABLES, TABLE_NAMES, type TableName } from '../issues/issue.js';
import { readWorkbookSheets } from './read-workbook-sheets.js';
import {
  asInputError,
  classifyBytes,
  classifyOleContainer,
  extensionOf,
  readHead,
  refusedExtensionReason,
  unsupportedFormat,
} from './sniff-format.js';

export interface TableLocation {
  table: TableName;
  /** As the user gave it (joined to DATA when found in a directory). */
  path: string;
  /** Sheet name as the workbook spells it; null = a CSV, or the first sheet. */
  sheet: string | null;
  format: 'csv' | 'xlsx';
}

export interface InputSpec {
  data?: string;
  census?: string;
  facilities?: string;
  visits?: string;
  assessments?: string;
}

export interface ResolvedInputs {
  locations: TableLocation[];
  missing: { table: TableName; where: string }[];
}

/** File base names and sheet names that hold each table (compared trimmed, lower-case). */
export const TABLE_FILE_NAMES: Record<TableName, readonly string[]> = {
  census: ['census', '人口'],
  facilities: ['facilities', '机构'],
  visits: ['visits', '服务记录'],
  assessments: ['assessments', '质量评估'],
};

export async function resolveInputs(spec: InputSpec): Promise<ResolvedInputs> {
  const found = new Map<TableName, TableLocation>();
  let where = spec.data ?? '.';
  if (spec.data !== undefined) {
    const fromData = await resolveData(spec.data);
    for (const location of fromData) found.set(location.table, location);
    // Tables missing from a workbook are missing from that workbook, not from the folder around it.
    const paths = new Set(fromData.map((location) => location.path));
    if (paths.size === 1 && fromData[0].format === 'xlsx') where = fromData[0].path;
  }
  for (const table of TABLE_NAMES) {
    const explicit = spec[table];
    if (explicit !== undefined) found.set(table, await resolveExplicit(table, explicit));
  }
  const locations = TABLE_NAMES.flatMap((table) => found.get(table) ?? []);
  const missing = TABLE_NAMES.filter((table) => !found.has(table) && !OPTIONAL_TABLES.has(table)).map((table) => ({ table, where }));
  return { locations, missing };
}

/** Which table a file base name or sheet name stands for, if any. */
export function tableForName(name: string): TableName | null {
  const wanted = name.trim().toLowerCase();
  for (const table of TABLE_NAMES) {
    if (TABLE_FILE_NAMES[table].includes(wanted)) return table;
  }
  return null;
}

async function resolveData(data: string): Promise<TableLocation[]> {
  const info = await statOrFail(data);
  if (!info.isDirectory()) return resolveWorkbook(data, { requireOne: true });
  const names = (await readdir(data).catch((error: unknown) => Promise.reject(asInputError(data, error)))).sort();
  const byTable = new Map<TableName, string[]>();
  for (const name of names) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0) continue;
    const table = tableForName(name.slice(0, dot));
    if (!table) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), name]);
  }
  const locations: TableLocation[] = [];
  for (const [table, candidates] of byTable) {
    const readable = candidates.filter((name) => ['csv', 'xlsx'].includes(extensionOf(name)));
    if (readable.length === 0) {
      // Only a census.xls (or .et, .numbers): say why it cannot be used.
      const path = join(data, candidates[0]);
      throw unsupportedFormat(path, refusedExtensionReason(extensionOf(path)) ?? 'unknown');
    }
    if (readable.length > 1) {
      throw new FatalInputError({
        code: 'ambiguous-input',
        table,
        file: data,
        sheet: null,
        row: null,
        column: null,
        value: readable.join(', '),
      });
    }
    locations.push(await resolveFile(table, join(data, readable[0])));
  }
  if (locations.length > 0) return locations;
  const workbooks = names.filter((name) => extensionOf(name) === 'xlsx' && !name.startsWith('~$'));
  if (workbooks.length === 1) {
    const fromWorkbook = await resolveWorkbook(join(data, workbooks[0]), { requireOne: false });
    if (fromWorkbook.length > 0) return fromWorkbook;
  }
  throw new FatalInputError({
    code: 'empty-directory',
    table: null,
    file: data,
    sheet: null,
    row: null,
    column: null,
    value: null,
  });
}

/** A workbook holding the tables as sheets named census/人口 etc. */
async function resolveWorkbook(path: string, { requireOne }: { requireOne: boolean }): Promise<TableLocation[]> {
  const format = await sniffFile(path);
  if (format !== 'xlsx') {
    if (!requireOne) return [];
    // DATA named a single CSV: which table it is comes from its name.
    const dot = path.lastIndexOf('.');
    const table = tableForName(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1, dot));
    if (table) return [{ table, path, sheet: null, format }];
    throw new FatalInputError({
      code: 'empty-directory',
      table: null,
      file: path,
      sheet: null,
      row: null,
      column: null,
      value: null,
    });
  }
  const { sheets } = await readWorkbookSheets(path);
  const locations: TableLocation[] = [];
  for (const table of TABLE_NAMES) {
    const sheet = sheets.find((candidate) => tableForName(candidate.name) === table);
    if (sheet) locations.push({ table, path, sheet: sheet.name, format: 'xlsx' });
  }
  if (locations.length === 0 && requireOne) {
    throw new FatalInputError({
      code: 'sheet-not-found',
      table: null,
      file: path,
      sheet: null,
      row: null,
      column: null,
      value: sheets.map((sheet) => sheet.name).join(', '),
      params: { expected: TABLE_NAMES.map((table) => TABLE_FILE_NAMES[table].join('/')).join(', ') },
    });
  }
  return locations;
}

/** --census FILE: a CSV, or a workbook whose sheet named for the table (else its first sheet) is used. */
async function resolveExplicit(table: TableName, path: string): Promise<TableLocation> {
  await statOrFail(path, { file: true });
  return resolveFile(table, path);
}

async function resolveFile(table: TableName, path: string): Promise<TableLocation> {
  const format = await sniffFile(path);
  if (format === 'csv') return { table, path, sheet: null, format };
  const { sheets } = await readWorkbookSheets(path);
  const named = sheets.find((sheet) => tableForName(sheet.name) === table);
  return { table, path, sheet: named ? named.name : null, format };
}

/**
 * Reads the first bytes and decides csv or xlsx, refusing what cannot be
 * read. A zip is an xlsx only if it holds xl/workbook.xml (checked here, so a
 * truncated download fails before any row is read).
 */
export async function sniffFile(path: string): Promise<'csv' | 'xlsx'> {
  try {
    return await sniffReadableFile(path);
  } catch (error) {
    throw asInputError(path, error);
  }
}

async function sniffReadableFile(path: string): Promise<'csv' | 'xlsx'> {
  const extension = extensionOf(path);
  const kind = classifyBytes(await readHead(path, 8));
  // An empty file has no format to refuse; read as text it yields no header, which openTable reports as empty-file.
  if (kind === 'empty') return 'csv';
  if (kind === 'ole') throw unsupportedFormat(path, await classifyOleContainer(path));
  const refused = refusedExtensionReason(extension);
  if (refused) throw unsupportedFormat(path, refused);
  if (kind === 'zip') {
    await readWorkbookSheets(path);
    return 'xlsx';
  }
  if (extension === 'xlsx' || extension === 'xlsm') throw unsupportedFormat(path, 'corrupt');
  return 'csv';
}

async function statOrFail(path: string, { file = false }: { file?: boolean } = {}) {
  try {
    const info = await stat(path);
    if (file && info.isDirectory()) throw new Error('is a directory');
    return info;
  } catch {
    throw new FatalInputError({ code: 'file-not-found', table: null, file: path, sheet: null, row: null, column: null, value: path });
  }
}
