/** Progress goes to a terminal's stderr only: never into pipes, CI logs or the report. */
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import type { CliContext } from '../../src/cli/context.js';

function contextWith(stderrIsTTY: boolean, written: string[]): CliContext {
  return {
    stdout: () => {
      throw new Error('progress must never write to stdout');
    },
    stderr: (text) => written.push(text),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY,
    cwd: '.',
  };
}

describe('createProgress', () => {
  it('on a terminal: rows and rate, rewritten in place, cleared at the end', () => {
    const written: string[] = [];
    const progress = createProgress(contextWith(true, written), 'en');
    progress.update(50_000);
    progress.done();
    expect(written[0]).toMatch(/^\rread 50,000 rows \([\d,]+ rows\/s\)$/);
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('when stderr is not a terminal: nothing at all', () => {
    const written: string[] = [];
    const progress = createProgress(contextWith(false, written), 'zh');
    progress.update(50_000);
    progress.done();
    expect(written).toEqual([]);
  });
});
