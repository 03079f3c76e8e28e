/**
 * SPEC §8 case by case, through the library API on real files: a census row
 * (code and year), a facility_id or a record_id sent by two submissions is
 * counted once when the parsed values agree (`duplicate-across-submissions`,
 * info, the later row skipped) and is `conflicting-submissions` when they
 * differ (error, the later row rejected), each at its own file, row and
 * cell and naming the other row; within one submission the rules of one
 * table stay; a table may come from some submissions only.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  computeReport,
  FatalInputError,
  loadSubmission,
  loadSubmissions,
  validateData,
  locateSubmissions,
  validateSubmission,
  type Issue,
  type Visit,
} from '../../src/api.js';
import { makeTempDir } from '../io/temp-files.js';

const TINY = 'fixtures/tiny-city';
const OPTIONS = { today: '2026-06-30' };

const CENSUS_HEADER = 'area_code,area_name,year,population,infants_0_1,toddlers_1_3';
const FACILITY_HEADER = 'facility_id,name,area_code,type,inclusive,slots,toddler_classes,toddler_classes_new,provincial,demonstration,opened,closed';
const VISIT_HEADER = 'record_id,date,kind,child_id,birth_date,area_code,facility_id';
const HEADER: Record<string, string> = { census: CENSUS_HEADER, facilities: FACILITY_HEADER, visits: VISIT_HEADER };

/** A folder holding one table: its header, then `rows`. */
function folderWith(table: 'census' | 'facilities' | 'visits', rows: string[]): string {
  const dir = makeTempDir({ [`${table}.csv`]: [HEADER[table], ...rows].join('\n') + '\n' });
  return dir;
}

const only = (issues: readonly Issue[], code: string) => issues.filter((issue) => issue.code === code);

interface RepeatCase {
  name: string;
  table: 'census' | 'facilities' | 'visits';
  /** The row the second submission sends (row 2 of its file). */
  row: string;
  code: 'duplicate-across-submissions' | 'conflicting-submissions';
  column: string;
  value: string;
  /** The tiny city's row it repeats. */
  firstRow: number;
  /** For a conflict: the columns named as differing. */
  differing?: string;
}

const CASES: RepeatCase[] = [
  {
    name: 'census: the same code and year, numbers with separators',
    table: 'census', row: '339901001,湖滨街道,2025,"9,000",50,110',
    code: 'duplicate-across-submissions', column: 'area_code', value: '339901001 (2025)', firstRow: 3,
  },
  {
    name: 'census: a district code padded to 12 digits is the same code',
    table: 'census', row: '339901000000,东湖区,2025,20000,120,260',
    code: 'duplicate-across-submissions', column: 'area_code', value: '339901 (2025)', firstRow: 2,
  },
  {
    name: 'census: another population for the same code and year',
    table: 'census', row: '339901001,湖滨街道,2025,9100,50,110',
    code: 'conflicting-submissions', column: 'area_code', value: '339901001 (2025)', firstRow: 3, differing: 'population',
  },
  {
    name: 'census: another name',
    table: 'census', row: '339901002,青石镇,2025,11000,70,150',
    code: 'conflicting-submissions', column: 'area_code', value: '339901002 (2025)', firstRow: 6, differing: 'area_name',
  },
  {
    name: 'facilities: the same facility in Chinese words, a padded code and 2020/3/1',
    table: 'facilities', row: 'F002,湖滨托育中心,339901001000,托育机构,是,60,0,0,Y,√,2020/3/1,',
    code: 'duplicate-across-submissions', column: 'facility_id', value: 'F002', firstRow: 3,
  },
  {
    name: 'facilities: other slots and flags',
    table: 'facilities', row: 'F002,湖滨托育中心,339901001,nursery,no,70,0,0,yes,yes,2020-03-01,',
    code: 'conflicting-submissions', column: 'facility_id', value: 'F002', firstRow: 3, differing: 'inclusive, slots',
  },
  {
    name: 'facilities: closed in one submission, open in the other',
    table: 'facilities', row: 'F004,松风幼儿园,339901002002,kindergarten,no,20,1,0,no,no,2015-09-01,2025-12-31',
    code: 'conflicting-submissions', column: 'facility_id', value: 'F004', firstRow: 5, differing: 'closed',
  },
  {
    name: 'visits: the same record, dates as 2025年5月6日 and 20241120, kind in Chinese',
    table: 'visits', row: 'V006,2025年5月6日,科学育儿指导,C001,20241120,339901001001,',
    code: 'duplicate-across-submissions', column: 'record_id', value: 'V006', firstRow: 7,
  },
  {
    name: 'visits: the same id a day later',
    table: 'visits', row: 'V006,2025-05-07,guidance,C001,2024-11-20,339901001001,',
    code: 'conflicting-submissions', column: 'record_id', value: 'V006', firstRow: 7,
  },
  {
    name: 'visits: the same id for an outreach of another facility',
    table: 'visits', row: 'V005,2025-04-02,outreach,,,,F002',
    code: 'conflicting-submissions', column: 'record_id', value: 'V005', firstRow: 6,
  },
];

