/**
 * Checks for text output written independently of src/format, so that a bug
 * in the code under test cannot hide itself.
 */

/** Terminal columns: CJK ideographs, kana, hangul and full-width forms are 2, the rest 1. */
export function columns(line: string): number {
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

export const ESC = '\u001b';

/** The lines of every box-drawn table in `text` (from a ┌ line through its └ line). */
export function tableBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('┌')) current = [];
    if (current) current.push(line);
    if (line.startsWith('└') && current) {
      blocks.push(current);
      current = null;
    }
  }
  return blocks;
}

/**
 * A small XML 1.0 well-formedness check: one root, balanced and properly
 * nested tags, quoted attributes without a raw `<` or `&`, only the five
 * named entities or numeric references, no forbidden characters.
 * Returns the problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) return 'forbidden character';
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    const badRef = checkText(text);
    if (badRef) return badRef;
    if (stack.length === 0 && text.trim() !== '') return `text outside the root: ${text.trim().slice(0, 20)}`;
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    if (gt === -1) return 'unclosed tag';
    const tag = body.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `mismatched </${name}>`;
    } else {
      const selfClosing = tag.endsWith('/');
      const inner = selfClosing ? tag.slice(0, -1) : tag;
      const match = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*$/.exec(inner);
      if (!match) return `malformed tag <${tag.slice(0, 40)}>`;
      for (const value of match[2].matchAll(/="([^"]*)"/g)) {
        const bad = checkText(value[1]);
        if (bad) return bad;
      }
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(match[1]);
    }
    i = gt + 1;
  }
  if (stack.length > 0) return `unclosed <${stack.at(-1)}>`;
  if (roots !== 1) return `${roots} root elements`;
  return null;
}

function checkText(text: string): string | null {
  if (text.includes('>') && /]]>/.test(text)) return ']]> in text';
  for (const match of text.matchAll(/&([^;\s]*);?/g)) {
    if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(match[0].slice(1))) return `bad reference ${match[0]}`;
  }
  return null;
}

/** Unescapes an XML attribute value or text (for reading back what was written). */
export function xmlUnescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
