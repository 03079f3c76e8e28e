/**
 * The issue catalogue: every code tuoyu reports, with its severity and its
 * words in both output languages. A code is stable once released (SPEC §5:
 * never rename one); docs/issue-codes.md is generated from this table and a
 * test fails on any code used in src/ that is missing here.
 */
import type { IssueGroupDraft, Severity } from './issue.js';

export interface IssueSpec {
  severity: Severity;
  title: { zh: string; en: string };
  /** The sentence a clerk reads; it says where (row, column, cell) once and what was found. */
  message: { zh: (d: IssueGroupDraft) => string; en: (d: IssueGroupDraft) => string };
  /** What to do about it, when there is something better to say than the message. */
  hint?: { zh: string; en: string };
}

/** Rows a message names for a group; the JSON issue lists up to 20 in `rows`. */
const ROWS_IN_MESSAGE = 5;

/** "D" of "D7". */
function cellColumn(cell: string | null | undefined): string | null {
  const match = cell ? /^[A-Z]+/.exec(cell) : null;
  return match ? match[0] : null;
}

/** True when the group has several rows to name, not one. */
function isGroup(d: IssueGroupDraft): boolean {
  return d.count > 1 && d.rows.length > 1;
}

/**
 * The location, said once: "第12行「托位数」（D12）" for one row;
 * "第7、9、12、15、18行等共812行「托位数」（D列）" for a group.
 */
function zhAt(d: IssueGroupDraft): string {
  const column = d.column ? `「${d.column}」` : '';
  if (d.row === null) return column;
  if (!isGroup(d)) return `第${d.row}行${column}${d.cell ? `（${d.cell}）` : ''}`;
  const shown = d.rows.slice(0, ROWS_IN_MESSAGE);
  const letter = cellColumn(d.cell);
  const more = d.count > shown.length ? `等共${d.count}行` : '';
  return `第${shown.join('、')}行${more}${column}${letter ? `（${letter}列）` : ''}`;
}

/**
 * "Row 12, “slots” (D12): " for one row; "Rows 7, 9, 12, 15, 18 and 807 more
 * (812 in all), “slots” (column D): " for a group — ready to prefix a sentence.
 */
function enAt(d: IssueGroupDraft): string {
  const column = d.column ? `“${d.column}”` : '';
  if (d.row === null) return column ? `${column}: ` : '';
  if (!isGroup(d)) return `Row ${d.row}${column ? `, ${column}` : ''}${d.cell ? ` (${d.cell})` : ''}: `;
  const shown = d.rows.slice(0, ROWS_IN_MESSAGE);
  const letter = cellColumn(d.cell);
  const more = d.count > shown.length ? ` and ${d.count - shown.length} more (${d.count} in all)` : '';
  return `Rows ${shown.join(', ')}${more}${column ? `, ${column}` : ''}${letter ? ` (column ${letter})` : ''}: `;
}

/** "，是否应为「托育机构」？" — the nearest allowed value or known code, when one was found. */
function zhSuggestion(d: IssueGroupDraft): string {
  const suggestion = d.params?.suggestion;
  if (suggestion === undefined) return '';
  const name = d.params?.suggestionName;
  return `，是否应为「${suggestion}」${name ? `（${name}）` : ''}？`;
}

function enSuggestion(d: IssueGroupDraft): string {
  const suggestion = d.params?.suggestion;
  if (suggestion === undefined) return '';
  const name = d.params?.suggestionName;
  return `; did you mean “${suggestion}”${name ? ` (${name})` : ''}?`;
}

/**
 * Why an area code is unknown: not in the census at all, or listed only on a
 * census row that was rejected (its own, or the leaf above it) — the cause
 * clause then names that row.
 */
function zhWhyUnknownArea(d: IssueGroupDraft): string {
  const rejected = d.params?.rejectedArea;
  if (rejected === undefined) return '在人口表中找不到';
  return rejected === d.value ? '在人口表中的行未通过校验，该区划不可用' : `所在的区划「${rejected}」在人口表中的行未通过校验，该区划不可用`;
}

function enWhyUnknownArea(d: IssueGroupDraft): string {
  const rejected = d.params?.rejectedArea;
  if (rejected === undefined) return ' is not in the census';
  return rejected === d.value
    ? ' is on a census row that was rejected, so the area cannot be used'
    : ` lies in ${rejected}, whose census row was rejected, so the area cannot be used`;
}

function zhValue(d: IssueGroupDraft): string {
  return `「${d.value ?? ''}」`;
}

function enValue(d: IssueGroupDraft): string {
  return `“${d.value ?? ''}”`;
}

function param(d: IssueGroupDraft, name: string): string {
  const v = d.params?.[name];
  return v === undefined ? '' : String(v);
}

const FILE_IN_PATH = { zh: '路径中有一段是文件而不是目录', en: 'part of its path is a file, not a folder' };
const NO_PERMISSION = { zh: '没有写入权限', en: 'no permission to write there' };

/** The system's reasons a file cannot be written, in words; the code itself stays beside them for whoever looks it up. */
const NOT_WRITABLE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  ENOENT: { zh: '所在目录不存在', en: 'its folder does not exist' },
  ENOTDIR: FILE_IN_PATH,
  EEXIST: FILE_IN_PATH,
  EACCES: NO_PERMISSION,
  EPERM: NO_PERMISSION,
  EISDIR: { zh: '这是一个目录，请给出文件名', en: 'it is a folder; give a file name' },
  EROFS: { zh: '文件系统只读', en: 'the file system is read-only' },
  ENOSPC: { zh: '磁盘已满', en: 'the disk is full' },
};

/** "：「报告」是文件而不是目录（ENOTDIR）" — why, in words, naming the file in the way when there is one. */
function whyNotWritable(d: IssueGroupDraft, lang: 'zh' | 'en'): string {
  const reason = param(d, 'reason');
  const blocker = d.params?.blocker;
  const words = blocker !== undefined
    ? (lang === 'zh' ? `「${blocker}」是文件而不是目录` : `“${blocker}” is a file, not a folder`)
    : NOT_WRITABLE_WORDS[reason]?.[lang];
  if (words === undefined) return reason === '' ? '' : lang === 'zh' ? `（${reason}）` : ` (${reason})`;
  return lang === 'zh' ? `：${words}（${reason}）` : `: ${words} (${reason})`;
}

/** "列出 100 组，共 340 组" for a capped (code, file): groups listed, and in all. */
function zhGroupsListed(d: IssueGroupDraft): string {
  const total = Number(d.params?.listed) + Number(d.params?.groups);
  return `列出${param(d, 'listed')}组，共${d.params?.groupsAtLeast ? '至少' : ''}${total}组`;
}

function enGroupsListed(d: IssueGroupDraft): string {
  const total = Number(d.params?.listed) + Number(d.params?.groups);
  return `${param(d, 'listed')} of ${d.params?.groupsAtLeast ? 'at least ' : ''}${total} groups listed`;
}

/** "西湖区（330106）" for an indicator's area, "合计" for the whole data set (area code ""). */
function zhIndicatorArea(d: IssueGroupDraft): string {
  const code = param(d, 'area');
  if (code === '') return '合计';
  const name = param(d, 'areaName');
  return name && name !== code ? `${name}（${code}）` : code;
}

