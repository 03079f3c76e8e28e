import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeTrend } from '../../engine/trend.js';
import { parseReportJson } from '../../engine/trend-input.js';
import { renderTrend, renderTrendXlsx } from '../../format/render-trend.js';
import { FatalInputError } from '../../issues/fatal.js';
import { announceWritten, chooseOutputFormat, emitOutput, extensionsOf, type OutputExtension } from '../output.js';
import { commandHelp } from '../command-help.js';
import { formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

const TREND_FORMATS = ['table', 'md', 'json', 'xlsx'] as const;
type TrendFormat = (typeof TREND_FORMATS)[number];

/** What `--out` writes, by extension. */
const TREND_OUTPUTS: readonly OutputExtension<TrendFormat>[] = [
  { extension: 'json', formats: ['json'] },
  { extension: 'md', formats: ['md'] },
  { extension: 'markdown', formats: ['md'] },
  { extension: 'xlsx', formats: ['xlsx'] },
  { extension: 'txt', formats: ['table'] },
];

interface TrendFlags extends RawDataFlags {
  format?: TrendFormat;
  out?: string;
}

/** `tuoyu trend REPORT.json…`: periods side by side, change, distance to target, on track or not. */
export function registerTrend({ program, context, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  program
    .command('trend')
    .description(t('对比几个期间（如2023、2024、2025年）的 JSON 报告与方案目标', 'compare JSON reports of several periods (e.g. 2023, 2024, 2025) against the plan targets'))
    .argument('<reports...>', t('由 `tuoyu report --format json` 生成的 JSON 报告', 'JSON reports written by `tuoyu report --format json`'))
    .addOption(formatOption(TREND_FORMATS, t('输出格式（默认按 --out 的扩展名，否则 table）', 'output format (default: from --out, else table)')))
    .option('--out <file>', t(`写入文件而不是标准输出；扩展名决定格式：${extensionsOf(TREND_OUTPUTS)}`, `write to a file instead of stdout; its extension picks the format: ${extensionsOf(TREND_OUTPUTS)}`))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu trend 2023.json 2024.json 2025.json', does: { zh: '各年并列，变化及距目标的差距', en: 'the years side by side, change and distance to target' } },
      { command: 'tuoyu trend *.json --out 趋势.xlsx', does: { zh: '写成 Excel', en: 'write an Excel workbook' } },
    ], lang))
    .action(async (files: string[], _flags: TrendFlags, command) => {
      const flags = command.optsWithGlobals() as TrendFlags;
      const format = chooseOutputFormat(flags.out, flags.format, TREND_OUTPUTS, 'table');
      const reports = [];
      for (const file of files) reports.push(parseReportJson(await readReportFile(file, context.cwd), file));
      const trend = computeTrend(reports);
      if (format === 'xlsx' && flags.out === undefined && context.stdoutIsTTY) {
        throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
      }
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const output = format === 'xlsx' ? await renderTrendXlsx(trend, { lang: style.lang }) : renderTrend(trend, { ...style, format });
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
