/**
 * Options that several commands share, declared once (csvkit's habit), and
 * the helpers that turn them into API options.
 */
import { Command, Option } from 'commander';
import type { DataOptions } from '../api.js';
import type { Lang } from '../issues/issue.js';
import { chooseColor, chooseLang, type CliContext } from './context.js';

export interface CommandDeps {
  program: Command;
  context: CliContext;
  setExitCode: (code: number) => void;
}

export interface RawDataFlags {
  census?: string;
  facilities?: string;
  visits?: string;
  sheet?: string;
  encoding?: string;
  strict?: boolean;
  lang?: string;
  color?: boolean;
  verbose?: boolean;
}

/** DATA, --census/--facilities/--visits, --encoding, --strict. */
export function addDataOptions(command: Command): Command {
  return command
    .argument('[data]', 'data directory (files named for census/人口, facilities/机构, visits/服务记录: .csv .txt .xlsx .xls .et) or one workbook holding them')
    .option('--census <file>', 'census table (.csv, .txt, .xlsx, .xls or .et)')
    .option('--facilities <file>', 'facility registry (.csv, .txt, .xlsx, .xls or .et)')
    .option('--visits <file>', 'service records (.csv, .txt, .xlsx, .xls or .et)')
    .option('--sheet <name>', 'the sheet to read in a workbook that holds one table (default: found by its name or header)')
    .option('--encoding <name>', 'CSV encoding when detection is wrong: utf8, gbk, gb18030, utf16le')
    .option('--strict', 'treat warnings as errors');
}

export function readDataOptions(data: string | undefined, flags: RawDataFlags, context: CliContext): DataOptions {
  if (data === undefined && !flags.census && !flags.facilities && !flags.visits) data = '.';
  return {
    data,
    census: flags.census,
    facilities: flags.facilities,
    visits: flags.visits,
    sheet: flags.sheet,
    encoding: flags.encoding,
    lang: chooseLang(flags.lang, context.env),
    strict: flags.strict ?? false,
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

/** The format an --out file's extension implies, or null when it implies none. */
export function formatFromExtension(path: string, known: readonly string[]): string | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  const extension = path.slice(dot + 1).toLowerCase();
  const aliases: Record<string, string> = { markdown: 'md', txt: 'table', text: 'table' };
  const format = aliases[extension] ?? extension;
  return known.includes(format) ? format : null;
}
