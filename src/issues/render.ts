/**
 * Drafts become issues here, in the output language: the only place that
 * turns a code and its parameters into words.
 */
import type { IssueSummary } from './issue.js';
import { lookupIssue } from './catalogue.js';
import type { Issue, IssueDraft, Lang, Severity } from './issue.js';

/** The notes that say "N more issues not listed": they describe the list, not the data, so summaries skip them. */
export const TRUNCATION_CODE = 'issues-truncated';

/** The message of a draft in `lang`; an uncatalogued code still gets its position and value, never an exception. */
export function renderMessage(draft: IssueDraft, lang: Lang): string {
  const spec = lookupIssue(draft.code);
  if (spec === undefined) {
    const at = [draft.row !== null ? (lang === 'zh' ? `第${draft.row}行` : `Row ${draft.row}`) : '', draft.column ?? '']
      .filter((part) => part !== '')
      .join(lang === 'zh' ? '' : ', ');
    return `${at ? `${at}: ` : ''}${draft.code}${draft.value !== null ? ` ${JSON.stringify(draft.value)}` : ''}`;
  }
  return spec.message[lang](draft);
}

/**
 * Severity from the catalogue (an unknown code is an error); `strict` (--strict)
 * turns warnings into errors. Info stays info: it reports what was done, not a problem.
 */
export function renderSeverity(code: string, strict: boolean): Severity {
  const severity = lookupIssue(code)?.severity ?? 'error';
  return strict && severity === 'warning' ? 'error' : severity;
}

export function renderIssue(draft: IssueDraft, lang: Lang, strict: boolean): Issue {
  return {
    severity: renderSeverity(draft.code, strict),
    code: draft.code,
    table: draft.table,
    file: draft.file,
    sheet: draft.sheet,
    row: draft.row,
    column: draft.column,
    value: draft.value,
    message: renderMessage(draft, lang),
  };
}

/**
 * Counts by severity. `dropped` adds the issues an IssueLog counted but did
 * not keep (IssueLog.droppedSummary), so that a file with a million bad rows
 * reports a million errors while listing a hundred. The `issues-truncated`
 * notes themselves are not counted.
 */
export function summarizeIssues(issues: readonly Issue[], dropped?: IssueSummary): IssueSummary {
  const summary: IssueSummary = { errors: dropped?.errors ?? 0, warnings: dropped?.warnings ?? 0, infos: dropped?.infos ?? 0 };
  for (const issue of issues) {
    if (issue.code === TRUNCATION_CODE) continue;
    if (issue.severity === 'error') summary.errors++;
    else if (issue.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

/**
 * One line for stderr when the run cannot go on: where, what, and the fix
 * ("census.csv: Row 3: bytes that are not valid GBK — Not GBK/UTF-8 encoded? Pass --encoding").
 */
export function formatFatal(draft: IssueDraft, lang: Lang): string {
  const where = [draft.file !== null && draft.file !== draft.value ? draft.file : null, draft.sheet]
    .filter((part): part is string => part !== null && part !== '')
    .join(lang === 'zh' ? '／' : '/');
  const message = renderMessage(draft, lang);
  const hint = lookupIssue(draft.code)?.hint?.[lang];
  const line = lang === 'zh'
    ? `${where ? `${where}：` : ''}${message}${hint ? `。${hint}` : ''}`
    : `${where ? `${where}: ` : ''}${message}${hint ? ` — ${hint}` : ''}`;
  return line.replace(/\s*[\r\n]+\s*/g, ' ');
}
