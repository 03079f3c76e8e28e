/**
 * The library API: read the inputs, validate them, compute the report. The
 * CLI's JSON output is exactly what these functions return (a test proves it).
 * This is the one place where io, schema and engine meet; each step is a call.
 */
import { createRequire } from 'node:module';
import type { IssueDraft, Lang, TableName } from './issues/issue.js';
import { IssueLog } from './issues/collector.js';
import { resolveInputs, type MissingTable, type ResolvedInputs, type TableLocation } from './io/resolve-inputs.js';
import { openTable } from './io/open-table.js';
import type { RawCell, RawTable } from './io/raw.js';
import { columnOfHeader, looksLikeHeader } from './schema/headers.js';
import { validateCensus } from './schema/validate-census.js';
import { validateFacilities } from './schema/validate-facilities.js';
import { validateVisits } from './schema/validate-visits.js';
import type { AreaLevel, CensusRow, Facility } from './schema/records.js';
import { buildAreaIndex } from './engine/areas.js';
import { createVisitFold, type VisitTotals } from './engine/visit-fold.js';
import { computeReport } from './engine/compute-report.js';
import { defaultPeriod, parsePeriod, type Period } from './engine/period.js';
import { isoDate } from './shared/dates.js';
import type { InputSummary, Report, ValidationReport } from './engine/report.js';
import { planName, type Plan } from './plan/plan.js';
import { DEFAULT_PLAN } from './plan/builtin.js';
import { FatalInputError } from './issues/fatal.js';

export interface DataOptions {
  /** A data directory or one workbook holding the three tables. */
  data?: string;
  census?: string;
  facilities?: string;
  visits?: string;
  /** The sheet of a workbook that holds one table (`--sheet`); otherwise sheets are found by name or header. */
  sheet?: string;
  /** Overrides the detected CSV encoding. */
  encoding?: string;
  lang?: Lang;
  /** Warnings count as errors. */
  strict?: boolean;
  /** The inputs as `locateInputs` found them, when the caller has looked already. */
  located?: ResolvedInputs;
  /** Called now and then while visits are read (rows so far); for progress on a terminal. */
  onProgress?: (rowsRead: number) => void;
}

export interface ReportOptions extends DataOptions {
  /** `2025` or `2025Q2`; default: the quarter of the latest record. */
  period?: string;
  by?: AreaLevel;
  plan?: Plan;
}

const PROGRESS_EVERY = 50_000;

const require = createRequire(import.meta.url);
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;

/** `tuoyu validate`: every problem in the inputs, nothing computed. */
export async function validateData(options: DataOptions): Promise<ValidationReport> {
  const log = new IssueLog();
  const located = options.located ?? (await locateInputs(options));
  const loaded = await loadData({ ...options, located }, log, { requireAllTables: located.wholeSubmission });
  const { issues, summary } = finishIssues(log, [], options);
  return { schemaVersion: 1, tool: { name: 'tuoyu', version: TOOL_VERSION }, inputs: loaded.inputs, issues, summary };
}

/** `tuoyu report`: the indicators of the plan for one period, with every problem listed. */
export async function buildReport(options: ReportOptions): Promise<Report> {
  const period = options.period === undefined ? null : parsePeriodOrFail(options.period);
  const plan = options.plan ?? DEFAULT_PLAN;
  const log = new IssueLog();
  const loaded = await loadData(options, log, { requireAllTables: true });
  const chosen = period ?? defaultPeriod(loaded.visits.latestDay, latestCensusYear(loaded.census));
  const computed = computeReport({
    census: loaded.census,
    facilities: loaded.facilities,
    visits: loaded.visits,
    period: chosen,
    plan,
    by: options.by ?? 'district',
    lang: options.lang ?? 'zh',
  });
  const censusFile = loaded.inputs.find((input) => input.table === 'census');
  const engineIssues = computed.issues.map((draft) =>
    draft.table === 'census' && censusFile ? { ...draft, file: censusFile.file, sheet: censusFile.sheet } : draft,
  );
  const { issues, summary } = finishIssues(log, engineIssues, options);
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: TOOL_VERSION },
    period: { id: chosen.id, start: isoDate(chosen.start), end: isoDate(chosen.end) },
    plan: { id: plan.id, name: planName(plan, options.lang ?? 'zh') },
    inputs: loaded.inputs,
    areas: computed.areas,
    issues,
    summary,
  };
}

interface LoadedData {
  census: CensusRow[];
  facilities: Facility[];
  visits: VisitTotals;
  inputs: InputSummary[];
}

