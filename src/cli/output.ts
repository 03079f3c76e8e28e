/**
 * Where a command's result goes: stdout, or a file written whole or not at
 * all that is never one of the inputs, never mislabelled (an extension the
 * command does not write is refused) and always announced on stderr.
 */
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { assertNotInput, FatalInputError, outputNotWritable, renderSummaryLine, writeFileAtomic, type IssueSummary, type Lang } from '../api.js';
import type { CliContext } from './context.js';

export async function emitOutput(
  data: string | Uint8Array,
  out: string | undefined,
  context: CliContext,
  protectedPaths: readonly string[] = [],
): Promise<void> {
  if (out === undefined || out === '-') {
    context.stdout(data);
    return;
  }
  await writeFileAtomic(resolve(context.cwd, out), data, { protect: protectedPaths.map((path) => resolve(context.cwd, path)), shownAs: out });
}

/** Refuses an --out that names an input before anything is read or computed. */
export function checkOutputTarget(out: string | undefined, context: CliContext, inputPaths: readonly string[]): void {
  if (out === undefined || out === '-') return;
  assertNotInput(resolve(context.cwd, out), inputPaths.map((path) => resolve(context.cwd, path)));
}

/**
 * One row of a command's extension table: a file extension --out writes, and
 * the formats that may go into it (the first is the one the extension picks).
 * Each command keeps its table as one data list, so a new format is one entry.
 */
export interface OutputExtension<F extends string> {
  extension: string;
  formats: readonly F[];
}

/** ".json .csv .md" — the extensions a command writes, for its help and its refusals. */
export function extensionsOf(table: readonly OutputExtension<string>[]): string {
  return table.map((row) => `.${row.extension}`).join(' ');
}

/**
 * The format of a run: --format when given, else the one --out's extension
 * picks, else `fallback`. An --out whose extension the command does not
 * write (`.xls`, `.pdf`), or that says another format than --format, is
 * refused (exit 2) before any work, naming the extensions it does write.
 */
export function chooseOutputFormat<F extends string>(
  out: string | undefined,
  format: F | undefined,
  table: readonly OutputExtension<F>[],
  fallback: F,
): F {
  if (out === undefined || out === '-') return format ?? fallback;
  const extension = extname(out).slice(1).toLowerCase();
  if (extension === '') return format ?? fallback;
  const entry = table.find((row) => row.extension === extension);
  const extensions = extensionsOf(table);
  const refuse = (params: Record<string, string>) =>
    new FatalInputError({ code: 'unsupported-output', table: null, file: null, sheet: null, row: null, column: null, value: out, params });
  if (entry === undefined) throw refuse({ extensions });
  if (format !== undefined && !entry.formats.includes(format)) throw refuse({ extensions, format });
  return format ?? entry.formats[0];
}

/**
 * A workbook is bytes: without `--out`, written to a terminal it would only
 * scramble the screen (`binary-to-terminal`, a usage error). Piped or
 * redirected, it goes as asked.
 */
export function refuseWorkbookToTerminal(format: string, out: string | undefined, context: CliContext): void {
  if (format === 'xlsx' && out === undefined && context.stdoutIsTTY) {
    throw new FatalInputError({ code: 'binary-to-terminal', table: null, file: null, sheet: null, row: null, column: null, value: null });
  }
}

/**
 * The line `--out` leaves on stderr, so that a CI log is never empty: what
 * was written, and the problems found in one line
 * ("已写入 report.xlsx（xlsx）。问题：错误 0 · 警告 1 · 提示 2").
 */
export function announceWritten(context: CliContext, lang: Lang, out: string, format: string, summary?: IssueSummary): void {
  const problems = summary === undefined ? '' : `${lang === 'zh' ? '。' : '. '}${renderSummaryLine(summary, lang)}`;
  context.stderr(lang === 'zh' ? `已写入 ${out}（${format}）${problems}\n` : `wrote ${out} (${format})${problems}\n`);
}

/** Refuses to write over files the user already has (`template` without --force): every one named, exit 2. */
export function refuseExisting(paths: readonly string[], context: CliContext): void {
  const existing = paths.filter((path) => existsSync(resolve(context.cwd, path)));
  if (existing.length === 0) return;
  throw new FatalInputError({
    code: 'output-exists', table: null, file: null, sheet: null, row: null, column: null, value: existing[0],
    ...(existing.length > 1 ? { params: { more: existing.length - 1, files: existing.join(', ') } } : {}),
  });
}

/** Adds `text` to the file GitHub reads the job summary from ($GITHUB_STEP_SUMMARY), as its docs say to. */
export async function appendStepSummary(path: string, text: string): Promise<void> {
  try {
    await appendFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  } catch (error) {
    throw outputNotWritable(path, error);
  }
}
