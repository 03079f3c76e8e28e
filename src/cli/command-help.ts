/**
 * The text after each command's options in its help: examples a user can
 * copy, and the exit codes (SPEC §5) — the same frame for every command, in
 * the output language.
 */
import type { Lang } from '../issues/issue.js';
import { displayWidth, padDisplay } from '../format/text-width.js';
import type { Bilingual } from './cli-language.js';

/** SPEC §5, as help text. */
export function exitCodesHelp(lang: Lang): string {
  return lang === 'zh'
    ? '退出码：\n  0  完成，无错误（可有警告）\n  1  完成，但数据有错误（结果照常输出并列出错误）\n  2  用法或读写失败（选项有误、文件不存在、格式无法读取）'
    : 'Exit codes:\n  0  done, no errors (warnings allowed)\n  1  done, but the data has errors (the output is still written, with them listed)\n  2  usage or I/O failure (bad option, missing file, unreadable format)';
}

/** One example: the command line and what it does. */
export interface HelpExample {
  command: string;
  does: Bilingual;
}

/** "示例：" with the examples aligned, a blank line, then the exit codes. */
export function commandHelp(examples: readonly HelpExample[], lang: Lang, notes: readonly Bilingual[] = []): string {
  const width = Math.max(...examples.map((example) => displayWidth(example.command)));
  const lines = [
    '',
    lang === 'zh' ? '示例：' : 'Examples:',
    ...examples.map((example) => `  ${padDisplay(example.command, width)}  ${example.does[lang]}`),
  ];
  if (notes.length > 0) lines.push('', ...notes.map((note) => note[lang]));
  lines.push('', exitCodesHelp(lang));
  return lines.join('\n');
}
