/**
 * Where things are in a JSON text, for messages a person can act on: the
 * line of each key path ("targets.slots_per_1000" is on line 5), and the
 * line and column of the first syntax error (JSON.parse on Node 20 does not
 * say where). A small scanner of RFC 8259's grammar; values are not built.
 */

export interface JsonScan {
  /** Key path (segments joined by NUL) → 1-based line of the key, or of the value for array items and the root. */
  lines: Map<string, number>;
  /** The first syntax error, if any: 1-based line and column, and what was found there. */
  error: { line: number; column: number; found: string } | null;
}

class SyntaxStop {
  constructor(readonly at: number) {}
}

export function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

export function scanJson(text: string): JsonScan {
  const lines = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (at: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw new SyntaxStop(i);
  };
  const string = (): string => {
    if (text[i] !== '"') fail();
    const start = ++i;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    const raw = text.slice(start, i);
    i++;
    return JSON.parse(`"${raw}"`) as string;
  };
  const value = (path: (string | number)[]): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        const keyAt = i;
        const key = string();
        lines.set(pathKey([...path, key]), lineOf(keyAt));
        space();
        if (text[i] !== ':') fail();
        i++;
        value([...path, key]);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        space();
        lines.set(pathKey([...path, index]), lineOf(i));
        value([...path, index]);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal === null) fail();
    i += literal![0].length;
  };

  try {
    space();
    lines.set('', lineOf(i));
    value([]);
    space();
    if (i < text.length) fail();
    return { lines, error: null };
  } catch (stop) {
    if (!(stop instanceof SyntaxStop)) throw stop;
    const at = Math.min(stop.at, text.length);
    const line = lineOf(at);
    const found = at >= text.length ? '' : (text.slice(at).split(/\r?\n/)[0] ?? '').slice(0, 20);
    return { lines, error: { line, column: at - lineStarts[line - 1] + 1, found } };
  }
}
