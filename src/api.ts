/**
 * The library API of tuoyu — what `import … from 'tuoyu'` gives a script, and
 * the only thing the command line uses. Four steps, each a call whose
 * options are data:
 *
 *   const submission = await loadSubmission('data/2025');        // read and check the tables
 *   const validation = validateSubmission(submission);           // every problem, worded
 *   const report = computeReport(submission, { period: '2025' }); // the plan's indicators (SPEC §7)
 *   const text = await renderReport(report, { format: 'md' });   // a view of it
 *
 * The CLI's JSON output is exactly what these functions return (a test proves
 * it). This is the one place where io, schema and engine meet.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { Issue, IssueCause, IssueDraft, IssueSummary, Lang, TableName } from './issues/issue.js';
import { renderSeverity, TRUNCATION_CODE } from './issues/render.js';
import { IssueLog } from './issues/collector.js';
import { FatalInputError } from './issues/fatal.js';
import { resolveInputs, type MissingTable, type TableLocation } from './io/resolve-inputs.js';
import { openTable } from './io/open-table.js';
import type { RawCell, RawTable } from './io/raw.js';
import { columnOfHeader, looksLikeHeader } from './schema/headers.js';
import { validateCensusTables } from './schema/validate-census.js';
import { CrossSubmission, type PlaceInRun } from './schema/cross-submission.js';
import { checkNewCommunitySlots, validateFacilities } from './schema/validate-facilities.js';
import { validateVisits } from './schema/validate-visits.js';
import { openVisitsCsv, readVisitsCsv, type VisitCsvOptions, type VisitsCsvScan } from './threads/read-visits-csv.js';
import { headStartOf } from './threads/visit-parts.js';
import { startVisitReaders, type VisitReaders } from './threads/visit-readers.js';
import { validateAssessments } from './schema/validate-assessments.js';
import type { AreaLevel, Assessment, CensusRow, Facility, Visit } from './schema/records.js';
import { createVisitFold, type VisitTotals } from './engine/visit-fold.js';
import { computeReport as computeAreaReports } from './engine/compute-report.js';
import { defaultPeriod, makePeriod, parsePeriod, quarterOfMonth, type Period } from './engine/period.js';
import { parseDate } from './schema/values.js';
import { checkAreasAgainst, facilityExplainer } from './schema/explain-unknown.js';
import type { RowReporter } from './schema/row-checks.js';
import type { InputSummary, Report, SubmissionSummary, ValidationReport } from './engine/report.js';
import { dayNumber, isoDate, packedCivil, type DayNumber } from './shared/dates.js';
import { planName, type Plan } from './plan/plan.js';
import { BUILTIN_PLANS, DEFAULT_PLAN } from './plan/builtin.js';
import { OPTIONAL_TABLES, TABLE_NAMES } from './issues/issue.js';
import { renderJson } from './format/render-json.js';
import { renderReportCsv } from './format/render-csv.js';
import { renderReportMarkdown } from './format/render-markdown.js';
import { renderReportTable } from './format/render-table.js';
import { renderReportXlsx } from './format/render-xlsx.js';
import { renderReportHtml, renderTrendHtml } from './format/render-html.js';
import type { ReportHeading } from './format/report-heading.js';
import { renderGithubAnnotations, renderJunit, renderValidationText } from './format/render-validation.js';
import { reviewQuality as reviewQualityFindings } from './engine/quality/review-quality.js';
import type { QualityCheckResult, QualityReview } from './engine/quality/quality-review.js';
import { describeFinding } from './format/quality-words.js';
import { periodWords } from './format/labels.js';
import { renderQualityMarkdown, renderQualityTable, renderQualityXlsx } from './format/render-quality.js';
export { renderQualityPointer } from './format/render-quality.js';

// ---------------------------------------------------------------- the types a script meets

export type { Issue, IssueDraft, IssueSummary, Lang, Severity, TableName } from './issues/issue.js';
export { TABLE_NAMES, OPTIONAL_TABLES } from './issues/issue.js';
export type { AreaReport, IndicatorResult, InputSummary, PeriodInfo, Report, Status, SubmissionSummary, TargetOp, ValidationReport } from './engine/report.js';
export type { AreaCode, AreaLevel, Assessment, CensusRow, DayNumber, Facility, Visit } from './schema/records.js';
export type { VisitTotals, WindowCounts } from './engine/visit-fold.js';
export type { TableLocation } from './io/resolve-inputs.js';
export type { Plan } from './plan/plan.js';
export type { IndicatorTargets, Target } from './engine/targets.js';
export { INDICATOR_IDS, INDICATOR_LIST, INDICATORS, type IndicatorId, type IndicatorInfo } from './engine/indicators.js';
export type { IndicatorUnit } from './engine/indicator-entry.js';
export { BUILTIN_PLANS, DEFAULT_PLAN, NATIONAL_PLAN } from './plan/builtin.js';
export { parsePlanFile } from './plan/plan-file.js';
export { planName } from './plan/plan.js';
export { isoDate } from './shared/dates.js';
export { FatalInputError } from './issues/fatal.js';
export { IssueLog } from './issues/collector.js';
export type { QualityCheckResult, QualityReview } from './engine/quality/quality-review.js';
export type { QualityCheck, QualityFinding, QualityLevel, QualityMeasure, QualityOutcome, QualitySummary } from './engine/quality/finding.js';
export { WHO_QUALITY_THRESHOLDS, type QualityThresholds } from './engine/quality/thresholds.js';

const require = createRequire(import.meta.url);
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;

// ---------------------------------------------------------------- 1. read

/**
 * Where a submission's tables are: a data folder or one workbook (`data`),
 * and/or one file per table. A string is a `data` path.
 */
