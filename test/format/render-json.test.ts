import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/format/render-json.js';
import { aReport, aValidationReport, anIssue } from './builders.js';

describe('renderJson', () => {
  it('prints the report object itself, unrounded, ending with a newline', () => {
    const report = aReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(report);
    expect(text).toContain('66.66666666666667');
  });

  it('prints a validation report without period, plan or areas', () => {
    const parsed = JSON.parse(renderJson(aValidationReport({ issues: [anIssue()] })));
    expect(Object.keys(parsed).sort()).toEqual(['inputs', 'issues', 'schemaVersion', 'summary', 'tool']);
  });
});
