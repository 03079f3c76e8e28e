import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BOOLEAN_CHOICES, DATE_FORMAT, NOTES_SHEET_NAME, renderTemplateCsv, renderTemplateXlsx, TEMPLATE_ROWS, templateChoices, templateHeader,
} from '../../src/format/render-template.js';
import { openTable } from '../../src/io/open-table.js';
import { IssueLog } from '../../src/issues/collector.js';
import { TABLE_NAMES, type Lang, type TableName } from '../../src/issues/issue.js';
import { TABLE_COLUMNS, type ColumnSpec } from '../../src/schema/columns.js';
import { dayNumber } from '../../src/shared/dates.js';
import { validateCensus } from '../../src/schema/validate-census.js';
import { validateFacilities } from '../../src/schema/validate-facilities.js';
import { validateVisits } from '../../src/schema/validate-visits.js';
import { validateAssessments } from '../../src/schema/validate-assessments.js';
import type { Visit } from '../../src/schema/records.js';
import { parseBoolean, parseEnum } from '../../src/schema/values.js';

type Validations = { model: Record<string, ExcelJS.DataValidation | undefined> };

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Each template read once: reading expands every validated range into 10,000 cells. */
const templates = new Map<string, Promise<ExcelJS.Workbook>>();
function template(table: TableName, lang: Lang): Promise<ExcelJS.Workbook> {
  const key = `${table}/${lang}`;
  if (!templates.has(key)) templates.set(key, renderTemplateXlsx(table, { lang }).then(load));
  return templates.get(key)!;
}

function validationsOf(sheet: ExcelJS.Worksheet): Validations['model'] {
  return (sheet as unknown as { dataValidations: Validations }).dataValidations.model;
}

function letter(index: number): string {
  return String.fromCharCode(64 + index);
}

const langs: Lang[] = ['zh', 'en'];
const cases = TABLE_NAMES.flatMap((table) => langs.map((lang) => ({ table, lang })));

describe('renderTemplateXlsx', () => {
  it.each(cases)('$table ($lang): a data sheet with the catalogue’s headers, then the notes sheet', async ({ table, lang }) => {
    const workbook = await template(table, lang);
    const [data, notes] = workbook.worksheets;
    expect(workbook.worksheets).toHaveLength(2);
    expect(notes.name).toBe(NOTES_SHEET_NAME[lang]);
    const columns = TABLE_COLUMNS[table];
    expect(data.getRow(1).values).toEqual([undefined, ...columns.map((c) => (lang === 'zh' ? c.zh : c.id))]);
    expect(data.rowCount).toBe(1);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The notes explain every column in the data sheet's order.
    columns.forEach((column, i) => {
      const row = notes.getRow(i + 2);
      expect(row.getCell(1).value).toBe(templateHeader(column, lang));
      expect(row.getCell(6).value).toBe(column.note[lang]);
      const choices = templateChoices(column, lang);
      if (choices) for (const choice of choices) expect(String(row.getCell(5).value)).toContain(choice);
    });
  });

  it.each(cases)('$table ($lang): validations on rows 2..10001 by column type', async ({ table, lang }) => {
    const workbook = await template(table, lang);
    const data = workbook.worksheets[0];
    const model = validationsOf(data);
    TABLE_COLUMNS[table].forEach((column, i) => {
      const col = letter(i + 1);
      const first = model[`${col}2`];
      const last = model[`${col}${TEMPLATE_ROWS + 1}`];
      expect(model[`${col}1`]).toBeUndefined();
      expect(model[`${col}${TEMPLATE_ROWS + 2}`]).toBeUndefined();
      switch (column.type) {
        case 'enum':
        case 'boolean':
          expect(first).toMatchObject({ type: 'list', formulae: [`"${templateChoices(column, lang)!.join(',')}"`] });
          break;
        case 'integer':
          expect(first).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
          expect(data.getColumn(i + 1).numFmt).toBe('#,##0');
          break;
        case 'date':
          expect(first).toMatchObject({ type: 'date', operator: 'between' });
          expect(data.getColumn(i + 1).numFmt).toBe(DATE_FORMAT);
          break;
        case 'year':
          expect(first).toMatchObject({ type: 'whole', formulae: [1900, 2999] });
          break;
        case 'score':
          expect(first).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, column.max] });
          expect(data.getColumn(i + 1).numFmt).toBe('0.0');
          break;
        default:
          expect(first).toBeUndefined();
          // Codes and ids are text cells so leading zeros and long digit strings survive.
          expect(data.getColumn(i + 1).numFmt).toBe('@');
      }
      expect(last).toEqual(first);
    });
  });

  it('offers 是/否 and yes/no for booleans and the enum labels of the language', async () => {
    const facilities = TABLE_COLUMNS.facilities;
    const type = facilities.find((c) => c.id === 'type')!;
    expect(templateChoices(type, 'zh')).toEqual(['幼儿园', '托育机构', '社区托育点', '用人单位托育', '医疗机构托育', '其他']);
    expect(templateChoices(type, 'en')).toEqual(['kindergarten', 'nursery', 'community', 'employer', 'medical', 'other']);
    expect(templateChoices(facilities.find((c) => c.id === 'inclusive')!, 'zh')).toEqual(['是', '否']);
  });

  it.each(cases)('$table ($lang): every dropdown choice parses as the validator reads it', ({ table, lang }) => {
    for (const column of TABLE_COLUMNS[table]) {
      for (const choice of templateChoices(column, lang) ?? []) {
        const parsed = column.type === 'boolean' ? parseBoolean(choice) : parseEnum(column.values!, choice);
        expect(parsed.ok, `${column.id}: ${choice}`).toBe(true);
      }
    }
    expect(BOOLEAN_CHOICES[lang].map((choice) => parseBoolean(choice))).toEqual([{ ok: true, value: true }, { ok: true, value: false }]);
  });
});

