import {
  checkReportOptions,
  isoDate,
  loadSubmission,
  renderQuality,
  reviewQuality,
  type QualityOptions,
} from '../../api.js';
import { loadPlan } from '../plan-option.js';
import { announceWritten, chooseOutputFormat, emitOutput, extensionsOf, refuseWorkbookToTerminal, type OutputExtension } from '../output.js';
import { exitCodeFor } from '../exit-codes.js';
import { commandHelp } from '../command-help.js';
import { addDataOptions, formatOption, locateData, readDataOptions, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';
import { createProgress } from '../progress.js';

const QUALITY_FORMATS = ['table', 'json', 'md', 'xlsx'] as const;
type QualityFormat = (typeof QUALITY_FORMATS)[number];

/** What `--out` writes, by extension (as `report`: anything else is refused). */
const QUALITY_OUTPUTS: readonly OutputExtension<QualityFormat>[] = [
  { extension: 'json', formats: ['json'] },
  { extension: 'md', formats: ['md'] },
  { extension: 'markdown', formats: ['md'] },
  { extension: 'xlsx', formats: ['xlsx'] },
  { extension: 'txt', formats: ['table'] },
];

interface QualityFlags extends RawDataFlags {
  period?: string;
  plan?: string;
  format?: QualityFormat;
  out?: string;
}

/**
 * `tuoyu quality [DATA]`: the data-quality review of SPEC §11. The data are
 * read exactly as `report` reads them (the same data options, the same
 * loading step), so that when `report` takes several submissions this
 * command takes them the same way. Exit codes as every command: 1 when the
 * data has errors; a flagged finding is a judgement for a statistician, not
 * an error, and leaves the exit code alone.
 */
export function registerQuality({ program, context, setExitCode, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  addDataOptions(program.command('quality'), lang)
    .description(t(
      '数据质量审查：报告完整性、异常值、随时间及相关数字之间的一致性（按 WHO 数据质量审查）',
      'data-quality review: reporting completeness, outliers, consistency over time and between related numbers (as WHO\'s Data Quality Review)',
    ))
    .option('--period <period>', t('年份（2025）或截至某季度的年初至今（2025Q2）；默认同 report', 'year (2025) or year to date through a quarter (2025Q2); default as for report'))
    .option('--plan <plan>', t('阈值取自方案的 quality 部分：default | national | 方案 JSON 文件', 'thresholds from the plan\'s quality section: default | national | a plan JSON file'))
    .addOption(formatOption(QUALITY_FORMATS, t('输出格式（默认按 --out 的扩展名，否则 table）', 'output format (default: from --out, else table)')))
    .option('--out <file>', t(`写入文件而不是标准输出；扩展名决定格式：${extensionsOf(QUALITY_OUTPUTS)}`, `write to a file instead of stdout; its extension picks the format: ${extensionsOf(QUALITY_OUTPUTS)}`))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu quality 数据/', does: { zh: '最近一个季度（年初至今）的数据质量审查', en: 'review the latest quarter (year to date)' } },
      { command: 'tuoyu quality 数据/ --period 2025 --out 数据质量.xlsx', does: { zh: '2025年全年，写成 Excel 表', en: 'the year 2025, as an Excel sheet' } },
      { command: 'tuoyu quality 数据/ --format json', does: { zh: '每条发现及其数值、参照和阈值（schema/quality.schema.json）', en: 'every finding with value, reference and threshold (schema/quality.schema.json)' } },
    ], lang))
    .action(async (data: string[], _flags: QualityFlags, command) => {
      const flags = command.optsWithGlobals() as QualityFlags;
      const format = chooseOutputFormat(flags.out, flags.format, QUALITY_OUTPUTS, 'table');
      const plan = await loadPlan(flags.plan, context);
      refuseWorkbookToTerminal(format, flags.out, context);
      const options = readDataOptions(data, flags, context);
      const qualityOptions: QualityOptions = { period: flags.period, plan, lang: options.lang, strict: options.strict };
      checkReportOptions(qualityOptions);
      const { located, inputPaths } = await locateData(options, flags.out, context);
      const progress = createProgress(context, options.lang ?? 'zh');
      const submission = await loadSubmission(located, { ...options, onProgress: progress.update });
      const review = reviewQuality(submission, qualityOptions);
      progress.done();
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const width = flags.out === undefined ? context.stdoutColumns : undefined;
      // 制表日期: the run's day as the submission was read (TUOYU_TODAY for reproducible runs).
      const date = isoDate(submission.today);
      const output = await renderQuality(review, { format, ...style, width, date });
      await emitOutput(output, flags.out, context, inputPaths);
      if (flags.out !== undefined && flags.out !== '-') announceWritten(context, style.lang, flags.out, format, review.dataIssues);
      setExitCode(exitCodeFor(review.dataIssues));
    });
}
