/**
 * The one way tuoyu writes a file: whole or not at all (a temp file beside the
 * target, then a rename), and never over one of its inputs.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FatalInputError } from '../issues/fatal.js';

export interface WriteFileAtomicOptions {
  /** Paths that must never be overwritten (the run's inputs). */
  protect?: string[];
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
    await rm(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code;
    if (reason === undefined) throw error;
    // A missing folder, no permission, a full disk: the user's to fix, not a crash.
    throw new FatalInputError({
      code: 'output-not-writable', table: null, file: path, sheet: null, row: null, column: null, value: path, params: { reason },
    });
  }
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
