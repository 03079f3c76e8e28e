import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/issues/fatal.js';
import { writeFileAtomic } from '../../src/io/write-file-atomic.js';
import { makeTempDir } from './temp-files.js';

describe('writeFileAtomic', () => {
  it.each([
    { name: 'text', data: '指标,值\n' as string | Uint8Array },
    { name: 'bytes', data: new Uint8Array([1, 2, 3]) },
  ])('writes $name whole and leaves no temp file', async ({ data }) => {
    const dir = makeTempDir({ 'report.csv': 'old' });
    await writeFileAtomic(join(dir, 'report.csv'), data);
    expect(new Uint8Array(readFileSync(join(dir, 'report.csv')))).toEqual(typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data);
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it.each([
    { name: 'the same path', protect: (dir: string) => [join(dir, 'census.csv')], target: (dir: string) => join(dir, 'census.csv') },
    { name: 'a path spelled differently', protect: (dir: string) => [join(dir, 'census.csv')], target: (dir: string) => join(dir, '.', 'x', '..', 'census.csv') },
    {
      name: 'a symlink to an input',
      protect: (dir: string) => [join(dir, 'census.csv')],
      target: (dir: string) => {
        symlinkSync(join(dir, 'census.csv'), join(dir, 'link.csv'));
        return join(dir, 'link.csv');
      },
    },
  ])('refuses to overwrite an input: $name', async ({ protect, target }) => {
    const dir = makeTempDir({ 'census.csv': 'input', 'x/.keep': '' });
    const error = await writeFileAtomic(target(dir), 'output', { protect: protect(dir) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FatalInputError);
    expect((error as FatalInputError).draft.code).toBe('output-is-input');
    expect(readFileSync(join(dir, 'census.csv'), 'utf8')).toBe('input');
  });

  it('on failure rethrows and removes its temp file, leaving the old file as it was', async () => {
    const dir = makeTempDir({ 'report.csv': 'old' });
    // Renaming a file over a non-empty directory fails after the temp file was written.
    writeFileSync(join(dir, 'keep'), '');
    const target = join(dir, 'out');
    mkdirSync(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['keep', 'out', 'report.csv']);
    expect(existsSync(join(target, 'inside'))).toBe(true);
  });
});
