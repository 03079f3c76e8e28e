import { mkdir } from 'node:fs/promises';
import { outputNotWritable } from './write-file-atomic.js';

/**
 * Creates a directory (and its parents) for output; fine when it exists. A
 * file in the way or no permission is `output-not-writable` naming `shownAs`,
 * the path as the user gave it.
 */
export async function ensureDirectory(path: string, shownAs: string = path): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw outputNotWritable(path, error, shownAs);
  }
}
