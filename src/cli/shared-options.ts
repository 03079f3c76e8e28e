/**
 * Options that several commands share, declared once (csvkit's habit), and
 * the helpers that turn them into API options.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DataOptions, Lang } from '../api.js';
import { chooseColor, chooseLang, type CliContext } from './context.js';

export interface CommandDeps {
  program: Command;
  context: CliContext;
  setExitCode: (code: number) => void;
  /** The language of help and messages, known before the commands are built (see cli-language.ts). */
  lang: Lang;
}

export interface RawDataFlags {
  census?: string;
  facilities?: string;
  visits?: string;
  assessments?: string;
  sheet?: string;
  encoding?: string;
  strict?: boolean;
  maxIssues?: number;
  lang?: string;
  color?: boolean;
  verbose?: boolean;
}

/** DATA, --census/--facilities/--visits, --encoding, --strict, --max-issues. */
export function addDataOptions(command: Command, lang: Lang): Command {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return command
    .argument('[data]', t(
      '数据目录（文件名含 人口/census、机构/facilities、服务记录/visits、质量评估/assessments 的 .csv .txt .xlsx .xls .et），或含这些表的一个工作簿',
      'data directory (files named for census/人口, facilities/机构, visits/服务记录, assessments/质量评估: .csv .txt .xlsx .xls .et) or one workbook holding them',
    ))
    .option('--census <file>', t('人口表（.csv、.txt、.xlsx、.xls 或 .et）', 'census table (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--facilities <file>', t('机构表（.csv、.txt、.xlsx、.xls 或 .et）', 'facility registry (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--visits <file>', t('服务记录表（.csv、.txt、.xlsx、.xls 或 .et）', 'service records (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--assessments <file>', t('质量评估表（可选）', 'quality assessments, optional'))
    .option('--sheet <name>', t('只含一张表的工作簿中要读的工作表（默认按表名或表头查找）', 'the sheet to read in a workbook that holds one table (default: found by its name or header)'))
    .option('--encoding <name>', t('CSV 编码识别有误时指定：utf8、gbk、gb18030、utf16le', 'CSV encoding when detection is wrong: utf8, gbk, gb18030, utf16le'))
    .option('--strict', t('把警告当作错误', 'treat warnings as errors'))
    .option('--max-issues <n>', t('每种问题代码、每个文件最多列出的组数（默认100；0 为全部列出）', 'groups listed per issue code and file (default 100; 0 lists all)'), parseCount);
}

/** A whole number ≥ 0 for an option; anything else is a usage error (exit 2). */
export function parseCount(text: string): number {
  // The key is put into words in the user's language by cli-language.ts.
  if (!/^\d+$/.test(text.trim())) throw new InvalidArgumentError('whole-number');
  return Number(text);
}

export function readDataOptions(data: string | undefined, flags: RawDataFlags, context: CliContext): DataOptions {
  if (data === undefined && !flags.census && !flags.facilities && !flags.visits && !flags.assessments) data = '.';
  return {
    data,
    census: flags.census,
    facilities: flags.facilities,
    visits: flags.visits,
    assessments: flags.assessments,
    sheet: flags.sheet,
    encoding: flags.encoding,
    lang: chooseLang(flags.lang, context.env),
    strict: flags.strict ?? false,
    maxIssues: flags.maxIssues,
    today: context.env.TUOYU_TODAY,
  };
}

export interface OutputStyle {
  lang: Lang;
  color: boolean;
}

export function readOutputStyle(flags: RawDataFlags, context: CliContext, toTerminal: boolean): OutputStyle {
  return { lang: chooseLang(flags.lang, context.env), color: chooseColor(flags.color, context.env, toTerminal) };
}

/** A --format choice that commander checks, so a bad value is a usage error (exit 2). */
export function formatOption(choices: readonly string[], description: string): Option {
  return new Option('--format <format>', description).choices(choices);
}
