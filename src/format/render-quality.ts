/**
 * Views of the data-quality review (SPEC §11, `tuoyu quality`): terminal
 * text, Markdown, the 数据质量 sheet (on its own or in the report's
 * workbook), and the one line `tuoyu report` prints when the review flags
 * something. Each finding reads as its sentence (quality-words.ts); flagged
 * findings are marked ⚑ and listed before the notes of their check. The JSON
 * is the review itself.
 */
import type ExcelJS from 'exceljs';
import { Chalk } from 'chalk';
import { loadExcelJS } from './load-exceljs.js';
import { QUALITY_CHECKS, type QualityCheck } from '../engine/quality/finding.js';
import type { QualityCheckResult, QualityReview } from '../engine/quality/quality-review.js';
import type { Lang } from '../issues/issue.js';
import { levelLabel, periodWords, type Words } from './labels.js';
import { escapeCell } from './render-markdown.js';
import { CHECK_NAMES, MEASURE_NAMES, OUTCOME_NAMES, quarterWords } from './quality-words.js';
import { headingLine, type ReportHeading } from './report-heading.js';
import { printable, wrapText } from './text-width.js';
import { countFormat, drawBorders, FILL_COLORS, finishSheet, setCell, setRunningHeader, solidFill, writeBanner, writeHeader } from './xlsx-sheet.js';

export const QUALITY_SHEET_NAME: Words = { zh: '数据质量', en: 'Data quality' };

const WORDS = {
  title: { zh: '数据质量审查', en: 'Data-quality review' },
  period: { zh: '期间：{words}（{start} 至 {end}）', en: 'Period: {words} ({start} to {end})' },
  counts: { zh: '标出 {flagged} 处，说明 {notes} 处', en: '{flagged} flagged, {notes} notes' },
  districts: { zh: '有标出的区县：{list}', en: 'Districts with flags: {list}' },
  nothing: { zh: '未标出任何问题。', en: 'Nothing flagged.' },
  none: { zh: '（无）', en: '(none)' },
  dataIssues: {
    zh: '数据本身另有错误 {errors} 处、警告 {warnings} 处（tuoyu validate 逐行列出），审查只用通过检查的行。',
    en: 'The data also has {errors} errors and {warnings} warnings (tuoyu validate lists them row by row); the review uses the rows that passed.',
  },
  pointer: {
    zh: '数据质量：审查标出 {flagged} 处（{where}），运行 tuoyu quality 查看。',
    en: 'Data quality: the review flags {flagged} {findings} ({where}); run tuoyu quality to see them.',
  },
  pointerSheet: {
    zh: '数据质量：审查标出 {flagged} 处（{where}），详见“数据质量”表。',
    en: 'Data quality: the review flags {flagged} {findings} ({where}); see the Data quality sheet.',
  },
  flagLabel: { zh: '标出', en: 'flagged' },
  noteLabel: { zh: '说明', en: 'note' },
  methods: { zh: '检查方法与阈值', en: 'Checks and thresholds' },
  shortFacilities: {
    zh: '另有 {n} 个机构开办不足 {min} 个完整季度，季度太少，未计算修正Z值（--format json 或 xlsx 逐一列出）：{names}',
    en: '{n} more facilities were open fewer than {min} whole quarters: too few quarters to score (--format json or xlsx lists each): {names}',
  },
} as const satisfies Record<string, Words>;

