/**
 * CSV/formula injection (OWASP "CSV Injection"; SPEC §5): a spreadsheet turns a
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return into a
 * formula, and Excel still does so after leading spaces. Such text gets a
 * leading `'`, which every spreadsheet shows as plain text.
 *
 * Only text goes through here: a number written as a number is never a formula,
 * and prefixing it would turn -3 into text.
 */
const LIVE_START = /^[ \t\r]*[=+\-@]|^[\t\r]/;

export function neutralizeCell(text: string): string {
  return LIVE_START.test(text) ? `'${text}` : text;
}