describe('renderTemplateCsv', () => {
  it.each(cases)('$table ($lang): the header line only, with a BOM and CRLF', ({ table, lang }) => {
    const csv = renderTemplateCsv(table, { lang });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1, -2).split(',')).toEqual(TABLE_COLUMNS[table].map((c) => templateHeader(c, lang)));
    expect(csv.split('\r\n')).toHaveLength(2);
  });
});

/** Rows a clerk might type: dropdown values, Excel date cells, codes as text. */
const FILLED: Record<TableName, Record<string, ExcelJS.CellValue>[]> = {
  census: [
    { area_code: '330106', area_name: '西湖区', year: 2025, population: 1200, infants_0_1: 30, toddlers_1_3: 70 },
    { area_code: '330106001', area_name: '北山街道', year: 2025, population: 1200, infants_0_1: 30, toddlers_1_3: 70 },
  ],
  facilities: [
    {
      facility_id: '0001', name: '北山托育园', area_code: '330106001', type: '托育机构', inclusive: '是', slots: 80,
      toddler_classes: 0, toddler_classes_new: 0, provincial: '否', demonstration: '是', opened: new Date(Date.UTC(2024, 8, 1)),
    },
  ],
  visits: [
    {
      record_id: 'R1', date: new Date(Date.UTC(2025, 2, 7)), kind: '科学育儿指导', child_id: 'C001',
      birth_date: new Date(Date.UTC(2024, 11, 30)), area_code: '330106001',
    },
    { record_id: 'R2', date: new Date(Date.UTC(2025, 3, 1)), kind: '进社区进家庭指导', facility_id: '0001' },
  ],
  assessments: [
    {
      facility_id: '0001', date: new Date(Date.UTC(2025, 4, 20)), kind: '自评', conditions: 90, staff: 120.5, care: 180,
      health: 200, family_support: 70, safety: 190, management: 60.5, basic_passed: '是', level: 'A',
    },
  ],
};

