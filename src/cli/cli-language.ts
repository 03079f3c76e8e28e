/**
 * The CLI speaks the user's language (SPEC §6: Chinese by default, English with
 * --lang en or TUOYU_LANG=en) — in its help and in commander's own messages
 * too. The language is read from argv and the environment before the
 * commands are built, because help text is fixed when they are.
 */
import { CommanderError, type Command } from 'commander';
import { displayWidth, wrapText, type Lang } from '../api.js';
import { chooseLang, resolveLang, type CliContext } from './context.js';

/** A text in both languages. */
export type Bilingual = { zh: string; en: string };

/** `--lang X` or `--lang=X` anywhere before `--`. */
function langFlag(argv: readonly string[]): string | undefined {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--lang' && i + 1 < argv.length) flag = argv[i + 1];
    else if (arg.startsWith('--lang=')) flag = arg.slice('--lang='.length);
  }
  return flag;
}

/** `--lang X` or `--lang=X` anywhere before `--`, else TUOYU_LANG, else Chinese. */
export function langFromArgv(argv: readonly string[], env: CliContext['env']): Lang {
  return chooseLang(langFlag(argv), env);
}

/**
 * The usage error for a language tuoyu cannot speak, in both languages since
 * which one the user reads is what went wrong; null when the language is usable.
 */
export function unusableLangMessage(argv: readonly string[], env: CliContext['env']): string | null {
  const { unusable } = resolveLang(langFlag(argv), env);
  if (unusable === null) return null;
  const { source, value } = unusable;
  return [
    `tuoyu: ${source} 的值「${value}」不是可用的语言：请用 zh（中文）或 en（英文），也可写 zh-CN、en-US 等`,
    `tuoyu: ${source} “${value}” is not a language tuoyu speaks: use zh (Chinese) or en (English); zh-CN, en-US and the like also work`,
  ].join('\n') + '\n';
}

const HEADINGS: Readonly<Record<string, Bilingual>> = {
  'Usage:': { zh: '用法:', en: 'Usage:' },
  'Arguments:': { zh: '参数：', en: 'Arguments:' },
  'Options:': { zh: '选项：', en: 'Options:' },
  'Commands:': { zh: '命令：', en: 'Commands:' },
  'Global Options:': { zh: '全局选项：', en: 'Global Options:' },
};

/**
 * Help in `lang`, as clean text on any terminal: headings translated, the
 * "(choices: …, default: …)" tail in the language, and lines wrapped by
 * display width (a Chinese character takes two columns), never with colour
 * codes. Set on the program before its subcommands are added, which inherit it.
 */
export function configureHelpLanguage(program: Command, lang: Lang, context: CliContext): void {
  const width = Math.max(40, Math.min(context.stdoutColumns ?? 80, 100));
  program
    .configureHelp({
      helpWidth: width,
      // --lang, --no-color and --verbose work after any command: its help lists them too.
      showGlobalOptions: true,
      styleTitle: (title: string) => HEADINGS[title]?.[lang] ?? title,
      displayWidth: (text: string) => displayWidth(text),
      boxWrap: (text: string, columns: number) =>
        text
          .split('\n')
          .flatMap((line) => (line.length === 0 ? [''] : wrapText(line, columns)))
          .join('\n'),
      optionDescription: (option) => {
        const extra: string[] = [];
        if (option.argChoices) extra.push(`${lang === 'zh' ? '可选：' : 'choices: '}${option.argChoices.join(' | ')}`);
        if (option.defaultValue !== undefined && (option.required || option.optional)) {
          extra.push(`${lang === 'zh' ? '默认：' : 'default: '}${option.defaultValueDescription ?? String(option.defaultValue)}`);
        }
        return extra.length === 0 ? option.description : `${option.description}${lang === 'zh' ? `（${extra.join('；')}）` : ` (${extra.join('; ')})`}`;
      },
    })
    .helpOption('-h, --help', lang === 'zh' ? '显示帮助' : 'show help')
    .helpCommand('help [command]', lang === 'zh' ? '显示某个命令的帮助' : 'show help for a command');
}

/** `tuoyu X --help` as a usage error ends: "（详见 `tuoyu X --help`）". */
function seeHelp(command: string | null, lang: Lang): string {
  const help = `\`tuoyu${command ? ` ${command}` : ''} --help\``;
  return lang === 'zh' ? `（详见 ${help}）` : ` (see ${help})`;
}

/** Messages of option parsers of ours (InvalidArgumentError), by key. */
export const ARGUMENT_PROBLEMS: Readonly<Record<string, Bilingual>> = {
  'whole-number': { zh: '应为0或正整数', en: 'expected a whole number ≥ 0' },
  'positive-number': { zh: '应为正整数', en: 'expected a whole number ≥ 1' },
};

/**
 * Commander's usage errors in `lang`, on one line, ending with where to read
 * more, instead of the whole help: "tuoyu: 未知选项 --bogus（详见 `tuoyu report --help`）".
 */
export function describeUsageError(error: CommanderError, command: string | null, lang: Lang): string {
  const message = error.message.replace(/^error:\s*/, '');
  const zh = lang === 'zh';
  const [first, ...rest] = message.split('\n');
  const similar = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const didYouMean = similar ? (zh ? `，是否应为 ${similar}？` : `; did you mean ${similar}?`) : '';
  let text: string;
  let m: RegExpExecArray | null;
  if ((m = /^unknown option '([^']+)'/.exec(first))) text = zh ? `未知选项 ${m[1]}${didYouMean}` : `unknown option ${m[1]}${didYouMean}`;
  else if ((m = /^unknown command '([^']+)'/.exec(first))) text = zh ? `未知命令 ${m[1]}${didYouMean}` : `unknown command ${m[1]}${didYouMean}`;
  else if ((m = /^missing required argument '([^']+)'/.exec(first))) text = zh ? `缺少参数 ${m[1]}` : `missing argument ${m[1]}`;
  else if ((m = /^option '([^']+)' argument missing/.exec(first))) text = zh ? `选项 ${m[1]} 需要一个值` : `option ${m[1]} needs a value`;
  else if ((m = /^option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)$/.exec(first))) {
    const [, flags, value, reason] = m;
    const choices = /^Allowed choices are (.+)\.$/.exec(reason)?.[1];
    const known = ARGUMENT_PROBLEMS[reason.trim()];
    const why = choices ? (zh ? `可选：${choices}` : `allowed: ${choices}`) : known ? known[lang] : reason;
    text = zh ? `选项 ${flags} 的值「${value}」无效${why ? `，${why}` : ''}` : `option ${flags}: “${value}” is not valid${why ? `; ${why}` : ''}`;
  } else if ((m = /^too many arguments(?: for '[^']+')?\. Expected (\d+) arguments? but got (\d+)\./.exec(first))) {
    text = zh ? `参数过多：最多 ${m[1]} 个，实际 ${m[2]} 个` : `too many arguments: at most ${m[1]}, got ${m[2]}`;
  } else text = first;
  return `${text}${seeHelp(command, lang)}`;
}

/** The subcommand a command line names (for "see `tuoyu X --help`"), or null. */
export function commandOf(argv: readonly string[], names: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg === '--') break;
    if (names.includes(arg)) return arg;
  }
  return null;
}

/** One line, said in the output language, telling where to read how a command is used. */
export function usageHintFor(command: string | null, lang: Lang): string {
  return seeHelp(command, lang);
}
