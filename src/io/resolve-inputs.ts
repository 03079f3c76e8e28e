/**
 * From what the user typed (DATA, --census/--facilities/--visits, --sheet) to
 * the tables' locations (SPEC §3): files found by the table's word in their
 * name, sheets by their name or else by their header row, each workbook
 * opened once. A table that is simply absent is returned in `missing`, with
 * what was there instead, for the caller to report; what can never be read
 * (and two files claiming one table) is thrown, every such file of the run
 * at once.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FatalInputError } from '../issues/fatal.js';
import { OPTIONAL_TABLES, TABLE_NAMES, type IssueDraft, type TableName } from '../issues/issue.js';
import type { RawCell } from './raw.js';
import { asInputError, classifyBytes, extensionOf, readHead, refusedExtensionReason, unsupportedFormat, WORKBOOK_EXTENSIONS } from './sniff-format.js';
import { isCoverName, tableClaimedBy, wordsOf } from './table-words.js';
import { openWorkbook, type Workbook, type WorkbookFormat, type WorkbookSheet } from './workbook.js';

export interface TableLocation {
  table: TableName;
  /** As the user gave it (joined to DATA when found in a directory). */
  path: string;
  /** The sheet chosen, as the workbook spells it; null for a text table. */
  sheet: string | null;
  format: 'csv' | WorkbookFormat;
  /** The workbook, already open: every table in it is read from the bytes read once. */
  workbook?: Workbook;
}

export interface MissingTable {
  table: TableName;
  /** The folder or workbook it was looked for in. */
  where: string;
  kind: 'folder' | 'workbook';
  /** The sheet asked for with --sheet, when that is what is missing. */
  wanted?: string;
  /** What is there instead: the folder's files, or the workbook's sheets. */
  present: string[];
}

export interface InputSpec {
  data?: string;
  census?: string;
  facilities?: string;
  visits?: string;
  assessments?: string;
}

/**
 * How well a row reads as the header of a table: the number of the table's
 * columns it names (from the schema, which io may not import).
 */
export type HeaderScore = (table: TableName, cells: readonly RawCell[]) => number;

export interface LocateOptions {
  headerScore?: HeaderScore;
  /** `--sheet NAME`: the sheet of a workbook that holds one table. */
  sheet?: string;
}

export interface ResolvedInputs {
  locations: TableLocation[];
  missing: MissingTable[];
  /**
   * True when DATA is a whole submission — a folder, or a workbook holding
   * several tables — so that every table is expected of it.
   */
  wholeSubmission: boolean;
}

/**
 * A header must name at least this many of a table's columns to pick a sheet
 * by it: every table has more required columns than that, while two cells
 * that happen to read like headers (人口, 区划名称 in a list of issues) are common.
 */
const MIN_HEADER_SCORE = 3;
/**
 * How many non-blank rows of a table are looked at for its header (titles,
 * notes and units may come first): a sheet is picked, and its header found
 * (open-table.ts), within them.
 */
export const HEADER_SEARCH_ROWS = 10;
/** Files that may hold a table; others in a folder are left alone. */
const TABLE_FILE_EXTENSIONS: ReadonlySet<string> = new Set(['csv', 'tsv', 'txt', ...WORKBOOK_EXTENSIONS, 'numbers', 'ods']);

/** What the search of one run has found that stops it; thrown together at the end. */
class Search {
  readonly problems: IssueDraft[] = [];
  sheetUsed = false;
  private readonly workbooks = new Map<string, Promise<Workbook>>();
  constructor(readonly options: LocateOptions) {}

  /** Each workbook is opened once, however many tables or flags name it. */
  openWorkbook(path: string): Promise<Workbook> {
    let opened = this.workbooks.get(path);
    if (opened === undefined) {
      opened = openWorkbook(path);
      this.workbooks.set(path, opened);
    }
    return opened;
  }

  /** Runs `step`; an unreadable input is noted and the search goes on. */
  async attempt<T>(step: () => Promise<T>): Promise<T | null> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof FatalInputError)) throw error;
      this.problems.push(...error.drafts);
      return null;
    }
  }

  throwProblems(): void {
    if (this.problems.length > 0) throw new FatalInputError(this.problems[0], this.problems.slice(1));
  }
}

