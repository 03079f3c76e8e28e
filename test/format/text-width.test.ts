import { describe, expect, it } from 'vitest';
import { displayWidth, printable, wrapText } from '../../src/format/text-width.js';

describe('displayWidth', () => {
  it.each([
    { text: 'abc', width: 3 },
    { text: '西湖区', width: 6 },
    { text: '（一）', width: 6 },
    { text: '\u001b[31m红\u001b[39m', width: 2 },
    { text: '≥ 90%', width: 5 },
  ])('$text is $width columns', ({ text, width }) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('wrapText', () => {
  it.each([
    '乡镇（街道）普惠托育覆盖率（一乡镇一街道一普惠）',
    'Kindergartens and inclusive providers with ≥5 outreach services',
    'averyveryverylongwordwithoutanyspaceatallthatmustbesplit',
    '0-1岁婴幼儿家庭科学育儿指导率 mixed 文字 and words',
  ])('fits lines to the width and drops no character: %s', (text) => {
    for (const width of [7, 12, 20]) {
      const lines = wrapText(text, width);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('breaks English at spaces', () => {
    expect(wrapText('one two three', 8)).toEqual(['one two', 'three']);
  });
});

describe('printable', () => {
  it('turns line breaks into spaces and control characters into visible escapes', () => {
    expect(printable('a\r\nb\tc\u001b[2J\u202e')).toBe('a b c\\u001b[2J\\u202e');
  });
});
