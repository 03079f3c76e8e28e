import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { computeTrend, type TrendBy } from '../../engine/trend.js';
import { parseReportJsons } from '../../engine/trend-input.js';
import { renderTrend, renderTrendXlsx } from '../../format/render-trend.js';
import { renderTrendHtml } from '../../format/render-html.js';
import { FatalInputError } from '../../issues/fatal.js';
import { BUILTIN_PLANS } from '../../plan/builtin.js';
import type { Plan } from '../../plan/plan.js';
import { emitOutput } from '../output.js';
import { formatFromExtension, formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

const TREND_FORMATS = ['table', 'md', 'json', 'xlsx', 'html'] as const;
type TrendFormat = (typeof TREND_FORMATS)[number];

interface TrendFlags extends RawDataFlags {
  format?: TrendFormat;
  out?: string;
  by?: TrendBy;
}

/** Both built-in plans are due in 2025 (SPEC §1); a plan file's reports fall back to that year too. */
export const DEFAULT_TARGET_YEAR = 2025;

/**
 * A report carries only its plan's id and name; the target year comes from
 * the plan with that id among `plans`, else 2025.
 */
export function targetYearOf(planId: string, plans: readonly Plan[] = BUILTIN_PLANS): number {
  return plans.find((p) => p.id === planId)?.targetYear ?? DEFAULT_TARGET_YEAR;
}

/** `tuoyu trend REPORT.json…`: periods side by side, change, distance to target, on track or not. */
export function registerTrend({ program, context }: CommandDeps): void {
  program
    .command('trend')
    .description('compare JSON reports of several periods (e.g. 2023, 2024, 2025) against the plan targets')
    .argument('<reports...>', 'JSON reports written by `tuoyu report --format json`')
    .addOption(new Option('--by <level>', 'also trend each area of this level, matched by code across reports').choices(['all', 'district', 'street']).default('all'))
    .addOption(formatOption(TREND_FORMATS, 'table | md | json | xlsx | html (default: from --out, else table)'))
    .option('--out <file>', 'write to a file (format from its extension) instead of stdout')
    .action(async (files: string[], _flags: TrendFlags, command) => {
      const flags = command.optsWithGlobals() as TrendFlags;
      const texts = [];
      for (const file of files) texts.push({ text: await readReportFile(file, context.cwd), fileName: file });
      const reports = parseReportJsons(texts);
      const trend = computeTrend(reports, { targetYear: targetYearOf(reports[0].plan.id), by: flags.by });
      const format: TrendFormat =
        flags.format ?? ((flags.out ? formatFromExtension(flags.out, TREND_FORMATS) : null) as TrendFormat | null) ?? 'table';
      if (format === 'xlsx' && flags.out === undefined && context.stdoutIsTTY) {
        throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
      }
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const output = format === 'xlsx'
        ? await renderTrendXlsx(trend, { lang: style.lang })
        : format === 'html'
          ? await renderTrendHtml(trend, { lang: style.lang })
          : renderTrend(trend, { ...style, format });
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
