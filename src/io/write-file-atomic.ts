/**
 * The one way tuoyu writes a file: whole or not at all (a temp file beside the
 * target, then a rename), and never over one of its inputs.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FatalInputError } from '../issues/fatal.js';

export interface WriteFileAtomicOptions {
  /** Paths that must never be overwritten (the run's inputs). */
  protect?: string[];
  /** The path as the user gave it, for messages (default: `path`). */
  shownAs?: string;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  assertNotInput(path, options.protect ?? []);
  const target = canonicalPath(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    // Under a file or a missing folder the temp file was never made, and removing it fails the same way.
    await rm(temporary, { force: true }).catch(() => {});
    throw outputNotWritable(path, error, options.shownAs);
  }
}

/**
 * A failure to write `path` as the user's to fix, not a crash: a missing
 * folder, a file where a folder should be, no permission, a full disk. Named
 * as the user gave it (`shownAs`); the system's code is kept as `reason` (the
 * catalogue puts it into words) and a file in the way as `blocker`. Anything
 * without a code is returned as the internal error it is.
 */
export function outputNotWritable(path: string, error: unknown, shownAs: string = path): unknown {
  const reason = (error as NodeJS.ErrnoException).code;
  if (reason === undefined) return error;
  const levelsUp = reason === 'ENOTDIR' || reason === 'EEXIST' ? levelsUpToFileInTheWay(path) : null;
  const params: Record<string, string> = { reason };
  if (levelsUp !== null) params.blocker = ancestor(shownAs, levelsUp);
  return new FatalInputError({
    code: 'output-not-writable', table: null, file: shownAs, sheet: null, row: null, column: null, value: shownAs, params,
  });
}

/** How many folders up from `path` (0: `path` itself) the nearest existing entry is, when that is a file; null when it is a folder. */
function levelsUpToFileInTheWay(path: string): number | null {
  for (let at = path, levels = 0; ; at = dirname(at), levels++) {
    try {
      return statSync(at).isDirectory() ? null : levels;
    } catch {
      if (dirname(at) === at) return null;
    }
  }
}

function ancestor(path: string, levels: number): string {
  let at = path;
  for (let i = 0; i < levels; i++) at = dirname(at);
  return at;
}

/** Fails before any work is done when an output would land on one of the inputs. */
export function assertNotInput(path: string, inputs: readonly string[]): void {
  const target = canonicalPath(path);
  if (inputs.some((input) => canonicalPath(input) === target)) {
    throw new FatalInputError({ code: 'output-is-input', table: null, file: path, sheet: null, row: null, column: null, value: path });
  }
}

/**
 * The path with symlinks resolved as far as it exists, so that `out.csv`,
 * `./out.csv` and a link to it all count as the same file.
 */
function canonicalPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}
