/**
 * The library API as a script uses it: read once, then validate, compute and
 * render as often as wanted; options are data; nothing a step does changes
 * the submission.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildReport,
  checkReportOptions,
  computeReport,
  FatalInputError,
  loadSubmission,
  locateSubmission,
  NATIONAL_PLAN,
  renderJson,
  renderReport,
  renderValidation,
  validateData,
  validateSubmission,
  type Submission,
  type Visit,
} from '../../src/api.js';

const SAMPLE = 'fixtures/sample-city';
let sample: Submission;
const seen: Visit[] = [];

beforeAll(async () => {
  sample = await loadSubmission(SAMPLE, { onVisit: (visit) => seen.push(visit) });
});

describe('loadSubmission', () => {
  it('reads the four tables of a folder, folding the records and handing each to onVisit', () => {
    expect(sample.inputs.map((input) => [input.table, input.read, input.used])).toEqual([
      ['census', 118, 116],
      ['facilities', 102, 102],
      ['visits', 22_465, 22_465],
      ['assessments', 121, 121],
    ]);
    expect(sample.census).toHaveLength(116);
    expect(sample.facilities).toHaveLength(102);
    expect(sample.assessments).toHaveLength(121);
    expect(seen).toHaveLength(22_465);
    expect(seen.map((visit) => visit.row)).toEqual([...seen.map((visit) => visit.row)].sort((a, b) => a - b));
  });

  it('reads what locateSubmission found, and knows a single table from a whole submission', async () => {
    const located = await locateSubmission({ facilities: `${SAMPLE}/facilities.xlsx` });
    expect(located.whole).toBe(false);
    expect(located.locations.map((location) => location.table)).toEqual(['facilities']);
    const single = await loadSubmission(located);
    expect(single.inputs.map((input) => input.table)).toEqual(['facilities']);
    expect(validateSubmission(single).issues).toEqual([]);
    expect((await locateSubmission(SAMPLE)).whole).toBe(true);
  });

  it('calls onProgress every 50,000 records', async () => {
    const counts: number[] = [];
    await loadSubmission({ visits: `${SAMPLE}/visits.csv` }, { onProgress: (n) => counts.push(n) });
    expect(counts).toEqual([]); // 22,465 records: fewer than one step
  });

  it('without an assessments table, gives null assessments and lists nothing missing', async () => {
    const located = await locateSubmission({ census: `${SAMPLE}/census.csv`, facilities: `${SAMPLE}/facilities.xlsx`, visits: `${SAMPLE}/visits.csv` });
    expect(located.missing).toEqual([]);
    const submission = await loadSubmission(located);
    expect(submission.assessments).toBeNull();
  });
});

describe('validateSubmission and computeReport', () => {
  it('report on one submission for several periods, each as a fresh load would', async () => {
    for (const period of ['2025', '2025Q2', '2024']) {
      const report = computeReport(sample, { period, by: 'street', lang: 'en' });
      expect(report).toEqual(await buildReport({ data: SAMPLE, period, by: 'street', lang: 'en' }));
    }
    // Reporting added nothing to the submission's own problems.
    expect(validateSubmission(sample, { lang: 'en' })).toEqual(await validateData({ data: SAMPLE, lang: 'en' }));
  });

  it('takes the plan, the level and the language as data', () => {
    const report = computeReport(sample, { period: '2025', by: 'all', plan: NATIONAL_PLAN, lang: 'en' });
    expect(report.areas).toHaveLength(1);
    expect(report.plan.id).toBe('national');
    expect(report.areas[0].indicators.slots_per_1000).toMatchObject({ target: 4.5, status: 'met' });
    expect(report.areas[0].name).toBe('All');
  });

  it('defaults to the quarter of the latest record, by district, in Chinese', () => {
    const report = computeReport(sample);
    expect(report.period.id).toBe('2025Q4');
    expect(report.areas.filter((area) => area.level === 'district')).toHaveLength(4);
    expect(report.areas[0].name).toBe('全部');
  });

  it('refuses a period it cannot read, naming it, also before anything is read', () => {
    expect(() => checkReportOptions({ period: '2025Q5' })).toThrow(FatalInputError);
    expect(() => checkReportOptions({ period: '2025Q2', by: 'street' })).not.toThrow();
    expect(() => computeReport(sample, { period: '2025Q5' })).toThrow(FatalInputError);
    try {
      computeReport(sample, { period: '2025Q5' });
    } catch (error) {
      expect((error as FatalInputError).draft).toMatchObject({ code: 'invalid-period', value: '2025Q5' });
    }
  });

  it('strict turns warnings into errors', async () => {
    const submission = await loadSubmission('fixtures/invalid/unknown-column');
    // The unknown column, and the fixture's new community facility with 20 slots (outside the plan's 50–80).
    expect(validateSubmission(submission).summary).toMatchObject({ errors: 0, warnings: 2 });
    expect(validateSubmission(submission, { strict: true }).summary).toMatchObject({ errors: 2, warnings: 0 });
  });
});

describe('renderReport and renderValidation', () => {
  it.each(['json', 'csv', 'md', 'table'] as const)('%s is text', async (format) => {
    const report = computeReport(sample, { period: '2025', lang: 'en' });
    const text = await renderReport(report, { format, lang: 'en' });
    expect(typeof text).toBe('string');
    if (format === 'json') expect(text).toBe(renderJson(report));
  });

  it('xlsx is the bytes of a workbook', async () => {
    const bytes = await renderReport(computeReport(sample, { period: '2025' }), { format: 'xlsx' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes as Uint8Array).subarray(0, 2).toString()).toBe('PK');
  });

  it.each(['text', 'json', 'github', 'junit'] as const)('validation as %s', (format) => {
    expect(typeof renderValidation(validateSubmission(sample), { format })).toBe('string');
  });
});
