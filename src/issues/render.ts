/**
 * Drafts become issues here, in the output language: the only place that
 * turns a code and its parameters into words.
 */
import type { IssueGroupDraft, IssueSummary } from './issue.js';
import { lookupIssue } from './catalogue.js';
import type { Issue, IssueDraft, Lang, Severity } from './issue.js';

/** The notes that say "N more issues not listed": they describe the list, not the data, so summaries skip them. */
export const TRUNCATION_CODE = 'issues-truncated';

/** A single draft as a group of one. */
export function asGroup(draft: IssueDraft | IssueGroupDraft): IssueGroupDraft {
  if ('count' in draft && 'rows' in draft) return draft;
  return { ...draft, count: 1, rows: draft.row === null ? [] : [draft.row] };
}

/** The message of a draft in `lang`, without the hint; an uncatalogued code still gets its position and value, never an exception. */
export function renderMessage(draft: IssueDraft | IssueGroupDraft, lang: Lang): string {
  const group = asGroup(draft);
  const spec = lookupIssue(draft.code);
  const sentence = spec === undefined ? uncatalogued(group, lang) : spec.message[lang](group);
  return group.cause === undefined ? sentence : `${sentence}${causeClause(group, lang)}`;
}

function uncatalogued(draft: IssueGroupDraft, lang: Lang): string {
  const at = [draft.row !== null ? (lang === 'zh' ? `第${draft.row}行` : `Row ${draft.row}`) : '', draft.column ?? '']
    .filter((part) => part !== '')
    .join(lang === 'zh' ? '' : ', ');
  return `${at ? `${at}: ` : ''}${draft.code}${draft.value !== null ? ` ${JSON.stringify(draft.value)}` : ''}`;
}

const TABLE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  census: { zh: '人口表', en: 'census' },
  facilities: { zh: '机构表', en: 'facility registry' },
  visits: { zh: '服务记录表', en: 'service records' },
  assessments: { zh: '质量评估表', en: 'quality assessments' },
};

/** "（起因：人口表第7行「区划代码格式错误」）" — what set a follow-on issue off, where. */
function causeClause(draft: IssueGroupDraft, lang: Lang): string {
  const cause = draft.cause!;
  const table = cause.table === null ? null : (TABLE_WORDS[cause.table]?.[lang] ?? cause.table);
  const title = lookupIssue(cause.code)?.title[lang] ?? cause.code;
  if (lang === 'zh') return `（起因：${table ?? cause.file ?? ''}${cause.row !== null ? `第${cause.row}行` : ''}「${title}」）`;
  const where = `${cause.row !== null ? `row ${cause.row} of the ` : 'the '}${table ?? cause.file ?? 'input'}`;
  return ` (caused by ${where}: ${title.toLowerCase()})`;
}

/** The catalogue's advice for a code in `lang`, or null. */
export function renderHint(code: string, lang: Lang): string | null {
  return lookupIssue(code)?.hint?.[lang] ?? null;
}

/** A sentence and its hint as one line: "…应为整数。只填数字…" / "… — Digits only…". */
export function withHint(message: string, hint: string | null, lang: Lang): string {
  if (hint === null) return message;
  // A sentence that already ends (。？！, a "did you mean" question) needs no 。 before the hint.
  return lang === 'zh' ? (/[。？！]$/.test(message) ? `${message}${hint}` : `${message}。${hint}`) : `${message} — ${hint}`;
}

/**
 * Severity from the catalogue (an unknown code is an error); `strict` (--strict)
 * turns warnings into errors. Info stays info: it reports what was done, not a problem.
 */
export function renderSeverity(code: string, strict: boolean): Severity {
  const severity = lookupIssue(code)?.severity ?? 'error';
  return strict && severity === 'warning' ? 'error' : severity;
}

export function renderIssue(draft: IssueDraft | IssueGroupDraft, lang: Lang, strict: boolean): Issue {
  const group = asGroup(draft);
  const hint = renderHint(group.code, lang);
  const issue: Issue = {
    severity: renderSeverity(group.code, strict),
    code: group.code,
    table: group.table,
    file: group.file,
    sheet: group.sheet,
    row: group.row,
    column: group.column,
    cell: group.cell ?? null,
    value: group.value,
    count: group.count,
    rows: group.rows,
    message: withHint(renderMessage(group, lang), hint, lang),
    hint,
  };
  if (group.cause !== undefined) issue.cause = group.cause;
  if (group.code === TRUNCATION_CODE && typeof group.params?.groups === 'number') {
    issue.groupsListed = Number(group.params.listed);
    issue.groups = issue.groupsListed + group.params.groups;
    if (group.params.groupsAtLeast !== undefined) issue.groupsAtLeast = true;
  }
  return issue;
}

/**
 * Counts by severity of the issues listed, each group by its occurrences.
 * `dropped` adds occurrences an IssueLog counted but did not list. The
 * `issues-truncated` notes themselves are not counted.
 */
export function summarizeIssues(issues: readonly Issue[], dropped?: IssueSummary): IssueSummary {
  const summary: IssueSummary = { errors: dropped?.errors ?? 0, warnings: dropped?.warnings ?? 0, infos: dropped?.infos ?? 0 };
  for (const issue of issues) {
    if (issue.code === TRUNCATION_CODE) continue;
    const n = issue.count ?? 1;
    if (issue.severity === 'error') summary.errors += n;
    else if (issue.severity === 'warning') summary.warnings += n;
    else summary.infos += n;
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
  const message = withHint(renderMessage(draft, lang), renderHint(draft.code, lang), lang);
  const line = lang === 'zh' ? `${where ? `${where}：` : ''}${message}` : `${where ? `${where}: ` : ''}${message}`;
  return line.replace(/\s*[\r\n]+\s*/g, ' ');
}
