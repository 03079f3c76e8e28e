import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandOf, describeUsageError, langFromArgv, unusableLangMessage } from '../../src/cli/cli-language.js';
import { runCli } from './run-cli.js';

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

  it.each([
    { argv: ['report', '--lang', 'zh-CN'], env: {}, lang: 'zh' },
    { argv: ['report', '--lang=zh-Hans'], env: {}, lang: 'zh' },
    { argv: ['report', '--lang', 'EN-us'], env: {}, lang: 'en' },
    { argv: ['report'], env: { TUOYU_LANG: 'zh_CN.UTF-8' }, lang: 'zh' },
    { argv: ['report'], env: { TUOYU_LANG: 'en_GB' }, lang: 'en' },
    { argv: ['report'], env: { TUOYU_LANG: 'en_US.UTF-8' }, lang: 'en' },
    { argv: ['report'], env: { TUOYU_LANG: '' }, lang: 'zh' },
  ])('regional forms are read as their language: $argv with $env is $lang', ({ argv, env, lang }) => {
    expect(langFromArgv(argv, env)).toBe(lang);
    expect(unusableLangMessage(argv, env)).toBeNull();
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

describe('a language tuoyu cannot speak is a usage error (exit 2), said in both languages', () => {
  it.each<{ argv: string[]; env: Record<string, string>; source: string; value: string }>([
    { argv: ['validate', 'data', '--lang', 'xx'], env: {}, source: '--lang', value: 'xx' },
    { argv: ['--lang=fr', '--help'], env: {}, source: '--lang', value: 'fr' },
    { argv: ['validate', 'data'], env: { TUOYU_LANG: 'xx' }, source: 'TUOYU_LANG', value: 'xx' },
    { argv: ['--version'], env: { TUOYU_LANG: 'english' }, source: 'TUOYU_LANG', value: 'english' },
    { argv: ['validate', 'data', '--lang', 'zhx'], env: { TUOYU_LANG: 'en' }, source: '--lang', value: 'zhx' },
  ])('$argv with $env', async ({ argv, env, source, value }) => {
    const result = await runCli(argv, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`tuoyu: ${source} 的值「${value}」不是可用的语言：请用 zh（中文）或 en（英文），也可写 zh-CN、en-US 等`);
    expect(lines[1]).toBe(`tuoyu: ${source} “${value}” is not a language tuoyu speaks: use zh (Chinese) or en (English); zh-CN, en-US and the like also work`);
  });

  it('a good --lang overrides an unusable TUOYU_LANG, which is then not read', async () => {
    const result = await runCli(['--lang', 'en-US', '--help'], { env: { TUOYU_LANG: 'xx' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
  });
});
