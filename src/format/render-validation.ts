/**
 * Views of a validation report for `tuoyu validate`: text for a person, GitHub
 * workflow-command annotations and JUnit XML for CI.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Issue, Lang, Severity } from '../issues/issue.js';
import type { InputSummary, ValidationReport } from '../engine/report.js';
import { say, severityLabel, tableLabel } from './labels.js';
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

/** "行 12 列「托位数」" / "row 12 col "slots""; a file-level issue names only what it has. */
function position(issue: Issue, lang: Lang): string {
  const parts: string[] = [];
  if (issue.row !== null) parts.push(`${say('row', lang)} ${issue.row}`);
  if (issue.column !== null) {
    const column = printable(issue.column);
    parts.push(lang === 'zh' ? `列「${column}」` : `col "${column}"`);
  }
  return parts.join(' ');
}

function paintSeverity(severity: Severity, text: string, chalk: ChalkInstance): string {
  if (severity === 'error') return chalk.red(text);
  if (severity === 'warning') return chalk.yellow(text);
  return chalk.cyan(text);
}

export function renderValidationText(report: ValidationReport, options: ValidationTextOptions): string {
  const { lang } = options;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks: string[] = [];
  const severityWidth = Math.max(...(['error', 'warning', 'info'] as const).map((s) => displayWidth(severityLabel(s, lang))));

  for (const group of groupByFile(report)) {
    const lines = [chalk.bold(fileTitle(group, lang))];
    if (group.input) {
      const balanced = group.input.read === group.input.used + group.input.rejected + group.input.skipped;
      lines.push(`  ${countsLine(group.input, lang)}${balanced ? '' : chalk.red(`  ≠ ${say('countsMismatch', lang)}`)}`);
    }
    const positions = group.issues.map((issue) => position(issue, lang));
    const positionWidth = Math.max(0, ...positions.map(displayWidth));
    const codes = group.issues.map((issue) => printable(issue.code));
    const codeWidth = Math.max(0, ...codes.map(displayWidth));
    group.issues.forEach((issue, i) => {
      const severity = paintSeverity(issue.severity, padDisplay(severityLabel(issue.severity, lang), severityWidth), chalk);
      const where = positionWidth > 0 ? `${padDisplay(positions[i], positionWidth)}  ` : '';
      lines.push(`  ${where}${severity}  ${chalk.dim(padDisplay(codes[i], codeWidth))}  ${printable(issue.message)}`);
    });
    if (group.issues.length === 0) lines.push(`  ${chalk.green('✓')} ${say('noIssues', lang)}`);
    blocks.push(lines.join('\n'));
  }

  const { errors, warnings, infos } = report.summary;
  const sep = lang === 'zh' ? '：' : ': ';
  const summary =
    `${say('issues', lang)}${sep}` +
    [
      errors > 0 ? chalk.red(`${say('errors', lang)} ${errors}`) : `${say('errors', lang)} ${errors}`,
      warnings > 0 ? chalk.yellow(`${say('warnings', lang)} ${warnings}`) : `${say('warnings', lang)} ${warnings}`,
      `${say('infos', lang)} ${infos}`,
    ].join(' · ');
  const verdict = errors > 0 ? chalk.red(say('validateFailed', lang)) : chalk.green(say('validateOk', lang));
  blocks.push(`${summary}\n${verdict}`);
  return blocks.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// GitHub Actions workflow commands
// ---------------------------------------------------------------------------

const ANNOTATION_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Message text of a workflow command: `%`, CR and LF encoded (GitHub's escapeData). */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and `:` and `,` too, which would end the property (escapeProperty). */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error file=…,line=…,title=…::message` per issue (`::warning`,
 * `::notice` for info). GitHub wants `col` as a number and issues know their
 * column by name, so `col` is left out and the column name goes in the title.
 */
export function renderGithubAnnotations(report: ValidationReport): string {
  const lines = report.issues.map((issue) => {
    const properties: string[] = [];
    if (issue.file !== null) properties.push(`file=${escapeAnnotationProperty(issue.file)}`);
    if (issue.row !== null) properties.push(`line=${issue.row}`);
    properties.push(`title=${escapeAnnotationProperty(annotationTitle(issue))}`);
    return `::${ANNOTATION_LEVEL[issue.severity]} ${properties.join(',')}::${escapeAnnotationData(issue.message)}`;
  });
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function annotationTitle(issue: Issue): string {
  const where = [issue.sheet === null ? null : `sheet ${issue.sheet}`, issue.column === null ? null : `column ${issue.column}`]
    .filter((part) => part !== null)
    .join(', ');
  return where ? `${issue.code} (${where})` : issue.code;
}

// ---------------------------------------------------------------------------
// JUnit XML
// ---------------------------------------------------------------------------

/**
 * JUnit XML for GitLab and Jenkins test reports. One <testsuite> per input
 * file. In it:
 * - one failing <testcase> per error, named by row, column and code (GitLab
 *   keeps only the first of two testcases with the same name, so names are
 *   made unique);
 * - one <skipped> testcase per warning: GitLab shows <system-out> only for
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
    const name = [issue.row === null ? null : `row ${issue.row}`, issue.column === null ? null : `column ${issue.column}`, issue.code]
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
  const xml = [
    `  <testsuite name="${xmlAttr(suiteName)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
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
    ['value', issue.value],
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