export interface SubmissionSource {
  data?: string;
  census?: string;
  facilities?: string;
  visits?: string;
  /** The optional quality-assessment table (SPEC §9). */
  assessments?: string;
  /** The sheet of a workbook that holds one table (`--sheet`); otherwise sheets are found by name or header. */
  sheet?: string;
}

/** The files a submission will be read from, found but not yet read (`locateSubmission`). */
export interface LocatedSubmission {
  /** What was given; for several submissions read as one (`Submission.located`), empty: see `Submission.parts`. */
  source: SubmissionSource;
  /** One location per table found. */
  locations: TableLocation[];
  /**
   * Required tables not found, where they were looked for, and what was there
   * instead. For several submissions read as one, the tables none of them
   * holds (SPEC §8).
   */
  missing: MissingTable[];
  /**
   * A folder, or a workbook holding several tables, is a whole submission and
   * must hold the three required tables; files named one by one (or a single
   * table file) may be one table checked on its own (a district's CI job).
   * Several submissions are whole when one of them is.
   */
  whole: boolean;
}

/**
 * What `loadSubmission` reads: a data folder or workbook (a string), files
 * named table by table, or what `locateSubmission` found — or a list of
 * these, the submissions of one city (SPEC §8), read as one.
 */
export type SubmissionInput = SubmissionSource | LocatedSubmission | string;

export interface LoadOptions {
  /** The CSV encoding when detection is wrong: utf8, gbk, gb18030, utf16le. */
  encoding?: string;
  /**
   * Called every 50,000 service records read, with the count so far: for a
   * progress line. Records are never held (see `Submission.visits`).
   */
  onProgress?: (recordsRead: number) => void;
  /** Called with every service record that passes validation, in row order: for scripts that look at the records themselves. */
  onVisit?: (visit: Visit) => void;
  /**
   * The day of the run, YYYY-MM-DD (SPEC §5 `future-date`, and no default
   * period after today's quarter); default the local date. The CLI passes
   * TUOYU_TODAY, so that runs and tests are reproducible.
   */
  today?: string;
  /** Groups of issues kept per issue code and file (SPEC §5, default 100); 0 keeps every group. Every occurrence is counted either way. */
  maxIssues?: number;
  /**
   * Threads that read a large CSV of service records, this one included
   * (default: the cores available, `os.availableParallelism()`); 1 reads in
   * this thread only. The result is the same either way.
   */
  threads?: number;
}

/** A submission read and checked: the tables as records, and every problem found on the way. */
export interface Submission {
  /** The files read (for several submissions, all of them, and the tables none of them holds). */
  located: LocatedSubmission;
  /** Each submission as given, in order (SPEC §8): one for a single submission. */
  parts: LocatedSubmission[];
  /** Per table read: file, sheet, SHA-256 and rows read = used + rejected + skipped (SPEC §5). */
  inputs: InputSummary[];
  /** Every census row used, of every year (a report picks the period's year). */
  census: CensusRow[];
  facilities: Facility[];
  /** The service records, folded as they were read: counts for any year-to-date window, never the records. */
  visits: VisitTotals;
  /** null without a usable assessments table (SPEC §9: it is optional). */
  assessments: Assessment[] | null;
  /** The problems found while reading, not yet worded; `validateSubmission` and `computeReport` word them. */
  issues: IssueLog;
  /** The day the submission was checked against (`LoadOptions.today`). */
  today: DayNumber;
  /** Groups kept per issue code and file, as loaded (`LoadOptions.maxIssues`). */
  maxIssues: number | undefined;
}

/**
 * What later steps need of a submission that its public shape leaves out:
 * the registry's reporter per facility table (new community facilities,
 * SPEC §5, are filed once a step knows its year), and the assessments as the
 * engine orders them (see `readAssessments`).
 */
interface LoadedExtras {
  registries: { reporter: RowReporter; facilities: Facility[] }[];
  assessmentsInRunOrder: Assessment[] | null;
}
const loadedExtras = new WeakMap<Submission, LoadedExtras>();

/** Finds the tables of a submission without reading them (to check an output path against the inputs first). */
export async function locateSubmission(source: SubmissionSource | string): Promise<LocatedSubmission> {
  const spec = typeof source === 'string' ? { data: source } : sourceOf(source);
  const { locations, missing, wholeSubmission } = await resolveInputs(spec, { headerScore, sheet: spec.sheet });
  return { source: spec, locations, missing, whole: wholeSubmission };
}

/**
 * Finds the tables of several submissions of one city (SPEC §8), each on its
 * own, in the order given. A file that two of them share is refused
 * (`repeated-input`): its rows would all be counted once anyway, and one of
 * the two was surely not meant.
 */
