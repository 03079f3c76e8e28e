/**
 * Every command's --out fails the same clear way when the path cannot be
 * written — under a file, in a missing folder, in a folder without write
 * permission, or naming a folder: `output-not-writable` naming the path as
 * given and why in words, exit 2, never an internal error.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const DATA = join('fixtures', 'tiny-city');
let workDir: string;
let reportJson: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tuoyu-unwritable-'));
  writeFileSync(join(workDir, 'a-file'), 'not a folder');
  mkdirSync(join(workDir, 'a-folder'));
  mkdirSync(join(workDir, 'locked'));
  chmodSync(join(workDir, 'locked'), 0o555);
  reportJson = join(workDir, 'report.json');
  const made = await runCli(['report', DATA, '--period', '2025', '--format', 'json', '--out', reportJson]);
  expect(made.stderr).toContain('report.json');
});

afterAll(() => {
  chmodSync(join(workDir, 'locked'), 0o755);
  rmSync(workDir, { recursive: true, force: true });
});

/** Each command that writes --out, given the path it writes to. */
const COMMANDS: { name: string; argv: (out: string) => string[]; file: string }[] = [
  { name: 'report', argv: (out) => ['report', DATA, '--period', '2025', '--out', out], file: 'r.json' },
  { name: 'validate', argv: (out) => ['validate', DATA, '--out', out], file: 'v.json' },
  { name: 'quality', argv: (out) => ['quality', DATA, '--period', '2025', '--out', out], file: 'q.json' },
  { name: 'trend', argv: (out) => ['trend', reportJson, '--out', out], file: 't.json' },
  { name: 'template', argv: (out) => ['template', '--out', out], file: 'templates' },
];

/** The path the message names: a template folder's csv subfolder is made first. */
const named = (command: string, out: string) => (command === 'template' ? join(out, 'csv') : out);

/** Root writes into a read-only folder, so that case is checked only for other users. */
const isRoot = process.getuid?.() === 0;

describe.each(COMMANDS)('tuoyu $name --out', ({ name, argv, file }) => {
  it.each([
    { place: 'under a file', out: () => join(workDir, 'a-file', file), why: () => `：「${join(workDir, 'a-file')}」是文件而不是目录（ENOTDIR）` },
    ...(name === 'template' ? [] : [
      { place: 'in a missing folder', out: () => join(workDir, 'missing', file), why: () => '：所在目录不存在（ENOENT）' },
      { place: 'naming a folder', out: () => join(workDir, 'a-folder'), why: () => '：这是一个目录，请给出文件名（EISDIR）' },
    ]),
    ...(isRoot ? [] : [{ place: 'in a folder without write permission', out: () => join(workDir, 'locked', file), why: () => '：没有写入权限（EACCES）' }]),
  ])('$place: output-not-writable naming the path, exit 2', async ({ out, why }) => {
    const target = out();
    const result = await runCli([...argv(target), '--lang', 'zh']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('内部错误');
    expect(result.stderr).toContain(`tuoyu: 无法写入输出文件「${named(name, target)}」${why()}`);
  });
});

it('names the path as the user gave it, relative, and the file in the way', async () => {
  const result = await runCli(['template', '--out', join('a-file', 'templates'), '--lang', 'en'], { cwd: workDir });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`Cannot write the output “${join('a-file', 'templates', 'csv')}”: “a-file” is a file, not a folder (ENOTDIR)`);
});
