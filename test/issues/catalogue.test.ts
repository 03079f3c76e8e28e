import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ISSUE_CATALOGUE, lookupIssue, severityOf } from '../../src/issues/catalogue.js';
import { renderIssueCodesMarkdown } from '../../src/issues/issue-codes-doc.js';
import { asGroup } from '../../src/issues/render.js';
import { buildDraft } from './builders.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const codes = Object.keys(ISSUE_CATALOGUE);

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listSourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Zod's own issue codes appear as `code: 'custom'` in refinements; they are not tuoyu's. */
const ZOD_CODES = new Set(['custom']);

describe('the catalogue', () => {
  it.each([
    ['unsupported-format', 'error'], ['encoding-error', 'error'], ['empty-file', 'error'], ['sheet-not-found', 'error'],
    ['missing-column', 'error'], ['duplicate-column', 'error'], ['unknown-column', 'warning'], ['extra-cells', 'error'],
    ['missing-value', 'error'], ['not-integer', 'error'], ['negative-number', 'error'], ['invalid-date', 'error'],
    ['ambiguous-date', 'error'], ['invalid-boolean', 'error'], ['invalid-enum', 'error'], ['invalid-area-code', 'error'],
    ['duplicate-id', 'error'], ['duplicate-row', 'warning'], ['unknown-area', 'error'], ['unknown-facility', 'error'],
    ['visit-before-birth', 'error'], ['closed-before-opened', 'error'], ['classes-new-exceeds-total', 'error'],
    ['census-subtotal-mismatch', 'error'], ['total-row-skipped', 'info'], ['census-year-fallback', 'warning'],
    ['census-year-missing', 'error'], ['inconsistent-birth-date', 'warning'], ['numerator-exceeds-denominator', 'warning'],
    ['file-not-found', 'error'], ['empty-directory', 'error'], ['missing-table', 'error'], ['output-is-input', 'error'],
    ['unclosed-quote', 'error'], ['cell-too-large', 'error'], ['too-many-columns', 'error'], ['too-many-rows', 'error'],
    ['invalid-period', 'error'], ['invalid-plan', 'error'], ['issues-truncated', 'info'], ['internal-error', 'error'],
  ])('%s is catalogued as %s', (code, severity) => {
    expect(lookupIssue(code)?.severity).toBe(severity);
  });

  it('every code is kebab-case', () => {
    expect(codes.filter((code) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code))).toEqual([]);
  });

  it('holds every code used in src/', () => {
    const used = new Map<string, string>();
    for (const file of listSourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bcode:\s*['"]([^'"]+)['"]/g)) used.set(m[1], file.slice(SRC.length + 1));
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([code]) => !ZOD_CODES.has(code) && lookupIssue(code) === undefined);
    expect(missing).toEqual([]);
  });

  it('does not answer for inherited object properties', () => {
    expect(lookupIssue('constructor')).toBeUndefined();
    expect(lookupIssue('__proto__')).toBeUndefined();
    expect(severityOf('toString')).toBe('error');
  });

  it.each(codes)('%s has words in both languages, whatever the draft lacks', (code) => {
    const spec = ISSUE_CATALOGUE[code as keyof typeof ISSUE_CATALOGUE];
    expect(spec.title.zh).not.toBe('');
    expect(spec.title.en).not.toBe('');
    const bare = asGroup(buildDraft({ code, row: null, column: null, value: null, file: null, table: null }));
    for (const lang of ['zh', 'en'] as const) {
      expect(spec.message[lang](bare)).not.toMatch(/undefined|null|NaN|\[object/);
      expect(spec.message[lang](asGroup(buildDraft({ code })))).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it.each([
    { lang: 'zh' as const, expected: '第12行「托位数」应为整数，实际为「约100」' },
    { lang: 'en' as const, expected: 'Row 12, “托位数”: expected a whole number, found “约100”' },
  ])('says where and what in $lang', ({ lang, expected }) => {
    expect(ISSUE_CATALOGUE['not-integer'].message[lang](asGroup(buildDraft()))).toBe(expected);
  });

  it('names the fix for an encoding error and an unsupported format', () => {
    expect(ISSUE_CATALOGUE['encoding-error'].hint.zh).toContain('--encoding');
    expect(ISSUE_CATALOGUE['unsupported-format'].hint.zh).toContain('.xlsx');
  });
});

describe('docs/issue-codes.md', () => {
  it('lists every code and is up to date with the catalogue', async () => {
    const doc = renderIssueCodesMarkdown();
    for (const code of codes) expect(doc).toContain(`\`${code}\``);
    await expect(doc).toMatchFileSnapshot('../../docs/issue-codes.md');
  });
});
