/**
 * The `tuoyu` command: commander wiring and the one place that turns
 * failures into exit codes (SPEC §5): 0 clean, 1 data errors, 2 usage or I/O.
 */
import { Command, CommanderError } from 'commander';
import { FatalInputError, formatFatal, TOOL_VERSION } from '../api.js';
import type { CliContext } from './context.js';
import { commandOf, configureHelpLanguage, describeUsageError, langFromArgv, unusableLangMessage, usageHintFor, type Bilingual } from './cli-language.js';
import { exitCodesHelp } from './command-help.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

/** Failures that are a wrong command line, not a wrong file: they also say where to read how it is used. */
const USAGE_CODES = new Set(['invalid-period', 'unsupported-output', 'binary-to-terminal', 'repeated-input']);
import { registerValidate } from './commands/validate.js';
import { registerReport } from './commands/report.js';
import { registerIndicators } from './commands/indicators.js';
import { registerTemplate } from './commands/template.js';
import { registerTrend } from './commands/trend.js';
import { registerQuality } from './commands/quality.js';


/** Runs one command line; returns the exit code. Never throws. */
export async function run(argv: string[], context: CliContext): Promise<number> {
  let exitCode = EXIT_OK;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  // Help is built with the commands, so the language must be known first.
  const unusableLang = unusableLangMessage(argv, context.env);
  if (unusableLang !== null) {
    context.stderr(unusableLang);
    return EXIT_USAGE;
  }
  const lang = langFromArgv(argv, context.env);
  const t = (words: Bilingual) => words[lang];
  const program = new Command('tuoyu');
  program
    .exitOverride()
    // Commander's own error lines are replaced by one line in the user's language (see reportFailure).
    .configureOutput({
      writeOut: context.stdout,
      writeErr: context.stderr,
      outputError: () => {},
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      getOutHelpWidth: () => context.stdoutColumns ?? 80,
      getErrHelpWidth: () => 80,
    });
  configureHelpLanguage(program, lang, context);
  program
    .description(t({
      zh: '普惠托育服务三年行动方案指标：由人口、机构和服务记录表格计算方案指标，并逐行指出数据问题',
      en: 'Indicators of the inclusive-childcare three-year action plan, from census, facility and service-record spreadsheets, with every data problem located',
    }))
    .version(TOOL_VERSION, '-V, --version', t({ zh: '显示版本号', en: 'show the version' }))
    .option('--lang <lang>', t({ zh: '输出语言：zh | en（也可写 zh-CN、en-US 等；默认 zh，或环境变量 TUOYU_LANG）', en: 'output language: zh | en (zh-CN, en-US and the like too; default zh, or TUOYU_LANG)' }))
    .option('--no-color', t({ zh: '不使用颜色（即使在终端中）', en: 'no colour even on a terminal' }))
    .option('--verbose', t({ zh: '内部错误时显示调用栈', en: 'show the stack of an internal error' }))
    .addHelpText('after', t(PROGRAM_HELP));
  const commands = { program, context, setExitCode, lang };
  registerValidate(commands);
  registerReport(commands);
  registerQuality(commands);
  registerIndicators(commands);
  registerTemplate(commands);
  registerTrend(commands);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const globals = program.opts<{ verbose?: boolean }>();
    const command = commandOf(argv, program.commands.map((c) => c.name()));
    return reportFailure(error, context, lang, globals.verbose ?? false, command);
  }
}

/** After the program's own help: what each command is for, and the exit codes (SPEC §5). */
const PROGRAM_HELP: Bilingual = {
  zh: `
示例：
  tuoyu validate 数据/                 检查三张表，逐行列出问题
  tuoyu report 数据/ --period 2025     计算2025年的方案指标
  tuoyu quality 数据/ --period 2025    审查2025年数据的完整性、异常值和一致性
  tuoyu template --out 模板/           生成带下拉选项的空白模板

${exitCodesHelp('zh')}`,
  en: `
Examples:
  tuoyu validate data/                 check the three tables, every problem located
  tuoyu report data/ --period 2025     the plan's indicators for 2025
  tuoyu quality data/ --period 2025    review the 2025 data: completeness, outliers, consistency
  tuoyu template --out templates/      blank templates with dropdowns

${exitCodesHelp('en')}`,
};

function reportFailure(error: unknown, context: CliContext, lang: 'zh' | 'en', verbose: boolean, command: string | null = null): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; every other commander error is a usage error (exit 2, not commander's 1).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT_OK;
    }
    context.stderr(`tuoyu: ${describeUsageError(error, command, lang)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof FatalInputError) {
    const usage = USAGE_CODES.has(error.draft.code) ? usageHintFor(command, lang) : '';
    error.drafts.forEach((draft, index) => {
      context.stderr(`tuoyu: ${formatFatal(draft, lang)}${index === error.drafts.length - 1 ? usage : ''}\n`);
    });
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
  const lang = langFromArgv(argv, context.env);
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
  // `tuoyu --help | head`: the reader has gone, which is not a failure of tuoyu; stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    onCrash(error);
  });
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
