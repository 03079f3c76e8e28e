/**
 * zod, loaded on first use: a tenth of a second of start-up that `--version`,
 * `--help` and every command that checks no record shape, plan file or report
 * file need not pay. Through `require`, so that a schema can be built where it
 * is first needed without making its callers asynchronous; every schema of
 * a run is built from this one copy.
 */
import { createRequire } from 'node:module';
import type { z as Zod } from 'zod';

let loaded: typeof Zod | undefined;

export function loadZod(): typeof Zod {
  loaded ??= (createRequire(import.meta.url)('zod') as { z: typeof Zod }).z;
  return loaded;
}
