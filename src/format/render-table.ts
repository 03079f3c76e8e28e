/**
 * The terminal view of a report (`tuoyu report`, default format on a
 * terminal). Indicators are rows and areas are columns, the total first,
 * because the indicator names are long (up to 50 columns in Chinese) and the
 * area names short. Areas that do not fit the width are continued in further
 * tables that repeat the indicator and target columns, so a city with 200
 * communities stays readable at 80–160 columns.
 *
 * Status shows twice: a mark (✓ / ✗) that survives piping and colour
 * blindness, and green/red when colour is on. An n/a cell shows a footnote
 * number; each reason is printed once below the table.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Issue, Lang } from '../issues/issue.js';
import { omittedLine, reportProblems } from './report-problems.js';
import { INDICATORS, INDICATOR_IDS, type IndicatorId } from '../engine/indicators.js';
import type { AreaReport, IndicatorResult, InputSummary, IssueSummary, Report } from '../engine/report.js';
import { formatTarget, formatValue } from './numbers.js';
import { say, severityLabel, tableLabel } from './labels.js';
import { drawTable, right, type Cell } from './terminal-table.js';
import { displayWidth, padDisplay, printable, wrapText } from './text-width.js';
import { Footnotes } from './footnotes.js';

export interface TableOptions {
  lang: Lang;
  color: boolean;
  /** Terminal columns to fit; the caller decides (a formatter never asks the terminal). Default 120. */
  width?: number;
}

const DEFAULT_WIDTH = 120;
const NAME_WRAP = 36;
/** Columns a table column costs beyond its content: one space each side and a border. */
const CELL_FRAME = 3;

export function renderReportTable(report: Report, options: TableOptions): string {
  const { lang } = options;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? DEFAULT_WIDTH;
  const footnotes = new Footnotes();

  const blocks: string[] = [renderHeader(report, lang, chalk)];

  const nameWidth = Math.min(NAME_WRAP, Math.max(...INDICATOR_IDS.map((id) => displayWidth(INDICATORS[id].name[lang]))));
  const rowLabels = INDICATOR_IDS.map((id) => wrapText(INDICATORS[id].name[lang], nameWidth).join('\n'));
  const targets = INDICATOR_IDS.map((id) => targetOf(report.areas, id));
  const targetWidth = Math.max(displayWidth(say('target', lang)), ...targets.map((t) => displayWidth(t)));
  const fixedWidth = 1 + nameWidth + CELL_FRAME + targetWidth + CELL_FRAME;

  const columns = report.areas.map((area) => areaColumn(area, lang, chalk, footnotes));
  const chunks = chunkColumns(columns, width - fixedWidth);
  chunks.forEach((chunk, index) => {
    const head = [say('indicator', lang), say('target', lang), ...chunk.map((c) => c.head)].map((h) => chalk.bold(h));
    const rows: Cell[][] = INDICATOR_IDS.map((_, i) => [rowLabels[i], targets[i], ...chunk.map((c) => right(c.cells[i]))]);
    const part = chunks.length > 1 ? `${say('tablePart', lang, { i: index + 1, n: chunks.length })}\n` : '';
    blocks.push(part + drawTable(head, rows));
  });

  const notes = [chalk.dim(say('legend', lang))];
  for (const [n, reason] of footnotes.entries()) notes.push(`[${n}] ${printable(reason)}`);
  blocks.push(notes.join('\n'));

  blocks.push(renderInputs(report.inputs, lang, chalk));
  blocks.push(renderIssueCounts(report.summary, lang, chalk));
  blocks.push(renderProblems(report.issues, lang, chalk));
  return blocks.filter((b) => b.length > 0).join('\n\n') + '\n';
}

function renderHeader(report: Report, lang: Lang, chalk: ChalkInstance): string {
  const { period, plan } = report;
  const sep = lang === 'zh' ? '：' : ': ';
  return [
    chalk.bold(say('reportTitle', lang)),
    `${say('period', lang)}${sep}${printable(period.id)} (${period.start} ${say('to', lang)} ${period.end})`,
    `${say('plan', lang)}${sep}${printable(plan.name)} (${printable(plan.id)})`,
  ].join('\n');
}

/** The plan's target for an indicator: the total row has it, even for "total only" targets. */
function targetOf(areas: AreaReport[], id: IndicatorId): string {
  const withTarget = areas.find((area) => area.indicators[id]?.target !== null && area.indicators[id] !== undefined);
  const result = withTarget?.indicators[id];
  return formatTarget(result?.target ?? null, result?.op ?? null, INDICATORS[id].unit);
}

interface Column {
  head: string;
  cells: string[];
  width: number;
}

