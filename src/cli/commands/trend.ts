import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { BUILTIN_PLANS, computeTrend, FatalInputError, parseReportJsons, renderTrend, renderTrendHtml, renderTrendXlsx, type Plan, type TrendBy } from '../../api.js';
import { announceWritten, chooseOutputFormat, emitOutput, extensionsOf, refuseWorkbookToTerminal, type OutputExtension } from '../output.js';
import { commandHelp } from '../command-help.js';
import { formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';
import { loadPlan } from '../plan-option.js';

const TREND_FORMATS = ['table', 'md', 'json', 'xlsx', 'html'] as const;
type TrendFormat = (typeof TREND_FORMATS)[number];

/** What `--out` writes, by extension. */
const TREND_OUTPUTS: readonly OutputExtension<TrendFormat>[] = [
  { extension: 'json', formats: ['json'] },
  { extension: 'md', formats: ['md'] },
  { extension: 'markdown', formats: ['md'] },
  { extension: 'xlsx', formats: ['xlsx'] },
  { extension: 'html', formats: ['html'] },
  { extension: 'htm', formats: ['html'] },
  { extension: 'txt', formats: ['table'] },
];

interface TrendFlags extends RawDataFlags {
  format?: TrendFormat;
  out?: string;
  by?: TrendBy;
  plan?: string;
}

/** Both built-in plans are due in 2025 (SPEC §1); a plan file's reports fall back to that year unless `--plan` names the file. */
export const DEFAULT_TARGET_YEAR = 2025;

/**
 * A report carries only its plan's id and name; the target year comes from
 * the plan with that id among `plans`, else 2025.
 */
export function targetYearOf(planId: string, plans: readonly Plan[] = BUILTIN_PLANS): number {
  return plans.find((p) => p.id === planId)?.targetYear ?? DEFAULT_TARGET_YEAR;
}

/** `tuoyu trend REPORT.json…`: periods side by side, change, distance to target, on track or not. */
export function registerTrend({ program, context, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  program
    .command('trend')
    .description(t('对比几个期间（如2023、2024、2025年）的 JSON 报告与方案目标', 'compare JSON reports of several periods (e.g. 2023, 2024, 2025) against the plan targets'))
    .argument('<reports...>', t('由 `tuoyu report --format json` 生成的 JSON 报告', 'JSON reports written by `tuoyu report --format json`'))
    .addOption(new Option('--by <level>', t('同时按此层级列出各地区的趋势（按区划代码跨报告对应）', 'also trend each area of this level, matched by code across reports')).choices(['all', 'district', 'street']).default('all'))
    .option('--plan <plan>', t('各期报告所用的方案（default | national | 方案 JSON 文件），其 targetYear 为目标年份（默认按报告中的方案编号取内置方案，否则 2025）', 'the plan the reports were made with (default | national | a plan JSON file): its targetYear is the target year (default: the built-in plan of the reports\' plan id, else 2025)'))
    .addOption(formatOption(TREND_FORMATS, t('输出格式（默认按 --out 的扩展名，否则 table）', 'output format (default: from --out, else table)')))
    .option('--out <file>', t(`写入文件而不是标准输出；扩展名决定格式：${extensionsOf(TREND_OUTPUTS)}`, `write to a file instead of stdout; its extension picks the format: ${extensionsOf(TREND_OUTPUTS)}`))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu trend 2023.json 2024.json 2025.json', does: { zh: '各年并列，变化及距目标的差距', en: 'the years side by side, change and distance to target' } },
      { command: 'tuoyu trend 2023.json 2024.json 2025.json --by district', does: { zh: '合计及各区县的趋势', en: 'the total and each district' } },
      { command: 'tuoyu trend *.json --out 趋势.html', does: { zh: '带图表的网页', en: 'a web page with charts' } },
    ], lang))
    .action(async (files: string[], _flags: TrendFlags, command) => {
      const flags = command.optsWithGlobals() as TrendFlags;
      const format = chooseOutputFormat(flags.out, flags.format, TREND_OUTPUTS, 'table');
      const texts = [];
      for (const file of files) texts.push({ text: await readReportFile(file, context.cwd), fileName: file });
      const reports = parseReportJsons(texts);
      const trend = computeTrend(reports, { targetYear: await targetYearFor(reports, flags.plan, context), by: flags.by });
      refuseWorkbookToTerminal(format, flags.out, context);
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const output = format === 'xlsx'
        ? await renderTrendXlsx(trend, { lang: style.lang })
        : format === 'html'
          ? await renderTrendHtml(trend, { lang: style.lang })
          : renderTrend(trend, { ...style, format, width: flags.out === undefined ? context.stdoutColumns : undefined });
      await emitOutput(output, flags.out, context, files);
      if (flags.out !== undefined && flags.out !== '-') announceWritten(context, style.lang, flags.out, format);
    });
}

async function readReportFile(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new FatalInputError({ code: 'file-not-found', table: null, file, sheet: null, row: null, column: null, value: file });
  }
}

/** The target year of the reports' plan: from `--plan` when given (it must be the reports' plan), else by its id. */
async function targetYearFor(reports: readonly { plan: { id: string } }[], planOption: string | undefined, context: CommandDeps['context']): Promise<number> {
  const planId = reports[0].plan.id;
  if (planOption === undefined) return targetYearOf(planId);
  const plan = await loadPlan(planOption, context);
  if (plan.id !== planId) {
    const value = `--plan ${planOption} (${plan.id}) ≠ ${planId}`;
    throw new FatalInputError({ code: 'plan-mismatch', table: null, file: null, sheet: null, row: null, column: null, value });
  }
  return plan.targetYear;
}
