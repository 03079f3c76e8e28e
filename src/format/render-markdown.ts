/**
 * `--format md`: a report to paste into a briefing or a merge request. Values
 * are rounded for display like the terminal view; machine-read numbers are in
 * the JSON and CSV outputs.
 */
import type { Issue, Lang } from '../issues/issue.js';
import { INDICATORS, INDICATOR_IDS } from '../engine/indicators.js';
import type { AreaReport, Report } from '../engine/report.js';
import { formatTarget, formatValue } from './numbers.js';
import { levelLabel, say, severityLabel, statusLabel, tableLabel } from './labels.js';
import { Footnotes } from './footnotes.js';
import { omittedLine, reportProblems } from './report-problems.js';
import { printable } from './text-width.js';

export interface MarkdownOptions {
  lang: Lang;
}

/** Error and warning groups listed in full; the rest are counted (the JSON report has them all). */
export const MARKDOWN_ISSUE_LIMIT = 50;
/** Up to this many areas the breakdown has areas as columns, beyond it areas as rows. */
const AREAS_AS_COLUMNS = 6;

export function renderReportMarkdown(report: Report, options: MarkdownOptions): string {
  const { lang } = options;
  const sep = lang === 'zh' ? '：' : ': ';
  const footnotes = new Footnotes();
  const total = report.areas.find((area) => area.level === 'all') ?? report.areas[0];
  const breakdown = report.areas.filter((area) => area !== total);

  const sections: string[] = [
    `# ${escapeText(say('reportTitle', lang))} — ${escapeText(report.period.id)}`,
    `${say('period', lang)}${sep}${report.period.start} ${say('to', lang)} ${report.period.end} · ` +
      `${say('plan', lang)}${sep}${escapeText(report.plan.name)} (${escapeText(report.plan.id)})`,
  ];

  if (total) sections.push(`## ${escapeText(total.name)}\n\n${summaryTable(total, lang, footnotes)}`);
  if (breakdown.length > 0) {
    const table =
      breakdown.length <= AREAS_AS_COLUMNS
        ? areasAsColumns(breakdown, lang, footnotes)
        : areasAsRows(breakdown, lang, footnotes);
    sections.push(`## ${say('byArea', lang)}\n\n${table}`);
  }
  if (footnotes.size > 0) {
    sections.push(
      `### ${say('notes', lang)}\n\n` + footnotes.entries().map(([n, reason]) => `${n}. ${escapeText(reason)}`).join('\n'),
    );
  }
  if (report.inputs.length > 0) sections.push(`## ${say('inputs', lang)}\n\n${inputsTable(report, lang)}`);
  sections.push(`## ${say('issues', lang)}\n\n${issuesSection(report, lang)}`);
  return sections.join('\n\n') + '\n';
}

function summaryTable(total: AreaReport, lang: Lang, footnotes: Footnotes): string {
  const rows = INDICATOR_IDS.map((id) => {
    const result = total.indicators[id];
    const unit = INDICATORS[id].unit;
    return [
      INDICATORS[id].name[lang],
      cellValue(total, id, lang, footnotes),
      formatTarget(result?.target ?? null, result?.op ?? null, unit),
      statusLabel(result?.status ?? 'n/a', lang),
    ];
  });
  return markdownTable([say('indicator', lang), say('value', lang), say('target', lang), say('status', lang)], ['l', 'r', 'r', 'l'], rows);
}

function areasAsColumns(areas: AreaReport[], lang: Lang, footnotes: Footnotes): string {
  const head = [say('indicator', lang), ...areas.map((area) => `${area.name} (${area.code})`)];
  const rows = INDICATOR_IDS.map((id) => [INDICATORS[id].name[lang], ...areas.map((area) => cellValue(area, id, lang, footnotes))]);
  return markdownTable(head, ['l', ...areas.map(() => 'r' as const)], rows);
}

function areasAsRows(areas: AreaReport[], lang: Lang, footnotes: Footnotes): string {
  const head = [say('area', lang), say('level', lang), ...INDICATOR_IDS.map((id) => INDICATORS[id].name[lang])];
  const rows = areas.map((area) => [
    `${area.name} (${area.code})`,
    levelLabel(area.level, lang),
    ...INDICATOR_IDS.map((id) => cellValue(area, id, lang, footnotes)),
  ]);
  return markdownTable(head, ['l', 'l', ...INDICATOR_IDS.map(() => 'r' as const)], rows);
}

/** The rounded value with its status mark; an n/a value points to its numbered reason. */
function cellValue(area: AreaReport, id: (typeof INDICATOR_IDS)[number], lang: Lang, footnotes: Footnotes): string {
  const result = area.indicators[id];
  const text = formatValue(result?.value ?? null, INDICATORS[id].unit, lang);
  if (!result) return text;
  if (result.status === 'met') return `${text} ✓`;
  if (result.status === 'not_met') return `${text} ✗`;
  if (result.status === 'n/a' && result.reason) return `${text} [${footnotes.mark(result.reason)}]`;
  return text;
}

function inputsTable(report: Report, lang: Lang): string {
  const rows = report.inputs.map((input) => [
    tableLabel(input.table, lang),
    input.sheet ? `${input.file} [${input.sheet}]` : input.file,
    String(input.read),
    String(input.used),
    String(input.rejected),
    String(input.skipped),
  ]);
  const head = (['table', 'file', 'read', 'used', 'rejected', 'skipped'] as const).map((key) => say(key, lang));
  return markdownTable(head, ['l', 'l', 'r', 'r', 'r', 'r'], rows);
}

/**
 * The counts, then every error and warning group behind the numbers (those
 * only a report can find first), each with its location, count and hint
 * (SPEC §5); infos are counted, not listed.
 */
function issuesSection(report: Report, lang: Lang): string {
  const { summary, issues } = report;
  const counts = `${say('errors', lang)} ${summary.errors} · ${say('warnings', lang)} ${summary.warnings} · ${say('infos', lang)} ${summary.infos}`;
  const parts = [counts];
  const problems = reportProblems(issues, MARKDOWN_ISSUE_LIMIT);
  if (problems.shown.length > 0) {
    parts.push(
      markdownTable(
        [say('severity', lang), say('code', lang), say('file', lang), say('cell', lang), say('count', lang), say('message', lang)],
        ['l', 'l', 'l', 'r', 'r', 'l'],
        problems.shown.map((issue) => issueRow(issue, lang)),
      ),
    );
    const more = omittedLine(problems, lang);
    if (more) parts.push(more);
  }
  if (summary.errors > 0) parts.push(say('reportErrors', lang));
  return parts.join('\n\n');
}

function issueRow(issue: Issue, lang: Lang): string[] {
  const file = issue.file === null ? '' : issue.sheet ? `${issue.file} [${issue.sheet}]` : issue.file;
  const cell = issue.cell ?? (issue.row === null ? '' : String(issue.row));
  return [severityLabel(issue.severity, lang), issue.code, file, cell, String(issue.count ?? 1), issue.message];
}

type Align = 'l' | 'r';

function markdownTable(head: string[], align: Align[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** Text outside tables: one line, no control characters, no raw HTML from the data. */
function escapeText(text: string): string {
  return printable(text).replace(/\\/g, '\\\\').replace(/</g, '&lt;');
}

/**
 * A table cell: backslashes and pipes escaped (a `|` would start a new column),
 * line breaks flattened (a line break would end the row).
 */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}
