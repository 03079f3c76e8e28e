/**
 * What a run of several submissions remembers of each key (SPEC §8), on its
 * own: which earlier row a key repeats, in the same submission or an earlier
 * one, and — for records known only by fingerprints — that a shared
 * fingerprint always comes back as a verdict naming the other row, never as
 * a row dropped without a word.
 */
import { describe, expect, it } from 'vitest';
import {
  CrossSubmission,
  RECORD_CONFLICTING,
  RECORD_IDENTICAL,
  RECORD_NEW,
  type RecordsSeen,
  recordRepeatCode,
} from '../../src/schema/cross-submission.js';

/** A run of `submissions`, with one table per entry of `tables` (the submission each belongs to). */
function runOf(submissions: number, tables: number[]): CrossSubmission {
  const cross = new CrossSubmission(submissions);
  tables.forEach((submission, i) => cross.addTable({ file: `s${submission}/t${i}.csv`, sheet: i === 3 ? '机构' : null }, submission));
  return cross;
}

describe('KeyedRows (census rows and facilities)', () => {
  it.each([
    {
      name: 'a new key is owned by its row',
      steps: [{ key: 'F1', table: 0, row: 2 }],
      expected: [{ kind: 'new' }],
    },
    {
      name: 'again in the same table: the row it repeats, without a file',
      steps: [{ key: 'F1', table: 0, row: 2 }, { key: 'F1', table: 0, row: 9 }],
      expected: [{ kind: 'new' }, { kind: 'same-submission', params: { firstRow: 2 } }],
    },
    {
      name: 'in an earlier submission: compared later, with the earlier row',
      steps: [{ key: 'F1', table: 0, row: 2 }, { key: 'F1', table: 1, row: 5 }],
      expected: [{ kind: 'new' }, { kind: 'earlier-submission', first: { table: 0, row: 2 } }],
    },
    {
      name: 'twice in a later submission: the second repeats the first of that submission (duplicate-id there)',
      steps: [{ key: 'F1', table: 0, row: 2 }, { key: 'F1', table: 1, row: 5 }, { key: 'F1', table: 1, row: 7 }],
      expected: [{ kind: 'new' }, { kind: 'earlier-submission' }, { kind: 'same-submission', params: { firstRow: 5 } }],
    },
    {
      name: 'in another table of the same submission: duplicate-id naming that file and sheet',
      steps: [{ key: 'F1', table: 3, row: 4 }, { key: 'F1', table: 2, row: 6 }],
      expected: [{ kind: 'new' }, { kind: 'same-submission', params: { firstRow: 4, firstFile: 's1/t3.csv', firstSheet: '机构' } }],
    },
  ])('$name', ({ steps, expected }) => {
    const cross = runOf(2, [0, 1, 1, 1]);
    const seen = steps.map(({ key, table, row }) => cross.facilities.see(key, table, row));
    expect(seen).toMatchObject(expected);
  });

  it('the values a later submission is compared with are the owner’s once used, null while rejected', () => {
    const cross = runOf(2, [0, 1, 1]);
    cross.facilities.see('F1', 0, 2);
    cross.facilities.see('F2', 0, 3);
    cross.facilities.settle('F1', ['托育中心', 60]);
    expect(cross.facilities.see('F1', 1, 2)).toMatchObject({ first: { values: ['托育中心', 60] } });
    expect(cross.facilities.see('F2', 2, 2)).toMatchObject({ first: { values: null } });
    expect([...cross.facilities.keys()]).toEqual(['F1', 'F2']);
  });
});

/** A record id as seeId takes it, its bytes handed over as a batch's are: where they lie; a hash forced to collide goes to `forcedHash`. */
function idOf(records: RecordsSeen, id: string, hash?: number): [number, number] {
  const bytes = new TextEncoder().encode(id);
  records.takeIds(bytes, bytes.length);
  forcedHash = hash;
  return [0, bytes.length];
}
/** The hash idOf was given (or undefined: seeId works it out), passed as seeId's last argument: arguments are evaluated in order, so it is this id's. */
let forcedHash: number | undefined;

