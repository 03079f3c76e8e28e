/**
 * `--format csv`: the report in long form, one line per area × indicator, for
 * pivot tables and other programs. Values are unrounded (rounding is for
 * display; a pivot table must be able to re-aggregate).
 *
 * The header row keeps English ids in either language: it is read by
 * machines, and a column named `value` must not change with `--lang`. The
 * names in the rows (area_name, indicator_name, reason) follow the language.
 *
 * RFC 4180 quoting, CRLF line ends, and a UTF-8 BOM so that Excel opens the
 * Chinese names correctly. Every text cell goes through `neutralizeCell`
 * (SPEC §5); numbers are written as numbers.
 */
import type { Lang } from '../issues/issue.js';
import { INDICATORS, INDICATOR_IDS } from '../engine/indicators.js';
import type { Report } from '../engine/report.js';
import { neutralizeCell } from './neutralize.js';

export interface CsvOptions {
  lang: Lang;
}

export const REPORT_CSV_COLUMNS = [
  'area_code',
  'area_name',
  'level',
  'indicator',
  'indicator_name',
  'unit',
  'value',
  'numerator',
  'denominator',
  'target',
  'op',
  'status',
  'reason',
] as const;

const BOM = '\ufeff';
const CRLF = '\r\n';

export function renderReportCsv(report: Report, options: CsvOptions): string {
  const lines = [REPORT_CSV_COLUMNS.map(textCell).join(',')];
  for (const area of report.areas) {
    for (const id of INDICATOR_IDS) {
      const result = area.indicators[id];
      const info = INDICATORS[id];
      lines.push(
        [
          textCell(area.code),
          textCell(area.name),
          textCell(area.level),
          textCell(id),
          textCell(info.name[options.lang]),
          textCell(info.unit),
          numberCell(result?.value ?? null),
          numberCell(result?.numerator ?? null),
          numberCell(result?.denominator ?? null),
          numberCell(result?.target ?? null),
          textCell(result?.op ?? ''),
          textCell(result?.status ?? 'n/a'),
          textCell(result?.reason ?? ''),
        ].join(','),
      );
    }
  }
  return BOM + lines.join(CRLF) + CRLF;
}

/** A text cell: neutralised, then quoted when it holds a quote, a comma or a line break. */
export function textCell(text: string): string {
  return quoteCsv(neutralizeCell(text));
}

export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as JavaScript prints it, shortest round-trip form; null (or NaN) as an empty cell. */
export function numberCell(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : String(value);
}
