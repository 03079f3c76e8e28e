/**
 * Blank submission templates (`tuoyu template`, SPEC §6): for each input
 * table a workbook whose first sheet has the headers tuoyu matches and
 * whose cells are validated as a clerk types (dropdowns for enums and
 * booleans, dates, whole numbers ≥ 0, codes kept as text), plus a notes sheet
 * explaining each column; and the same headers as a CSV. Everything comes from
 * the column catalogue (src/schema/columns.ts), so a template can never ask
 * for a column the validator does not know.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.js';
import type { Lang, TableName } from '../issues/issue.js';
import { TABLE_COLUMNS, type ColumnSpec, type ColumnType } from '../schema/columns.js';
import { tableLabel, WORDS, type Words } from './labels.js';
import { displayWidth } from './text-width.js';
import { finishSheet, setCell, solidFill, writeHeader, writeRow } from './xlsx-sheet.js';

export interface TemplateOptions {
  lang: Lang;
}

/** Rows 2..TEMPLATE_ROWS + 1 carry the data validations. */
export const TEMPLATE_ROWS = 10000;

export const NOTES_SHEET_NAME = WORDS.notes;

/** The words a boolean cell offers in its dropdown; both parse as booleans (SPEC §3). */
export const BOOLEAN_CHOICES = { zh: ['是', '否'], en: ['yes', 'no'] } as const;

export const DATE_FORMAT = 'yyyy-mm-dd';

/** The header of a column in the template: the Chinese label in zh, the English id in en. */
export function templateHeader(column: ColumnSpec, lang: Lang): string {
  return lang === 'zh' ? column.zh : column.id;
}

/** The choices of an enum or boolean column as the template offers them, else null. */
export function templateChoices(column: ColumnSpec, lang: Lang): string[] | null {
  if (column.type === 'boolean') return [...BOOLEAN_CHOICES[lang]];
  if (column.type === 'enum' && column.values) return column.values.map((v) => (lang === 'zh' ? v.zh : v.id));
  return null;
}