export async function locateSubmissions(sources: readonly (SubmissionSource | string)[]): Promise<LocatedSubmission[]> {
  const parts: LocatedSubmission[] = [];
  for (const source of sources) parts.push(await locateSubmission(source));
  refuseSharedFiles(parts);
  return parts;
}

/** The name a submission goes by in messages and in the report's `submissions`: its DATA, else its files. */
export function submissionName(located: LocatedSubmission): string {
  const { source } = located;
  if (source.data !== undefined) return source.data;
  const files = TABLE_NAMES.flatMap((table) => source[table] ?? []);
  return files.length > 0 ? files.join(', ') : located.locations.map((location) => location.path).join(', ');
}

const PROGRESS_EVERY = 50_000;

/**
 * Reads and checks a submission — or several submissions of one city as one
 * (SPEC §8): the tables of all of them read as one table each, issues at
 * their own file and row. Census first (every submission's, so that codes
 * are checked against the whole city), then facilities (their areas checked
 * against the census), service records (streamed into the fold, checked
 * against both) and the optional assessments. A census row, facility or
 * record id that an earlier submission had is counted once when the rows
 * agree, else rejected (schema/cross-submission.ts). A table that cannot be
 * read at all throws `FatalInputError`; every other problem is collected.
 */
export async function loadSubmission(source: SubmissionInput | readonly SubmissionInput[], options: LoadOptions = {}): Promise<Submission> {
  const parts = await locateParts(isInputList(source) ? source : [source]);
  const located = parts.length === 1 ? parts[0] : mergeLocated(parts);
  const today = parseToday(options.today);
  const issues = new IssueLog({ maxPerCodeAndFile: options.maxIssues });
  const inputs: InputSummary[] = [];
  const cross = new CrossSubmission(parts.length);
  // Threads for large CSVs of service records, started now so that they are ready when the records come.
  const readers = startVisitReaders(
    parts.flatMap((part) => part.locations.filter((location) => location.table === 'visits' && location.format === 'csv').map((location) => location.path)),
    options.threads ?? availableParallelism(),
  );
  // The run's first CSV of service records is opened first: when it is large, its reader threads read
  // their parts while the census and registry are read, and are told what those say once read.
  const locations = parts.flatMap((part) => part.locations);
  const firstVisits = locations.find((location) => location.table === 'visits');
  let early: VisitsCsvScan | null = null;
  try {
    if (firstVisits?.format === 'csv' && readers !== null) {
      early = await openVisitsCsv(firstVisits, {
        encoding: options.encoding, isHeaderRow: (cells) => looksLikeHeader('visits', cells), today, cross, readers,
        headStart: headStartOf(locations.filter((location) => location.table === 'census' || location.table === 'facilities'), firstVisits),
      });
    }
    return await readSubmission(parts, options, { located, today, issues, inputs, cross, readers, early: early && { scan: early, location: firstVisits! } });
  } finally {
    await early?.close();
    await readers?.close();
  }
}