function areaColumn(area: AreaReport, lang: Lang, chalk: ChalkInstance, footnotes: Footnotes): Column {
  const name = printable(area.name);
  const head = area.code === '' ? name : `${name}\n${printable(area.code)}`;
  const cells = INDICATOR_IDS.map((id) => valueCell(area.indicators[id], id, lang, chalk, footnotes));
  const width = Math.max(...head.split('\n').map(displayWidth), ...cells.map(displayWidth));
  return { head, cells, width };
}

export function valueCell(
  result: IndicatorResult | undefined,
  id: IndicatorId,
  lang: Lang,
  chalk: ChalkInstance,
  footnotes: Footnotes,
): string {
  if (!result) return formatValue(null, INDICATORS[id].unit, lang);
  const text = formatValue(result.value, INDICATORS[id].unit, lang);
  switch (result.status) {
    case 'met':
      return chalk.green(`${text} ✓`);
    case 'not_met':
      return chalk.red(`${text} ✗`);
    case 'n/a':
      return chalk.dim(result.reason ? `${text} [${footnotes.mark(result.reason)}]` : text);
    default:
      return text;
  }
}

/** Greedy: as many area columns per table as fit the remaining width, at least one. */
function chunkColumns(columns: Column[], budget: number): Column[][] {
  const chunks: Column[][] = [];
  let current: Column[] = [];
  let used = 0;
  for (const column of columns) {
    const cost = column.width + CELL_FRAME;
    if (current.length > 0 && used + cost > budget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(column);
    used += cost;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}

export function renderInputs(inputs: InputSummary[], lang: Lang, chalk: ChalkInstance): string {
  if (inputs.length === 0) return '';
  const head = ['table', 'file', 'read', 'used', 'rejected', 'skipped'] as const;
  const rows: Cell[][] = inputs.map((input) => {
    const balanced = input.read === input.used + input.rejected + input.skipped;
    const file = printable(input.sheet ? `${input.file} [${input.sheet}]` : input.file);
    return [
      tableLabel(input.table, lang),
      file,
      right(balanced ? String(input.read) : chalk.red(`${input.read} ≠`)),
      right(String(input.used)),
      right(String(input.rejected)),
      right(String(input.skipped)),
    ];
  });
  const lines = [chalk.bold(say('inputs', lang)), drawTable(head.map((key) => chalk.bold(say(key, lang))), rows)];
  if (inputs.some((i) => i.read !== i.used + i.rejected + i.skipped)) lines.push(chalk.red(`≠ ${say('countsMismatch', lang)}`));
  return lines.join('\n');
}

export function renderIssueCounts(summary: IssueSummary, lang: Lang, chalk: ChalkInstance): string {
  const sep = lang === 'zh' ? '：' : ': ';
  const errors = `${say('errors', lang)} ${summary.errors}`;
  const warnings = `${say('warnings', lang)} ${summary.warnings}`;
  const line =
    `${say('issues', lang)}${sep}` +
    [summary.errors > 0 ? chalk.red(errors) : errors, summary.warnings > 0 ? chalk.yellow(warnings) : warnings, `${say('infos', lang)} ${summary.infos}`].join(' · ');
  return summary.errors > 0 ? `${line}\n${chalk.red(say('reportErrors', lang))}` : line;
}

/** Problem groups a terminal report lists under its numbers; the rest are counted, with where to find them. */
export const TABLE_PROBLEM_LIMIT = 30;

/**
 * The errors and warnings behind the numbers, each group on one line with
 * its location and hint (SPEC §5): the report shows its own problems rather
 * than sending the reader elsewhere.
 */
export function renderProblems(issues: readonly Issue[], lang: Lang, chalk: ChalkInstance): string {
  const problems = reportProblems(issues, TABLE_PROBLEM_LIMIT);
  if (problems.shown.length === 0) return '';
  const width = Math.max(displayWidth(severityLabel('error', lang)), displayWidth(severityLabel('warning', lang)));
  const codeWidth = Math.max(...problems.shown.map((issue) => displayWidth(issue.code)));
  const lines = problems.shown.map((issue) => {
    const label = padDisplay(severityLabel(issue.severity, lang), width);
    const where = issue.file === null ? '' : `${printable(issue.sheet ? `${issue.file} [${issue.sheet}]` : issue.file)}${lang === 'zh' ? '：' : ': '}`;
    return `  ${issue.severity === 'error' ? chalk.red(label) : chalk.yellow(label)}  ${chalk.dim(padDisplay(printable(issue.code), codeWidth))}  ${where}${printable(issue.message)}`;
  });
  const more = omittedLine(problems, lang);
  return [chalk.bold(say('problems', lang)), ...lines, ...(more ? [more] : [])].join('\n');
}