function enIndicatorArea(d: IssueGroupDraft): string {
  const code = param(d, 'area');
  if (code === '') return 'the total';
  const name = param(d, 'areaName');
  return name && name !== code ? `${name} (${code})` : code;
}

/** "（Σ 0-1岁婴儿数）": what a numerator or denominator counts, when the engine said. */
function zhTerm(d: IssueGroupDraft, name: string): string {
  const term = param(d, name);
  return term ? `（${term}）` : '';
}

function enTerm(d: IssueGroupDraft, name: string): string {
  const term = param(d, name);
  return term ? ` (${term})` : '';
}

/** Chinese for a small count of decimals: 两位小数, not 二位. */
const ZH_DECIMALS = ['零', '一', '两', '三', '四'];

/**
 * The rule a value under a scaled header (`常住人口（万人）`, SPEC §3) broke:
 * "按万人换算（×10,000）须得整数，且最多两位小数"; null for a plain integer
 * column, whose message needs no rule beyond "应为整数".
 */
function zhScaledRule(d: IssueGroupDraft): string | null {
  const factor = d.params?.factor;
  if (typeof factor !== 'number') return null;
  const decimals = Number(d.params?.decimals);
  return `按${param(d, 'unit')}换算（×${factor.toLocaleString('en-US')}）须得整数，且最多${ZH_DECIMALS[decimals] ?? decimals}位小数`;
}

function enScaledRule(d: IssueGroupDraft): string | null {
  const factor = d.params?.factor;
  if (typeof factor !== 'number') return null;
  return `in ${param(d, 'unit')} (×${factor.toLocaleString('en-US')}) the value must come out whole, from at most ${param(d, 'decimals')} decimals`;
}

/**
 * The earlier row a repeat names: "第5行", or in another file (another
 * submission, SPEC §8) "「东湖区/机构.csv」第5行".
 */
function zhEarlier(d: IssueGroupDraft): string {
  const file = d.params?.firstFile;
  const sheet = d.params?.firstSheet;
  const where = file === undefined ? '' : `「${file}」${sheet === undefined ? '' : `工作表「${sheet}」`}`;
  return `${where}第${param(d, 'firstRow')}行`;
}

function enEarlier(d: IssueGroupDraft): string {
  const file = d.params?.firstFile;
  const sheet = d.params?.firstSheet;
  return `row ${param(d, 'firstRow')}${file === undefined ? '' : ` of ${file}${sheet === undefined ? '' : ` [${sheet}]`}`}`;
}

const TABLE_ZH: Record<string, string> = { census: '人口表', facilities: '机构表', visits: '服务记录表', assessments: '质量评估表' };
const TABLE_EN: Record<string, string> = { census: 'census', facilities: 'facilities', visits: 'service records', assessments: 'quality assessments' };

function zhTable(d: IssueGroupDraft): string {
  return d.table ? (TABLE_ZH[d.table] ?? d.table) : '';
}

function enTable(d: IssueGroupDraft): string {
  return d.table ? (TABLE_EN[d.table] ?? d.table) : '';
}

/**
 * The table. `satisfies` keeps the literal keys, so `IssueCode` below is the
 * union of catalogued codes and the validators cannot name any other.
 */
