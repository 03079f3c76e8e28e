import type { IssueDraft } from './issue.js';

/**
 * The one thing tuoyu throws on purpose: input it cannot read at all
 * (missing path, unsupported format, corrupt workbook, wrong encoding) or a
 * bad argument (unknown period, plan file that fails its schema). The CLI
 * prints the rendered issue on one line and exits 2. Everything else about the
 * data is an issue in the report, never a throw.
 */
export class FatalInputError extends Error {
  readonly draft: IssueDraft;
  /**
   * Every problem found before the run gave up, `draft` first: the inputs of
   * a run that cannot be read are all listed at once, each with its fix.
   */
  readonly drafts: readonly IssueDraft[];

  constructor(draft: IssueDraft, others: readonly IssueDraft[] = []) {
    super(`${draft.code}${draft.file ? ` ${draft.file}` : ''}${draft.value ? `: ${draft.value}` : ''}`);
    this.name = 'FatalInputError';
    this.draft = draft;
    this.drafts = [draft, ...others];
  }
}
