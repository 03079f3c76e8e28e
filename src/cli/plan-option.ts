/** `--plan default|national|FILE.json`: a built-in plan by id, or a plan file. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BUILTIN_PLANS, DEFAULT_PLAN, decodePlanFile, FatalInputError, parsePlanFile, type Plan } from '../api.js';
import type { CliContext } from './context.js';

export async function loadPlan(nameOrPath: string | undefined, context: CliContext): Promise<Plan> {
  if (nameOrPath === undefined) return DEFAULT_PLAN;
  const builtin = BUILTIN_PLANS.find((plan) => plan.id === nameOrPath);
  if (builtin) return builtin;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(context.cwd, nameOrPath));
  } catch {
    throw new FatalInputError({
      code: 'file-not-found', table: null, file: nameOrPath, sheet: null, row: null, column: null, value: nameOrPath,
    });
  }
  // Read like a CSV: a plan saved by Windows Notepad in GBK reads right, invalid bytes are an error at their line.
  return parsePlanFile(decodePlanFile(bytes, nameOrPath), nameOrPath);
}
