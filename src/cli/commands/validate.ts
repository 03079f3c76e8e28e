import { loadSubmission, locateSubmission, renderValidation, validateSubmission } from '../../api.js';
import {
  addDataOptions,
  formatFromExtension,
  formatOption,
  readDataOptions,
  readOutputStyle,
  type CommandDeps,
  type RawDataFlags,
} from '../shared-options.js';
import { checkOutputTarget, emitOutput } from '../output.js';
import { exitCodeFor } from '../exit-codes.js';

const VALIDATE_FORMATS = ['text', 'json', 'github', 'junit'] as const;

interface ValidateFlags extends RawDataFlags {
  format?: (typeof VALIDATE_FORMATS)[number];
  out?: string;
}

/** `tuoyu validate [DATA]`: every problem, located; exit 1 when any is an error. */
export function registerValidate({ program, context, setExitCode }: CommandDeps): void {
  addDataOptions(program.command('validate'))
    .description('check the three spreadsheets and list every problem by file, row and column')
    .addOption(formatOption(VALIDATE_FORMATS, 'text | json | github (workflow annotations) | junit (XML)'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (data: string | undefined, _flags: ValidateFlags, command) => {
      const flags = command.optsWithGlobals() as ValidateFlags;
      const options = readDataOptions(data, flags, context);
      const located = await locateSubmission(options);
      const inputPaths = located.locations.map((location) => location.path);
      checkOutputTarget(flags.out, context, inputPaths);
      const report = validateSubmission(await loadSubmission(located, { encoding: options.encoding }), options);
      const format = flags.format ?? (flags.out ? formatFromExtension(flags.out, ['json', 'xml', 'text']) : null) ?? 'text';
      const style = readOutputStyle(flags, context, flags.out === undefined && context.stdoutIsTTY);
      const text = renderValidation(report, { format: format === 'xml' ? 'junit' : (format as 'text' | 'json' | 'github' | 'junit'), ...style });
      await emitOutput(text, flags.out, context, inputPaths);
      setExitCode(exitCodeFor(report.summary));
    });
}
