/**
 * Where a command's result goes: stdout, or a file written whole or not at
 * all that is never one of the inputs.
 */
import { resolve } from 'node:path';
import { assertNotInput, writeFileAtomic } from '../api.js';
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
  await writeFileAtomic(resolve(context.cwd, out), data, { protect: protectedPaths.map((path) => resolve(context.cwd, path)) });
}

/** Refuses an --out that names an input before anything is read or computed. */
export function checkOutputTarget(out: string | undefined, context: CliContext, inputPaths: readonly string[]): void {
  if (out === undefined || out === '-') return;
  assertNotInput(resolve(context.cwd, out), inputPaths.map((path) => resolve(context.cwd, path)));
}
