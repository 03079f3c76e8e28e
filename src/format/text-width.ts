/**
 * Terminal display width: East Asian wide and full-width characters take two
 * columns (as cli-table3 counts them), combining marks none, the rest one.
 * Used to pad lines and to wrap long indicator names ourselves, because
 * cli-table3's own word wrap cuts CJK text and drops characters.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code <= 0x36f) return 0;
  return isWide(code) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += charWidth(char);
  return width;
}

export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Breaks text into lines of at most `width` columns: at spaces where there are
 * any, between any two CJK characters otherwise; a word longer than the line is
 * split hard. No character is ever dropped.
 */
export function wrapText(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Tokens: a run of non-space non-wide characters, a single wide character, or spaces.
  const tokens = text.match(/[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+|./gsu) ?? [];
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
    lineWidth = 0;
  };
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (lineWidth > 0) {
        line += ' ';
        lineWidth += 1;
      }
      continue;
    }
    let rest = token;
    while (rest.length > 0) {
      const restWidth = displayWidth(rest);
      if (lineWidth + restWidth <= width) {
        line += rest;
        lineWidth += restWidth;
        break;
      }
      if (lineWidth > 0 && restWidth <= width) {
        flush();
        continue;
      }
      // Longer than a whole line: take what fits, character by character.
      let taken = '';
      let takenWidth = 0;
      for (const char of rest) {
        const w = charWidth(char);
        if (lineWidth + takenWidth + w > width && (lineWidth > 0 || taken.length > 0)) break;
        taken += char;
        takenWidth += w;
      }
      line += taken;
      lineWidth += takenWidth;
      rest = rest.slice(taken.length);
      if (rest.length > 0) flush();
    }
  }
  if (line.trim().length > 0) flush();
  return lines;
}

/**
 * Data shown on a terminal or in a one-line cell: line breaks and tabs become
 * spaces; other control characters (ESC would let a cell in the input colour
 * or rewrite the terminal) and bidirectional overrides become a visible
 * `\uXXXX`.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
