/**
 * exceljs on first use: importing it takes ~0.2 s, which a run that reads and
 * writes only CSV, JSON or text should not pay.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