export async function resolveInputs(spec: InputSpec, options: LocateOptions = {}): Promise<ResolvedInputs> {
  const search = new Search(options);
  const fromData = spec.data === undefined ? null : await search.attempt(() => locateData(spec.data!, search));
  const found = new Map<TableName, TableLocation>();
  const absent = new Map<TableName, MissingTable>();
  for (const location of fromData?.locations ?? []) found.set(location.table, location);
  for (const missing of fromData?.missing ?? []) absent.set(missing.table, missing);
  for (const table of TABLE_NAMES) {
    const explicit = spec[table];
    if (explicit === undefined) continue;
    const located = await search.attempt(() => locateExplicit(table, explicit, search));
    if (located === null) continue;
    // A file named on the command line replaces what DATA gave for its table, found or not.
    found.delete(table);
    absent.delete(table);
    if ('path' in located) found.set(table, located);
    else absent.set(table, located);
  }
  search.throwProblems();
  if (options.sheet !== undefined && !search.sheetUsed) {
    throw new FatalInputError({ code: 'sheet-option-unused', table: null, file: spec.data ?? null, sheet: null, row: null, column: null, value: options.sheet });
  }
  const missing = TABLE_NAMES.filter((table) => !found.has(table)).map(
    (table): MissingTable => absent.get(table) ?? { table, where: spec.data ?? '.', kind: 'folder', present: [] },
  );
  return {
    locations: TABLE_NAMES.flatMap((table) => found.get(table) ?? []),
    missing: withoutOptionalTables(missing, spec),
    wholeSubmission: fromData?.wholeSubmission ?? false,
  };
}

/**
 * An optional table (the quality assessments, SPEC §9) is never missing from
 * a submission; only a workbook or sheet named for it on the command line is.
 */
function withoutOptionalTables(missing: readonly MissingTable[], spec: InputSpec): MissingTable[] {
  return missing.filter((absent) => !OPTIONAL_TABLES.has(absent.table) || spec[absent.table] !== undefined);
}

async function locateData(data: string, search: Search): Promise<ResolvedInputs> {
  const info = await statOrFail(data);
  return info.isDirectory() ? locateInFolder(data, search) : locateInFile(data, search);
}

// ---------------------------------------------------------------- a folder

async function locateInFolder(folder: string, search: Search): Promise<ResolvedInputs> {
  const names = (await readdir(folder).catch((error: unknown) => Promise.reject(asInputError(folder, error)))).sort();
  // Hidden files and the lock files Excel and WPS leave beside an open workbook are nobody's table.
  const files = names.filter((name) => !name.startsWith('.') && !name.startsWith('~$'));
  const claims = new Map<TableName, string[]>();
  const unclaimedWorkbooks: string[] = [];
  for (const name of files) {
    const extension = extensionOf(name);
    if (!TABLE_FILE_EXTENSIONS.has(extension)) continue;
    const table = tableClaimedBy(name.slice(0, name.length - extension.length - 1));
    if (table === null) {
      if (WORKBOOK_EXTENSIONS.has(extension)) unclaimedWorkbooks.push(name);
      continue;
    }
    if (extension === 'txt' && !(await looksLikeTextTable(join(folder, name)))) continue;
    claims.set(table, [...(claims.get(table) ?? []), name]);
  }

  const locations: TableLocation[] = [];
  const missing: MissingTable[] = [];
  for (const table of TABLE_NAMES) {
    const claimed = claims.get(table) ?? [];
    if (claimed.length > 1) {
      search.problems.push(ambiguous(table, folder, claimed));
      continue;
    }
    if (claimed.length === 0) continue;
    const located = await search.attempt(() => locateFile(table, join(folder, claimed[0]), search));
    if (located === null) continue;
    if ('path' in located) locations.push(located);
    else missing.push(located);
  }

  // Tables no file is named for may sit as sheets in the folder's other workbooks.
  const wanted = TABLE_NAMES.filter((table) => !claims.has(table));
  if (wanted.length > 0 && unclaimedWorkbooks.length > 0) {
    const foundIn = new Map<TableName, TableLocation[]>();
    let onlyWorkbookMissing: MissingTable[] = [];
    for (const name of unclaimedWorkbooks) {
      const workbook = await search.attempt(() => search.openWorkbook(join(folder, name)));
      if (workbook === null) continue;
      const assigned = await search.attempt(() => assignSheets(workbook, wanted, search));
      for (const location of assigned?.locations ?? []) foundIn.set(location.table, [...(foundIn.get(location.table) ?? []), location]);
      onlyWorkbookMissing = assigned?.missing ?? [];
    }
    for (const [table, found] of foundIn) {
      if (found.length > 1) search.problems.push(ambiguous(table, folder, found.map((location) => `${basename(location.path)} [${location.sheet}]`)));
      else locations.push(found[0]);
    }
    // The folder's one workbook holds some tables as sheets: the others are missing from it, with its sheets listed.
    if (unclaimedWorkbooks.length === 1 && foundIn.size > 0) missing.push(...onlyWorkbookMissing);
  }

  if (locations.length === 0 && missing.length === 0 && claims.size === 0 && search.problems.length === 0) {
    throw new FatalInputError({ code: 'empty-directory', table: null, file: folder, sheet: null, row: null, column: null, value: null, params: { files: files.join(', ') } });
  }
  for (const table of TABLE_NAMES) {
    if (locations.some((location) => location.table === table) || missing.some((absent) => absent.table === table)) continue;
    missing.push({ table, where: folder, kind: 'folder', present: files });
  }
  return { locations: sortByTable(locations), missing, wholeSubmission: true };
}

