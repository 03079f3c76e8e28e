import { renderIndicators } from '../../api.js';
import { loadPlan } from '../plan-option.js';
import { emitOutput } from '../output.js';
import { formatOption, readOutputStyle, type CommandDeps, type RawDataFlags } from '../shared-options.js';

const INDICATOR_FORMATS = ['table', 'md', 'json'] as const;

interface IndicatorFlags extends RawDataFlags {
  plan?: string;
  format?: (typeof INDICATOR_FORMATS)[number];
}

/** `tuoyu indicators`: the catalogue with formulas, units and the active plan's targets. */
export function registerIndicators({ program, context }: CommandDeps): void {
  program
    .command('indicators')
    .description('list the indicators: formulas, units and the targets of the plan')
    .option('--plan <plan>', 'targets: default | national | a plan JSON file')
    .addOption(formatOption(INDICATOR_FORMATS, 'table | md | json'))
    .action(async (_flags: IndicatorFlags, command) => {
      const flags = command.optsWithGlobals() as IndicatorFlags;
      const plan = await loadPlan(flags.plan, context);
      const style = readOutputStyle(flags, context, context.stdoutIsTTY);
      await emitOutput(renderIndicators(plan, { ...style, format: flags.format ?? 'table' }), undefined, context);
    });
}
