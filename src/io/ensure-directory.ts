import { mkdir } from 'node:fs/promises';

/** Creates a directory (and its parents) for output; fine when it exists. */
export async function ensureDirectory(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}
