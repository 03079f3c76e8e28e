import { renderIndicators } from '../../api.js';
import { loadPlan } from '../plan-option.js';
import { emitOutput } from '../output.js';
import { commandHelp } from '../command-help.js';
import { formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

const INDICATOR_FORMATS = ['table', 'md', 'json'] as const;

interface IndicatorFlags extends RawDataFlags {
  plan?: string;
  format?: (typeof INDICATOR_FORMATS)[number];
}

/** `tuoyu indicators`: the catalogue with formulas, units and the active plan's targets. */
export function registerIndicators({ program, context, lang }: CommandDeps): void {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  program
    .command('indicators')
    .description(t('列出指标：计算公式、单位和方案目标', 'list the indicators: formulas, units and the targets of the plan'))
    .option('--plan <plan>', t('目标：default | national | 方案 JSON 文件', 'targets: default | national | a plan JSON file'))
    .addOption(formatOption(INDICATOR_FORMATS, t('输出格式（默认 table）', 'output format (default table)')))
    .addHelpText('after', commandHelp([
      { command: 'tuoyu indicators', does: { zh: '默认方案的指标和目标', en: 'the indicators and targets of the default plan' } },
      { command: 'tuoyu indicators --plan 方案.json --format md', does: { zh: '某方案文件的目标，Markdown 格式', en: "a plan file's targets, as Markdown" } },
    ], lang))
    .action(async (_flags: IndicatorFlags, command) => {
      const flags = command.optsWithGlobals() as IndicatorFlags;
      const plan = await loadPlan(flags.plan, context);
      const style = readOutputStyle(flags, context, context.stdoutIsTTY);
      await emitOutput(renderIndicators(plan, { ...style, format: flags.format ?? 'table' }), undefined, context);
    });
}