describe('RecordsSeen (service records)', () => {
  it('with one submission it answers as FingerprintSet.addRow: the first row of a repeated id, else 0', () => {
    const cross = runOf(1, [0]);
    expect(cross.records.seeId(...idOf(cross.records, 'R7'), 0, 2, forcedHash)).toBe(0);
    expect(cross.records.seeId(...idOf(cross.records, 'R8'), 0, 3, forcedHash)).toBe(0);
    expect(cross.records.seeId(...idOf(cross.records, 'R7'), 0, 8, forcedHash)).toBe(2);
    expect(cross.records.paramsOf(2)).toEqual({ firstRow: 2 });
    expect(cross.records.seeRowWithoutId(1, 1, 0, 4)).toBe(0);
    expect(cross.records.seeRowWithoutId(1, 1, 0, 5)).toBe(4);
  });

  it.each([
    { name: 'the same values: identical, counted once', first: [5, 6], later: [5, 6], verdict: RECORD_IDENTICAL },
    { name: 'other values: conflicting', first: [5, 6], later: [5, 7], verdict: RECORD_CONFLICTING },
    { name: 'one half the same is not enough', first: [5, 6], later: [9, 6], verdict: RECORD_CONFLICTING },
  ])('an id an earlier submission had — $name, naming the earlier row and file', ({ first, later, verdict }) => {
    const cross = runOf(2, [0, 1]);
    const { records } = cross;
    expect(records.seeId(...idOf(records, 'R100'), 0, 12, forcedHash)).toBe(0);
    expect(records.judgeRecord(first[0], first[1], 0)).toBe(RECORD_NEW);
    expect(records.seeId(...idOf(records, 'R100'), 1, 3, forcedHash)).toBe(0);
    expect(records.judgeRecord(later[0], later[1], 1)).toBe(verdict);
    expect(records.params).toEqual({ firstRow: 12, firstFile: 's0/t0.csv' });
    expect(recordRepeatCode(verdict)).toBe(verdict === RECORD_IDENTICAL ? 'duplicate-across-submissions' : 'conflicting-submissions');
  });

  it('an id whose first row was rejected conflicts with any later row, whatever its values', () => {
    const cross = runOf(2, [0, 1]);
    const { records } = cross;
    records.seeId(...idOf(records, 'R100'), 0, 12, forcedHash);
    records.rejectRecord();
    records.seeId(...idOf(records, 'R100'), 1, 3, forcedHash);
    expect(records.judgeRecord(0, 0, 1)).toBe(RECORD_CONFLICTING);
    expect(records.params).toEqual({ firstRow: 12, firstFile: 's0/t0.csv', firstRejected: 1 });
  });

  it('a repeat within the later submission is duplicate-id there, naming that submission’s row', () => {
    const cross = runOf(2, [0, 1]);
    const { records } = cross;
    records.seeId(...idOf(records, 'R100'), 0, 12, forcedHash);
    records.judgeRecord(1, 1, 0);
    expect(records.seeId(...idOf(records, 'R100'), 1, 3, forcedHash)).toBe(0);
    expect(records.judgeRecord(1, 1, 1)).toBe(RECORD_IDENTICAL);
    expect(records.seeId(...idOf(records, 'R100'), 1, 9, forcedHash)).toBe(3);
    expect(records.params).toEqual({ firstRow: 3 });
  });

  it('two different ids whose hashes collide stay two ids: neither is a duplicate of the other', () => {
    const cross = runOf(2, [0, 1]);
    const { records } = cross;
    expect(records.seeId(...idOf(records, 'A', 42), 0, 2, forcedHash)).toBe(0);
    records.judgeRecord(1000, 1, 0);
    expect(records.seeId(...idOf(records, 'B', 42), 0, 5, forcedHash)).toBe(0);
    records.judgeRecord(2000, 2, 0);
    expect(records.seeId(...idOf(records, 'A', 42), 0, 9, forcedHash)).toBe(2);
    expect(records.seeId(...idOf(records, 'B', 42), 1, 7, forcedHash)).toBe(0);
    expect(records.judgeRecord(2000, 2, 1)).toBe(RECORD_IDENTICAL);
    expect(records.params).toMatchObject({ firstRow: 5 });
  });

  it('with one submission, ids whose hashes collide are told apart by their bytes', () => {
    const cross = runOf(1, [0]);
    // Ids that do not end in a number: with one submission, numbered ids go by runs of numbers, never the table.
    const ids = Array.from({ length: 2_000 }, (_, i) => `R${i}-x`);
    for (const [i, id] of ids.entries()) expect(cross.records.seeId(...idOf(cross.records, id, 7), 0, i + 2, forcedHash)).toBe(0);
    for (const [i, id] of ids.entries()) expect(cross.records.seeId(...idOf(cross.records, id, 7), 0, 9000, forcedHash)).toBe(i + 2);
  });

  it('records without an id repeat across submissions as in one table, naming the earlier file', () => {
    const cross = runOf(2, [0, 1]);
    expect(cross.records.seeRowWithoutId(3, 4, 0, 2)).toBe(0);
    expect(cross.records.seeRowWithoutId(3, 4, 1, 6)).toBe(2);
    expect(cross.records.params).toEqual({ firstRow: 2, firstFile: 's0/t0.csv' });
  });

  it('keeps every id’s first row and values through many growths of its table', () => {
    const cross = runOf(2, [0, 1]);
    const { records } = cross;
    let repeats = 0;
    for (let i = 1; i <= 20_000; i++) {
      if (records.seeId(...idOf(records, `R${i}`), 0, i + 1, forcedHash) !== 0) repeats++;
      records.judgeRecord(i, -i, 0);
    }
    expect(repeats).toBe(0);
    for (let i = 1; i <= 20_000; i += 997) {
      records.seeId(...idOf(records, `R${i}`), 1, 2, forcedHash);
      expect(records.judgeRecord(i, -i, 1)).toBe(RECORD_IDENTICAL);
      expect(records.params.firstRow).toBe(i + 1);
    }
  });
});