describe('a row two submissions send (SPEC §8)', () => {
  it.each(CASES)('$name: $code', async ({ table, row, code, column, value, firstRow, differing }) => {
    const second = folderWith(table, [row]);
    const submission = await loadSubmission([TINY, second], OPTIONS);
    const validation = validateSubmission(submission, { lang: 'en' });
    const [issue, ...others] = only(validation.issues, code);
    expect(others).toEqual([]);
    // At the later submission's row and cell, naming the earlier submission's row.
    expect(issue).toMatchObject({
      severity: code === 'conflicting-submissions' ? 'error' : 'info',
      table, file: join(second, `${table}.csv`), row: 2, column, value, cell: `A2`, count: 1,
    });
    expect(issue.message).toContain(`row ${firstRow} of ${TINY}/${table}.csv`);
    if (differing !== undefined) expect(issue.message).toContain(`(${differing})`);
    // The later row: skipped when counted once, rejected when it conflicts; nothing else is reported.
    const input = validation.inputs.find((entry) => entry.file === join(second, `${table}.csv`))!;
    expect(input).toMatchObject(code === 'conflicting-submissions' ? { read: 1, used: 0, rejected: 1, skipped: 0 } : { read: 1, used: 0, rejected: 0, skipped: 1 });
    const tiny = await loadSubmission(TINY, OPTIONS);
    const { errors, warnings, infos } = validateSubmission(tiny).summary;
    expect(validation.summary).toEqual(code === 'conflicting-submissions' ? { errors: errors + 1, warnings, infos } : { errors, warnings, infos: infos + 1 });
    // Either way the first submission's row is the one counted: the numbers are the tiny city's.
    const alone = computeReport(tiny, { period: '2025', by: 'community' });
    expect(computeReport(submission, { period: '2025', by: 'community' }).areas).toEqual(alone.areas);
  });

  it('the later submission is the one whose row is rejected: given first, the tiny city’s row is', async () => {
    const other = folderWith('facilities', ['F002,湖滨托育中心,339901001,nursery,yes,70,0,0,yes,yes,2020-03-01,']);
    const validation = validateSubmission(await loadSubmission([other, TINY], OPTIONS), { lang: 'en' });
    const [issue] = only(validation.issues, 'conflicting-submissions');
    expect(issue).toMatchObject({ file: `${TINY}/facilities.csv`, row: 3, column: 'facility_id', value: 'F002' });
    expect(issue.message).toContain(`row 2 of ${join(other, 'facilities.csv')}`);
    expect(issue.message).toContain('(slots)');
  });

  it('within one submission a repeated id stays duplicate-id, naming that submission’s own row', async () => {
    const second = folderWith('visits', ['V006,2025-05-06,guidance,C001,2024-11-20,339901001001,', 'V006,2025-05-06,guidance,C001,2024-11-20,339901001001,']);
    const validation = validateSubmission(await loadSubmission([TINY, second], OPTIONS), { lang: 'en' });
    expect(only(validation.issues, 'duplicate-across-submissions')).toMatchObject([{ file: join(second, 'visits.csv'), row: 2 }]);
    const [duplicate] = only(validation.issues, 'duplicate-id');
    expect(duplicate).toMatchObject({ file: join(second, 'visits.csv'), row: 3, value: 'V006' });
    expect(duplicate.message).toContain('repeats row 2;');
  });

  it('an earlier row rejected for its own problem cannot be agreed with: the later row conflicts', async () => {
    const first = makeTempDir({ 'facilities.csv': `${FACILITY_HEADER}\nF009,新苗托育,339901001,nursery,yes,约100,0,0,no,no,,\n` });
    const second = folderWith('facilities', ['F009,新苗托育,339901001,nursery,yes,100,0,0,no,no,,']);
    const validation = validateSubmission(await loadSubmission([TINY, first, second], OPTIONS), { lang: 'en' });
    expect(only(validation.issues, 'not-integer')).toMatchObject([{ file: join(first, 'facilities.csv'), row: 2 }]);
    const [conflict] = only(validation.issues, 'conflicting-submissions');
    expect(conflict).toMatchObject({ file: join(second, 'facilities.csv'), row: 2, value: 'F009' });
    expect(conflict.message).toContain('rejected for its own errors');
  });

  it('a later row with a problem of its own is rejected for it and not compared', async () => {
    const second = folderWith('facilities', ['F002,湖滨托育中心,339901001,nursery,yes,约60,0,0,yes,yes,2020-03-01,']);
    const validation = validateSubmission(await loadSubmission([TINY, second], OPTIONS), { lang: 'en' });
    const added = validation.issues.filter((issue) => issue.file !== `${TINY}/facilities.csv`);
    expect(added.map((issue) => [issue.code, issue.row])).toEqual([['not-integer', 2]]);
  });

  it('records without an id are compared across submissions as in one table: duplicate-row, kept', async () => {
    const second = folderWith('visits', [',2025/1/15,guidance,C001,2024-11-20,339901001001,', ',2025-01-15,guidance,C001,2024-11-20,339901001001,']);
    const third = folderWith('visits', [',2025-01-15,guidance,C001,2024-11-20,339901001001,']);
    const validation = validateSubmission(await loadSubmission([TINY, second, third], OPTIONS), { lang: 'en' });
    const duplicates = only(validation.issues, 'duplicate-row');
    expect(duplicates.map((issue) => [issue.file, issue.row, issue.severity])).toEqual([
      [join(second, 'visits.csv'), 3, 'warning'],
      [join(third, 'visits.csv'), 2, 'warning'],
    ]);
    expect(duplicates[0].message).toContain('identical to row 2');
    expect(duplicates[1].message).toContain(`identical to row 2 of ${join(second, 'visits.csv')}`);
  });
});

