/**
 * What a command needs from the outside world, passed in so that commands
 * stay testable in-process: where to print, the environment, whether the
 * streams are terminals. Only src/cli/main.ts reads `process`.
 */
import type { Lang } from '../api.js';

export interface CliContext {
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is one, so wide tables split to fit. */
  stdoutColumns?: number;
  /** The working directory, for resolving relative paths in messages. */
  cwd: string;
}

/**
 * A language as users and systems write it: `zh`, `zh-CN`, `zh_CN.UTF-8`,
 * `zh-Hans`, `en-US`, `en_GB` — only the language before any region, script
 * or encoding counts; anything other than Chinese or English is null.
 */
export function parseLang(text: string): Lang | null {
  const language = text.trim().toLowerCase().split(/[-_.@]/)[0];
  return language === 'zh' || language === 'en' ? language : null;
}

/** Where a language the CLI cannot speak was asked for, and as what. */
export interface UnusableLang {
  source: '--lang' | 'TUOYU_LANG';
  value: string;
}

/**
 * `--lang`, else TUOYU_LANG, else Chinese (SPEC §6). A language that is
 * neither is a usage error, from the flag or the variable alike: a CI that
 * sets TUOYU_LANG=fr for every job wants to hear it, not get Chinese. A flag
 * overrides the variable, which is then not read; an empty variable is unset.
 */
export function resolveLang(flag: string | undefined, env: CliContext['env']): { lang: Lang; unusable: UnusableLang | null } {
  const [source, value] = flag !== undefined ? (['--lang', flag] as const) : (['TUOYU_LANG', env.TUOYU_LANG ?? ''] as const);
  if (source === 'TUOYU_LANG' && value.trim() === '') return { lang: 'zh', unusable: null };
  const lang = parseLang(value);
  return lang === null ? { lang: 'zh', unusable: { source, value } } : { lang, unusable: null };
}

/** The language to speak; Chinese where resolveLang found none (run() has refused that command line already). */
export function chooseLang(flag: string | undefined, env: CliContext['env']): Lang {
  return resolveLang(flag, env).lang;
}

/**
 * Colour is on only for a terminal, and NO_COLOR / FORCE_COLOR / --no-color
 * decide over that (chalk 5 ignores NO_COLOR, so we decide here).
 */
export function chooseColor(flag: boolean | undefined, env: CliContext['env'], isTTY: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}
