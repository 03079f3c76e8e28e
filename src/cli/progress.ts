/**
 * Progress for long runs: rows read and rate on stderr, rewritten in place,
 * only when stderr is a terminal (never in pipes, CI logs or JSON).
 */
import type { Lang } from '../api.js';
import type { CliContext } from './context.js';

const MIN_INTERVAL_MS = 250;

export interface Progress {
  update: (rowsRead: number) => void;
  done: () => void;
}

export function createProgress(context: CliContext, lang: Lang): Progress {
  if (!context.stderrIsTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let lastShown = 0;
  let shown = false;
  return {
    update(rowsRead) {
      const now = Date.now();
      if (now - lastShown < MIN_INTERVAL_MS) return;
      lastShown = now;
      shown = true;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = Math.round(rowsRead / seconds).toLocaleString('en-US');
      const rows = rowsRead.toLocaleString('en-US');
      context.stderr(lang === 'zh' ? `\r已读取 ${rows} 行（${rate} 行/秒）` : `\rread ${rows} rows (${rate} rows/s)`);
    },
    done() {
      if (shown) context.stderr('\r\x1b[K');
    },
  };
}
