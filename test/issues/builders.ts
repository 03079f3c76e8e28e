import type { IssueDraft } from '../../src/issues/issue.js';

/** A draft at row 12, column 托位数 of facilities.csv; override any field. */
export function buildDraft(overrides: Partial<IssueDraft> = {}): IssueDraft {
  return {
    code: 'not-integer', table: 'facilities', file: 'facilities.csv', sheet: null, row: 12, column: '托位数', value: '约100',
    ...overrides,
  };
}
