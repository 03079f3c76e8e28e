import { describe, expect, it } from 'vitest';
import { pathKey, scanJson } from '../../src/plan/json-lines.js';

describe('scanJson', () => {
  const text = '{\n  "id": "x",\n  "targets": {\n    "slots_per_1000": 5,\n    "list": [1,\n      2]\n  }\n}\n';

  it('finds the line of every key path', () => {
    const { lines, error } = scanJson(text);
    expect(error).toBeNull();
    expect(lines.get(pathKey(['id']))).toBe(2);
    expect(lines.get(pathKey(['targets', 'slots_per_1000']))).toBe(4);
    expect(lines.get(pathKey(['targets', 'list', 1]))).toBe(6);
  });

  it.each([
    { name: 'a missing comma', text: '{\n  "a": 1\n  "b": 2\n}', line: 3, column: 3 },
    { name: 'a trailing comma', text: '{"a": 1,}', line: 1, column: 9 },
    { name: 'the end of the file', text: '{"a": ', line: 1, column: 7 },
    { name: 'single quotes', text: "{'a': 1}", line: 1, column: 2 },
    { name: 'text after the value', text: '{} x', line: 1, column: 4 },
  ])('locates $name', ({ text: bad, line, column }) => {
    expect(scanJson(bad).error).toMatchObject({ line, column });
    expect(() => JSON.parse(bad)).toThrow();
  });

  it.each(['{}', '[]', '"a\\u4e2d"', '-1.5e3', '{"a":[true,false,null]}', '\uFEFF{"a": 1}'])('accepts %s as JSON.parse does', (good) => {
    expect(scanJson(good).error).toBeNull();
  });
});