describe('tables from some submissions only', () => {
  const cityCensus = () => makeTempDir({ '人口.csv': `${CENSUS_HEADER}\n339901,东湖区,2025,20000,120,260\n` });

  it('the census alone in one folder, the rest in another: nothing missing', async () => {
    const city = cityCensus();
    const rest = makeTempDir({
      'facilities.csv': `${FACILITY_HEADER}\nF001,柳岸幼儿园,339901,kindergarten,yes,40,2,1,no,no,2018-09-01,\n`,
      'visits.csv': `${VISIT_HEADER}\nV001,2025-01-15,guidance,C001,2024-11-20,339901,\n`,
    });
    const validation = validateSubmission(await loadSubmission([city, rest], OPTIONS), { lang: 'en' });
    expect(validation.issues).toEqual([]);
    expect(validation.submissions).toEqual([
      { name: city, inputs: [{ table: 'census', file: join(city, '人口.csv'), sheet: null }], summary: { errors: 0, warnings: 0, infos: 0 } },
      {
        name: rest,
        inputs: [
          { table: 'facilities', file: join(rest, 'facilities.csv'), sheet: null },
          { table: 'visits', file: join(rest, 'visits.csv'), sheet: null },
        ],
        summary: { errors: 0, warnings: 0, infos: 0 },
      },
    ]);
  });

  it('a table no submission holds is missing once, naming where it was looked for', async () => {
    const city = cityCensus();
    const rest = makeTempDir({ 'facilities.csv': `${FACILITY_HEADER}\n` });
    const validation = validateSubmission(await loadSubmission([city, rest], OPTIONS), { lang: 'en' });
    expect(validation.issues).toMatchObject([{ code: 'missing-table', table: 'visits', file: null, row: null }]);
    expect(validation.issues[0].message).toContain(`${city}, ${rest}`);
    expect(validation.summary.errors).toBe(1);
  });

  it('one file in two submissions is refused before anything is read', async () => {
    await expect(locateSubmissions([TINY, `${TINY}/`])).rejects.toMatchObject({ draft: { code: 'repeated-input', file: `${TINY}/census.csv` } });
    await expect(loadSubmission([TINY, `${TINY}/visits.csv`])).rejects.toBeInstanceOf(FatalInputError);
  });
});

