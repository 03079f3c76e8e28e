/**
 * Options that several commands share, declared once (csvkit's habit), and
 * the helpers that turn them into API options.
 */
import { Command, Option } from 'commander';
import type { DataOptions, Lang } from '../api.js';
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
  assessments?: string;
  encoding?: string;
  strict?: boolean;
  lang?: string;
  color?: boolean;
  verbose?: boolean;
}

/** DATA, --census/--facilities/--visits, --encoding, --strict. */
export function addDataOptions(command: Command): Command {
  return command
    .argument('[data]', 'data directory (census/人口, facilities/机构, visits/服务记录 .csv/.xlsx) or one workbook with those sheets')
    .option('--census <file>', 'census table (.csv or .xlsx)')
    .option('--facilities <file>', 'facility registry (.csv or .xlsx)')
    .option('--visits <file>', 'service records (.csv or .xlsx)')
    .option('--assessments <file>', 'quality assessments, optional (.csv or .xlsx)')
    .option('--encoding <name>', 'CSV encoding when detection is wrong: utf8, gbk, gb18030, utf16le')
    .option('--strict', 'treat warnings as errors');
}

export function readDataOptions(data: string | undefined, flags: RawDataFlags, context: CliContext): DataOptions {
  if (data === undefined && !flags.census && !flags.facilities && !flags.visits && !flags.assessments) data = '.';
  return {
    data,
    census: flags.census,
    facilities: flags.facilities,
    visits: flags.visits,
    assessments: flags.assessments,
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
