/**
 * Views of a validation report for `tuoyu validate`: text for a person, GitHub
 * workflow-command annotations and JUnit XML for CI.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Issue, IssueSummary, Lang, Severity } from '../issues/issue.js';
import { TRUNCATION_CODE } from '../issues/render.js';
import type { InputSummary, SubmissionSummary, ValidationReport } from '../engine/report.js';
import { say, severityLabel, tableLabel } from './labels.js';
import { escapeCell } from './render-markdown.js';
import { padDisplay, displayWidth, printable } from './text-width.js';

export interface ValidationTextOptions {
  lang: Lang;
  color: boolean;
}

/** The issues of one file (or sheet), with its input counts when it is an input. */
interface FileGroup {
  file: string | null;
  sheet: string | null;
  input: InputSummary | null;
  issues: Issue[];
}

/**
 * Inputs in their order (with or without issues), then files that only issues
 * name, then issues tied to no file. Within a file, issues by row, file-level
 * ones first; equal rows keep their order.
 */
function groupByFile(report: ValidationReport): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  const keyOf = (file: string | null, sheet: string | null) => JSON.stringify([file, sheet]);
  for (const input of report.inputs) {
    groups.set(keyOf(input.file, input.sheet), { file: input.file, sheet: input.sheet, input, issues: [] });
  }
  for (const issue of report.issues) {
    const key = keyOf(issue.file, issue.sheet);
    let group = groups.get(key);
    if (!group) {
      group = { file: issue.file, sheet: issue.sheet, input: null, issues: [] };
      groups.set(key, group);
    }
    group.issues.push(issue);
  }
  const ordered = [...groups.values()];
  const noFile = ordered.filter((g) => g.file === null);
  const result = [...ordered.filter((g) => g.file !== null), ...noFile];
  for (const group of result) group.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return result;
}

function fileTitle(group: FileGroup, lang: Lang): string {
  if (group.file === null) return say('noFile', lang);
  const name = printable(group.sheet ? `${group.file} [${group.sheet}]` : group.file);
  const table = group.input?.table ?? group.issues.find((i) => i.table !== null)?.table ?? null;
  if (table === null) return name;
  return lang === 'zh' ? `${name}（${tableLabel(table, lang)}）` : `${name} (${tableLabel(table, lang)})`;
}

function countsLine(input: InputSummary, lang: Lang): string {
  return (['read', 'used', 'rejected', 'skipped'] as const).map((key) => `${say(key, lang)} ${input[key]}`).join(' · ');
}