/** loadSubmission's reading, table kind by table kind, once the readers of large files are started. */
async function readSubmission(
  parts: LocatedSubmission[],
  options: LoadOptions,
  run: {
    located: LocatedSubmission; today: DayNumber; issues: IssueLog; inputs: InputSummary[]; cross: CrossSubmission; readers: VisitReaders | null;
    /** The run's first visits CSV, opened before the census (see loadSubmission). */
    early: { scan: VisitsCsvScan; location: TableLocation } | null;
  },
): Promise<Submission> {
  const { located, today, issues, inputs, cross, readers, early } = run;
  /** Opens each table of this kind in turn, every submission in order, with its place in the run. */
  async function* tablesOf(table: TableName): AsyncGenerator<{ table: RawTable; place: PlaceInRun }> {
    for (const [index, part] of parts.entries()) {
      for (const location of part.locations) {
        if (location.table !== table) continue;
        const opened = await openOrLog(location, options, issues);
        if (opened) yield { table: opened, place: { cross, table: cross.addTable(opened.source, index) } };
      }
    }
  }

  const censusTables: { table: RawTable; place: PlaceInRun }[] = [];
  for await (const opened of tablesOf('census')) censusTables.push(opened);
  const censusOutcome = await validateCensusTables(censusTables, issues);
  const census = censusOutcome.records;
  censusTables.forEach(({ table }, i) => inputs.push(summarizeInput(table, censusOutcome.counts[i])));
  const censusFile = censusTables.length > 0 ? censusTables[0].table.source.file : null;
  // A code is known by a census row in use; one whose census row was rejected names that row (SPEC §2, §5).
  // Reader threads make the same test from `areaCheck`.
  const { isKnownArea, explainUnknownArea, check: areaCheck } = checkAreasAgainst(censusOutcome, censusFile);

  const facilities: Facility[] = [];
  const facilityIds = new Set<string>();
  const registries: LoadedExtras['registries'] = [];
  let registryUnusable: IssueCause | null = null;
  let registryRead = false;
  for await (const { table, place } of tablesOf('facilities')) {
    registryRead = true;
    const outcome = await validateFacilities(table, { isKnownArea, today, explainUnknownArea, place }, issues);
    facilities.push(...outcome.records);
    for (const id of outcome.listedIds) facilityIds.add(id);
    if (outcome.reporter) registries.push({ reporter: outcome.reporter, facilities: outcome.records });
    registryUnusable ??= outcome.unusableBecause;
    inputs.push(summarizeInput(table, outcome.counts));
  }
  // A facility the registry lists, even on a row rejected for another problem, is not unknown;
  // without a registry to check against (a table validated alone), no facility is. A registry
  // whose header cannot be used lists none: each record naming a facility says that is why.
  const isKnownFacility = registryRead ? (id: string) => facilityIds.has(id) : () => true;
  const explainUnknownFacility = facilityExplainer(facilityIds, registryUnusable);
  const registryIds = registryRead ? [...facilityIds] : null;
  early?.scan.know({ areaCheck, facilityIds: registryIds });

  const fold = createVisitFold();
  const { onProgress, onVisit } = options;
  let used = 0;
  const onUsed = onProgress && (() => {
    if (++used % PROGRESS_EVERY === 0) onProgress(used);
  });
  // SPEC §2: a child's latest record is by date, then by row. Across the tables of several
  // submissions, rows follow the order the submissions were given in: the fold sees each
  // table's rows numbered on after the previous table's last (the record handed to `onVisit`
  // keeps its own row).
  let rowsBefore = 0;
  try {
    for (const [index, part] of parts.entries()) {
      for (const location of part.locations) {
        if (location.table !== 'visits') continue;
        const context = { isKnownArea, isKnownFacility, today, explainUnknownArea, explainUnknownFacility };
        if (location.format === 'csv') {
          // A CSV is read from its bytes, a large one on every core (threads/read-visits-csv.ts).
          const place = { cross, table: cross.addTable({ file: location.path, sheet: null }, index) };
          const visitOptions: VisitCsvOptions = {
            ...context, place, encoding: options.encoding, isHeaderRow: (cells) => looksLikeHeader('visits', cells), log: issues,
            areaCheck, facilityIds: registryIds, sink: fold, sinkRowOffset: rowsBefore, onVisit, onUsed, readers,
          };
          const outcome = await logTableFailure(location, issues, () =>
            location === early?.location ? early.scan.read(visitOptions) : readVisitsCsv(location, visitOptions),
          );
          if (outcome === null) continue;
          rowsBefore += outcome.lastUsedRow;
          inputs.push({ table: 'visits', file: location.path, sheet: null, sha256: outcome.sha256, ...outcome.counts });
          continue;
        }
        const opened = await openOrLog(location, options, issues);
        if (!opened) continue;
        const place = { cross, table: cross.addTable(opened.source, index) };
        const outcome = await validateVisits(opened, { ...context, place }, issues, onVisit, { sink: fold, rowOffset: rowsBefore, onUsed });
        rowsBefore += outcome.lastUsedRow;
        inputs.push(summarizeInput(opened, outcome.counts));
      }
    }
  } finally {
    await readers?.close();
  }

  const assessmentTables: Assessment[][] = [];
  for await (const { table } of tablesOf('assessments')) {
    const outcome = await validateAssessments(table, { isKnownFacility, today, explainUnknownFacility }, issues);
    if (outcome.usable) assessmentTables.push(outcome.records);
    inputs.push(summarizeInput(table, outcome.counts));
  }
  const assessments = assessmentTables.length === 0 ? null : assessmentTables.flat();

  const submission: Submission = {
    located, parts, inputs, census, facilities, visits: fold.finish(), assessments, issues, today, maxIssues: options.maxIssues,
  };
  loadedExtras.set(submission, { registries, assessmentsInRunOrder: assessmentsInRunOrder(assessmentTables) });
  return submission;
}

/** `loadSubmission` of a list: several submissions of one city (SPEC §8), read as one. */
export async function loadSubmissions(sources: readonly SubmissionInput[], options: LoadOptions = {}): Promise<Submission> {
  return loadSubmission(sources, options);
}

/**
 * The assessments as the engine orders them: it takes a facility's latest by
 * date, then by row (SPEC §2, §9); across the tables of several submissions,
 * rows follow the order the submissions were given in, so each table's rows
 * are numbered on after the previous table's last (copies: the records keep
 * their spreadsheet rows).
 */
function assessmentsInRunOrder(tables: readonly Assessment[][]): Assessment[] | null {
  if (tables.length === 0) return null;
  if (tables.length === 1) return tables[0];
  const ordered: Assessment[] = [];
  let rowsBefore = 0;
  for (const records of tables) {
    let lastRow = 0;
    for (const record of records) {
      ordered.push({ ...record, row: record.row + rowsBefore });
      lastRow = Math.max(lastRow, record.row);
    }
    rowsBefore += lastRow;
  }
  return ordered;
}

function isInputList(source: SubmissionInput | readonly SubmissionInput[]): source is readonly SubmissionInput[] {
  return Array.isArray(source);
}

async function locateParts(inputs: readonly SubmissionInput[]): Promise<LocatedSubmission[]> {
  if (inputs.length === 0) throw new TypeError('loadSubmission: no submission given');
  const parts: LocatedSubmission[] = [];
  for (const input of inputs) parts.push(isLocated(input) ? input : await locateSubmission(input));
  refuseSharedFiles(parts);
  return parts;
}