/** Reads census, then facilities (checked against the census), then visits (streamed into the fold). */
async function loadData(options: DataOptions, log: IssueLog, expect: { requireAllTables: boolean }): Promise<LoadedData> {
  const { locations, missing } = options.located ?? (await locateInputs(options));
  // A workbook given for a table but without its sheet is always a problem; other absent tables only when all are due.
  for (const absent of missing) if (expect.requireAllTables || absent.kind === 'workbook') log.add(missingTableIssue(absent));
  const byTable = new Map<TableName, TableLocation>(locations.map((location) => [location.table, location]));
  const inputs: InputSummary[] = [];

  let census: CensusRow[] = [];
  let listedCodes: string[] = [];
  const censusLocation = byTable.get('census');
  const censusTable = censusLocation ? await openOrLog(censusLocation, options, log) : null;
  if (censusTable) {
    const outcome = await validateCensus(censusTable, log);
    census = outcome.records;
    listedCodes = outcome.listedCodes;
    inputs.push(summarizeInput(censusTable, outcome.counts));
  }

  // Without a usable census every code would be "unknown": check codes only against a census that exists.
  // A code is known when the census lists it, even on a row rejected for its numbers.
  const areaIndex = listedCodes.length > 0 ? buildAreaIndex(listedCodes.map(listedArea)) : null;
  const isKnownArea = areaIndex ? (code: string) => areaIndex.isKnownArea(code) : () => true;

  let facilities: Facility[] = [];
  let listedIds: string[] = [];
  const facilitiesLocation = byTable.get('facilities');
  const facilitiesTable = facilitiesLocation ? await openOrLog(facilitiesLocation, options, log) : null;
  if (facilitiesTable) {
    const outcome = await validateFacilities(facilitiesTable, { isKnownArea }, log);
    facilities = outcome.records;
    listedIds = outcome.listedIds;
    inputs.push(summarizeInput(facilitiesTable, outcome.counts));
  }

  const fold = createVisitFold();
  const visitsLocation = byTable.get('visits');
  const visitsTable = visitsLocation ? await openOrLog(visitsLocation, options, log) : null;
  if (visitsTable) {
    // A facility the registry lists, even on a row rejected for another problem, is not unknown;
    // without a registry to check against (visits validated alone), no facility is.
    const facilityIds = new Set(listedIds);
    const isKnownFacility = facilitiesTable ? (id: string) => facilityIds.has(id) : () => true;
    const onProgress = options.onProgress;
    let used = 0;
    const outcome = await validateVisits(visitsTable, { isKnownArea, isKnownFacility }, log, (visit) => {
      fold.add(visit);
      if (onProgress && ++used % PROGRESS_EVERY === 0) onProgress(used);
    });
    inputs.push(summarizeInput(visitsTable, outcome.counts));
  }

  return { census, facilities, visits: fold.finish(), inputs };
}

/** A census code as a row of the area index used only to check codes: names and numbers play no part there. */
function listedArea(areaCode: string): CensusRow {
  return { areaCode, areaName: '', year: null, population: 0, infants01: 0, toddlers13: 0, row: 0 };
}

function open(location: TableLocation, options: DataOptions): Promise<RawTable> {
  return openTable(location, {
    encoding: options.encoding,
    isHeaderRow: (cells) => looksLikeHeader(location.table, cells),
  });
}

function summarizeInput(table: RawTable, counts: { read: number; used: number; rejected: number; skipped: number }): InputSummary {
  const { source } = table;
  return { table: source.table, file: source.file, sheet: source.sheet, sha256: table.sha256(), ...counts };
}

/**
 * A workbook without the table's sheet is `sheet-not-found`, a folder without
 * its file `missing-table`; either way the message lists what is there.
 */
function missingTableIssue(absent: MissingTable): IssueDraft {
  const present = absent.present.join(', ');
  if (absent.kind === 'workbook') {
    return { code: 'sheet-not-found', table: absent.table, file: absent.where, sheet: null, row: null, column: null, value: absent.wanted ?? absent.table, params: { sheets: present } };
  }
  return { code: 'missing-table', table: absent.table, file: absent.where, sheet: null, row: null, column: null, value: absent.table, params: { files: present } };
}

/**
 * Problems that make one table unusable but leave the others readable: the
 * run goes on without that table and lists the problem (exit 1). Anything
 * else fatal (unreadable format, wrong encoding) stops the run (exit 2).
 */
const TABLE_LEVEL_FAILURES = new Set(['empty-file']);

async function openOrLog(location: TableLocation, options: DataOptions, log: IssueLog): Promise<RawTable | null> {
  try {
    return await open(location, options);
  } catch (error) {
    if (error instanceof FatalInputError && TABLE_LEVEL_FAILURES.has(error.draft.code)) {
      log.add({ ...error.draft, table: location.table });
      return null;
    }
    throw error;
  }
}

function finishIssues(log: IssueLog, extra: IssueDraft[], options: DataOptions) {
  for (const draft of extra) log.add(draft);
  return log.render(options.lang ?? 'zh', options.strict ?? false);
}

function parsePeriodOrFail(text: string): Period {
  const period = parsePeriod(text);
  if (!period) {
    throw new FatalInputError({ code: 'invalid-period', table: null, file: null, sheet: null, row: null, column: null, value: text });
  }
  return period;
}

function latestCensusYear(census: CensusRow[]): number | null {
  let latest: number | null = null;
  for (const row of census) if (row.year !== null && (latest === null || row.year > latest)) latest = row.year;
  return latest;
}

/**
 * Where the tables are: the files a run will read. The CLI asks first, to refuse
 * an output that would land on an input before any work, then hands the answer
 * on as `located` so that the inputs are not looked up twice.
 */
export function locateInputs(options: DataOptions): Promise<ResolvedInputs> {
  return resolveInputs(
    { data: options.data, census: options.census, facilities: options.facilities, visits: options.visits },
    { headerScore: headerScore, sheet: options.sheet },
  );
}

/** How many of a table's columns a row names: how a sheet is recognised by its header. */
function headerScore(table: TableName, cells: readonly RawCell[]): number {
  const named = new Set<string>();
  for (const cell of cells) {
    const id = columnOfHeader(table, cell);
    if (id !== undefined) named.add(id);
  }
  return named.size;
}
