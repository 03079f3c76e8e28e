import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandOf, describeUsageError, langFromArgv } from '../../src/cli/cli-language.js';

describe('the language is known before the commands are built', () => {
  it.each([
    { argv: ['report', '--lang', 'en'], env: {}, lang: 'en' },
    { argv: ['report', '--lang=en'], env: {}, lang: 'en' },
    { argv: ['--lang', 'zh', 'report'], env: { TUOYU_LANG: 'en' }, lang: 'zh' },
    { argv: ['report'], env: { TUOYU_LANG: 'en' }, lang: 'en' },
    { argv: ['report'], env: {}, lang: 'zh' },
    { argv: ['report', '--', '--lang', 'en'], env: {}, lang: 'zh' },
  ])('$argv with $env: $lang', ({ argv, env, lang }) => {
    expect(langFromArgv(argv, env)).toBe(lang);
  });

  it('names the subcommand of a command line', () => {
    expect(commandOf(['--lang', 'en', 'report', 'data'], ['validate', 'report'])).toBe('report');
    expect(commandOf(['--bogus'], ['validate', 'report'])).toBeNull();
  });
});

describe("commander's usage errors, in the user's language, on one line", () => {
  const error = (code: string, message: string) => new CommanderError(1, code, message);

  it.each([
    {
      message: "error: unknown option '--perod'\n(Did you mean --period?)",
      zh: '未知选项 --perod，是否应为 --period？（详见 `tuoyu report --help`）',
      en: 'unknown option --perod; did you mean --period? (see `tuoyu report --help`)',
    },
    {
      message: "error: missing required argument 'reports'",
      zh: '缺少参数 reports（详见 `tuoyu report --help`）',
      en: 'missing argument reports (see `tuoyu report --help`)',
    },
    {
      message: "error: option '--out <file>' argument missing",
      zh: '选项 --out <file> 需要一个值（详见 `tuoyu report --help`）',
      en: 'option --out <file> needs a value (see `tuoyu report --help`)',
    },
    {
      message: "error: too many arguments for 'report'. Expected 1 argument but got 2.",
      zh: '参数过多：最多 1 个，实际 2 个（详见 `tuoyu report --help`）',
      en: 'too many arguments: at most 1, got 2 (see `tuoyu report --help`)',
    },
  ])('$message', ({ message, zh, en }) => {
    expect(describeUsageError(error('commander.x', message), 'report', 'zh')).toBe(zh);
    expect(describeUsageError(error('commander.x', message), 'report', 'en')).toBe(en);
    expect(zh).not.toContain('\n');
  });
});