/** `repeated-input` (exit 2) when one file (or one sheet of a workbook) belongs to two of the submissions. */
function refuseSharedFiles(parts: readonly LocatedSubmission[]): void {
  if (parts.length < 2) return;
  const owner = new Map<string, number>();
  parts.forEach((part, index) => {
    for (const location of part.locations) {
      const key = `${resolvePath(location.path)}\u0000${location.sheet ?? ''}`;
      const first = owner.get(key);
      if (first !== undefined && first !== index) {
        throw new FatalInputError({
          code: 'repeated-input', table: location.table, file: location.path, sheet: location.sheet, row: null, column: null, value: location.path,
          params: { submissions: [submissionName(parts[first]), submissionName(part)].join(', ') },
        });
      }
      owner.set(key, index);
    }
  });
}

/**
 * Several submissions as one (SPEC §8): every file of each, and as missing
 * only a required table none of them holds, looked for in each of them.
 */
function mergeLocated(parts: readonly LocatedSubmission[]): LocatedSubmission {
  const locations = parts.flatMap((part) => part.locations);
  const held = new Set(locations.map((location) => location.table));
  const missing: LocatedSubmission['missing'] = [];
  for (const table of TABLE_NAMES) {
    if (held.has(table) || OPTIONAL_TABLES.has(table)) continue;
    missing.push({ table, where: parts.map(submissionName).join(', '), kind: 'folder', present: [] });
  }
  return { source: {}, locations, missing, whole: parts.some((part) => part.whole) };
}

/** SPEC §5: TUOYU_TODAY (YYYY-MM-DD) fixes the day of the run; otherwise it is the local date. */
export function parseToday(text: string | undefined): DayNumber {
  if (text === undefined || text.trim() === '') {
    const now = new Date();
    return dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }
  // YYYY-MM-DD as SPEC writes it; the other date forms of SPEC §3 (2026/1/15, 2026年1月15日) are read too.
  const parsed = parseDate(text);
  if (!parsed.ok) {
    throw new FatalInputError({ code: 'invalid-date', table: null, file: null, sheet: null, row: null, column: 'TUOYU_TODAY', value: text });
  }
  return parsed.value;
}

function isLocated(source: SubmissionInput): source is LocatedSubmission {
  return typeof source === 'object' && 'locations' in source;
}

// ---------------------------------------------------------------- 2. validate

export interface IssueOptions {
  /** The language of messages (default zh). */
  lang?: Lang;
  /** Warnings count as errors (`--strict`). */
  strict?: boolean;
}

/** `tuoyu validate`: every problem of the submission, worded; nothing computed. */
export function validateSubmission(submission: Submission, options: IssueOptions = {}): ValidationReport {
  // A workbook given for a table but without its sheet is always a problem; other absent tables only when all are due.
  const missing = missingTableIssues(submission).filter((_, i) => submission.located.whole || submission.located.missing[i].kind === 'workbook');
  // New community facilities are judged by the year a report would cover by default, when there is one.
  const year = defaultYear(submission);
  const after = year === null ? [] : newCommunitySlotIssues(submission, year);
  const { issues, summary } = wordIssues(submission, { before: missing, after }, options);
  return {
    schemaVersion: 1, tool: { name: 'tuoyu', version: TOOL_VERSION }, inputs: submission.inputs,
    ...submissionsOf(submission, issues, options.strict ?? false), issues, summary,
  };
}

// ---------------------------------------------------------------- 3. compute

export interface ReportOptions extends IssueOptions {
  /** `2025` (the year) or `2025Q2` (the year to date); default: the quarter of the latest service record. */
  period?: string;
  /** The finest level of the breakdown (default district); `all` gives the total row only. */
  by?: AreaLevel;
  /** The targets (default: the built-in default plan). */
  plan?: Plan;
}

/**
 * Throws what `computeReport` would throw for these options (a period it
 * cannot read: `invalid-period`), so that a caller can refuse them before
 * reading a million rows.
 */
export function checkReportOptions(options: ReportOptions): void {
  if (options.period !== undefined) parsePeriodOrFail(options.period);
}

/** `tuoyu report`: the indicators of the plan for one period, with every problem listed (SPEC §7). */
export function computeReport(submission: Submission, options: ReportOptions = {}): Report {
  const lang = options.lang ?? 'zh';
  const plan = options.plan ?? DEFAULT_PLAN;
  const period = options.period === undefined ? defaultReportPeriod(submission) : parsePeriodOrFail(options.period);
  const computed = computeAreaReports({
    census: submission.census,
    facilities: submission.facilities,
    visits: submission.visits,
    assessments: loadedExtras.get(submission)?.assessmentsInRunOrder ?? submission.assessments,
    period,
    targets: plan.targets,
    by: options.by ?? 'district',
    lang,
  });
  const censusFile = submission.inputs.find((input) => input.table === 'census');
  const engineIssues = computed.issues.map((draft) =>
    draft.table === 'census' && censusFile ? { ...draft, file: censusFile.file, sheet: censusFile.sheet } : draft,
  );
  // A report always needs the three tables, whatever the submission is.
  const after = [...newCommunitySlotIssues(submission, period.year), ...logOf(engineIssues, submission.maxIssues)];
  const { issues, summary } = wordIssues(submission, { before: missingTableIssues(submission), after }, options);
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: TOOL_VERSION },
    period: { id: period.id, start: isoDate(period.start), end: isoDate(period.end) },
    plan: { id: plan.id, name: planName(plan, lang) },
    inputs: submission.inputs,
    ...submissionsOf(submission, issues, options.strict ?? false),
    areas: computed.areas,
    issues,
    summary,
  };
}