function word(key: keyof typeof WORDS, lang: Lang, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Each check in a few words: what it looks at, its threshold (the review's own) and its source. */
export function methodLines(review: QualityReview, lang: Lang): string[] {
  const { completeness, outliers, overTime, related } = review.thresholds;
  if (lang === 'zh') {
    return [
      `1. 报告完整性：区县、街道在本年截至期末的各季度有无服务记录；有服务记录的社区占比低于 ${completeness.communityShare}% 标出（WHO 数据质量审查 DQR）。`,
      `2. 异常值：区县、街道、机构每类服务记录的季度数，修正Z值 0.6745 ×（x − 中位数）÷ MAD（Iglewicz–Hoaglin，不是 DHIS2 按标准差计算的“修正”分数）；` +
        `超过 ${outliers.moderate} 为中度、超过 ${outliers.extreme} 为极端；少于 ${outliers.minQuarters} 个完整季度不计算；MAD 为 0 时用平均绝对偏差 × 1.253314；` +
        `且分数不超过计数噪声的界限 2√(x+3/8) − 2√(中位数+3/8)（Anscombe 变换）；同一类记录本期有 ≥ ${outliers.flagExtremeCount} 个极端或 ≥ ${outliers.flagModerateCount} 个中度异常值的地区或机构标出（WHO DQR）。`,
      `3. 随时间的一致性：人口表的常住人口、0-1岁婴儿数、1-3岁幼儿数和开办机构托位数，与往年（最多 ${overTime.years} 年平均）相比变化超过 ±${overTime.change}% 标出（WHO DQR）。`,
      `4. 相关数字之间的一致性：1-3岁幼儿数 ÷（2 × 0-1岁婴儿数）与全部地区的比值相差超过 ±${related.difference}% 标出（WHO DQR）；期内0岁时有服务记录的儿童数 ÷ 0-1岁婴儿数大于 ${related.infantsSeenRatio} 标出。`,
      '阈值可在方案文件的 quality 部分修改（README“方案文件”）。',
    ];
  }
  return [
    `1. Reporting completeness: quarters of the year to date in which a district or street has no service record; areas where under ${completeness.communityShare}% of communities have a record are flagged (WHO Data Quality Review).`,
    `2. Outliers: quarterly records of each kind per district, street and facility; modified z-score 0.6745 × (x − median) ÷ MAD (Iglewicz–Hoaglin, not DHIS2's SD-based "modified" score); ` +
      `above ${outliers.moderate} moderate, above ${outliers.extreme} extreme; fewer than ${outliers.minQuarters} whole quarters not scored; MAD 0: mean absolute deviation × 1.253314; ` +
      `and never beyond counting noise, 2√(x+3/8) − 2√(median+3/8) (Anscombe); an area or facility with ≥ ${outliers.flagExtremeCount} extreme or ≥ ${outliers.flagModerateCount} moderate outliers of one kind in the period is flagged (WHO DQR).`,
    `3. Consistency over time: census population, infants_0_1, toddlers_1_3 and slots of open facilities against earlier years (mean of up to ${overTime.years}); a change beyond ±${overTime.change}% is flagged (WHO DQR).`,
    `4. Consistency between related numbers: toddlers_1_3 ÷ (2 × infants_0_1) beyond ±${related.difference}% of the whole data set's ratio (WHO DQR); children seen aged 0 ÷ infants_0_1 above ${related.infantsSeenRatio}.`,
    'Thresholds are set in the quality section of a plan file (README, Plan files).',
  ];
}

/**
 * What a text view shows of each check: the findings listed one by one
 * (flagged first) and the line that stands for the facilities open too few
 * quarters to score, or null.
 */
export function qualityDisplayGroups(review: QualityReview, lang: Lang): { check: QualityCheck; listed: QualityCheckResult[]; more: string | null }[] {
  return byCheck(review).map(({ check, findings }) => ({ check, ...listedFindings(findings, review, lang) }));
}

function byCheck(review: QualityReview): { check: QualityCheck; findings: QualityCheckResult[] }[] {
  return QUALITY_CHECKS.map((check) => {
    const findings = review.checks.filter((finding) => finding.check === check);
    return { check, findings: [...findings.filter((f) => f.flag), ...findings.filter((f) => !f.flag)] };
  });
}

/** The period, the counts, the districts with flags and the data's own problems, a line each. */
export function qualityHeadLines(review: QualityReview, lang: Lang): string[] {
  const { period, summary, dataIssues } = review;
  const lines = [
    word('period', lang, { words: periodWords(period, lang), start: period.start, end: period.end }),
    word('counts', lang, { flagged: summary.flagged, notes: summary.notes }),
  ];
  if (summary.flaggedDistricts.length > 0) lines.push(word('districts', lang, { list: districtNames(review).join(lang === 'zh' ? '、' : ', ') }));
  if (dataIssues.errors > 0 || dataIssues.warnings > 0) lines.push(word('dataIssues', lang, { errors: dataIssues.errors, warnings: dataIssues.warnings }));
  return lines;
}

/** The flagged districts by name. */
function districtNames(review: QualityReview): string[] {
  return review.summary.flaggedDistricts.map((district) => district.name);
}

export interface QualityTableOptions {
  lang: Lang;
  color: boolean;
  /** Terminal columns to wrap at (default 120). */
  width?: number;
}

/** Facilities named in a condensed line at most. */
const SHORT_FACILITIES_NAMED = 10;

/**
 * The findings a text view lists one by one, and the line that stands for the
 * rest: facilities open too few quarters to score are many in a city that
 * opens facilities, and each says the same.
 */
function listedFindings(findings: readonly QualityCheckResult[], review: QualityReview, lang: Lang): { listed: QualityCheckResult[]; more: string | null } {
  const short = findings.filter((finding) => finding.outcome === 'too-few-quarters' && finding.level === 'facility');
  const listed = findings.filter((finding) => !short.includes(finding));
  if (short.length === 0) return { listed, more: null };
  const facilities = [...new Map(short.map((finding) => [finding.area, `${finding.name}（${finding.area}）`])).values()];
  const names = facilities.slice(0, SHORT_FACILITIES_NAMED).join(lang === 'zh' ? '、' : ', ') + (facilities.length > SHORT_FACILITIES_NAMED ? '…' : '');
  return { listed, more: word('shortFacilities', lang, { n: facilities.length, min: review.thresholds.outliers.minQuarters, names }) };
}

/** The terminal view: one sentence per finding under its check, ⚑ for what is flagged. */
export function renderQualityTable(review: QualityReview, options: QualityTableOptions): string {
  const { lang } = options;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(40, options.width ?? 120);
  const blocks = [[chalk.bold(word('title', lang)), ...qualityHeadLines(review, lang)].join('\n')];
  for (const { check, listed, more } of qualityDisplayGroups(review, lang)) {
    const lines = [chalk.bold(CHECK_NAMES[check][lang])];
    if (listed.length === 0 && more === null) lines.push(`  ${word('none', lang)}`);
    const bullet = (mark: string, text: string) => {
      const [first, ...rest] = wrapText(printable(text), width - 4);
      lines.push(`${mark} ${first}`, ...rest.map((line) => `    ${line}`));
    };
    for (const finding of listed) bullet(finding.flag ? chalk.red('⚑') : chalk.dim('·'), finding.message);
    if (more !== null) bullet(chalk.dim('·'), more);
    blocks.push(lines.join('\n'));
  }
  blocks.push(chalk.dim(methodLines(review, lang).flatMap((line) => wrapText(line, width)).join('\n')));
  return `${blocks.join('\n\n')}\n`;
}

/** Markdown for a briefing or a merge request: a table per check. */
export function renderQualityMarkdown(review: QualityReview, options: { lang: Lang }): string {
  const { lang } = options;
  const heads = lang === 'zh' ? ['', '地区', '代码', '层级', '季度', '项目', '说明'] : ['', 'Area', 'Code', 'Level', 'Quarter', 'Measure', 'Finding'];
  const sections = [`# ${word('title', lang)} — ${escapeCell(review.period.id)}`, qualityHeadLines(review, lang).map(escapeCell).join('  \n')];
  for (const { check, listed, more } of qualityDisplayGroups(review, lang)) {
    sections.push(`## ${CHECK_NAMES[check][lang]}`);
    if (listed.length === 0 && more === null) {
      sections.push(word('none', lang));
      continue;
    }
    const rows = listed.map((finding) =>
      [
        finding.flag ? '⚑' : '',
        finding.name,
        finding.area,
        levelName(finding, lang),
        finding.quarter === null ? '' : quarterWords(finding.quarter, lang),
        MEASURE_NAMES[finding.measure][lang],
        finding.message,
      ].map(escapeCell),
    );
    sections.push([`| ${heads.join(' | ')} |`, `|${heads.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n'));
    if (more !== null) sections.push(escapeCell(more));
  }
  sections.push(`## ${word('methods', lang)}`, methodLines(review, lang).map(escapeCell).join('\n'));
  return `${sections.join('\n\n')}\n`;
}

function levelName(finding: QualityCheckResult, lang: Lang): string {
  return finding.level === 'facility' ? (lang === 'zh' ? '机构' : 'facility') : levelLabel(finding.level, lang);
}

/**
 * The one line `tuoyu report` prints when the review flags something, naming
 * the districts concerned; null when nothing is flagged.
 */
export function renderQualityPointer(review: QualityReview, options: { lang: Lang; inWorkbook?: boolean }): string | null {
  const { lang } = options;
  if (review.summary.flagged === 0) return null;
  const names = districtNames(review);
  const shown = names.slice(0, 5).join(lang === 'zh' ? '、' : ', ') + (names.length > 5 ? (lang === 'zh' ? '等' : ', …') : '');
  const where = names.length > 0 ? shown : (lang === 'zh' ? '全部地区' : 'the whole data set');
  const findings = review.summary.flagged === 1 ? 'finding' : 'findings';
  return word(options.inWorkbook ? 'pointerSheet' : 'pointer', lang, { flagged: review.summary.flagged, findings, where });
}

const SHEET_COLUMNS = {
  number: { zh: '序号', en: 'No.' },
  check: { zh: '检查', en: 'Check' },
  flag: { zh: '标出', en: 'Flag' },
  name: { zh: '地区或机构', en: 'Area or facility' },
  area: { zh: '区划代码或机构编码', en: 'Code' },
  level: { zh: '层级', en: 'Level' },
  quarter: { zh: '季度', en: 'Quarter' },
  measure: { zh: '项目', en: 'Measure' },
  value: { zh: '数值', en: 'Value' },
  reference: { zh: '参照', en: 'Reference' },
  compared: { zh: '比较值', en: 'Compared' },
  threshold: { zh: '阈值', en: 'Threshold' },
  outcome: { zh: '结论', en: 'Outcome' },
  message: { zh: '说明', en: 'Finding' },
} as const satisfies Record<string, Words>;
type SheetColumn = keyof typeof SHEET_COLUMNS;
const COLUMN_KEYS = Object.keys(SHEET_COLUMNS) as SheetColumn[];

/** Title, period and counts; then the header. */
export const QUALITY_HEADER_ROW = 4;

/**
 * The 数据质量 sheet: every finding, flagged ones first within each check,
 * with its numbers as numbers (unrounded, formatted) beside its sentence, and
 * the checks' thresholds and sources under the table.
 */
export function addQualitySheet(workbook: ExcelJS.Workbook, review: QualityReview, options: { lang: Lang; title: string } & ReportHeading): ExcelJS.Worksheet {
  const { lang } = options;
  const sheet = workbook.addWorksheet(QUALITY_SHEET_NAME[lang]);
  const at = (key: SheetColumn) => COLUMN_KEYS.indexOf(key) + 1;
  writeBanner(sheet, 1, `${word('title', lang)}　${options.title}`, COLUMN_KEYS.length, { bold: true, size: 14, align: 'center', height: 28 });
  const heading = headingLine(options, lang);
  writeBanner(sheet, 2, [heading.unit, heading.date].filter((part) => part !== '').join('    '), COLUMN_KEYS.length);
  writeBanner(sheet, 3, qualityHeadLines(review, lang).join('　'), COLUMN_KEYS.length);
  writeHeader(sheet, QUALITY_HEADER_ROW, COLUMN_KEYS.map((key) => SHEET_COLUMNS[key][lang]));
  let rowNumber = QUALITY_HEADER_ROW;
  for (const { check, findings } of byCheck(review)) {
    for (const finding of findings) {
      rowNumber += 1;
      const row = sheet.getRow(rowNumber);
      const texts: Partial<Record<SheetColumn, string | number | null>> = {
        number: rowNumber - QUALITY_HEADER_ROW,
        check: CHECK_NAMES[check][lang],
        flag: finding.flag ? word('flagLabel', lang) : word('noteLabel', lang),
        name: finding.name,
        area: finding.area || null,
        level: levelName(finding, lang),
        quarter: finding.quarter,
        measure: MEASURE_NAMES[finding.measure][lang],
        outcome: OUTCOME_NAMES[finding.outcome][lang],
        message: finding.message,
      };
      for (const [key, text] of Object.entries(texts)) setCell(row.getCell(at(key as SheetColumn)), text);
      setCell(row.getCell(at('value')), finding.value, countFormat(finding.value));
      setCell(row.getCell(at('reference')), finding.reference, countFormat(finding.reference));
      setCell(row.getCell(at('compared')), finding.compared, '0.00');
      setCell(row.getCell(at('threshold')), finding.threshold, 'General');
      row.getCell(at('area')).numFmt = '@';
      row.getCell(at('flag')).fill = solidFill(finding.flag ? FILL_COLORS.not_met : FILL_COLORS.na);
      row.getCell(at('flag')).alignment = { horizontal: 'center' };
    }
  }
  drawBorders(sheet, QUALITY_HEADER_ROW, rowNumber, COLUMN_KEYS.length);
  finishSheet(sheet, { headerRow: QUALITY_HEADER_ROW, columnCount: COLUMN_KEYS.length, maxWidth: 60, lang });
  sheet.getColumn(at('number')).width = 6;
  // Long names of checks and measures wrap, so that the sentence keeps the width it needs to print.
  for (const key of ['check', 'measure'] as const) {
    const column = sheet.getColumn(at(key));
    column.width = Math.min(column.width ?? 16, 16);
    for (let r = QUALITY_HEADER_ROW + 1; r <= rowNumber; r++) {
      const cell = sheet.getCell(r, at(key));
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
    }
  }
  const notes = [word('methods', lang), ...methodLines(review, lang)];
  if (review.checks.length === 0) notes.unshift(word('nothing', lang));
  notes.forEach((line, i) => {
    const cell = writeBanner(sheet, rowNumber + 2 + i, line, COLUMN_KEYS.length);
    cell.font = { size: 10 };
    sheet.getRow(rowNumber + 2 + i).height = 15 * Math.max(1, Math.ceil(line.length / 120));
  });
  return sheet;
}

/** `tuoyu quality --format xlsx`: the 数据质量 sheet as a workbook of its own. */
export async function renderQualityXlsx(review: QualityReview, options: { lang: Lang } & ReportHeading): Promise<Uint8Array> {
  const { lang } = options;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'tuoyu';
  const title = options.title ?? periodWords(review.period, lang);
  workbook.title = `${word('title', lang)} ${title}`;
  const sheet = addQualitySheet(workbook, review, { ...options, title });
  setRunningHeader(sheet, `${periodWords(review.period, lang)} · ${sheet.name}`);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