function paintSeverity(severity: Severity, text: string, chalk: ChalkInstance): string {
  if (severity === 'error') return chalk.red(text);
  if (severity === 'warning') return chalk.yellow(text);
  return chalk.cyan(text);
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Per code: its severity, how many groups it has (listed, and in all) and how many times it occurs (the notes left out). */
export interface CodeCount {
  code: string;
  severity: Severity;
  /** Groups listed. */
  groups: number;
  /** Groups in all, listed or not (capped by --max-issues); a floor when `totalGroupsAtLeast`. */
  totalGroups: number;
  totalGroupsAtLeast: boolean;
  occurrences: number;
}

/** Groups a capped report lists, in all, and whether that is a floor: the issues-truncated notes' counts added up. */
export interface GroupTally {
  listed: number;
  total: number;
  atLeast: boolean;
}

/** Groups listed and in all among `issues` (notes of groups not listed add theirs). */
export function tallyGroups(issues: readonly Issue[]): GroupTally {
  const tally: GroupTally = { listed: 0, total: 0, atLeast: false };
  for (const issue of issues) {
    if (issue.code !== TRUNCATION_CODE) {
      tally.listed += 1;
      tally.total += 1;
    } else {
      tally.total += unlistedGroups(issue);
      tally.atLeast ||= issue.groupsAtLeast === true;
    }
  }
  return tally;
}

/** Groups a note stands for: as it says, or (a report from before notes said so) at least one. */
function unlistedGroups(note: Issue): number {
  return note.groups !== undefined && note.groupsListed !== undefined ? note.groups - note.groupsListed : 1;
}

/** "列出 100 组，共 340 组" / "100 of 340 groups listed"; "340 组" / "340 groups" when all are. */
export function groupsText(tally: GroupTally, lang: Lang): string {
  const { listed, total, atLeast } = tally;
  if (listed === total && !atLeast) return lang === 'zh' ? `${total} 组` : `${total} group${total === 1 ? '' : 's'}`;
  return lang === 'zh' ? `列出 ${listed} 组，共${atLeast ? '至少' : ''} ${total} 组` : `${listed} of ${atLeast ? 'at least ' : ''}${total} groups listed`;
}

/** The per-code summary of SPEC §5's groups, errors first, then by occurrences. */
export function countByCode(issues: readonly Issue[]): CodeCount[] {
  const byCode = new Map<string, CodeCount>();
  for (const issue of issues) {
    if (issue.code === TRUNCATION_CODE) continue;
    const key = `${issue.severity} ${issue.code}`;
    const entry = byCode.get(key) ?? { code: issue.code, severity: issue.severity, groups: 0, totalGroups: 0, totalGroupsAtLeast: false, occurrences: 0 };
    entry.groups += 1;
    entry.totalGroups += 1;
    entry.occurrences += issue.count ?? 1;
    byCode.set(key, entry);
  }
  for (const note of issues) {
    if (note.code !== TRUNCATION_CODE || note.value === null) continue;
    // A note's count is the occurrences it stands for, of groups not listed.
    for (const entry of byCode.values()) {
      if (entry.code !== note.value) continue;
      entry.occurrences += note.count ?? 0;
      entry.totalGroups += unlistedGroups(note);
      entry.totalGroupsAtLeast ||= note.groupsAtLeast === true;
    }
  }
  return [...byCode.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.occurrences - a.occurrences || a.code.localeCompare(b.code));
}

/** The groups of a code, listed and in all. */
function tallyOf(entry: CodeCount): GroupTally {
  return { listed: entry.groups, total: entry.totalGroups, atLeast: entry.totalGroupsAtLeast };
}

/** "12 处（3 组）" / "12 × in 3 groups"; capped: "340 处（列出 100 组，共 340 组）" / "340 × (100 of 340 groups listed)". */
function occurrencesText(entry: CodeCount, lang: Lang): string {
  const tally = tallyOf(entry);
  if (lang === 'zh') return `${entry.occurrences} 处（${groupsText(tally, lang)}）`;
  const capped = tally.listed < tally.total || tally.atLeast;
  return capped ? `${entry.occurrences} × (${groupsText(tally, lang)})` : `${entry.occurrences} × in ${groupsText(tally, lang)}`;
}

/**
 * A per-code summary first (what kinds of problems, how many), then the
 * files with their counts and issues, each issue on one line: severity,
 * code and the message, which says where once (row, column, cell) and what to
 * do. A group of rows is one line.
 */
export function renderValidationText(report: ValidationReport, options: ValidationTextOptions): string {
  const { lang } = options;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks: string[] = [];
  const severityWidth = Math.max(...(['error', 'warning', 'info'] as const).map((s) => displayWidth(severityLabel(s, lang))));

  const byCode = countByCode(report.issues);
  if (byCode.length > 0) {
    const codeWidth = Math.max(...byCode.map((entry) => displayWidth(entry.code)));
    const lines = [chalk.bold(say('byCode', lang))];
    for (const entry of byCode) {
      const severity = paintSeverity(entry.severity, padDisplay(severityLabel(entry.severity, lang), severityWidth), chalk);
      lines.push(`  ${severity}  ${padDisplay(printable(entry.code), codeWidth)}  ${occurrencesText(entry, lang)}`);
    }
    blocks.push(lines.join('\n'));
  }

  const fileBlock = (group: FileGroup): string => {
    const lines = [chalk.bold(fileTitle(group, lang))];
    if (group.input) {
      const balanced = group.input.read === group.input.used + group.input.rejected + group.input.skipped;
      lines.push(`  ${countsLine(group.input, lang)}${balanced ? '' : chalk.red(`  ≠ ${say('countsMismatch', lang)}`)}`);
    }
    const codes = group.issues.map((issue) => printable(issue.code));
    const codeWidth = Math.max(0, ...codes.map(displayWidth));
    group.issues.forEach((issue, i) => {
      const severity = paintSeverity(issue.severity, padDisplay(severityLabel(issue.severity, lang), severityWidth), chalk);
      lines.push(`  ${severity}  ${chalk.dim(padDisplay(codes[i], codeWidth))}  ${printable(issue.message)}`);
    });
    if (group.issues.length === 0) lines.push(`  ${chalk.green('✓')} ${say('noIssues', lang)}`);
    return lines.join('\n');
  };

  const groups = groupByFile(report);
  const submissions = report.submissions ?? [];
  if (submissions.length < 2) {
    for (const group of groups) blocks.push(fileBlock(group));
  } else {
    // SPEC §6: each submission under its own name, its files beneath; then what belongs to none (a table none of them holds).
    const claimed = new Set<FileGroup>();
    submissions.forEach((submission, i) => {
      const own = groups.filter((group) => !claimed.has(group) && belongsTo(group, submission));
      for (const group of own) claimed.add(group);
      const heading = `${say('submissionHeading', lang, { i: i + 1, n: submissions.length, name: printable(submission.name) })}  ${summaryText(submission.summary, lang, chalk)}`;
      blocks.push([chalk.bold.underline(heading), ...own.map(fileBlock)].join('\n\n'));
    });
    const rest = groups.filter((group) => !claimed.has(group));
    if (rest.length > 0) blocks.push([chalk.bold.underline(say('wholeRun', lang)), ...rest.map(fileBlock)].join('\n\n'));
  }

  const { errors } = report.summary;
  const verdict = errors > 0 ? chalk.red(say('validateFailed', lang)) : chalk.green(say('validateOk', lang));
  blocks.push(`${summaryLine(report.summary, lang, chalk)}\n${verdict}`);
  return blocks.join('\n\n') + '\n';
}

/** A file's issues go under the submission that holds the file. */
function belongsTo(group: FileGroup, submission: SubmissionSummary): boolean {
  return group.file !== null && submission.inputs.some((input) => input.file === group.file);
}

/** "问题：错误 3 · 警告 1 · 提示 2", counts in colour. */
function summaryLine(summary: IssueSummary, lang: Lang, chalk: ChalkInstance): string {
  const sep = lang === 'zh' ? '：' : ': ';
  return `${say('issues', lang)}${sep}${countsText(summary, lang, chalk)}`;
}

function countsText(summary: IssueSummary, lang: Lang, chalk: ChalkInstance): string {
  const { errors, warnings, infos } = summary;
  return [
    errors > 0 ? chalk.red(`${say('errors', lang)} ${errors}`) : `${say('errors', lang)} ${errors}`,
    warnings > 0 ? chalk.yellow(`${say('warnings', lang)} ${warnings}`) : `${say('warnings', lang)} ${warnings}`,
    `${say('infos', lang)} ${infos}`,
  ].join(' · ');
}

/** A submission's own verdict and counts, for its heading: "✗ 有错误（错误 2 · 警告 0 · 提示 1）". */
function summaryText(summary: IssueSummary, lang: Lang, chalk: ChalkInstance): string {
  const verdict = summary.errors > 0 ? chalk.red(`✗ ${say('submissionFailed', lang)}`) : chalk.green(`✓ ${say('submissionOk', lang)}`);
  const counts = countsText(summary, lang, chalk);
  return lang === 'zh' ? `${verdict}（${counts}）` : `${verdict} (${counts})`;
}

/** One line for stderr after `--out`: the counts of the problems, "问题：错误 3 · 警告 1 · 提示 2". */
export function renderSummaryLine(summary: IssueSummary, lang: Lang): string {
  const sep = lang === 'zh' ? '：' : ': ';
  return `${say('issues', lang)}${sep}${say('errors', lang)} ${summary.errors} · ${say('warnings', lang)} ${summary.warnings} · ${say('infos', lang)} ${summary.infos}`;
}

// ---------------------------------------------------------------------------
// GitHub Actions workflow commands
// ---------------------------------------------------------------------------

const ANNOTATION_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub shows at most 10 annotations of each level per step and drops the
 * rest silently. tuoyu writes at most 9 issue groups — shared out over the
 * files in turn, each file's errors first, then its warnings, then its notes —
 * and one summary annotation as the tenth, so that nothing it says is lost.
 */
export const GITHUB_ANNOTATION_LIMIT = 9;

export interface GithubOptions {
  lang: Lang;
  /** Issue groups annotated; the summary annotation comes on top (default GITHUB_ANNOTATION_LIMIT). */
  limit?: number;
}

/** Message text of a workflow command: `%`, CR and LF encoded (GitHub's escapeData). */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and `:` and `,` too, which would end the property (escapeProperty). */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The groups to annotate: per file by severity then row, taken from the files in turn. */
function pickAnnotated(report: ValidationReport, limit: number): Issue[] {
  const queues = groupByFile(report).map((group) =>
    group.issues
      .filter((issue) => issue.code !== TRUNCATION_CODE)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.row ?? 0) - (b.row ?? 0)),
  );
  const picked: Issue[] = [];
  for (let round = 0; picked.length < limit; round++) {
    let any = false;
    for (const queue of queues) {
      if (round < queue.length && picked.length < limit) {
        picked.push(queue[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return picked;
}

function annotation(issue: Issue): string {
  const properties: string[] = [];
  if (issue.file !== null) properties.push(`file=${escapeAnnotationProperty(issue.file)}`);
  if (issue.row !== null) properties.push(`line=${issue.row}`);
  properties.push(`title=${escapeAnnotationProperty(annotationTitle(issue))}`);
  return `::${ANNOTATION_LEVEL[issue.severity]} ${properties.join(',')}::${escapeAnnotationData(issue.message)}`;
}

/**
 * `::error file=…,line=…,title=…::message` for the first groups of each file
 * (`::warning`, `::notice` for info), then one summary annotation: the counts,
 * how many groups were not annotated, and where the rest is (the step summary,
 * `--format json`). GitHub wants `col` as a number and issues know their
 * column by name, so `col` is left out and the column name goes in the title.
 */
export function renderGithubAnnotations(report: ValidationReport, options: GithubOptions = { lang: 'zh' }): string {
  const limit = options.limit ?? GITHUB_ANNOTATION_LIMIT;
  const listed = report.issues.filter((issue) => issue.code !== TRUNCATION_CODE);
  const picked = pickAnnotated(report, limit);
  const lines = picked.map(annotation);
  if (listed.length === 0) return '';
  const { errors, warnings } = report.summary;
  const level = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'notice';
  const tally = tallyGroups(report.issues);
  const rest = tally.total - picked.length;
  const lang = options.lang;
  const counts = renderSummaryLine(report.summary, lang);
  const more =
    rest === 0
      ? ''
      : lang === 'zh'
        ? `；另有${tally.atLeast ? '至少' : ''} ${rest} 组未标注，见任务摘要或 --format json${tally.listed < tally.total ? '（加 --max-issues 0 列出全部）' : ''}`
        : `; ${tally.atLeast ? 'at least ' : ''}${rest} more group${rest === 1 ? '' : 's'} not annotated: see the job summary or --format json${tally.listed < tally.total ? ' (with --max-issues 0 to list them all)' : ''}`;
  const groups = lang === 'zh' ? `（${groupsText(tally, lang)}）` : ` (${groupsText(tally, lang)})`;
  lines.push(`::${level} title=${escapeAnnotationProperty('tuoyu validate')}::${escapeAnnotationData(`${counts}${groups}${more}`)}`);
  return lines.join('\n') + '\n';
}

function annotationTitle(issue: Issue): string {
  const where = [
    issue.sheet === null ? null : `sheet ${issue.sheet}`,
    issue.column === null ? null : `column ${issue.column}`,
    issue.cell === null || issue.cell === undefined ? null : `cell ${issue.cell}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const count = (issue.count ?? 1) > 1 ? ` ×${issue.count}` : '';
  return where ? `${issue.code}${count} (${where})` : `${issue.code}${count}`;
}

// ---------------------------------------------------------------------------
// Markdown job summary ($GITHUB_STEP_SUMMARY)
// ---------------------------------------------------------------------------

/** Groups listed in the job summary; the JSON report has them all. */
export const STEP_SUMMARY_LIMIT = 100;

/** Markdown for GitHub's job summary: the verdict, the counts per file and per code, and the groups, each with its location. */
export function renderValidationMarkdown(report: ValidationReport, options: { lang: Lang }): string {
  const { lang } = options;
  const { errors } = report.summary;
  const lines: string[] = [
    `## tuoyu validate — ${errors > 0 ? `✗ ${say('errorsFound', lang)}` : `✓ ${say('validateOk', lang)}`}`,
    '',
    renderSummaryLine(report.summary, lang),
    '',
  ];
  const submissions = report.submissions ?? [];
  if (submissions.length > 1) {
    lines.push(`| ${say('submission', lang)} | ${say('errors', lang)} | ${say('warnings', lang)} | ${say('infos', lang)} |`, '|---|---:|---:|---:|');
    for (const submission of submissions) {
      const { errors: e, warnings: w, infos: i } = submission.summary;
      lines.push(`| ${e > 0 ? '✗' : '✓'} ${escapeCell(submission.name)} | ${e} | ${w} | ${i} |`);
    }
    lines.push('');
  }
  if (report.inputs.length > 0) {
    lines.push(`| ${say('file', lang)} | ${say('table', lang)} | ${say('read', lang)} | ${say('used', lang)} | ${say('rejected', lang)} | ${say('skipped', lang)} |`);
    lines.push('|---|---|---:|---:|---:|---:|');
    for (const input of report.inputs) {
      const file = input.sheet ? `${input.file} [${input.sheet}]` : input.file;
      lines.push(`| ${escapeCell(file)} | ${tableLabel(input.table, lang)} | ${input.read} | ${input.used} | ${input.rejected} | ${input.skipped} |`);
    }
    lines.push('');
  }
  const byCode = countByCode(report.issues);
  if (byCode.length > 0) {
    lines.push(`### ${say('byCode', lang)}`, '', `| ${say('severity', lang)} | ${say('code', lang)} | ${lang === 'zh' ? '处' : 'occurrences'} | ${lang === 'zh' ? '组' : 'groups'} |`, '|---|---|---:|---:|');
    for (const entry of byCode) lines.push(`| ${severityLabel(entry.severity, lang)} | \`${entry.code}\` | ${entry.occurrences} | ${groupsCell(tallyOf(entry), lang)} |`);
    lines.push('');
    const listed = report.issues.filter((issue) => issue.code !== TRUNCATION_CODE);
    const shown = [...listed].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, STEP_SUMMARY_LIMIT);
    lines.push(`### ${say('issues', lang)}`, '', `| ${say('severity', lang)} | ${say('code', lang)} | ${say('file', lang)} | ${say('message', lang)} |`, '|---|---|---|---|');
    for (const issue of shown) {
      const file = issue.file === null ? '' : issue.sheet ? `${issue.file} [${issue.sheet}]` : issue.file;
      lines.push(`| ${severityLabel(issue.severity, lang)} | \`${issue.code}\` | ${escapeCell(file)} | ${escapeCell(issue.message)} |`);
    }
    const tally = tallyGroups(report.issues);
    if (tally.total > shown.length) lines.push('', say('moreGroups', lang, { n: tally.total - shown.length, total: groupsText({ ...tally, listed: shown.length }, lang) }));
    lines.push('');
  }
  return lines.join('\n');
}

/** The groups column: the number, or "列出 100 组，共 340 组" when not all are listed. */
function groupsCell(tally: GroupTally, lang: Lang): string {
  return tally.listed === tally.total && !tally.atLeast ? String(tally.total) : groupsText(tally, lang);
}

// ---------------------------------------------------------------------------
// JUnit XML
// ---------------------------------------------------------------------------

/**
 * JUnit XML for GitLab and Jenkins test reports. One <testsuite> per input
 * file. In it:
 * - one failing <testcase> per error group (same code, column and value),
 *   named by its first row, column, code and number of occurrences (GitLab
 *   keeps only the first of two testcases with the same name, so names are
 *   made unique);
 * - one <skipped> testcase per warning group: GitLab shows <system-out> only for
 *   failed tests, so a warning as a passing test would be invisible there,
 *   while both GitLab and Jenkins list skipped tests with their message without
 *   failing the build;
 * - one "rows read = used + rejected + skipped" testcase per input, a real
 *   check of SPEC §5 that also keeps the suite from being empty; info issues
 *   (e.g. total rows skipped) are listed in its <system-out>.
 * No timestamps or durations, so the output is the same on every run.
 */
export function renderJunit(report: ValidationReport): string {
  const groups = groupByFile(report);
  if (groups.length === 0) groups.push({ file: null, sheet: null, input: null, issues: [] });
  const suites = groups.map((group) => junitSuite(group));
  const totals = suites.reduce(
    (sum, s) => ({ tests: sum.tests + s.tests, failures: sum.failures + s.failures, skipped: sum.skipped + s.skipped }),
    { tests: 0, failures: 0, skipped: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tuoyu validate" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface SuiteXml {
  xml: string;
  tests: number;
  failures: number;
  skipped: number;
}

function junitSuite(group: FileGroup): SuiteXml {
  const suiteName = group.file === null ? 'tuoyu' : group.sheet ? `${group.file} [${group.sheet}]` : group.file;
  const classname = `tuoyu.${group.input?.table ?? group.issues.find((i) => i.table !== null)?.table ?? 'input'}`;
  const cases: string[] = [];
  const names = new Map<string, number>();
  const uniqueName = (name: string) => {
    const seen = (names.get(name) ?? 0) + 1;
    names.set(name, seen);
    return seen === 1 ? name : `${name} #${seen}`;
  };
  const open = (name: string) => `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(uniqueName(name))}"`;
  let failures = 0;
  let skipped = 0;

  for (const issue of group.issues) {
    if (issue.severity === 'info') continue;
    // One testcase per group (SPEC §5): its name says how many rows share the problem.
    const count = issue.count ?? 1;
    const rows = issue.row === null ? null : count > 1 ? `rows ${issue.row}… (${count} occurrences)` : `row ${issue.row}`;
    const name = [rows, issue.column === null ? null : `column ${issue.column}`, issue.code]
      .filter((part) => part !== null)
      .join(' · ');
    if (issue.severity === 'error') {
      failures += 1;
      cases.push(
        `${open(name)}>\n      <failure message="${xmlAttr(issue.message)}" type="${xmlAttr(issue.code)}">${xmlText(issueDetail(issue))}</failure>\n    </testcase>`,
      );
    } else {
      skipped += 1;
      cases.push(`${open(name)}>\n      <skipped message="${xmlAttr(`warning: ${issue.message}`)}"/>\n    </testcase>`);
    }
  }

  const infos = group.issues.filter((issue) => issue.severity === 'info');
  const input = group.input;
  const checkName = input
    ? `rows read = used + rejected + skipped (${input.read} = ${input.used} + ${input.rejected} + ${input.skipped})`
    : 'issues';
  const balanced = !input || input.read === input.used + input.rejected + input.skipped;
  const body: string[] = [];
  if (!balanced) {
    failures += 1;
    body.push(`      <failure message="${xmlAttr('rows read ≠ used + rejected + skipped')}" type="counts-mismatch"/>`);
  }
  if (infos.length > 0) body.push(`      <system-out>${xmlText(infos.map(issueDetail).join('\n'))}</system-out>`);
  cases.push(body.length === 0 ? `${open(checkName)}/>` : `${open(checkName)}>\n${body.join('\n')}\n    </testcase>`);

  const tests = cases.length;
  // Testcases are groups; how many rows they stand for is said here too, so that no count is hidden:
  // a note of groups not listed (--max-issues) counts under the severity its code's listed groups have.
  const severityOfCode = new Map(group.issues.filter((issue) => issue.code !== TRUNCATION_CODE).map((issue) => [issue.code, issue.severity]));
  const occurrences = (severity: Severity) =>
    group.issues
      .filter((issue) => (issue.code === TRUNCATION_CODE ? severityOfCode.get(issue.value ?? '') : issue.severity) === severity)
      .reduce((n, issue) => n + (issue.count ?? 1), 0);
  const tally = tallyGroups(group.issues);
  const capped = tally.listed < tally.total || tally.atLeast;
  const properties = [
    '    <properties>',
    `      <property name="error-occurrences" value="${occurrences('error')}"/>`,
    `      <property name="warning-occurrences" value="${occurrences('warning')}"/>`,
    // Groups beyond --max-issues are not testcases: how many there are, and how many are, is said here.
    ...(capped
      ? [
          `      <property name="issue-groups" value="${tally.total}${tally.atLeast ? '+' : ''}"/>`,
          `      <property name="issue-groups-listed" value="${tally.listed}"/>`,
        ]
      : []),
    '    </properties>',
  ];
  const xml = [
    `  <testsuite name="${xmlAttr(suiteName)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...properties,
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests, failures, skipped };
}

function issueDetail(issue: Issue): string {
  const fields: Array<[string, string | number | null]> = [
    ['severity', issue.severity],
    ['code', issue.code],
    ['table', issue.table],
    ['file', issue.file],
    ['sheet', issue.sheet],
    ['row', issue.row],
    ['column', issue.column],
    ['cell', issue.cell ?? null],
    ['value', issue.value],
    ['occurrences', issue.count ?? 1],
    ['rows', issue.rows && issue.rows.length > 1 ? issue.rows.join(', ') : null],
  ];
  const lines = fields.filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return [issue.message, ...lines].join('\n');
}

/**
 * Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; U+FFFE,
 * U+FFFF; unpaired surrogates) cannot be escaped, only replaced: they become
 * a visible `\uXXXX` so the value can still be found in the input.
 */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visibleForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xmlText(text: string): string {
  return visibleForbidden(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and tab/LF/CR as references, which attribute normalisation would turn into spaces. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