/** Options of the data-quality review: the period and the plan (whose `quality` section holds the thresholds). */
export interface QualityOptions extends IssueOptions {
  /** `2025` or `2025Q2`; default: the period a report would cover (the quarter of the latest record). */
  period?: string;
  /** The thresholds are the plan's `quality` section (default: the built-in plan, WHO's figures). */
  plan?: Plan;
}

/**
 * `tuoyu quality`: whether the data as a whole can be trusted (SPEC §11) —
 * reporting completeness, outliers of quarterly record counts, consistency
 * over time and between related numbers — each finding with its value,
 * reference and threshold, in words. Computed from what `loadSubmission`
 * folded: no file is read again. Like `computeReport`, it leaves the
 * submission as it was; `period` is the report's period by default, so that a
 * report and its review cover the same months.
 */
export function reviewQuality(submission: Submission, options: QualityOptions = {}): QualityReview {
  const lang = options.lang ?? 'zh';
  const plan = options.plan ?? DEFAULT_PLAN;
  const period = options.period === undefined ? defaultReportPeriod(submission) : parsePeriodOrFail(options.period);
  const outcome = reviewQualityFindings({
    census: submission.census,
    facilities: submission.facilities,
    visits: submission.visits,
    period,
    thresholds: plan.quality,
    lang,
  });
  const periodInfo = { id: period.id, start: isoDate(period.start), end: isoDate(period.end) };
  const window = periodWords(periodInfo, lang);
  // SPEC §11's fields first, then what a reader needs to redo the judgement, then the sentence.
  const checks: QualityCheckResult[] = outcome.checks.map(({ check, area, name, level, quarter, value, reference, threshold, flag, ...rest }) => {
    const finding = { check, area, name, level, quarter, value, reference, threshold, flag, ...rest };
    return { ...finding, message: describeFinding(finding, window, lang) };
  });
  const after = newCommunitySlotIssues(submission, period.year);
  const { summary: dataIssues } = wordIssues(submission, { before: missingTableIssues(submission), after }, options);
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: TOOL_VERSION },
    period: periodInfo,
    plan: { id: plan.id, name: planName(plan, lang) },
    // A copy: the review is the caller's to keep or change, the plan's defaults are not.
    thresholds: structuredClone(plan.quality),
    checks,
    summary: outcome.summary,
    dataIssues,
  };
}

export type QualityFormat = 'table' | 'json' | 'md' | 'xlsx';

/** A view of the review: terminal text, JSON (the review itself), Markdown, or the bytes of a workbook. */
export async function renderQuality(
  review: QualityReview,
  options: { format: QualityFormat; lang?: Lang; color?: boolean; width?: number } & ReportHeading,
): Promise<string | Uint8Array> {
  const lang = options.lang ?? 'zh';
  switch (options.format) {
    case 'json':
      return renderJson(review);
    case 'md':
      return renderQualityMarkdown(review, { lang });
    case 'xlsx':
      return renderQualityXlsx(review, { lang, title: options.title, unit: options.unit, date: options.date });
    case 'table':
      return renderQualityTable(review, { lang, color: options.color ?? false, width: options.width });
  }
}

// ---------------------------------------------------------------- 4. render

export type ReportFormat = 'json' | 'csv' | 'md' | 'table' | 'xlsx' | 'html';

export interface RenderOptions extends ReportHeading {
  format: ReportFormat;
  lang?: Lang;
  /** ANSI colour in the `table` format (default none). */
  color?: boolean;
  /** Columns the `table` format fits (default 120). */
  width?: number;
  /** For the definitions sheet of `xlsx`: the plan's wording (default: the built-in plan of the report's plan id). */
  plan?: Plan;
  /** The data-quality review of the same period (`reviewQuality`): `xlsx` adds a 数据质量 sheet, `html` a section. */
  quality?: QualityReview;
}

/**
 * A view of the report: text, or the bytes of a workbook for `xlsx`. The
 * xlsx and html views are the printable 报表: `title`, `unit` (填报单位) and
 * `date` (制表日期, YYYY-MM-DD; default: the title carries none) head them.
 */
export async function renderReport(report: Report, options: RenderOptions): Promise<string | Uint8Array> {
  const lang = options.lang ?? 'zh';
  const heading: ReportHeading = { title: options.title, unit: options.unit, date: options.date };
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderReportCsv(report, { lang });
    case 'md':
      return renderReportMarkdown(report, { lang });
    case 'xlsx':
      return renderReportXlsx(report, options.plan ?? BUILTIN_PLANS.find((plan) => plan.id === report.plan.id) ?? DEFAULT_PLAN, { lang, ...heading, quality: options.quality });
    case 'html':
      return renderReportHtml(report, { lang, ...heading, quality: options.quality });
    case 'table':
      return renderReportTable(report, { lang, color: options.color ?? false, width: options.width });
  }
}

