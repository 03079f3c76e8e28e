import { Option } from 'commander';
import { FatalInputError } from '../../issues/fatal.js';
import { buildReport, locateInputs } from '../../api.js';
import type { Report } from '../../engine/report.js';
import type { Plan } from '../../plan/plan.js';
import { renderJson } from '../../format/render-json.js';
import { renderReportCsv } from '../../format/render-csv.js';
import { renderReportMarkdown } from '../../format/render-markdown.js';
import { renderReportTable } from '../../format/render-table.js';
import { renderReportXlsx } from '../../format/render-xlsx.js';
import { renderReportHtml } from '../../format/render-html.js';
import type { ReportHeading } from '../../format/report-heading.js';
import type { AreaLevel } from '../../schema/records.js';
import { loadPlan } from '../plan-option.js';
import { checkOutputTarget, emitOutput } from '../output.js';
import { exitCodeFor } from '../exit-codes.js';
import {
  addDataOptions,
  formatFromExtension,
  formatOption,
  readDataOptions,
  readOutputStyle,
  type CommandDeps,
  type OutputStyle,
  type RawDataFlags,
} from '../shared-options.js';
import { createProgress } from '../progress.js';

const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'xlsx', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportFlags extends RawDataFlags {
  period?: string;
  by?: AreaLevel;
  plan?: string;
  format?: ReportFormat;
  out?: string;
  title?: string;
  unit?: string;
}

/** `tuoyu report [DATA]`: the plan's indicators; still produced when rows were rejected (then exit 1). */
export function registerReport({ program, context, setExitCode }: CommandDeps): void {
  addDataOptions(program.command('report'))
    .description('compute the action plan indicators, total and by area, against the plan targets')
    .option('--period <period>', 'year (2025) or year to date through a quarter (2025Q2); default: the quarter of the latest record')
    .addOption(new Option('--by <level>', 'areas to break down by').choices(['all', 'district', 'street', 'community']).default('district'))
    .option('--plan <plan>', 'targets: default | national | a plan JSON file')
    .addOption(formatOption(REPORT_FORMATS, 'table | json | csv | md | xlsx | html (default: from --out, else table)'))
    .option('--out <file>', 'write to a file (format from its extension) instead of stdout')
    .option('--title <title>', 'title of the xlsx and html report (default: region and period, e.g. 东湖区 2025年1—6月…监测表)')
    .option('--unit <name>', '填报单位: the body sending the xlsx and html report')
    .action(async (data: string | undefined, _flags: ReportFlags, command) => {
      const flags = command.optsWithGlobals() as ReportFlags;
      const plan = await loadPlan(flags.plan, context);
      const format: ReportFormat =
        flags.format ?? ((flags.out ? formatFromExtension(flags.out, REPORT_FORMATS) : null) as ReportFormat | null) ?? 'table';
      if (format === 'xlsx' && flags.out === undefined && context.stdoutIsTTY) {
        throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
      }
      const options = readDataOptions(data, flags, context);
      const located = await locateInputs(options);
      const inputPaths = located.locations.map((location) => location.path);
      checkOutputTarget(flags.out, context, inputPaths);
      const progress = createProgress(context, options.lang ?? 'zh');
      const report = await buildReport({ ...options, located, period: flags.period, by: flags.by, plan, onProgress: progress.update });
      progress.done();
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const width = flags.out === undefined ? context.stdoutColumns : undefined;
      const heading: ReportHeading = { title: flags.title, unit: flags.unit, date: todayIso(context.env) };
      const output = await renderReport(report, plan, format, style, width, heading);
      await emitOutput(output, flags.out, context, inputPaths);
      setExitCode(exitCodeFor(report.summary));
    });
}

async function renderReport(
  report: Report,
  plan: Plan,
  format: ReportFormat,
  style: OutputStyle,
  width: number | undefined,
  heading: ReportHeading,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderReportCsv(report, { lang: style.lang });
    case 'md':
      return renderReportMarkdown(report, { lang: style.lang });
    case 'xlsx':
      return renderReportXlsx(report, plan, { lang: style.lang, ...heading });
    case 'html':
      return renderReportHtml(report, { lang: style.lang, ...heading });
    case 'table':
      return renderReportTable(report, { ...style, width });
  }
}

/** 制表日期: TUOYU_TODAY (YYYY-MM-DD) when set, for reproducible runs and tests; otherwise today's local date. */
export function todayIso(env: Readonly<Record<string, string | undefined>>, now: Date = new Date()): string {
  const fixed = env.TUOYU_TODAY?.trim();
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
