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

/** `--lang`, else TUOYU_LANG, else Chinese. */
export function chooseLang(flag: string | undefined, env: CliContext['env']): Lang {
  const wanted = (flag ?? env.TUOYU_LANG ?? 'zh').toLowerCase();
  return wanted.startsWith('en') ? 'en' : 'zh';
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