export type ValidationFormat = 'text' | 'json' | 'github' | 'junit';

/** A view of a validation report: text, JSON, GitHub workflow annotations or JUnit XML. */
export function renderValidation(report: ValidationReport, options: { format: ValidationFormat; lang?: Lang; color?: boolean }): string {
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'github':
      return renderGithubAnnotations(report, { lang: options.lang ?? 'zh' });
    case 'junit':
      return renderJunit(report);
    case 'text':
      return renderValidationText(report, { lang: options.lang ?? 'zh', color: options.color ?? false });
  }
}

export { renderJson } from './format/render-json.js';
/** The Markdown summary of a validation (GitHub's job summary, `$GITHUB_STEP_SUMMARY`), and its one-line count of problems. */
export { renderSummaryLine, renderValidationMarkdown } from './format/render-validation.js';
export { decodePlanFile } from './plan/plan-file.js';
export { renderIndicators, type IndicatorsOptions } from './format/render-indicators.js';
export { renderTemplateCsv, renderTemplateXlsx } from './format/render-template.js';

// ---------------------------------------------------------------- the trend of several reports

export { computeTrend, type Trend, type TrendBy, type TrendRow } from './engine/trend.js';
export { parseReportJson, parseReportJsons } from './engine/trend-input.js';
export { renderTrend, renderTrendXlsx } from './format/render-trend.js';
export { renderTrendHtml };

// ---------------------------------------------------------------- writing outputs (for command-line front ends)

export { assertNotInput, outputNotWritable, writeFileAtomic } from './io/write-file-atomic.js';
export { ensureDirectory } from './io/ensure-directory.js';
export { formatFatal } from './issues/render.js';
/** Terminal text by display width (a CJK character is two columns): for help and tables a front end lays out itself. */
export { displayWidth, padDisplay, wrapText } from './format/text-width.js';

// ---------------------------------------------------------------- one call each, from paths

/** Paths and every option of the steps, for one call. */
export type DataOptions = Omit<SubmissionSource, 'data'> &
  LoadOptions &
  IssueOptions & {
    /**
     * A data folder or workbook; a list of them is several submissions of one
     * city (SPEC §8), read as one (with them, the files named table by table
     * are one more submission, read first).
     */
    data?: string | readonly string[];
    /**
     * Several submissions of one city (SPEC §8), each a data folder, a
     * workbook or files named table by table, read as one; when given, the
     * paths above are not read.
     */
    sources?: readonly (SubmissionSource | string)[];
  };

/** The submissions `options` name: `sources`, else several `data`, else the one its paths make. */
export function sourcesOf(options: DataOptions): (SubmissionSource | string)[] {
  if (options.sources !== undefined && options.sources.length > 0) return [...options.sources];
  const { data } = options;
  if (typeof data === 'string' || data === undefined) return [sourceOf({ ...options, data })];
  if (data.length === 1) return [sourceOf({ ...options, data: data[0] })];
  // Files named table by table beside several folders are one more submission, read first (as on the command line).
  const named = sourceOf({ ...options, data: undefined });
  const anyNamed = TABLE_NAMES.some((table) => named[table] !== undefined);
  return [...(anyNamed ? [named] : []), ...data];
}

/** `loadSubmission` then `validateSubmission`. */
export async function validateData(options: DataOptions): Promise<ValidationReport> {
  return validateSubmission(await loadSubmission(sourcesOf(options), options), options);
}

/** `loadSubmission` then `computeReport`. */
export async function buildReport(options: DataOptions & ReportOptions): Promise<Report> {
  checkReportOptions(options);
  return computeReport(await loadSubmission(sourcesOf(options), options), options);
}

function sourceOf(options: SubmissionSource): SubmissionSource {
  return { data: options.data, census: options.census, facilities: options.facilities, visits: options.visits, assessments: options.assessments, sheet: options.sheet };
}

// ---------------------------------------------------------------- helpers

function summarizeInput(table: RawTable, counts: { read: number; used: number; rejected: number; skipped: number }): InputSummary {
  const { source } = table;
  return { table: source.table, file: source.file, sheet: source.sheet, sha256: table.sha256(), ...counts };
}

/**
 * A workbook without the table's sheet is `sheet-not-found`, a folder without
 * its file `missing-table`; either way the message lists what is there. Of
 * several submissions (SPEC §8), a table is missing only when none of them
 * holds it: one `missing-table`, at no file, naming where it was looked for.
 */
