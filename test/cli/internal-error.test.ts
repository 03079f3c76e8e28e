/**
 * An unexpected exception anywhere ends in one line ("internal error … please
 * report") and exit 2; --verbose adds the stack. The census validator is
 * replaced by one that throws, standing for any bug deep inside a run.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { crashHandler } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

vi.mock('../../src/schema/validate-census.js', () => {
  const crash = async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'population')");
  };
  return { validateCensus: crash, validateCensusTables: crash };
});

const SAMPLE = 'fixtures/tiny-city';

describe('an internal error', () => {
  it('is one line asking for a report, exit 2, no stack', async () => {
    for (const [lang, words] of [
      ['en', /^tuoyu: internal error: .*population.*please report/],
      ['zh', /^tuoyu: 内部错误：.*population.*请报告/],
    ] as const) {
      const result = await runCli(['validate', SAMPLE, '--lang', lang]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(words);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('shows its stack with --verbose', async () => {
    const result = await runCli(['report', SAMPLE, '--verbose', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tuoyu: internal error:/);
    expect(result.stderr).toMatch(/TypeError: Cannot read properties[\s\S]*\n\s+at /);
  });
});

describe('errors nobody awaited (stream error events, rejections inside libraries)', () => {
  /** A stand-in for `process`: what main() registers the handler on. */
  function fakeProcess(argv: string[]) {
    const emitter = new EventEmitter();
    let stderr = '';
    const exits: number[] = [];
    const handler = crashHandler(argv, { stderr: (text) => (stderr += text), env: {} }, (code) => {
      exits.push(code);
    });
    emitter.on('uncaughtException', handler);
    emitter.on('unhandledRejection', handler);
    return { emitter, exits, stderr: () => stderr };
  }

  it('an unhandled rejection prints one line and exits 2', () => {
    const target = fakeProcess(['report', 'data', '--lang', 'en']);
    target.emitter.emit('unhandledRejection', new Error('invalid signature: 0x5a5a'));
    expect(target.exits).toEqual([2]);
    expect(target.stderr()).toBe('tuoyu: internal error: invalid signature: 0x5a5a (please report it; --verbose shows the stack)\n');
  });

  it('a stream error event prints in the chosen language, once, with the stack under --verbose', () => {
    const target = fakeProcess(['validate', 'data', '--lang=zh', '--verbose']);
    const error = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    target.emitter.emit('uncaughtException', error);
    target.emitter.emit('uncaughtException', new Error('second'));
    expect(target.exits).toEqual([2]);
    expect(target.stderr()).toMatch(/^tuoyu: 内部错误：EIO: i\/o error, read/);
    expect(target.stderr()).toMatch(/\n\s+at /);
    expect(target.stderr()).not.toContain('second');
  });

  it('a FatalInputError surfacing late is still the one-line input problem', async () => {
    const { FatalInputError } = await import('../../src/issues/fatal.js');
    const target = fakeProcess(['validate', 'data', '--lang', 'en']);
    target.emitter.emit(
      'unhandledRejection',
      new FatalInputError({ code: 'unsupported-format', table: null, file: 'a.xlsx', sheet: null, row: null, column: null, value: 'xlsx', params: { reason: 'corrupt' } }),
    );
    expect(target.exits).toEqual([2]);
    expect(target.stderr()).toMatch(/^tuoyu: a\.xlsx: The .*damaged/);
    expect(target.stderr()).not.toContain('internal error');
  });
});
