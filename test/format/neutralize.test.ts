import { describe, expect, it } from 'vitest';
import { neutralizeCell } from '../../src/format/neutralize.js';

describe('neutralizeCell (OWASP CSV injection)', () => {
  it.each([
    { name: 'formula', text: '=HYPERLINK("http://evil.example","点我")' },
    { name: 'formula after spaces', text: ' =1+1' },
    { name: 'tab then formula', text: '\t=cmd' },
    { name: 'leading tab', text: '\tabc' },
    { name: 'leading carriage return', text: '\rabc' },
    { name: 'minus', text: '-2+3' },
    { name: 'plus', text: '+86 123' },
    { name: 'at', text: '@SUM(A1)' },
    { name: 'DDE payload', text: "=cmd|' /C calc'!A0" },
  ])('prefixes $name with a quote', ({ text }) => {
    expect(neutralizeCell(text)).toBe(`'${text}`);
  });

  it.each([
    { name: 'Chinese name', text: '西湖区' },
    { name: 'code', text: '330106' },
    { name: 'equals sign inside', text: 'a=b' },
    { name: 'operator', text: '>=' },
    { name: 'empty', text: '' },
    { name: 'minus inside', text: '0-1岁' },
  ])('leaves $name alone', ({ text }) => {
    expect(neutralizeCell(text)).toBe(text);
  });
});
