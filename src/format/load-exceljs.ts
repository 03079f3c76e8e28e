/**
 * exceljs on first use, for writing reports and templates: importing it takes
 * ~0.2 s, which a run that writes only CSV, JSON or text should not pay.
 * (Input workbooks are read by the project's own reader in src/io.)
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