async function fillTemplate(table: TableName, lang: Lang): Promise<Uint8Array> {
  const workbook = await load(await renderTemplateXlsx(table, { lang }));
  const sheet = workbook.worksheets[0];
  const columns = TABLE_COLUMNS[table];
  FILLED[table].forEach((record, r) => {
    columns.forEach((column, c) => {
      let value = record[column.id];
      if (value === undefined) return;
      // In English the dropdowns offer the ids.
      if (lang === 'en' && typeof value === 'string') value = englishChoice(column, value);
      sheet.getCell(r + 2, c + 1).value = value;
    });
  });
  collapseValidations(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * exceljs reads each validated range back as 10,000 single cells and is slow to
 * write them out again; put the ranges back as they were written.
 */
function collapseValidations(sheet: ExcelJS.Worksheet): void {
  const validations = (sheet as unknown as { dataValidations: Validations }).dataValidations;
  const byColumn = new Map<string, ExcelJS.DataValidation>();
  for (const [address, validation] of Object.entries(validations.model)) {
    const column = /^[A-Z]+/.exec(address)![0];
    if (validation && !byColumn.has(column)) byColumn.set(column, validation);
  }
  validations.model = {};
  for (const [column, validation] of byColumn) validations.model[`${column}2:${column}${TEMPLATE_ROWS + 1}`] = validation;
}

function englishChoice(column: ColumnSpec, zh: string): string {
  if (column.type === 'boolean') return zh === '是' ? 'yes' : 'no';
  return column.values?.find((v) => v.zh === zh)?.id ?? zh;
}

describe('a template filled in by hand', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tuoyu-template-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(langs)('census (%s): reads back through openTable and validateCensus without an issue', async (lang) => {
    const path = join(directory, `census-${lang}.xlsx`);
    writeFileSync(path, await fillTemplate('census', lang));
    const table = await openTable({ table: 'census', path, sheet: null, format: 'xlsx' });
    const log = new IssueLog();
    const outcome = await validateCensus(table, log);
    expect(log.drafts()).toEqual([]);
    expect(outcome.counts).toEqual({ read: 2, used: 2, rejected: 0, skipped: 0 });
    expect(outcome.records.map((r) => [r.areaCode, r.areaName, r.year, r.population])).toEqual([
      ['330106', '西湖区', 2025, 1200],
      ['330106001', '北山街道', 2025, 1200],
    ]);
  });

  const isKnownArea = (code: string) => ['330106', '330106001'].includes(code);

  it.each(langs)('facilities (%s): reads back through openTable and validateFacilities without an issue', async (lang) => {
    const path = join(directory, `facilities-${lang}.xlsx`);
    writeFileSync(path, await fillTemplate('facilities', lang));
    const log = new IssueLog();
    const outcome = await validateFacilities(await openTable({ table: 'facilities', path, sheet: null, format: 'xlsx' }), { isKnownArea, today: dayNumber(2026, 1, 1) }, log);
    expect(log.drafts()).toEqual([]);
    expect(outcome.counts).toEqual({ read: 1, used: 1, rejected: 0, skipped: 0 });
    expect(outcome.records[0]).toMatchObject({
      facilityId: '0001', areaCode: '330106001', type: 'nursery', inclusive: true, slots: 80,
      provincial: false, demonstration: true, opened: dayNumber(2024, 9, 1), closed: null,
    });
  });

  it.each(langs)('visits (%s): reads back through openTable and validateVisits without an issue', async (lang) => {
    const path = join(directory, `visits-${lang}.xlsx`);
    writeFileSync(path, await fillTemplate('visits', lang));
    const log = new IssueLog();
    const visits: Visit[] = [];
    const table = await openTable({ table: 'visits', path, sheet: null, format: 'xlsx' });
    const outcome = await validateVisits(table, { isKnownArea, isKnownFacility: (id: string) => id === '0001', today: dayNumber(2026, 1, 1) }, log, (v) => visits.push(v));
    expect(log.drafts()).toEqual([]);
    expect(outcome.counts).toEqual({ read: 2, used: 2, rejected: 0, skipped: 0 });
    expect(visits.map((v) => [v.kind, v.date, v.birthDate, v.areaCode, v.facilityId])).toEqual([
      ['guidance', dayNumber(2025, 3, 7), dayNumber(2024, 12, 30), '330106001', null],
      ['outreach', dayNumber(2025, 4, 1), null, null, '0001'],
    ]);
  });

  it.each(langs)('assessments (%s): reads back through openTable and validateAssessments without an issue', async (lang) => {
    const path = join(directory, `assessments-${lang}.xlsx`);
    writeFileSync(path, await fillTemplate('assessments', lang));
    const log = new IssueLog();
    const table = await openTable({ table: 'assessments', path, sheet: null, format: 'xlsx' });
    const outcome = await validateAssessments(table, { isKnownFacility: (id: string) => id === '0001', today: dayNumber(2030, 1, 1) }, log);
    expect(log.drafts()).toEqual([]);
    expect(outcome.counts).toEqual({ read: 1, used: 1, rejected: 0, skipped: 0 });
    expect(outcome.records[0]).toMatchObject({
      facilityId: '0001', date: dayNumber(2025, 5, 20), kind: 'self', basicPassed: true, level: 'A',
      scores: { conditions: 90, staff: 120.5, care: 180, health: 200, family_support: 70, safety: 190, management: 60.5 },
    });
  });
});