describe('the one-call forms', () => {
  it('loadSubmissions, validateData and buildReport take several submissions as loadSubmission does', async () => {
    const second = folderWith('facilities', ['F002,湖滨托育中心,339901001,nursery,yes,70,0,0,yes,yes,2020-03-01,']);
    const expected = validateSubmission(await loadSubmission([TINY, second], OPTIONS));
    expect(validateSubmission(await loadSubmissions([TINY, second], OPTIONS))).toEqual(expected);
    expect(await validateData({ data: [TINY, second], ...OPTIONS })).toEqual(expected);
    expect(await validateData({ sources: [TINY, { facilities: join(second, 'facilities.csv') }], ...OPTIONS })).toMatchObject({
      issues: expected.issues.map((issue) => ({ code: issue.code, row: issue.row })),
    });
    const report = await buildReport({ data: [TINY, second], period: '2025', ...OPTIONS });
    expect(report.submissions?.map((part) => part.name)).toEqual([TINY, second]);
    // One DATA in a list is one submission: SPEC §7's shape, no submissions list.
    expect((await validateData({ data: [TINY], ...OPTIONS })).submissions).toBeUndefined();
  });
});

describe('rows in the order the submissions are given (SPEC §2: latest by date, then by row)', () => {
  // One child with two guidance records on one day, each submission in another street: the later one decides the area.
  const inStreet = (street: string) => folderWith('visits', [`X${street},2025-05-06,guidance,C900,2024-11-20,${street}001,`]);
  const guidanceChildrenByStreet = async (order: string[]) => {
    const report = computeReport(await loadSubmission([TINY, ...order], OPTIONS), { period: '2025', by: 'street' });
    return Object.fromEntries(report.areas.filter((area) => area.level === 'street').map((area) => [area.code, area.indicators.guidance_rate_0_1.numerator]));
  };

  it('the record of the submission given last is the latest', async () => {
    const east = inStreet('339901001');
    const west = inStreet('339901002');
    // The tiny city: C001, C002, C006 in street 001 and C003 in 002 have guidance at age 0 in 2025; C900 joins one of them.
    expect(await guidanceChildrenByStreet([east, west])).toEqual({ '339901001': 3, '339901002': 2 });
    expect(await guidanceChildrenByStreet([west, east])).toEqual({ '339901001': 4, '339901002': 1 });
  });

  it('onVisit hands each record with the row of its own file', async () => {
    const east = inStreet('339901001');
    const seen: Visit[] = [];
    await loadSubmission([TINY, east], { ...OPTIONS, onVisit: (visit) => seen.push({ ...visit }) });
    expect(seen.at(-1)).toMatchObject({ recordId: 'X339901001', row: 2 });
  });
});
