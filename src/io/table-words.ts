/**
 * The words that say which table a file or sheet holds (SPEC §3): one entry
 * per table, so a new table is one more line here. A name belongs to a table
 * when it is, or contains, one of the table's words — `西湖区人口统计表2025`
 * is a census, `2025年机构名录` a facility registry.
 */
import type { TableName } from '../issues/issue.js';

export interface TableWords {
  /** The table's English name, as in `--census`. */
  en: string;
  /** Its Chinese name. */
  zh: string;
  /** Other names people give it. */
  aliases: readonly string[];
}

export const TABLE_WORDS: Record<TableName, TableWords> = {
  census: { en: 'census', zh: '人口', aliases: ['population'] },
  facilities: { en: 'facilities', zh: '机构', aliases: ['facility'] },
  visits: { en: 'visits', zh: '服务记录', aliases: ['visit'] },
  assessments: { en: 'assessments', zh: '质量评估', aliases: ['assessment', '质量自评'] },
};

/** The words of a table, English first: for messages. */
export function wordsOf(table: TableName): string[] {
  const words = TABLE_WORDS[table];
  return [words.en, words.zh, ...words.aliases];
}

/** How a name is compared: width-folded (NFKC), trimmed, lower case. */
function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * Which table a file name (without its extension) or sheet name stands for.
 * A name that is a table's word beats one that only contains it; among
 * names that contain words, the longest word wins (`托育机构服务记录` holds
 * service records, not facilities); a tie between two tables is no table.
 */
export function tableOfName(name: string): TableName | null {
  const wanted = normaliseName(name);
  if (wanted.length === 0) return null;
  let best: TableName | null = null;
  let bestScore = 0;
  let tied = false;
  for (const table of Object.keys(TABLE_WORDS) as TableName[]) {
    for (const word of wordsOf(table)) {
      const normalised = normaliseName(word);
      const score = wanted === normalised ? 1000 + normalised.length : wanted.includes(normalised) ? normalised.length : 0;
      if (score === 0 || (best === table && score <= bestScore)) continue;
      if (score > bestScore) {
        best = table;
        bestScore = score;
        tied = false;
      } else if (score === bestScore && best !== table) {
        tied = true;
      }
    }
  }
  return tied ? null : best;
}

/** Sheets that explain the workbook rather than hold a table: never picked for lack of a better one. */
const COVER_WORDS = ['说明', '封面', '目录', '填表', '填报要求', '指标解释', 'cover', 'readme', 'read me', 'notes', 'instructions', 'contents'];

export function isCoverName(name: string): boolean {
  const wanted = normaliseName(name);
  return COVER_WORDS.some((word) => wanted.includes(word));
}

/**
 * The table a file or sheet holds by its name, as `tableOfName`, except that a
 * name that also says it explains (`服务记录填报说明`) holds none: such a sheet
 * sits beside the table it explains and must not compete with it.
 */
export function tableClaimedBy(name: string): TableName | null {
  const table = tableOfName(name);
  if (table === null || !isCoverName(name)) return table;
  const wanted = normaliseName(name);
  return wordsOf(table).some((word) => normaliseName(word) === wanted) ? table : null;
}