export const ISSUE_CATALOGUE = {
  // ------------------------------------------------------------ files and arguments
  'file-not-found': {
    severity: 'error',
    title: { zh: '文件不存在', en: 'File not found' },
    message: {
      zh: (d) => `找不到文件或目录${zhValue(d)}`,
      en: (d) => `No such file or directory: ${enValue(d)}`,
    },
    hint: { zh: '请检查路径是否正确', en: 'Check the path' },
  },
  'unreadable-file': {
    severity: 'error',
    title: { zh: '无法读取文件', en: 'File cannot be read' },
    message: {
      zh: (d) => `无法读取${zhValue(d)}（${String(d.params?.reason ?? '')}）`,
      en: (d) => `Cannot read ${enValue(d)} (${String(d.params?.reason ?? '')})`,
    },
    hint: { zh: '请确认它是一个文件，且有读取权限', en: 'Check that it is a file you are allowed to read' },
  },
  'empty-directory': {
    severity: 'error',
    title: { zh: '目录中没有数据文件', en: 'No data files in the directory' },
    message: {
      // The directory itself leads the line (formatFatal puts the file first).
      zh: (d) => `该目录中没有人口、机构或服务记录文件${d.params?.files ? `（现有文件：${d.params.files}）` : ''}`,
      en: (d) => `this directory holds no census, facilities or visits file${d.params?.files ? ` (the files there: ${d.params.files})` : ''}`,
    },
    hint: {
      zh: '文件名应包含 census/人口、facilities/机构、visits/服务记录（如“西湖区人口统计表2025.xlsx”），格式为 .csv、.txt、.xlsx、.xls 或 .et',
      en: 'Name each file with its table’s word — census, facilities, visits (or 人口, 机构, 服务记录), e.g. census-2025.xlsx — as .csv, .txt, .xlsx, .xls or .et',
    },
  },
  'missing-table': {
    severity: 'error',
    title: { zh: '缺少数据表', en: 'Table missing' },
    message: {
      zh: (d) =>
        `未找到${zhTable(d)}${d.file ? `（在${d.file}中查找）` : d.params?.where !== undefined ? `（各份报送 ${param(d, 'where')} 中都没有）` : ''}${d.params?.files ? `；现有文件：${d.params.files}` : ''}`,
      en: (d) =>
        `No ${enTable(d)} table found${d.file ? ` in ${d.file}` : d.params?.where !== undefined ? ` in any submission (${param(d, 'where')})` : ''}${d.params?.files ? `; the files there: ${d.params.files}` : ''}`,
    },
    hint: {
      zh: '文件名应包含表名 census/人口、facilities/机构、visits/服务记录，或用 --census/--facilities/--visits 指定文件',
      en: 'Put the table’s word in the file name (census, facilities, visits or 人口, 机构, 服务记录), or name the file with --census/--facilities/--visits',
    },
  },
  'unsupported-format': {
    severity: 'error',
    title: { zh: '不支持的文件格式', en: 'Unsupported file format' },
    message: {
      // The reason decides the fix: a password must be removed, a damaged file sent again, another format re-saved.
      zh: (d) =>
        d.params?.reason === 'encrypted'
          ? '工作簿设有密码保护，无法读取（请先在 Excel/WPS 中取消密码）'
          : d.params?.reason === 'corrupt'
            ? `文件${zhValue(d)}已损坏或不完整（可能未下载完），请重新获取原文件`
            : d.params?.reason === 'numbers'
              ? 'Numbers 文件无法直接读取（请在 Numbers 中导出为 Excel）'
              : d.params?.reason === 'ods'
                ? 'OpenDocument 表格（.ods）无法直接读取'
                : d.params?.reason === 'too-large'
                  ? '工作簿超过 1 GB，过大无法读取'
                  : `无法读取文件格式${zhValue(d)}`,
      en: (d) =>
        d.params?.reason === 'encrypted'
          ? 'The workbook is password-protected and cannot be read (remove the password first)'
          : d.params?.reason === 'corrupt'
            ? `The ${enValue(d)} file is damaged or incomplete (an interrupted download?); get the original again`
            : d.params?.reason === 'numbers'
              ? 'A Numbers file cannot be read directly (export it to Excel from Numbers)'
              : d.params?.reason === 'ods'
                ? 'An OpenDocument spreadsheet (.ods) cannot be read directly'
                : d.params?.reason === 'too-large'
                  ? 'The workbook is larger than 1 GB, too large to read'
                  : `Cannot read this file format: ${enValue(d)}`,
    },
    hint: { zh: '请在 Excel/WPS 中另存为 .xlsx 或 .csv', en: 'Save it as .xlsx or .csv in Excel/WPS' },
  },
  'encoding-error': {
    severity: 'error',
    title: { zh: '文件编码无法识别', en: 'Unreadable text encoding' },
    message: {
      zh: (d) => `${zhAt(d)}含有无法按${param(d, 'encoding') || '所识别编码'}解读的字节`,
      en: (d) => `${enAt(d)}bytes that are not valid ${param(d, 'encoding') || 'text in the detected encoding'}`,
    },
    hint: { zh: '文件不是 GBK/UTF-8 编码？请用 --encoding 指定', en: 'Not GBK/UTF-8 encoded? Pass --encoding' },
  },
  'unknown-encoding': {
    severity: 'error',
    title: { zh: '不支持的编码', en: 'Unknown encoding' },
    message: {
      zh: (d) => `不支持编码${zhValue(d)}`,
      en: (d) => `Unknown encoding ${enValue(d)}`,
    },
    hint: { zh: '可用 --encoding utf-8、gbk、gb18030 或 utf-16le', en: 'Use --encoding utf-8, gbk, gb18030 or utf-16le' },
  },
  'ambiguous-input': {
    severity: 'error',
    title: { zh: '同一张表有多个文件', en: 'Several files for one table' },
    message: {
      zh: (d) => `${zhTable(d) || '同一张表'}有多个候选文件：${d.value ?? ''}`,
      en: (d) => `Several files could be the ${enTable(d) || 'same'} table: ${d.value ?? ''}`,
    },
    hint: {
      zh: '请只保留一个，或用 --census/--facilities/--visits 指定文件',
      en: 'Keep only one, or name the file with --census/--facilities/--visits',
    },
  },
  'repeated-input': {
    severity: 'error',
    title: { zh: '同一文件给出了两次', en: 'One file given twice' },
    message: {
      zh: (d) => `${zhValue(d)}在多份报送中重复出现（${param(d, 'submissions')}）`,
      en: (d) => `${enValue(d)} is part of more than one submission (${param(d, 'submissions')})`,
    },
    hint: {
      zh: '每份报送（目录或工作簿）只给一次，同一文件不能属于两份报送',
      en: 'Give each submission (folder or workbook) once; a file cannot belong to two submissions',
    },
  },
  'unreadable-row': {
    severity: 'error',
    title: { zh: '该行无法读取', en: 'Row cannot be read' },
    message: {
      zh: (d) => `${zhAt(d)}无法读取${d.value ? `（${d.value}）` : ''}`,
      en: (d) => `${enAt(d)}cannot be read${d.value ? ` (${d.value})` : ''}`,
    },
    hint: { zh: '请在 Excel/WPS 中打开该行检查引号和分隔符', en: 'Open the row in Excel/WPS and check its quotes and separators' },
  },
  'empty-file': {
    severity: 'error',
    title: { zh: '文件为空', en: 'Empty file' },
    message: {
      zh: (d) => `${zhTable(d) || '文件'}没有表头和数据`,
      en: (d) => `The ${enTable(d) || 'file'} has no header and no data`,
    },
    hint: { zh: '请确认导出的文件包含表头和数据', en: "Check that the exported file holds a header and data rows" },
  },
  'sheet-not-found': {
    severity: 'error',
    title: { zh: '找不到工作表', en: 'Sheet not found' },
    message: {
      // Three cases: no table at all (value = the sheets there), no sheet for one table, no sheet of the name asked for.
      zh: (d) =>
        d.params?.expected
          ? `工作簿中没有人口、机构或服务记录工作表；现有工作表：${d.value ?? ''}`
          : d.table && d.value === d.table
            ? `工作簿中没有${zhTable(d)}的工作表${d.params?.sheets ? `；现有工作表：${d.params.sheets}` : ''}`
            : `工作簿中没有工作表${zhValue(d)}${d.params?.sheets ? `；现有工作表：${d.params.sheets}` : ''}`,
      en: (d) =>
        d.params?.expected
          ? `The workbook has no census, facilities or visits sheet; its sheets: ${d.value ?? ''}`
          : d.table && d.value === d.table
            ? `The workbook has no ${enTable(d)} sheet${d.params?.sheets ? `; its sheets: ${d.params.sheets}` : ''}`
            : `The workbook has no sheet ${enValue(d)}${d.params?.sheets ? `; its sheets: ${d.params.sheets}` : ''}`,
    },
    hint: {
      zh: '工作表名应包含 census/人口、facilities/机构、visits/服务记录，或表头与模板一致；只含一张表的工作簿可用 --sheet 指定',
      en: 'Put the table’s word in the sheet name (census, facilities, visits or 人口, 机构, 服务记录) or use the template’s headers; for a workbook of one table, pass --sheet',
    },
  },
  'binary-to-terminal': {
    severity: 'error',
    title: { zh: '不能把 xlsx 输出到终端', en: 'An xlsx cannot be shown in a terminal' },
    message: {
      zh: () => 'xlsx 是二进制文件，不能直接显示在终端中',
      en: () => 'an xlsx is a binary file and cannot be shown in a terminal',
    },
    hint: { zh: '请用 --out 报告.xlsx 写入文件', en: 'Write it to a file with --out report.xlsx' },
  },
  'output-not-writable': {
    severity: 'error',
    title: { zh: '无法写入输出文件', en: 'Cannot write the output' },
    message: {
      zh: (d) => `无法写入输出文件${zhValue(d)}${whyNotWritable(d, 'zh')}`,
      en: (d) => `Cannot write the output ${enValue(d)}${whyNotWritable(d, 'en')}`,
    },
    hint: { zh: '请用 --out 指定一个已存在且可写的目录中的路径', en: 'Give --out a path inside a folder that exists and can be written to' },
  },
  'output-is-input': {
    severity: 'error',
    title: { zh: '输出会覆盖输入文件', en: 'Output would overwrite an input' },
    message: {
      zh: (d) => `输出文件${zhValue(d)}是输入文件，不会覆盖`,
      en: (d) => `The output ${enValue(d)} is one of the inputs; it is never overwritten`,
    },
    hint: { zh: '请用 --out 指定另一个文件名', en: 'Pass another file name to --out' },
  },
  'unclosed-quote': {
    severity: 'error',
    title: { zh: '引号未闭合', en: 'Unclosed quote' },
    message: {
      zh: (d) => `${zhAt(d)}有未闭合的引号，其后的内容无法按行读取`,
      en: (d) => `${enAt(d)}a quote is never closed, so the rest cannot be read row by row`,
    },
    hint: { zh: '请检查该行单元格中的英文双引号', en: 'Check the double quotes in that row' },
  },
  'cell-too-large': {
    severity: 'error',
    title: { zh: '单元格内容过长', en: 'Cell too large' },
    message: {
      zh: (d) => `${zhAt(d)}单元格内容超过${param(d, 'limit') || '上限'}个字符`,
      en: (d) => `${enAt(d)}the cell is longer than ${param(d, 'limit') || 'the limit of'} characters`,
    },
  },
  'too-many-columns': {
    severity: 'error',
    title: { zh: '列数过多', en: 'Too many columns' },
    message: {
      zh: (d) => `${zhAt(d)}列数超过${param(d, 'limit') || '上限'}`,
      en: (d) => `${enAt(d)}more than ${param(d, 'limit') || 'the allowed number of'} columns`,
    },
  },
  'too-many-rows': {
    severity: 'error',
    title: { zh: '行数过多', en: 'Too many rows' },
    message: {
      zh: (d) => `${zhTable(d) || '文件'}行数超过${param(d, 'limit') || '上限'}，其余行未读取`,
      en: (d) => `The ${enTable(d) || 'file'} has more than ${param(d, 'limit') || 'the allowed number of'} rows; the rest was not read`,
    },
  },
  'invalid-period': {
    severity: 'error',
    title: { zh: '期间无效', en: 'Invalid period' },
    message: {
      zh: (d) => `期间${zhValue(d)}无效`,
      en: (d) => `Invalid period ${enValue(d)}`,
    },
    hint: { zh: '期间写作年份（2025）或年份加季度（2025Q2）', en: 'Write a year (2025) or a year and quarter (2025Q2)' },
  },
  'period-required': {
    severity: 'error',
    title: { zh: '需要指定期间', en: 'Period required' },
    message: {
      zh: () => '没有服务记录也没有人口年份，无法确定统计期间',
      en: () => 'No service records and no census year to take the period from',
    },
    hint: { zh: '请用 --period 指定，如 --period 2025Q2', en: 'Pass --period, e.g. --period 2025Q2' },
  },
  'invalid-plan': {
    severity: 'error',
    title: { zh: '目标方案文件无效', en: 'Invalid plan file' },
    message: {
      zh: (d) =>
        d.params?.expectedZh !== undefined
          ? `方案文件${d.file ? `「${d.file}」` : ''}${d.row !== null ? `第${d.row}行` : ''}${d.params?.column !== undefined ? `第${param(d, 'column')}列` : ''}${d.value ? `「${d.value}」` : ''}：应为${param(d, 'expectedZh')}${d.params?.found !== undefined ? `，实际为 ${param(d, 'found')}` : ''}`
          : `方案文件${d.file ? `「${d.file}」` : ''}无效：${d.value ?? param(d, 'detail')}`,
      en: (d) =>
        d.params?.expectedEn !== undefined
          ? `Plan file${d.file ? ` ${d.file}` : ''}${d.row !== null ? `, line ${d.row}` : ''}${d.params?.column !== undefined ? `, column ${param(d, 'column')}` : ''}${d.value ? `, “${d.value}”` : ''}: expected ${param(d, 'expectedEn')}${d.params?.found !== undefined ? `, found ${d.params?.foundEn ?? param(d, 'found')}` : ''}`
          : `Invalid plan file${d.file ? ` ${d.file}` : ''}: ${d.value ?? param(d, 'detail')}`,
    },
    hint: { zh: '格式见 README「方案文件」及 schema/plan.schema.json；指标编号见 tuoyu indicators', en: 'The format is in the README (Plan files) and schema/plan.schema.json; tuoyu indicators lists the ids' },
  },
  'not-a-report': {
    severity: 'error',
    title: { zh: '不是 tuoyu 报告', en: 'Not a tuoyu report' },
    message: {
      zh: (d) => `${d.file ? `「${d.file}」` : '文件'}不是 tuoyu 的 JSON 报告：${d.value ?? param(d, 'detail')}`,
      en: (d) => `${d.file ?? 'The file'} is not a tuoyu JSON report: ${d.value ?? param(d, 'detail')}`,
    },
    hint: { zh: '请使用 tuoyu report --format json 生成的文件', en: 'Use files written by `tuoyu report --format json`' },
  },
  'plan-mismatch': {
    severity: 'error',
    title: { zh: '报告的目标方案不一致', en: 'Reports follow different plans' },
    message: {
      zh: (d) => `报告使用了不同的目标方案：${d.value ?? ''}`,
      en: (d) => `The reports follow different plans: ${d.value ?? ''}`,
    },
    hint: { zh: '请用同一方案重新生成各期报告', en: 'Produce every report with the same plan' },
  },
  'duplicate-period': {
    severity: 'error',
    title: { zh: '期间重复', en: 'Period repeated' },
    message: {
      zh: (d) => `两份报告覆盖同一期间：${d.value ?? ''}`,
      en: (d) => `Two reports cover the same period: ${d.value ?? ''}`,
    },
    hint: { zh: '每个期间只保留一份报告', en: 'Keep one report per period' },
  },
  'trend-areas-missing': {
    severity: 'error',
    title: { zh: '报告中没有所需层级的地区', en: 'Reports hold no areas of that level' },
    message: {
      zh: (d) => `--by ${d.value ?? ''}：所给报告中没有${param(d, 'level') === 'street' ? '乡镇（街道）' : '区县'}一级的地区`,
      en: (d) => `--by ${d.value ?? ''}: none of the reports holds ${param(d, 'level') === 'street' ? 'township/street' : 'district'} rows`,
    },
    hint: {
      zh: '请用 tuoyu report --by street（或 --by district）--format json 重新生成各期报告',
      en: 'Produce the reports with `tuoyu report --by street` (or `--by district`) `--format json`',
    },
  },
  'internal-error': {
    severity: 'error',
    title: { zh: '内部错误', en: 'Internal error' },
    message: {
      zh: (d) => `tuoyu 内部错误：${d.value ?? ''}`,
      en: (d) => `Internal error in tuoyu: ${d.value ?? ''}`,
    },
    hint: { zh: '这是程序缺陷，请附上命令和数据样例反馈', en: 'This is a bug; please report it with the command and a data sample' },
  },
  'sheet-option-unused': {
    severity: 'error',
    title: { zh: '--sheet 无处可用', en: '--sheet applies to nothing' },
    message: {
      zh: (d) => d.params?.submissions !== undefined
        ? `--sheet ${d.value ?? ''} 只用于一份报送，本次有 ${param(d, 'submissions')} 份；各份报送的工作表按表名或表头查找`
        : `--sheet ${d.value ?? ''} 只用于只含一张表的工作簿，但本次输入中没有这样的工作簿`,
      en: (d) => d.params?.submissions !== undefined
        ? `--sheet ${d.value ?? ''} applies to one submission, and ${param(d, 'submissions')} are given; each submission's sheets are found by their names or headers`
        : `--sheet ${d.value ?? ''} picks the sheet of a workbook holding one table, and no input is such a workbook`,
    },
    hint: { zh: '例如：--census 人口.xlsx --sheet 2025年', en: 'For example: --census census.xlsx --sheet 2025' },
  },

  // ------------------------------------------------------------ headers
  'missing-column': {
    severity: 'error',
    title: { zh: '缺少必填列', en: 'Required column missing' },
    message: {
      zh: (d) => `${zhTable(d)}缺少必填列「${d.column ?? ''}${d.params?.zh ? `（${d.params.zh}）` : ''}」，该表无法使用`,
      en: (d) => `The ${enTable(d)} table has no column “${d.column ?? ''}”${d.params?.zh ? ` (${d.params.zh})` : ''}; the table cannot be used`,
    },
    hint: { zh: '可用 tuoyu template 生成带正确表头的模板', en: 'Run `tuoyu template` for files with the right headers' },
  },
  'duplicate-column': {
    severity: 'error',
    title: { zh: '列重复', en: 'Column repeated' },
    message: {
      zh: (d) => `表头「${param(d, 'first')}」和「${d.column ?? ''}」都对应列「${param(d, 'id')}」，该表无法使用`,
      en: (d) => `Headers “${param(d, 'first')}” and “${d.column ?? ''}” both mean “${param(d, 'id')}”; the table cannot be used`,
    },
    hint: { zh: '请删除或重命名其中一列', en: 'Delete or rename one of them' },
  },
  'unknown-column': {
    severity: 'warning',
    title: { zh: '未知列', en: 'Unknown column' },
    message: {
      zh: (d) => `${d.row !== null ? `第${d.row}行表头中的` : ''}列${d.column ? `「${d.column}」` : ''}${d.cell ? `（${d.cell}）` : ''}不是${zhTable(d)}的已知列，已忽略${zhSuggestion(d)}`,
      en: (d) => `${d.row !== null ? `Row ${d.row}: column` : 'Column'} ${d.column ? `“${d.column}”` : ''}${d.cell ? ` (${d.cell})` : ''} is not a known ${enTable(d)} column; it is ignored${enSuggestion(d)}`,
    },
    hint: { zh: '如是拼写不同，请改为模板中的列名', en: 'If it is a spelling variant, rename it as in the template' },
  },
  'extra-cells': {
    severity: 'error',
    title: { zh: '表头之外有数据', en: 'Cells beyond the header' },
    message: {
      zh: (d) =>
        `${d.row !== null ? `第${isGroup(d) ? d.rows.slice(0, ROWS_IN_MESSAGE).join('、') : d.row}行${isGroup(d) && d.count > ROWS_IN_MESSAGE ? `等共${d.count}行` : ''}` : ''}${d.column ? `${d.column}列` : ''}${d.params?.headerless ? '没有表头' : '在表头之外'}，却有内容${zhValue(d)}`,
      en: (d) =>
        `${d.row !== null ? `${isGroup(d) ? `Rows ${d.rows.slice(0, ROWS_IN_MESSAGE).join(', ')}${d.count > ROWS_IN_MESSAGE ? ` (${d.count} in all)` : ''}` : `Row ${d.row}`}, ` : ''}${d.column ? `column ${d.column}` : 'a cell'} ${d.params?.headerless ? 'has no header' : 'is beyond the last header column'} but holds ${enValue(d)}`,
    },
    hint: { zh: '可能是单元格内有未加引号的逗号，或缺少表头', en: 'An unquoted comma inside a cell, or a missing header?' },
  },

  // ------------------------------------------------------------ values
  'missing-value': {
    severity: 'error',
    title: { zh: '缺少必填值', en: 'Required value missing' },
    message: {
      zh: (d) => `${zhAt(d)}为必填项，但为空${d.params?.when ? `（${d.params.when === 'outreach' ? '进社区进家庭指导' : '非进社区进家庭指导的服务'}必填）` : ''}`,
      en: (d) => `${enAt(d)}required${d.params?.when ? (d.params.when === 'outreach' ? ' for outreach' : ' unless the kind is outreach') : ''}, but empty`,
    },
    hint: { zh: '请填写该单元格', en: "Fill in the cell" },
  },
  'not-integer': {
    severity: 'error',
    title: { zh: '不是整数', en: 'Not a whole number' },
    message: {
      zh: (d) => `${zhAt(d)}${zhScaledRule(d) ?? '应为整数'}，实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}${enScaledRule(d) ?? 'expected a whole number'}, found ${enValue(d)}`,
    },
    hint: {
      zh: '只填数字，如 100 或 1,234，不要写文字；小数只用于表头带单位的列（如「常住人口（万人）」填 12.35），换算后须为整数',
      en: 'Digits only, e.g. 100 or 1,234, no words; decimals only under a header with a unit (12.35 under 常住人口（万人）), and they must scale to a whole number',
    },
  },
  'negative-number': {
    severity: 'error',
    title: { zh: '负数', en: 'Negative number' },
    message: {
      zh: (d) => `${zhAt(d)}不能为负数，实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}cannot be negative, found ${enValue(d)}`,
    },
    hint: { zh: '请填0或正整数', en: "Use 0 or a positive whole number" },
  },
  'invalid-date': {
    severity: 'error',
    title: { zh: '日期无效', en: 'Invalid date' },
    message: {
      zh: (d) => `${zhAt(d)}应为有效日期（如2025-03-07），实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}expected a real date such as 2025-03-07, found ${enValue(d)}`,
    },
    hint: { zh: '日期写作 2025-03-07、2025/3/7 或 2025年3月7日', en: 'Write dates as 2025-03-07, 2025/3/7 or 2025年3月7日' },
  },
  'ambiguous-date': {
    severity: 'error',
    title: { zh: '日期有歧义', en: 'Ambiguous date' },
    message: {
      zh: (d) => `${zhAt(d)}日期${zhValue(d)}无法判断是“月/日/年”还是“日/月/年”`,
      en: (d) => `${enAt(d)}${enValue(d)} could be month/day/year or day/month/year`,
    },
    hint: { zh: '请写作 年-月-日，如 2025-03-07', en: 'Write year-month-day, e.g. 2025-03-07' },
  },
  'invalid-boolean': {
    severity: 'error',
    title: { zh: '不是“是/否”', en: 'Not yes/no' },
    message: {
      zh: (d) => `${zhAt(d)}应为“是”或“否”，实际为${zhValue(d)}${zhSuggestion(d)}`,
      en: (d) => `${enAt(d)}expected yes or no, found ${enValue(d)}${enSuggestion(d)}`,
    },
    hint: { zh: '可填 是/否、Y/N、1/0、√/×', en: 'Use 是/否, yes/no, Y/N, 1/0 or √/×' },
  },
  'invalid-score': {
    severity: 'error',
    title: { zh: '不是分数', en: 'Not a score' },
    message: {
      zh: (d) => `${zhAt(d)}应为分数（数字，最多一位小数），实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}expected a score (a number with at most one decimal), found ${enValue(d)}`,
    },
    hint: { zh: '只填数字，如 85 或 85.5；不要写文字或两位小数', en: 'Digits only, e.g. 85 or 85.5; no words, no second decimal' },
  },
  'score-out-of-range': {
    severity: 'error',
    title: { zh: '得分超出范围', en: 'Score out of range' },
    message: {
      zh: (d) => `${zhAt(d)}得分${zhValue(d)}不在0–${param(d, 'max')}分之间`,
      en: (d) => `${enAt(d)}score ${enValue(d)} is not between 0 and ${param(d, 'max')}`,
    },
    hint: {
      zh: '各维度满分：办托条件100、托育队伍140、保育照护200、卫生保健210、养育支持80、安全保障200、机构管理70（WS/T 821—2023）',
      en: 'Maximum per dimension: conditions 100, staff 140, care 200, health 210, family_support 80, safety 200, management 70 (WS/T 821—2023)',
    },
  },
  'invalid-enum': {
    severity: 'error',
    title: { zh: '取值不在可选范围内', en: 'Not one of the allowed values' },
    message: {
      zh: (d) => `${zhAt(d)}取值${zhValue(d)}不在可选范围内${d.params?.allowed ? `（可选：${d.params.allowed}）` : ''}${zhSuggestion(d)}`,
      en: (d) => `${enAt(d)}${enValue(d)} is not an allowed value${d.params?.allowed ? ` (allowed: ${d.params.allowed})` : ''}${enSuggestion(d)}`,
    },
    hint: { zh: '请从模板的下拉列表中选择', en: "Pick one of the allowed values (the template has a dropdown)" },
  },
  'invalid-area-code': {
    severity: 'error',
    title: { zh: '区划代码格式错误', en: 'Malformed area code' },
    message: {
      zh: (d) => `${zhAt(d)}应为6、9或12位数字的统计用区划代码，实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}expected a 6-, 9- or 12-digit statistical area code, found ${enValue(d)}`,
    },
    hint: { zh: '代码只含数字；在 Excel 中请将该列设为文本，以免丢失位数', en: 'Digits only; format the column as text in Excel so no digits are lost' },
  },
  'invalid-year': {
    severity: 'error',
    title: { zh: '年份无效', en: 'Invalid year' },
    message: {
      zh: (d) => `${zhAt(d)}应为四位年份，实际为${zhValue(d)}`,
      en: (d) => `${enAt(d)}expected a four-digit year, found ${enValue(d)}`,
    },
    hint: { zh: '年份写作四位数字，如 2025', en: "Write the year as four digits, e.g. 2025" },
  },

  // ------------------------------------------------------------ rows and cross-row rules
  'duplicate-id': {
    severity: 'error',
    title: { zh: '编号重复', en: 'Duplicate id' },
    message: {
      zh: (d) => `${zhAt(d)}${zhValue(d)}与${d.params?.firstRow !== undefined ? zhEarlier(d) : '前面的行'}重复，${isGroup(d) ? '这些行' : '本行'}未采用`,
      en: (d) => `${enAt(d)}${enValue(d)} repeats ${d.params?.firstRow !== undefined ? enEarlier(d) : 'an earlier row'}; ${isGroup(d) ? 'these rows are' : 'this row is'} not used`,
    },
    hint: { zh: '每个编号只能出现一次；如是同一条记录，请删除重复的行', en: "Each id may appear once; if it is the same record, delete the repeated row" },
  },
  'duplicate-row': {
    severity: 'warning',
    title: { zh: '重复行', en: 'Duplicate row' },
    message: {
      zh: (d) => `${zhAt(d)}与${d.params?.firstRow !== undefined ? zhEarlier(d) : '之前的某一行'}完全相同${isGroup(d) ? '（各行分别重复前面的某一行）' : ''}`,
      en: (d) => `${enAt(d)}identical to ${d.params?.firstRow !== undefined ? enEarlier(d) : 'an earlier row'}${isGroup(d) ? ' (each repeats an earlier row)' : ''}`,
    },
    hint: { zh: '如确为两次服务，请填写记录编号加以区分', en: 'If these are two services, give each a record_id' },
  },
  // SPEC §8: several submissions of one city, read as one table each.
  'duplicate-across-submissions': {
    severity: 'info',
    title: { zh: '多份报送中的相同行', en: 'Same row in two submissions' },
    message: {
      zh: (d) => `${zhAt(d)}${zhValue(d)}与另一份报送${zhEarlier(d)}内容相同，只计一次${isGroup(d) ? '（这些行不再重复计入）' : '（本行不再重复计入）'}`,
      en: (d) => `${enAt(d)}${enValue(d)} is the same as ${enEarlier(d)} in another submission and is counted once (${isGroup(d) ? 'these rows are' : 'this row is'} not counted again)`,
    },
    hint: {
      zh: '同一行出现在两份报送中（如全市人口表与区县报送各有一份），按一行计算；不需要改动',
      en: 'One row sent in two submissions (say, the city census and a district folder) is counted once; nothing to change',
    },
  },
  'conflicting-submissions': {
    severity: 'error',
    title: { zh: '多份报送内容冲突', en: 'Submissions disagree' },
    message: {
      zh: (d) =>
        d.params?.firstRejected !== undefined
          ? `${zhAt(d)}${zhValue(d)}已见于另一份报送${zhEarlier(d)}，该行有错误未采用，两行不能视为同一条；${isGroup(d) ? '这些行' : '本行'}未采用`
          : `${zhAt(d)}${zhValue(d)}已见于另一份报送${zhEarlier(d)}，但内容不同${d.params?.columns ? `（${param(d, 'columns').split(', ').join('、')}）` : ''}；以先读入的一份为准，${isGroup(d) ? '这些行' : '本行'}未采用`,
      en: (d) =>
        d.params?.firstRejected !== undefined
          ? `${enAt(d)}${enValue(d)} is also in ${enEarlier(d)} of another submission, which was rejected for its own errors, so the two cannot be taken as one; ${isGroup(d) ? 'these rows are' : 'this row is'} not used`
          : `${enAt(d)}${enValue(d)} is also in ${enEarlier(d)} of another submission, with different values${d.params?.columns ? ` (${param(d, 'columns')})` : ''}; the submission read first counts and ${isGroup(d) ? 'these rows are' : 'this row is'} not used`,
    },
    hint: {
      zh: '同一编号（或同一区划和年份）在各份报送中应完全一致：请核对两行，改正有误的一份，或从不该报送它的一份中删除',
      en: 'An id (or an area and year) must read the same in every submission: check both rows, correct the wrong one, or remove it from the submission that should not carry it',
    },
  },
  'unknown-area': {
    severity: 'error',
    title: { zh: '区划代码不在人口表中', en: 'Area not in the census' },
    message: {
      zh: (d) => `${zhAt(d)}区划代码${zhValue(d)}${zhWhyUnknownArea(d)}${zhSuggestion(d)}`,
      en: (d) => `${enAt(d)}area code ${enValue(d)}${enWhyUnknownArea(d)}${enSuggestion(d)}`,
    },
    hint: { zh: '请核对代码，或在人口表中补充或改正该区划的行', en: 'Check the code, or add or correct the area’s row in the census' },
  },
  'unknown-facility': {
    severity: 'error',
    title: { zh: '机构不在机构表中', en: 'Facility not listed' },
    message: {
      zh: (d) => `${zhAt(d)}机构编码${zhValue(d)}不在机构表中${zhSuggestion(d)}`,
      en: (d) => `${enAt(d)}facility ${enValue(d)} is not in the facilities table${enSuggestion(d)}`,
    },
    hint: { zh: '请核对编码，或在机构表中补充该机构', en: 'Check the id, or add the facility to the registry' },
  },
  'visit-before-birth': {
    severity: 'error',
    title: { zh: '服务日期早于出生日期', en: 'Service before birth' },
    message: {
      zh: (d) => `${zhAt(d)}出生日期${zhValue(d)}晚于服务日期${param(d, 'date')}`,
      en: (d) => `${enAt(d)}birth date ${enValue(d)} is after the service date ${param(d, 'date')}`,
    },
    hint: { zh: '请核对服务日期和出生日期', en: "Check the service date and the birth date" },
  },
  'closed-before-opened': {
    severity: 'error',
    title: { zh: '停办日期不晚于开办日期', en: 'Closed before opened' },
    message: {
      zh: (d) => `${zhAt(d)}停办日期${zhValue(d)}不晚于开办日期${param(d, 'opened')}`,
      en: (d) => `${enAt(d)}closing date ${enValue(d)} is not after the opening date ${param(d, 'opened')}`,
    },
    hint: { zh: '请核对开办日期和停办日期', en: "Check the opening and closing dates" },
  },
  'classes-new-exceeds-total': {
    severity: 'error',
    title: { zh: '新增托班数超过托班数', en: 'More new classes than classes' },
    message: {
      zh: (d) => `${zhAt(d)}本年新增托班数${zhValue(d)}大于托班数${param(d, 'total')}`,
      en: (d) => `${enAt(d)}toddler classes added this year (${enValue(d)}) exceed the toddler classes in all (${param(d, 'total')})`,
    },
    hint: { zh: '本年新增托班数包含在托班数中，不能多于托班数', en: "New classes are part of the classes, so they cannot be more" },
  },
  'census-subtotal-mismatch': {
    severity: 'error',
    title: { zh: '小计与明细之和不符', en: 'Subtotal does not add up' },
    message: {
      zh: (d) => `${zhAt(d)}小计为${param(d, 'subtotal')}，下级明细合计为${param(d, 'sum')}`,
      en: (d) => `${enAt(d)}the subtotal is ${param(d, 'subtotal')} but the rows beneath it add up to ${param(d, 'sum')}`,
    },
    hint: { zh: '请核对小计行或其下级各行', en: 'Check the subtotal row or the rows beneath it' },
  },
  'total-row-skipped': {
    severity: 'info',
    title: { zh: '合计行已跳过', en: 'Total row skipped' },
    message: {
      zh: (d) => `${zhAt(d)}合计行${zhValue(d)}不参与计算，仅用于核对`,
      en: (d) => `${enAt(d)}total row ${enValue(d)} is only checked, not added in`,
    },
  },
  'census-year-fallback': {
    severity: 'warning',
    title: { zh: '使用往年人口数据', en: 'Earlier census year used' },
    message: {
      zh: (d) => `没有${param(d, 'year')}年的人口数据，使用${param(d, 'used')}年的数据`,
      en: (d) => `No census for ${param(d, 'year')}; the census of ${param(d, 'used')} is used`,
    },
    hint: { zh: '请补充该年的人口数据，或用 --period 选择有人口数据的年份', en: "Add that year's census, or choose a year that has one with --period" },
  },
  'census-year-missing': {
    severity: 'error',
    title: { zh: '缺少该年人口数据', en: 'No census for the year' },
    message: {
      zh: (d) => `没有${param(d, 'year')}年或更早年份的人口数据`,
      en: (d) => `No census for ${param(d, 'year')} or any earlier year`,
    },
    hint: { zh: '请在人口表中补充该年（或更早年份）的数据，或用 --period 选择其他年份', en: "Add that year's (or an earlier year's) census, or choose another year with --period" },
  },
  'inconsistent-birth-date': {
    severity: 'warning',
    title: { zh: '出生日期前后不一致', en: 'Birth date differs between records' },
    message: {
      zh: (d) => `${zhAt(d)}儿童${param(d, 'child')}的出生日期${zhValue(d)}与之前记录的${param(d, 'first')}不同，按各条记录自身的日期计算年龄`,
      en: (d) => `${enAt(d)}child ${param(d, 'child')} was born on ${enValue(d)} here but on ${param(d, 'first')} in an earlier record; each record's own date is used for its age`,
    },
    hint: { zh: '请核对该儿童各条记录的出生日期', en: "Check the child's birth date in each of its records" },
  },
  'numerator-exceeds-denominator': {
    severity: 'warning',
    title: { zh: '分子大于分母', en: 'Numerator exceeds denominator' },
    message: {
      zh: (d) =>
        `${zhIndicatorArea(d)}的「${param(d, 'indicatorZh') || param(d, 'indicator')}」分子大于分母：` +
        `${param(d, 'numerator')}${zhTerm(d, 'numeratorZh')} > ${param(d, 'denominator')}${zhTerm(d, 'denominatorZh')}，超过100%`,
      en: (d) =>
        `${param(d, 'indicatorEn') || param(d, 'indicator')}${d.params?.indicatorZh ? ` (${param(d, 'indicatorZh')})` : ''} in ${enIndicatorArea(d)}: ` +
        `numerator ${param(d, 'numerator')}${enTerm(d, 'numeratorEn')} exceeds denominator ${param(d, 'denominator')}${enTerm(d, 'denominatorEn')}`,
    },
    hint: {
      zh: '请核对人口表中该地区的婴幼儿数（分母）是否偏低或过时，以及服务记录中这些儿童的地区代码和出生日期（分子）是否填对',
      en: "Check the census's count of young children for this area (the denominator): low or out of date? Then the area codes and birth dates of these children in the records (the numerator)",
    },
  },
  // ------------------------------------------------------------ plausibility (SPEC §5)
  'future-date': {
    severity: 'error',
    title: { zh: '日期在未来', en: 'Date in the future' },
    message: {
      zh: (d) =>
        d.params?.limit !== undefined
          ? `${zhAt(d)}日期${zhValue(d)}晚于一年后的今天（${param(d, 'limit')}）`
          : `${zhAt(d)}日期${zhValue(d)}晚于今天（${param(d, 'today')}）`,
      en: (d) =>
        d.params?.limit !== undefined
          ? `${enAt(d)}${enValue(d)} is more than a year after today (later than ${param(d, 'limit')})`
          : `${enAt(d)}${enValue(d)} is after today (${param(d, 'today')})`,
    },
    hint: { zh: '请核对年份，是否打错了数字', en: 'Check the year for a mistyped digit' },
  },
  'implausible-date': {
    severity: 'error',
    title: { zh: '日期不合常理', en: 'Implausible date' },
    message: {
      zh: (d) =>
        d.params?.date !== undefined
          ? `${zhAt(d)}出生日期${zhValue(d)}比服务日期${param(d, 'date')}早7年以上，不是3岁以下婴幼儿的记录`
          : `${zhAt(d)}日期${zhValue(d)}早于1949-10-01`,
      en: (d) =>
        d.params?.date !== undefined
          ? `${enAt(d)}birth date ${enValue(d)} is more than 7 years before the service date ${param(d, 'date')}: not a child under three`
          : `${enAt(d)}${enValue(d)} is before 1949-10-01`,
    },
    hint: { zh: '请核对年份，是否打错了数字', en: 'Check the year for a mistyped digit' },
  },
  'unit-scaled': {
    severity: 'info',
    title: { zh: '按表头单位换算', en: 'Values scaled by the header unit' },
    message: {
      zh: (d) => `表头「${d.column ?? ''}」${d.cell ? `（${d.cell}）` : ''}的单位为「${param(d, 'unit')}」，该列数值已乘以${param(d, 'factor')}`,
      en: (d) => `Header “${d.column ?? ''}”${d.cell ? ` (${d.cell})` : ''} is in ${param(d, 'unit')}: its values are multiplied by ${param(d, 'factor')}`,
    },
  },
  'unknown-unit': {
    severity: 'error',
    title: { zh: '无法识别的单位', en: 'Unknown unit' },
    message: {
      zh: (d) => `表头「${d.column ?? ''}」${d.cell ? `（${d.cell}）` : ''}的单位「${param(d, 'unit')}」无法识别，该列无法使用`,
      en: (d) => `Header “${d.column ?? ''}”${d.cell ? ` (${d.cell})` : ''} has a unit tuoyu does not know (“${param(d, 'unit')}”); the column cannot be used`,
    },
    hint: {
      zh: '单位可写 人、个、家、次、所、名，或按 万人、千人、百人 换算；也可删去括号中的单位',
      en: 'Use 人, 个, 家, 次, 所 or 名, or the scaled 万人, 千人, 百人; or drop the unit in brackets',
    },
  },
  'implausible-census': {
    severity: 'warning',
    title: { zh: '人口数据不合常理', en: 'Implausible census numbers' },
    message: {
      zh: (d) =>
        d.params?.share !== undefined
          ? `${zhAt(d)}3岁以下婴幼儿${param(d, 'children')}人占常住人口${zhValue(d)}的${param(d, 'share')}%，不在0.1%–10%之间`
          : `${zhAt(d)}${zhValue(d)}大于常住人口${param(d, 'population')}`,
      en: (d) =>
        d.params?.share !== undefined
          ? `${enAt(d)}${param(d, 'children')} children under three are ${param(d, 'share')} % of the ${enValue(d)} residents, outside 0.1 %–10 %`
          : `${enAt(d)}${enValue(d)} is more than the population ${param(d, 'population')}`,
    },
    hint: { zh: '请核对人数及表头单位（如常住人口是否以万人计）', en: 'Check the numbers and the header units (is the population in 万人?)' },
  },
  'implausible-slots': {
    severity: 'warning',
    title: { zh: '托位数异常多', en: 'Implausibly many slots' },
    message: {
      zh: (d) => `${zhAt(d)}单个机构托位数${zhValue(d)}超过1000`,
      en: (d) => `${enAt(d)}${enValue(d)} slots in one facility is more than 1,000`,
    },
    hint: { zh: '请核对是否多打了数字', en: 'Check for an extra digit' },
  },
  'new-community-slots-out-of-range': {
    severity: 'warning',
    title: { zh: '新增社区普惠机构托位数不在50–80之间', en: 'New community facility outside 50–80 slots' },
    message: {
      zh: (d) => `${zhAt(d)}${param(d, 'year')}年新开办的社区普惠托育机构托位数为${zhValue(d)}，方案要求50–80个`,
      en: (d) => `${enAt(d)}a community inclusive facility opened in ${param(d, 'year')} has ${enValue(d)} slots; the plan asks for 50–80`,
    },
    hint: {
      zh: '方案：每年新增至少1家社区普惠托育机构，提供普惠托位50-80个；请核对托位数',
      en: 'The plan: at least one new community inclusive facility a year, with 50–80 inclusive slots; check the slots',
    },
  },
  'output-exists': {
    severity: 'error',
    title: { zh: '文件已存在', en: 'File exists' },
    message: {
      zh: (d) => `文件${zhValue(d)}已存在，不会覆盖${d.params?.more ? `（另有${param(d, 'more')}个文件也已存在）` : ''}`,
      en: (d) => `${enValue(d)} already exists and is not overwritten${d.params?.more ? ` (and ${param(d, 'more')} more)` : ''}`,
    },
    hint: { zh: '用 --out 指定另一个目录，或加 --force 覆盖', en: 'Pass another folder to --out, or --force to overwrite' },
  },
  'unsupported-output': {
    severity: 'error',
    title: { zh: '不支持的输出文件类型', en: 'Unsupported output file type' },
    message: {
      zh: (d) =>
        d.params?.format !== undefined
          ? `输出文件${zhValue(d)}的扩展名是 ${param(d, 'format')} 以外的格式，与 --format ${param(d, 'format')} 不符；可写出的扩展名：${param(d, 'extensions')}`
          : `不能写出${zhValue(d)}这种文件；可写出的扩展名：${param(d, 'extensions')}`,
      en: (d) =>
        d.params?.format !== undefined
          ? `The output ${enValue(d)} has an extension for another format than --format ${param(d, 'format')}; extensions written: ${param(d, 'extensions')}`
          : `Cannot write a file like ${enValue(d)}; extensions written: ${param(d, 'extensions')}`,
    },
  },
  'issues-truncated': {
    severity: 'info',
    title: { zh: '问题过多未全部列出', en: 'Issues not all listed' },
    hint: { zh: '用 --max-issues 0 列出全部', en: 'Pass --max-issues 0 to list them all' },
    message: {
      zh: (d) =>
        d.params?.groups === undefined
          ? `${d.file ? `「${d.file}」中` : ''}还有${param(d, 'count')}处「${param(d, 'code')}」问题（其他取值）未列出，已计入汇总`
          : `${d.file ? `「${d.file}」中` : ''}「${param(d, 'code')}」问题${zhGroupsListed(d)}；其余${d.params?.groupsAtLeast ? '至少' : ''}${param(d, 'groups')}组（${param(d, 'count')}处）未列出，已计入汇总`,
      en: (d) =>
        d.params?.groups === undefined
          ? `${param(d, 'count')} more occurrences of ${param(d, 'code')} (other values)${d.file ? ` in ${d.file}` : ''} not listed; counted in the summary`
          : `${param(d, 'code')}${d.file ? ` in ${d.file}` : ''}: ${enGroupsListed(d)}; the other ${d.params?.groupsAtLeast ? 'at least ' : ''}${param(d, 'groups')} (${param(d, 'count')} occurrence${d.params?.count === 1 ? '' : 's'}) are counted in the summary`,
    },
  },
} satisfies Record<string, IssueSpec>;

export type IssueCode = keyof typeof ISSUE_CATALOGUE;

const CATALOGUE: Readonly<Record<string, IssueSpec>> = ISSUE_CATALOGUE;

/** The entry of a code, or undefined for a code the catalogue does not hold. */
export function lookupIssue(code: string): IssueSpec | undefined {
  return Object.hasOwn(CATALOGUE, code) ? CATALOGUE[code] : undefined;
}

/** Catalogue severity; an uncatalogued code is an error (SPEC §5: unlisted severities are errors). */
export function severityOf(code: string): Severity {
  return lookupIssue(code)?.severity ?? 'error';
}