function missingTableIssues(submission: Submission): IssueDraft[] {
  const several = submission.parts.length > 1;
  return submission.located.missing.map((absent): IssueDraft => {
    const at = { table: absent.table, sheet: null, row: null, column: null };
    if (several) return { code: 'missing-table', ...at, file: null, value: absent.table, params: { where: absent.where } };
    const present = absent.present.join(', ');
    if (absent.kind === 'workbook') {
      return { code: 'sheet-not-found', ...at, file: absent.where, value: absent.wanted ?? absent.table, params: { sheets: present } };
    }
    return { code: 'missing-table', ...at, file: absent.where, value: absent.table, params: { files: present } };
  });
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

/**
 * For several submissions (SPEC §8): each under its own name, with its
 * tables and the problems filed at its files counted by severity (an issue
 * at no file, such as a table none of them holds, counts in the run's
 * summary only). Nothing for a single submission, whose report keeps the
 * shape of SPEC §7.
 */
function submissionsOf(submission: Submission, issues: readonly Issue[], strict: boolean): { submissions?: SubmissionSummary[] } {
  if (submission.parts.length < 2) return {};
  const partOf = new Map<string, number>();
  submission.parts.forEach((part, index) => {
    for (const location of part.locations) partOf.set(location.path, index);
  });
  const sums: IssueSummary[] = submission.parts.map(() => ({ errors: 0, warnings: 0, infos: 0 }));
  for (const issue of issues) {
    const index = issue.file === null ? undefined : partOf.get(issue.file);
    if (index === undefined) continue;
    // A note of groups not listed counts their occurrences under their own code's severity.
    const severity = issue.code === TRUNCATION_CODE && issue.value !== null ? renderSeverity(issue.value, strict) : issue.severity;
    const key = severity === 'error' ? 'errors' : severity === 'warning' ? 'warnings' : 'infos';
    sums[index][key] += issue.count ?? 1;
  }
  return {
    submissions: submission.parts.map((part, index) => ({
      name: submissionName(part),
      inputs: part.locations.map((location) => ({ table: location.table, file: location.path, sheet: location.sheet })),
      summary: sums[index],
    })),
  };
}


/**
 * Problems that make one table unusable but leave the others readable: the
 * run goes on without that table and lists the problem (exit 1). Anything
 * else fatal (unreadable format, wrong encoding) stops the run (exit 2).
 */
const TABLE_LEVEL_FAILURES = new Set(['empty-file']);

async function openOrLog(location: TableLocation, options: LoadOptions, log: IssueLog): Promise<RawTable | null> {
  return logTableFailure(location, log, () =>
    openTable(location, {
      encoding: options.encoding,
      isHeaderRow: (cells) => looksLikeHeader(location.table, cells),
    }),
  );
}

/** What `read` gives, or null when the table cannot be used but the others can (the problem is logged). */
async function logTableFailure<T>(location: TableLocation, log: IssueLog, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FatalInputError && TABLE_LEVEL_FAILURES.has(error.draft.code)) {
      log.add({ ...error.draft, table: location.table });
      return null;
    }
    throw error;
  }
}

/**
 * The submission's problems and those a step adds, worded: tables missing
 * first (they were found first), then what reading found, then what the
 * step found. The submission's log is left as it was, so that one
 * submission can be validated and reported on many times.
 */
function wordIssues(submission: Submission, added: { before: readonly IssueDraft[]; after: readonly IssueLog[] }, options: IssueOptions) {
  const lang = options.lang ?? 'zh';
  const strict = options.strict ?? false;
  const parts = [...logOf(added.before, submission.maxIssues), submission.issues, ...added.after].map((log) => log.render(lang, strict));
  const sum = (key: 'errors' | 'warnings' | 'infos') => parts.reduce((total, part) => total + part.summary[key], 0);
  return { issues: parts.flatMap((part) => part.issues), summary: { errors: sum('errors'), warnings: sum('warnings'), infos: sum('infos') } };
}

function logOf(drafts: readonly IssueDraft[], maxIssues: number | undefined): IssueLog[] {
  const log = new IssueLog({ maxPerCodeAndFile: maxIssues });
  for (const draft of drafts) log.add(draft);
  return [log];
}

/**
 * `new-community-slots-out-of-range` (SPEC §5) for the year a step covers,
 * filed at the registry's rows into a log of its own, so that the
 * submission's log is never changed by a step.
 */
function newCommunitySlotIssues(submission: Submission, year: number): IssueLog[] {
  const registries = loadedExtras.get(submission)?.registries ?? [];
  if (registries.length === 0) return [];
  const log = new IssueLog({ maxPerCodeAndFile: submission.maxIssues });
  // Each registry table files at its own rows (several submissions, SPEC §8).
  for (const { reporter, facilities } of registries) checkNewCommunitySlots(facilities, year, reporter.writingTo(log));
  return [log];
}

/** Without --period: the quarter of the latest record (SPEC §4), never later than today's quarter (SPEC §5). */
function defaultReportPeriod(submission: Submission): Period {
  const period = defaultPeriod(submission.visits.latestDay, latestCensusYear(submission.census));
  const packed = packedCivil(submission.today);
  const current = makePeriod(Math.floor(packed / 10000), quarterOfMonth(Math.floor(packed / 100) % 100));
  return period.end > current.end ? current : period;
}

/** The year a report without --period would cover, or null when there is none to take. */
function defaultYear(submission: Submission): number | null {
  if (submission.visits.latestDay === null && latestCensusYear(submission.census) === null) return null;
  return defaultReportPeriod(submission).year;
}

function parsePeriodOrFail(text: string): Period {
  const period = parsePeriod(text);
  if (!period) {
    throw new FatalInputError({ code: 'invalid-period', table: null, file: null, sheet: null, row: null, column: null, value: text });
  }
  return period;
}

function latestCensusYear(census: readonly CensusRow[]): number | null {
  let latest: number | null = null;
  for (const row of census) if (row.year !== null && (latest === null || row.year > latest)) latest = row.year;
  return latest;
}
