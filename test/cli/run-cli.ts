/** Runs the CLI in-process and captures what it prints. */
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export async function runCli(
  argv: string[],
  options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {},
): Promise<CliResult> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await run(argv, {
    stdout: (data) => out.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)),
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: false,
    cwd: options.cwd ?? process.cwd(),
  });
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes };
}
