import { Option } from 'commander';
import {
  checkReportOptions,
  computeReport,
  FatalInputError,
  loadSubmission,
  locateSubmission,
  renderReport,
  type AreaLevel,
  type ReportOptions,
} from '../../api.js';
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
  type RawDataFlags,
} from '../shared-options.js';
import { createProgress } from '../progress.js';

const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'xlsx'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportFlags extends RawDataFlags {
  period?: string;
  by?: AreaLevel;
  plan?: string;
  format?: ReportFormat;
  out?: string;
}

/** `tuoyu report [DATA]`: the plan's indicators; still produced when rows were rejected (then exit 1). */
export function registerReport({ program, context, setExitCode }: CommandDeps): void {
  addDataOptions(program.command('report'))
    .description('compute the action plan indicators, total and by area, against the plan targets')
    .option('--period <period>', 'year (2025) or year to date through a quarter (2025Q2); default: the quarter of the latest record')
    .addOption(new Option('--by <level>', 'areas to break down by').choices(['all', 'district', 'street', 'community']).default('district'))
    .option('--plan <plan>', 'targets: default | national | a plan JSON file')
    .addOption(formatOption(REPORT_FORMATS, 'table | json | csv | md | xlsx (default: from --out, else table)'))
    .option('--out <file>', 'write to a file (format from its extension) instead of stdout')
    .action(async (data: string | undefined, _flags: ReportFlags, command) => {
      const flags = command.optsWithGlobals() as ReportFlags;
      const plan = await loadPlan(flags.plan, context);
      const format: ReportFormat =
        flags.format ?? ((flags.out ? formatFromExtension(flags.out, REPORT_FORMATS) : null) as ReportFormat | null) ?? 'table';
      if (format === 'xlsx' && flags.out === undefined && context.stdoutIsTTY) {
        throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
      }
      const options = readDataOptions(data, flags, context);
      const reportOptions: ReportOptions = { period: flags.period, by: flags.by, plan, lang: options.lang, strict: options.strict };
      checkReportOptions(reportOptions);
      const located = await locateSubmission(options);
      const inputPaths = located.locations.map((location) => location.path);
      checkOutputTarget(flags.out, context, inputPaths);
      const progress = createProgress(context, options.lang ?? 'zh');
      const submission = await loadSubmission(located, { encoding: options.encoding, onProgress: progress.update });
      const report = computeReport(submission, reportOptions);
      progress.done();
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const width = flags.out === undefined ? context.stdoutColumns : undefined;
      const output = await renderReport(report, { format, ...style, width, plan });
      await emitOutput(output, flags.out, context, inputPaths);
      setExitCode(exitCodeFor(report.summary));
    });
}
