/**
 * The `tuoyu` command: commander wiring and the one place that turns
 * failures into exit codes (SPEC §5): 0 clean, 1 data errors, 2 usage or I/O.
 */
import { Command, CommanderError } from 'commander';
import { FatalInputError } from '../issues/fatal.js';
import { formatFatal } from '../issues/render.js';
import { TOOL_VERSION } from '../api.js';
import { chooseLang, type CliContext } from './context.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { registerValidate } from './commands/validate.js';
import { registerReport } from './commands/report.js';
import { registerIndicators } from './commands/indicators.js';
import { registerTemplate } from './commands/template.js';
import { registerTrend } from './commands/trend.js';


/** Runs one command line; returns the exit code. Never throws. */
export async function run(argv: string[], context: CliContext): Promise<number> {
  let exitCode = EXIT_OK;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command('tuoyu');
  program
    .exitOverride()
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr })
    .description('普惠托育服务三年行动方案指标 — childcare action-plan indicators from census, facility and service-record spreadsheets')
    .version(TOOL_VERSION, '-V, --version')
    .option('--lang <lang>', 'output language: zh | en (default zh, or TUOYU_LANG)')
    .option('--no-color', 'no colour even on a terminal')
    .option('--verbose', 'show the stack of an internal error')
    .showHelpAfterError();
  const commands = { program, context, setExitCode };
  registerValidate(commands);
  registerReport(commands);
  registerIndicators(commands);
  registerTemplate(commands);
  registerTrend(commands);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const globals = program.opts<{ lang?: string; verbose?: boolean }>();
    return reportFailure(error, context, chooseLang(globals.lang, context.env), globals.verbose ?? false);
  }
}

function reportFailure(error: unknown, context: CliContext, lang: 'zh' | 'en', verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; every other commander error is a usage error (exit 2, not commander's 1).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT_OK;
    }
    return EXIT_USAGE;
  }
  if (error instanceof FatalInputError) {
    for (const draft of error.drafts) context.stderr(`tuoyu: ${formatFatal(draft, lang)}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  context.stderr(
    lang === 'zh'
      ? `tuoyu: 内部错误：${detail}（请报告此问题，加 --verbose 可查看详情）\n`
      : `tuoyu: internal error: ${detail} (please report it; --verbose shows the stack)\n`,
  );
  if (verbose && error instanceof Error && error.stack) context.stderr(`${error.stack}\n`);
  return EXIT_USAGE;
}

/**
 * What to do with an error nobody awaited — a stream's 'error' event without
 * a listener, a rejection inside a library — which Node would otherwise print
 * as a raw stack: the same one line as any internal error, and exit 2.
 */
export function crashHandler(argv: readonly string[], context: Pick<CliContext, 'stderr' | 'env'>, exit: (code: number) => never | void) {
  const at = argv.indexOf('--lang');
  const langFlag = argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length) ?? (at >= 0 ? argv[at + 1] : undefined);
  const lang = chooseLang(langFlag, context.env);
  const verbose = argv.includes('--verbose');
  let handled = false;
  return (error: unknown): void => {
    // One line, once: a second failure while exiting adds nothing for the user.
    if (handled) return;
    handled = true;
    exit(reportFailure(error, { ...context, stdout: () => {}, stdoutIsTTY: false, stderrIsTTY: false, cwd: '' }, lang, verbose));
  };
}

/** The process entry (bin/tuoyu.js). */
export async function main(argv: string[]): Promise<number> {
  const stderr = (text: string) => {
    process.stderr.write(text);
  };
  const onCrash = crashHandler(argv, { stderr, env: process.env }, (code) => process.exit(code));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  // A read that waits on an event that never comes empties the event loop; Node
  // would then exit 13 without a word. Say what happened instead.
  let finished = false;
  process.on('beforeExit', () => {
    if (!finished) onCrash(new Error('the run stopped before it finished (a read that never ended)'));
  });
  const code = await run(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  });
  finished = true;
  return code;
}
