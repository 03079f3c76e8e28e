/**
 * The text after each command's options in its help: examples a user can
 * copy, and the exit codes (SPEC §5) — the same frame for every command, in
 * the output language, wrapped by display width to a plain terminal's 80
 * columns (a Chinese character takes two).
 */
import { displayWidth, padDisplay, wrapText, type Lang } from '../api.js';
import type { Bilingual } from './cli-language.js';

/** Help is written for this width: what a plain terminal or a CI log shows. */
export const HELP_WIDTH = 80;

/** SPEC §5, as help text. */
export function exitCodesHelp(lang: Lang): string {
  return lang === 'zh'
    ? '退出码：\n  0  完成，无错误（可有警告）\n  1  完成，但数据有错误（结果照常输出并列出错误）\n  2  用法或读写失败（选项有误、文件不存在、格式无法读取）'
    : 'Exit codes:\n  0  done, no errors (warnings allowed)\n  1  done, but the data has errors (output still written, errors listed)\n  2  usage or I/O failure (bad option, missing file, unreadable format)';
}

/** One example: the command line and what it does. */
export interface HelpExample {
  command: string;
  does: Bilingual;
}

/** `text` wrapped to `width`, every line after the first indented by `indent` spaces. */
function hanging(first: string, text: string, indent: number, width = HELP_WIDTH): string[] {
  const lines = wrapText(text, width - indent);
  return [first + lines[0], ...lines.slice(1).map((line) => ' '.repeat(indent) + line)];
}

/**
 * "示例：" with the examples in two aligned columns when they fit, else each
 * description under its command; a blank line, notes, then the exit codes.
 */
export function commandHelp(examples: readonly HelpExample[], lang: Lang, notes: readonly Bilingual[] = []): string {
  const width = Math.max(...examples.map((example) => displayWidth(example.command)));
  const fits = examples.every((example) => 2 + width + 2 + displayWidth(example.does[lang]) <= HELP_WIDTH);
  const lines = ['', lang === 'zh' ? '示例：' : 'Examples:'];
  for (const example of examples) {
    if (fits) lines.push(`  ${padDisplay(example.command, width)}  ${example.does[lang]}`);
    else lines.push(`  ${example.command}`, ...hanging('      ', example.does[lang], 6));
  }
  for (const note of notes) lines.push('', ...note[lang].split('\n').flatMap((paragraph) => wrapText(paragraph, HELP_WIDTH)));
  lines.push('', exitCodesHelp(lang));
  return lines.join('\n');
}
