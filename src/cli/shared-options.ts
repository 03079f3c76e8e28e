/**
 * Options that several commands share, declared once (csvkit's habit), and
 * the helpers that turn them into API options.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { FatalInputError, locateSubmissions, sourcesOf, type DataOptions, type Lang, type LocatedSubmission, type SubmissionSource } from '../api.js';
import { chooseColor, chooseLang, type CliContext } from './context.js';
import { checkOutputTarget } from './output.js';

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
  threads?: number;
  lang?: string;
  color?: boolean;
  verbose?: boolean;
}

/**
 * DATA… (one or more submissions, SPEC §6, §8), --census/--facilities/--visits/--assessments,
 * --encoding, --strict, --max-issues: what every command that reads a city's tables takes.
 */
export function addDataOptions(command: Command, lang: Lang): Command {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return command
    .argument('[data...]', t(
      '数据目录（文件名含 人口/census、机构/facilities、服务记录/visits、质量评估/assessments 的 .csv .txt .xlsx .xls .et），或含这些表的一个工作簿；可给多个，即同一城市的多份报送（如各区县各一份），合并计算',
      'data directory (files named for census/人口, facilities/机构, visits/服务记录, assessments/质量评估: .csv .txt .xlsx .xls .et) or one workbook holding them; several are the submissions of one city (a district each), read as one',
    ))
    .option('--census <file>', t('人口表（.csv、.txt、.xlsx、.xls 或 .et）', 'census table (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--facilities <file>', t('机构表（.csv、.txt、.xlsx、.xls 或 .et）', 'facility registry (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--visits <file>', t('服务记录表（.csv、.txt、.xlsx、.xls 或 .et）', 'service records (.csv, .txt, .xlsx, .xls or .et)'))
    .option('--assessments <file>', t('质量评估表（可选）', 'quality assessments, optional'))
    .option('--sheet <name>', t('只含一张表的工作簿中要读的工作表（默认按表名或表头查找；只用于一份报送）', 'the sheet to read in a workbook that holds one table (default: found by its name or header; one submission only)'))
    .option('--encoding <name>', t('CSV 编码识别有误时指定：utf8、gbk、gb18030、utf16le', 'CSV encoding when detection is wrong: utf8, gbk, gb18030, utf16le'))
    .option('--strict', t('把警告当作错误', 'treat warnings as errors'))
    .option('--max-issues <n>', t('每种问题代码、每个文件最多列出的组数（默认100；0 为全部列出）', 'groups listed per issue code and file (default 100; 0 lists all)'), parseCount)
    .option('--threads <n>', t('读大型服务记录 CSV 的线程数（默认 CPU 核数；1 即单线程）', 'threads that read a large CSV of service records (default: the cores available; 1 reads in one thread)'), parsePositiveCount);
}

/** A whole number ≥ 1 for an option; anything else is a usage error (exit 2). */
export function parsePositiveCount(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new InvalidArgumentError('positive-number');
  return Number(text);
}

/** A whole number ≥ 0 for an option; anything else is a usage error (exit 2). */
export function parseCount(text: string): number {
  // The key is put into words in the user's language by cli-language.ts.
  if (!/^\d+$/.test(text.trim())) throw new InvalidArgumentError('whole-number');
  return Number(text);
}

/**
 * The command line's DATA… and flags as API options. One DATA (or none: the
 * current folder) is one submission, whose tables --census etc. replace.
 * Several DATA are the submissions of one city (SPEC §8), in the order given;
 * files named with --census etc. beside them are one more submission, read
 * first (the city's census sent alone, say).
 */
export function readDataOptions(data: readonly string[] | string | undefined, flags: RawDataFlags, context: CliContext): DataOptions {
  const paths = data === undefined ? [] : typeof data === 'string' ? [data] : [...data];
  const named: SubmissionSource = { census: flags.census, facilities: flags.facilities, visits: flags.visits, assessments: flags.assessments };
  const anyNamed = named.census !== undefined || named.facilities !== undefined || named.visits !== undefined || named.assessments !== undefined;
  if (paths.length === 0 && !anyNamed) paths.push('.');
  // --sheet names a sheet of the one submission's workbook; several submissions each have their own sheets,
  // found by their names or headers: said at once rather than passed over.
  if (paths.length > 1 && flags.sheet !== undefined) {
    throw new FatalInputError({ code: 'sheet-option-unused', table: null, file: null, sheet: null, row: null, column: null, value: flags.sheet, params: { submissions: paths.length } });
  }
  const sources: SubmissionSource[] =
    paths.length <= 1 ? [{ data: paths[0], ...named, sheet: flags.sheet }] : [...(anyNamed ? [named] : []), ...paths.map((path) => ({ data: path }))];
  return {
    // One submission is also given as plain paths, for a caller that locates it itself (`locateSubmission(options)`).
    ...(sources.length === 1 ? sources[0] : {}),
    sources,
    encoding: flags.encoding,
    lang: chooseLang(flags.lang, context.env),
    strict: flags.strict ?? false,
    maxIssues: flags.maxIssues,
    threads: flags.threads,
    today: context.env.TUOYU_TODAY,
  };
}

/**
 * Finds the files of every submission the options name and refuses an --out
 * that is one of them, before anything is read: what a command does first.
 * Then `loadSubmission(located, options)` reads them as one.
 */
export async function locateData(options: DataOptions, out: string | undefined, context: CliContext): Promise<{ located: LocatedSubmission[]; inputPaths: string[] }> {
  const located = await locateSubmissions(sourcesOf(options));
  const inputPaths = located.flatMap((part) => part.locations.map((location) => location.path));
  checkOutputTarget(out, context, inputPaths);
  return { located, inputPaths };
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