/**
 * A .txt is a table when it reads as one: Excel's "Unicode text" export
 * starts with a UTF-16 byte order mark, and a text export's first line is
 * split by tabs, commas or semicolons. A note beside the data is not.
 */
async function looksLikeTextTable(path: string): Promise<boolean> {
  const head = await readHead(path, 4096).catch(() => Buffer.alloc(0));
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  const lineEnd = head.indexOf(0x0a);
  const firstLine = lineEnd < 0 ? head : head.subarray(0, lineEnd);
  return firstLine.includes(0x09) || firstLine.includes(0x2c) || firstLine.includes(0x3b);
}

// ---------------------------------------------------------------- a file

/** DATA that is a file: a workbook of several tables, a workbook named for one, or one table's CSV named for it. */
async function locateInFile(path: string, search: Search): Promise<ResolvedInputs> {
  const format = await sniffFile(path);
  const named = tableClaimedBy(baseName(path));
  if (format === 'csv') {
    if (named === null) throw new FatalInputError({ code: 'empty-directory', table: null, file: path, sheet: null, row: null, column: null, value: null });
    return { locations: [{ table: named, path, sheet: null, format }], missing: [], wholeSubmission: false };
  }
  const workbook = await search.openWorkbook(path);
  // A workbook named for one table holds that table, unless its sheets are named for others.
  const holdsOthers = workbook.sheets.some((sheet) => ![null, named].includes(tableClaimedBy(sheet.name)));
  if (named !== null && !holdsOthers) {
    const located = await chooseSheet(named, workbook, search);
    return 'path' in located ? { locations: [located], missing: [], wholeSubmission: false } : { locations: [], missing: [located], wholeSubmission: false };
  }
  const assigned = await assignSheets(workbook, TABLE_NAMES, search);
  if (assigned.locations.length === 0) {
    throw new FatalInputError({
      code: 'sheet-not-found',
      table: null,
      file: path,
      sheet: null,
      row: null,
      column: null,
      value: workbook.sheets.map((sheet) => sheet.name).join(', '),
      params: { expected: TABLE_NAMES.map((table) => wordsOf(table).slice(0, 2).join('/')).join(', ') },
    });
  }
  return { ...assigned, wholeSubmission: true };
}

/** --census FILE (and the others): that table, from a text file or from the right sheet of a workbook. */
async function locateExplicit(table: TableName, path: string, search: Search): Promise<TableLocation | MissingTable> {
  await statOrFail(path, { file: true });
  return locateFile(table, path, search);
}

