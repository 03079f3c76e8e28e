import { Option } from 'commander';
import {
  checkReportOptions,
  computeReport,
  isoDate,
  loadSubmission,
  renderQualityPointer,
  renderReport,
  reviewQuality,
  type AreaLevel,
  type Lang,
  type QualityReview,
  type ReportOptions,
} from '../../api.js';
import { loadPlan } from '../plan-option.js';
import { announceWritten, chooseOutputFormat, emitOutput, extensionsOf, refuseWorkbookToTerminal, type OutputExtension } from '../output.js';
import { exitCodeFor } from '../exit-codes.js';
import { commandHelp } from '../command-help.js';
import {
  addDataOptions,
  formatOption,
  locateData,
  readDataOptions,
  readOutputStyle,
  type CommandDeps,
  type RawDataFlags,
} from '../shared-options.js';
import { createProgress } from '../progress.js';

const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'xlsx', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The formats that show the data-quality review (SPEC §11): a line under the table, a sheet, a section. */
const SHOWS_QUALITY: ReadonlySet<ReportFormat> = new Set(['table', 'xlsx', 'html']);

/** What `--out` writes, by extension (SPEC §6: anything else is refused). */
const REPORT_OUTPUTS: readonly OutputExtension<ReportFormat>[] = [
  { extension: 'json', formats: ['json'] },
  { extension: 'csv', formats: ['csv'] },
  { extension: 'md', formats: ['md'] },
  { extension: 'markdown', formats: ['md'] },
  { extension: 'xlsx', formats: ['xlsx'] },
  { extension: 'html', formats: ['html'] },
  { extension: 'htm', formats: ['html'] },
  { extension: 'txt', formats: ['table'] },
];

interface ReportFlags extends RawDataFlags {
  period?: string;
  by?: AreaLevel;
  plan?: string;
  format?: ReportFormat;
  out?: string;
  title?: string;
  unit?: string;
}

/**
 * SPEC §11: one line under the table when the data-quality review flags
 * something, wherever the table goes (the terminal, or a .txt with --out).
 * The workbook and the page carry the review itself (a sheet, a section);
 * machine formats (JSON, CSV, Markdown) stay exactly the report, and stderr
 * keeps its one line for the scripts and CI logs that read it.
 */
function withQualityPointer(output: string | Uint8Array, quality: QualityReview | undefined, format: string, lang: Lang): string | Uint8Array {
  const line = quality !== undefined && format === 'table' ? renderQualityPointer(quality, { lang }) : null;
  return line === null || typeof output !== 'string' ? output : `${output}\n${line}\n`;
}

/** `tuoyu report [DATA…]`: the plan's indicators, of several submissions as one (SPEC §8); still produced when rows were rejected (then exit 1). */
export function registerReport({ program, context, setExitCode, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  addDataOptions(program.command('report'), lang)
    .description(t('计算行动方案指标（合计及分地区），并与方案目标比较', 'compute the action plan indicators, total and by area, against the plan targets'))
    .option('--period <period>', t('年份（2025）或截至某季度的年初至今（2025Q2）；默认：最近一条服务记录所在季度，且不晚于本季度', 'year (2025) or year to date through a quarter (2025Q2); default: the quarter of the latest record, never after the current one'))
    .addOption(new Option('--by <level>', t('分地区的层级', 'areas to break down by')).choices(['all', 'district', 'street', 'community']).default('district'))
    .option('--plan <plan>', t('目标：default | national | 方案 JSON 文件', 'targets: default | national | a plan JSON file'))
    .addOption(formatOption(REPORT_FORMATS, t('输出格式（默认按 --out 的扩展名，否则 table）', 'output format (default: from --out, else table)')))
    .option('--out <file>', t(`写入文件而不是标准输出；扩展名决定格式：${extensionsOf(REPORT_OUTPUTS)}`, `write to a file instead of stdout; its extension picks the format: ${extensionsOf(REPORT_OUTPUTS)}`))
    .option('--title <title>', t('xlsx 和 html 报表的标题（默认：地区与期间，如 东湖区 2025年1—6月…监测表）', 'title of the xlsx and html report (default: region and period, e.g. 东湖区 2025年1—6月…监测表)'))
    .option('--unit <name>', t('填报单位：报送 xlsx 和 html 报表的单位', '填报单位: the body sending the xlsx and html report'))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu report 数据/', does: { zh: '最近一个季度（年初至今）的指标，按区县', en: 'the latest quarter (year to date), by district' } },
      { command: 'tuoyu report 数据/ --period 2025 --by street', does: { zh: '2025年全年，按街道', en: 'the year 2025, by street' } },
      { command: 'tuoyu report 全市/ 东湖区/ 西岭区/ 南港区.xlsx', does: { zh: '各区县分别报送的数据合并计算', en: 'the districts’ submissions as one city' } },
      { command: 'tuoyu report 数据/ --out 报告.xlsx', does: { zh: '写成 Excel 报表', en: 'write an Excel report' } },
      { command: 'tuoyu report 数据/ --out 报告.html', does: { zh: '带图表的网页报告', en: 'a web page with charts' } },
      { command: 'tuoyu report 数据/ --format json > 2025.json', does: { zh: '稳定的 JSON 报告（供 trend 使用）', en: 'the stable JSON report (for trend)' } },
    ], lang))
    .action(async (data: string[], _flags: ReportFlags, command) => {
      const flags = command.optsWithGlobals() as ReportFlags;
      const format = chooseOutputFormat(flags.out, flags.format, REPORT_OUTPUTS, 'table');
      const plan = await loadPlan(flags.plan, context);
      refuseWorkbookToTerminal(format, flags.out, context);
      const options = readDataOptions(data, flags, context);
      const reportOptions: ReportOptions = { period: flags.period, by: flags.by, plan, lang: options.lang, strict: options.strict };
      checkReportOptions(reportOptions);
      const { located, inputPaths } = await locateData(options, flags.out, context);
      const progress = createProgress(context, options.lang ?? 'zh');
      const submission = await loadSubmission(located, { ...options, onProgress: progress.update });
      const report = computeReport(submission, reportOptions);
      // SPEC §11: the data-quality review of the same period, where the output shows it (the workbook's sheet, the
      // page's section, the line under the table); machine formats do not carry it and do not pay for it.
      const quality = SHOWS_QUALITY.has(format) ? reviewQuality(submission, { ...reportOptions, period: report.period.id }) : undefined;
      progress.done();
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const width = flags.out === undefined ? context.stdoutColumns : undefined;
      // 制表日期: the run's day as the submission was read (TUOYU_TODAY for reproducible runs).
      const date = isoDate(submission.today);
      const output = await renderReport(report, { format, ...style, width, plan, title: flags.title, unit: flags.unit, date, quality });
      await emitOutput(withQualityPointer(output, quality, format, style.lang), flags.out, context, inputPaths);
      if (flags.out !== undefined && flags.out !== '-') announceWritten(context, style.lang, flags.out, format, report.summary);
      setExitCode(exitCodeFor(report.summary));
    });
}
