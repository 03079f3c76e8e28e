import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeTrend, FatalInputError, parseReportJson, renderTrend, renderTrendXlsx } from '../../api.js';
import { emitOutput } from '../output.js';
import { formatFromExtension, formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

const TREND_FORMATS = ['table', 'md', 'json', 'xlsx'] as const;
type TrendFormat = (typeof TREND_FORMATS)[number];

interface TrendFlags extends RawDataFlags {
  format?: TrendFormat;
  out?: string;
}

/** `tuoyu trend REPORT.json…`: periods side by side, change, distance to target, on track or not. */
export function registerTrend({ program, context }: CommandDeps): void {
  program
    .command('trend')
    .description('compare JSON reports of several periods (e.g. 2023, 2024, 2025) against the plan targets')
    .argument('<reports...>', 'JSON reports written by `tuoyu report --format json`')
    .addOption(formatOption(TREND_FORMATS, 'table | md | json | xlsx (default: from --out, else table)'))
    .option('--out <file>', 'write to a file (format from its extension) instead of stdout')
    .action(async (files: string[], _flags: TrendFlags, command) => {
      const flags = command.optsWithGlobals() as TrendFlags;
      const reports = [];
      for (const file of files) reports.push(parseReportJson(await readReportFile(file, context.cwd), file));
      const trend = computeTrend(reports);
      const format: TrendFormat =
        flags.format ?? ((flags.out ? formatFromExtension(flags.out, TREND_FORMATS) : null) as TrendFormat | null) ?? 'table';
      if (format === 'xlsx' && flags.out === undefined && context.stdoutIsTTY) {
        throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
      }
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const output = format === 'xlsx' ? await renderTrendXlsx(trend, { lang: style.lang }) : renderTrend(trend, { ...style, format });
      await emitOutput(output, flags.out, context, files);
    });
}

async function readReportFile(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new FatalInputError({ code: 'file-not-found', table: null, file, sheet: null, row: null, column: null, value: file });
  }
}