export async function renderTemplateXlsx(table: TableName, options: TemplateOptions): Promise<Uint8Array> {
  const { lang } = options;
  const columns = TABLE_COLUMNS[table];
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  addDataSheet(workbook, table, columns, lang);
  addNotesSheet(workbook, columns, lang);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The header line only, UTF-8 with a BOM (so Excel opens it as UTF-8) and CRLF. */
export function renderTemplateCsv(table: TableName, options: TemplateOptions): string {
  const headers = TABLE_COLUMNS[table].map((column) => csvField(templateHeader(column, options.lang)));
  return `\uFEFF${headers.join(',')}\r\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The slice of exceljs's worksheet that holds range validations (present at runtime, missing from its typings). */
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

function addDataSheet(workbook: ExcelJS.Workbook, table: TableName, columns: readonly ColumnSpec[], lang: Lang): void {
  // Named for the table, so a workbook of several templates' sheets is also a valid data workbook.
  const sheet = workbook.addWorksheet(tableLabel(table, lang));
  const headers = columns.map((column) => templateHeader(column, lang));
  const header = writeHeader(sheet, 1, headers);
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  columns.forEach((column, i) => {
    const index = i + 1;
    if (column.required === 'yes') header.getCell(index).fill = solidFill(REQUIRED_FILL);
    const numFmt = COLUMN_FORMATS[column.type];
    if (numFmt) sheet.getColumn(index).numFmt = numFmt;
    const validation = columnValidation(column, lang);
    if (validation) validations.add(`${columnLetter(index)}2:${columnLetter(index)}${TEMPLATE_ROWS + 1}`, validation);
  });
  finishSheet(sheet, { headerRow: 1, columnCount: columns.length });
  // Wide enough for what goes in, not only for the header.
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    const content = Math.max(...(templateChoices(column, lang) ?? ['']).map(displayWidth), CONTENT_WIDTH[column.type]);
    sheetColumn.width = Math.max(sheetColumn.width ?? 8, content + 4);
  });
}

/** Required columns' headers stand out; the notes sheet says what the colour means. */
const REQUIRED_FILL = 'FFF8CBAD';

/** Formats that make typed values land as tuoyu reads them: codes and ids keep their digits and leading zeros. */
const COLUMN_FORMATS: Readonly<Record<ColumnType, string | null>> = {
  text: '@',
  area_code: '@',
  year: '0',
  integer: '#,##0',
  boolean: null,
  date: DATE_FORMAT,
  enum: null,
  score: '0.0',
};

/** Room for a typical value of each type, in width units. */
const CONTENT_WIDTH: Readonly<Record<ColumnType, number>> = {
  text: 12,
  area_code: 12,
  year: 4,
  integer: 6,
  boolean: 2,
  date: 10,
  enum: 4,
  score: 5,
};

const VALIDATION_WORDS = {
  errorTitle: { zh: '输入不符合要求', en: 'Not allowed here' },
  choose: { zh: '请从下拉列表中选择', en: 'Choose from the list' },
  wholeNumber: { zh: '请输入非负整数', en: 'Enter a whole number ≥ 0' },
  year: { zh: '请输入四位年份', en: 'Enter a four-digit year' },
  date: { zh: '请输入日期，如 2025-03-07', en: 'Enter a date such as 2025-03-07' },
  score: { zh: '请输入0到{max}之间的分数，最多一位小数', en: 'Enter a score from 0 to {max}, at most one decimal' },
} as const;

function columnValidation(column: ColumnSpec, lang: Lang): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: VALIDATION_WORDS.errorTitle[lang],
    showInputMessage: true,
    promptTitle: clip(templateHeader(column, lang), 32),
    prompt: clip(column.note[lang], 255),
  };
  const choices = templateChoices(column, lang);
  if (choices) {
    return { ...common, type: 'list', formulae: [`"${choices.join(',')}"`], error: VALIDATION_WORDS.choose[lang] };
  }
  switch (column.type) {
    case 'integer':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: VALIDATION_WORDS.wholeNumber[lang] };
    case 'year':
      return { ...common, type: 'whole', operator: 'between', formulae: [1900, 2999], error: VALIDATION_WORDS.year[lang] };
    case 'score': {
      // SPEC §9: 0 to the dimension's maximum; the one-decimal rule is said in the prompt and checked by validate.
      const max = column.max ?? 0;
      return {
        ...common, type: 'decimal', operator: 'between', formulae: [0, max],
        error: VALIDATION_WORDS.score[lang].replace('{max}', String(max)),
      };
    }
    case 'date':
      return {
        ...common, type: 'date', operator: 'between',
        formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2999, 11, 31))],
        error: VALIDATION_WORDS.date[lang],
      };
    default:
      return null;
  }
}

const NOTES_HEADERS = {
  zh: ['列名', '英文名', '类型', '是否必填', '可选值', '说明'],
  en: ['Column', 'Chinese label', 'Type', 'Required', 'Allowed values', 'Notes'],
} as const;

const TYPE_WORDS: Readonly<Record<ColumnType, Words>> = {
  text: { zh: '文本', en: 'text' },
  area_code: { zh: '区划代码（文本）', en: 'area code (text)' },
  year: { zh: '年份', en: 'year' },
  integer: { zh: '非负整数', en: 'whole number ≥ 0' },
  boolean: { zh: '是/否', en: 'yes/no' },
  date: { zh: '日期', en: 'date' },
  enum: { zh: '下拉选项', en: 'one of a list' },
  score: { zh: '分数（最多一位小数）', en: 'score (at most one decimal)' },
};

const REQUIRED_WORDS: Readonly<Record<ColumnSpec['required'], Words>> = {
  yes: { zh: '必填', en: 'required' },
  no: { zh: '选填', en: 'optional' },
  unless_outreach: { zh: '必填（进社区进家庭指导可不填）', en: 'required, except for outreach' },
  for_outreach: { zh: '进社区进家庭指导必填', en: 'required for outreach' },
  unless_total: { zh: '必填（合计行不填）', en: 'required, except on a total row' },
};

const NOTES_FOOTER = {
  zh: [
    '第1行为表头，请勿修改；数据从第2行开始，每行一条。',
    '表头底色为橙色的列为必填列。',
    '区划代码、编号列为文本格式，请保留前导零；日期可直接输入 2025-03-07。',
    '是/否列也接受 Y/N、yes/no、1/0、√/×。',
  ],
  en: [
    'Row 1 is the header: leave it as it is. Data starts on row 2, one record a row.',
    'Columns with an orange header are required.',
    'Area codes and ids are text cells: keep leading zeros. Dates can be typed as 2025-03-07.',
    'Yes/no columns also accept 是/否, Y/N, true/false, 1/0, √/×.',
  ],
} as const;

function addNotesSheet(workbook: ExcelJS.Workbook, columns: readonly ColumnSpec[], lang: Lang): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET_NAME[lang]);
  const headers = NOTES_HEADERS[lang];
  writeHeader(sheet, 1, headers);
  const separator = lang === 'zh' ? '、' : ', ';
  columns.forEach((column, i) => {
    const choices = templateChoices(column, lang);
    const row = writeRow(sheet, i + 2, [
      templateHeader(column, lang),
      lang === 'zh' ? column.id : column.zh,
      TYPE_WORDS[column.type][lang],
      REQUIRED_WORDS[column.required][lang],
      choices ? choices.join(separator) : null,
      column.note[lang],
    ]);
    if (column.required === 'yes') row.getCell(1).fill = solidFill(REQUIRED_FILL);
  });
  finishSheet(sheet, { headerRow: 1, columnCount: headers.length, maxWidth: 64, noFilter: true });
  NOTES_FOOTER[lang].forEach((line, i) => setCell(sheet.getCell(columns.length + 3 + i, 1), line));
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