async function locateFile(table: TableName, path: string, search: Search): Promise<TableLocation | MissingTable> {
  const format = await sniffFile(path);
  if (format === 'csv') return { table, path, sheet: null, format };
  return chooseSheet(table, await search.openWorkbook(path), search);
}

function baseName(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

// ---------------------------------------------------------------- sheets

/**
 * The sheet of a workbook that holds one table: the one `--sheet` names,
 * else the one named for the table, else the one whose header row is the
 * table's (a cover or 说明 sheet is passed over), else the workbook's only
 * sheet with data.
 */
async function chooseSheet(table: TableName, workbook: Workbook, search: Search): Promise<TableLocation | MissingTable> {
  const at = (sheet: WorkbookSheet): TableLocation => ({ table, path: workbook.path, sheet: sheet.name, format: workbook.format, workbook });
  const absent = (wanted?: string): MissingTable => ({
    table,
    where: workbook.path,
    kind: 'workbook',
    ...(wanted !== undefined ? { wanted } : {}),
    present: workbook.sheets.map((sheet) => sheet.name),
  });
  const wanted = search.options.sheet;
  if (wanted !== undefined) {
    search.sheetUsed = true;
    const sheet = findSheet(workbook.sheets, wanted);
    return sheet ? at(sheet) : absent(wanted);
  }
  const byName = sheetsNamedFor(table, workbook.sheets);
  if (byName.length > 1) throw new FatalInputError(ambiguous(table, workbook.path, byName.map((sheet) => sheet.name)));
  if (byName.length === 1) return at(byName[0]);

  const scored = await scoreSheets(workbook, workbook.sheets, search);
  const best = bestFor(table, scored);
  if (best.length > 1) throw new FatalInputError(ambiguous(table, workbook.path, best.map((entry) => entry.sheet.name)));
  if (best.length === 1) return at(best[0].sheet);
  const withData = scored.filter((entry) => !entry.empty && !entry.sheet.hidden && !isCoverName(entry.sheet.name));
  return withData.length === 1 ? at(withData[0].sheet) : absent();
}

/**
 * The tables of a workbook that may hold several: each in the sheet named
 * for it, else in the sheet whose header row names the most of its columns.
 */
async function assignSheets(workbook: Workbook, tables: readonly TableName[], search: Search): Promise<{ locations: TableLocation[]; missing: MissingTable[] }> {
  const locations: TableLocation[] = [];
  const missing: MissingTable[] = [];
  const claimed = new Set<WorkbookSheet>();
  const unplaced: TableName[] = [];
  for (const table of TABLE_NAMES) {
    const byName = sheetsNamedFor(table, workbook.sheets);
    byName.forEach((sheet) => claimed.add(sheet));
    if (!tables.includes(table)) continue;
    if (byName.length > 1) search.problems.push(ambiguous(table, workbook.path, byName.map((sheet) => sheet.name)));
    else if (byName.length === 1) locations.push({ table, path: workbook.path, sheet: byName[0].name, format: workbook.format, workbook });
    else unplaced.push(table);
  }
  if (unplaced.length > 0) {
    const scored = await scoreSheets(workbook, workbook.sheets.filter((sheet) => !claimed.has(sheet)), search);
    // A sheet belongs to the one table its header names best: the visits header names facility_id too.
    for (const table of unplaced) {
      const best = bestFor(table, scored.filter((entry) => topTable(entry) === table));
      if (best.length > 1) search.problems.push(ambiguous(table, workbook.path, best.map((entry) => entry.sheet.name)));
      else if (best.length === 1) locations.push({ table, path: workbook.path, sheet: best[0].sheet.name, format: workbook.format, workbook });
      else missing.push({ table, where: workbook.path, kind: 'workbook', present: workbook.sheets.map((sheet) => sheet.name) });
    }
  }
  return { locations: sortByTable(locations), missing };
}

/** The sheets named for a table; of several, the one named exactly for it (`人口` beside `人口（汇总）`) stands alone. */
function sheetsNamedFor(table: TableName, sheets: readonly WorkbookSheet[]): WorkbookSheet[] {
  const named = sheets.filter((sheet) => tableClaimedBy(sheet.name) === table);
  if (named.length < 2) return named;
  const words = wordsOf(table).map((word) => word.toLowerCase());
  const exact = named.filter((sheet) => words.includes(sheet.name.normalize('NFKC').trim().toLowerCase()));
  return exact.length === 1 ? exact : named;
}

interface ScoredSheet {
  sheet: WorkbookSheet;
  /** Per table, how many of its columns the sheet's best header row names. */
  scores: Map<TableName, number>;
  empty: boolean;
}

async function scoreSheets(workbook: Workbook, sheets: readonly WorkbookSheet[], search: Search): Promise<ScoredSheet[]> {
  const headerScore = search.options.headerScore;
  const scored: ScoredSheet[] = [];
  for (const sheet of sheets) {
    const scores = new Map<TableName, number>();
    let seen = 0;
    for await (const batch of workbook.rows(sheet)) {
      for (const row of batch) {
        if (seen++ >= HEADER_SEARCH_ROWS) break;
        if (headerScore === undefined || row.problem) continue;
        for (const table of TABLE_NAMES) scores.set(table, Math.max(scores.get(table) ?? 0, headerScore(table, row.cells)));
      }
      if (seen >= HEADER_SEARCH_ROWS) break;
    }
    scored.push({ sheet, scores, empty: seen === 0 });
  }
  return scored;
}

/** The table a sheet's header names the most columns of; null on a tie. */
function topTable(entry: ScoredSheet): TableName | null {
  let top: TableName | null = null;
  let topScore = 0;
  for (const [table, score] of entry.scores) {
    if (score > topScore) {
      top = table;
      topScore = score;
    } else if (score === topScore) {
      top = null;
    }
  }
  return top;
}

/** The sheets whose header names the most of the table's columns (at least MIN_HEADER_SCORE); several on a tie. */
function bestFor(table: TableName, scored: readonly ScoredSheet[]): ScoredSheet[] {
  let top = MIN_HEADER_SCORE;
  let best: ScoredSheet[] = [];
  for (const entry of scored) {
    const score = entry.scores.get(table) ?? 0;
    if (score > top) {
      top = score;
      best = [entry];
    } else if (score === top) {
      best.push(entry);
    }
  }
  return best;
}

/** A sheet by name: exactly as spelled, else trimmed and in any case. */
export function findSheet(sheets: readonly WorkbookSheet[], wanted: string): WorkbookSheet | null {
  const exact = sheets.find((sheet) => sheet.name === wanted);
  if (exact) return exact;
  const loose = wanted.trim().toLowerCase();
  return sheets.find((sheet) => sheet.name.trim().toLowerCase() === loose) ?? null;
}

function ambiguous(table: TableName, where: string, candidates: string[]): IssueDraft {
  return { code: 'ambiguous-input', table, file: where, sheet: null, row: null, column: null, value: candidates.join(', ') };
}

function sortByTable(locations: TableLocation[]): TableLocation[] {
  return [...locations].sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
}

// ---------------------------------------------------------------- bytes

/**
 * What a file is, from its first bytes: text is read as CSV, a zip or an OLE
 * container as a workbook (xlsx, or a legacy xls/et). Text under a workbook's
 * name, and formats known only to be refused, are `unsupported-format`.
 */
export async function sniffFile(path: string): Promise<'csv' | WorkbookFormat> {
  let head: Buffer;
  try {
    head = await readHead(path, 8);
  } catch (error) {
    throw asInputError(path, error);
  }
  const kind = classifyBytes(head);
  const extension = extensionOf(path);
  // An empty file has no format to refuse; read as text it yields no header, which openTable reports as empty-file.
  if (kind === 'empty') return 'csv';
  if (kind === 'ole') return 'xls';
  if (kind === 'zip') return 'xlsx';
  const refused = refusedExtensionReason(extension);
  if (refused) throw unsupportedFormat(path, refused);
  // Text named .xlsx is a broken workbook; text named .xls is often a web page saved under that name.
  if (WORKBOOK_EXTENSIONS.has(extension)) throw unsupportedFormat(path, ['xlsx', 'xlsm', 'xltx'].includes(extension) ? 'corrupt' : 'unknown');
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
