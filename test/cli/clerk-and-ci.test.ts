/**
 * The trial of issue 10, as a clerk and a CI job meet it, on real files: a
 * cascade of unknown areas that must not hide an independent error, a visit
 * dated in 2052, a census in 万人, a report that lists its own problems, help
 * and usage errors in the user's language, files never lost, CI formats with
 * honest counts.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, ValidationReport } from '../../src/engine/report.js';
import type { Issue } from '../../src/issues/issue.js';
import { makeTempDir } from '../io/temp-files.js';
import { displayWidth } from '../../src/format/text-width.js';
import { runCli } from './run-cli.js';

const TINY = 'fixtures/tiny-city';
const TODAY = { TUOYU_TODAY: '2026-11-30' };

/** The tiny city in a temp folder, with its tables changed by `edit` (lines of each CSV). */
function tinyCity(edit: Partial<Record<'census' | 'facilities' | 'visits', (lines: string[]) => string[]>> = {}): string {
  const files: Record<string, string> = {};
  for (const table of ['census', 'facilities', 'visits'] as const) {
    const lines = readFileSync(join(TINY, `${table}.csv`), 'utf8').trimEnd().split('\n');
    files[`${table}.csv`] = `${(edit[table] ?? ((l) => l))(lines).join('\n')}\n`;
  }
  return makeTempDir(files);
}

async function validateJson(dir: string, ...args: string[]): Promise<{ code: number; report: ValidationReport }> {
  const result = await runCli(['validate', dir, '--format', 'json', ...args], { env: TODAY });
  return { code: result.code, report: JSON.parse(result.stdout) as ValidationReport };
}

const byCode = (issues: Issue[], code: string) => issues.filter((issue) => issue.code === code);

describe('one typo does not bury the rest', () => {
  // 柳岸社区's code is mistyped in the census (a letter O for a zero): its row is rejected, and
  // the 809 service records in that community (4 in the tiny city, 805 added) and its kindergarten
  // become unknown-area. One record elsewhere has its own, independent unknown code.
  const visits = (lines: string[]) => [
    ...lines,
    ...Array.from({ length: 805 }, (_, i) => `B${i},2025-05-0${1 + (i % 9)},guidance,K${i},2024-12-01,339901001001,`),
    'LAST,2025-06-01,guidance,Z1,2024-12-01,339901009999,',
  ];
  const dir = tinyCity({ census: (lines) => lines.map((line) => line.replace('339901001001,', '3399010010O1,')), visits });

  it('JSON lists the cascade as one group and the independent error as its own, and counts all 806', async () => {
    const { code, report } = await validateJson(dir);
    expect(code).toBe(1);
    const unknown = byCode(report.issues, 'unknown-area');
    expect(unknown.map((issue) => [issue.table, issue.value, issue.count])).toEqual([
      ['facilities', '339901001001', 1],
      ['visits', '339901001001', 809],
      ['visits', '339901009999', 1],
    ]);
    const [facility, cascade, independent] = unknown;
    expect(cascade).toMatchObject({ column: 'area_code', row: 2, cell: 'F2' });
    expect(cascade.rows).toHaveLength(20);
    expect(cascade.rows.slice(0, 6)).toEqual([2, 7, 8, 14, 15, 16]);
    expect(independent).toMatchObject({ row: 820, cell: 'F820', count: 1, rows: [820] });
    // The follow-ons name their cause, the census row rejected for its code; the independent one does not.
    const cause = { code: 'invalid-area-code', table: 'census', file: join(dir, 'census.csv'), row: 4 };
    expect(cascade.cause).toEqual(cause);
    expect(facility.cause).toEqual(cause);
    expect(independent.cause).toBeUndefined();
    expect(cascade.message).toContain('起因：人口表第4行');
    // Nor do the subtotals above the rejected row cry mismatch: it may belong under them.
    expect(byCode(report.issues, 'census-subtotal-mismatch')).toEqual([]);
    expect(report.summary.errors).toBe(1 + 1 + 809 + 1);
  });

  it('the text starts with a summary per code and shows both groups, none hidden', async () => {
    const result = await runCli(['validate', dir, '--lang', 'en'], { env: TODAY });
    expect(result.stdout.startsWith('Issues by code\n')).toBe(true);
    expect(result.stdout).toMatch(/error\s+unknown-area\s+811 × in 3 groups/);
    expect(result.stdout).toContain('339901009999');
    expect(result.stdout).toContain('Rows 2, 7, 8, 14, 15 and 804 more (809 in all)');
    expect(result.stdout).not.toContain('not listed');
  });

  it('the cap counts groups of one code and file, and what it leaves out is counted, never folded', async () => {
    const { report } = await validateJson(dir, '--max-issues', '1');
    // One group per (code, file): the facility's, and the first of the visits'; the independent one is counted.
    expect(byCode(report.issues, 'unknown-area').map((issue) => issue.count)).toEqual([1, 809]);
    expect(byCode(report.issues, 'issues-truncated')).toEqual([expect.objectContaining({ value: 'unknown-area', count: 1 })]);
    expect(report.summary.errors).toBe(812);
  });

  it('suggests the known code nearest a mistyped one', async () => {
    const typo = tinyCity({ visits: (lines) => [...lines, 'T1,2025-05-01,guidance,T1,2024-12-01,339901001010,'] });
    const { report } = await validateJson(typo);
    expect(byCode(report.issues, 'unknown-area')[0].message).toContain('是否应为「339901001001」（柳岸社区）？');
  });
});

describe('typos that parse no longer change the numbers silently', () => {
  it('a visit dated 2052年4月3日 is future-date at its cell, and the default period stays 2025Q4', async () => {
    const dir = tinyCity({ visits: (lines) => [...lines, 'F1,2052年4月3日,guidance,C901,2024-11-20,339901001001,'] });
    const { code, report } = await validateJson(dir);
    expect(code).toBe(1);
    expect(byCode(report.issues, 'future-date')).toEqual([
      expect.objectContaining({ severity: 'error', table: 'visits', row: 15, column: 'date', cell: 'B15', value: '2052-04-03', count: 1 }),
    ]);
    const result = await runCli(['report', dir, '--format', 'json'], { env: TODAY });
    const built = JSON.parse(result.stdout) as Report;
    expect(built.period.id).toBe('2025Q4');
    expect(built.inputs.find((input) => input.table === 'visits')?.rejected).toBe(1);
  });

  it('with TUOYU_TODAY in June 2025, records after it are future-date and the period is 2025Q2 at the latest', async () => {
    const result = await runCli(['report', TINY, '--format', 'json'], { env: { TUOYU_TODAY: '2025-06-30' } });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.period.id).toBe('2025Q2');
    expect(byCode(report.issues, 'future-date').length).toBeGreaterThan(0);
    expect(result.code).toBe(1);
  });

  it('a kindergarten opened 2205年9月1日 is future-date', async () => {
    const dir = tinyCity({ facilities: (lines) => lines.map((line) => line.replace('2015-09-01', '2205年9月1日')) });
    const { report } = await validateJson(dir);
    expect(byCode(report.issues, 'future-date')).toEqual([expect.objectContaining({ table: 'facilities', row: 5, column: 'opened', cell: 'K5' })]);
  });

  it('an invalid TUOYU_TODAY is a usage error (exit 2, one line)', async () => {
    const result = await runCli(['validate', TINY], { env: { TUOYU_TODAY: '2026-13-01' } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('TUOYU_TODAY');
  });

  it('a census in 万人 is scaled: slots per 1,000 as for the same census in people', async () => {
    const inPeople = await runCli(['report', TINY, '--format', 'json', '--period', '2025', '--by', 'all'], { env: TODAY });
    const wan = tinyCity({
      census: (lines) => [
        lines[0].replace('population', '常住人口（万人）'),
        ...lines.slice(1).map((line) => {
          const cells = line.split(',');
          cells[3] = String(Number(cells[3]) / 10000);
          return cells.join(',');
        }),
      ],
    });
    const inWan = await runCli(['report', wan, '--format', 'json', '--period', '2025', '--by', 'all'], { env: TODAY });
    const expected = JSON.parse(inPeople.stdout) as Report;
    const actual = JSON.parse(inWan.stdout) as Report;
    expect(actual.areas[0].indicators.slots_per_1000).toEqual(expected.areas[0].indicators.slots_per_1000);
    expect(actual.areas[0].indicators.slots_per_1000.denominator).toBe(20000);
    expect(byCode(actual.issues, 'unit-scaled')).toEqual([
      expect.objectContaining({ severity: 'info', table: 'census', row: 1, column: '常住人口（万人）', cell: 'D1' }),
    ]);
    expect(inWan.code).toBe(0);
  });

  it('a 备注 column passes --strict', async () => {
    const dir = tinyCity({ census: (lines) => lines.map((line, i) => `${line},${i === 0 ? '备注' : i === 2 ? '含流动人口' : ''}`) });
    const result = await runCli(['validate', dir, '--strict', '--format', 'json'], { env: TODAY });
    const report = JSON.parse(result.stdout) as ValidationReport;
    expect(report.issues.filter((issue) => issue.severity !== 'info')).toEqual([expect.objectContaining({ code: 'new-community-slots-out-of-range' })]);
  });
});

describe('the report shows its own problems', () => {
  it('--period 2019 says census-year-missing with its hint, and never points to validate', async () => {
    for (const format of ['table', 'md']) {
      const result = await runCli(['report', TINY, '--period', '2019', '--format', format], { env: TODAY });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('census-year-missing');
      expect(result.stdout).toContain('没有2019年或更早年份的人口数据');
      expect(result.stdout).toContain('请在人口表中补充该年');
      expect(result.stdout).not.toContain('tuoyu validate');
    }
  });

  it('a warning that changes the numbers (census-year-fallback) is printed under the table', async () => {
    const result = await runCli(['report', TINY, '--period', '2026', '--lang', 'en'], { env: TODAY });
    expect(result.stdout).toMatch(/warning\s+census-year-fallback\s+.*No census for 2026; the census of 2025 is used/);
  });
});

describe('help and usage errors in the user’s language', () => {
  it.each([
    { argv: ['--help'], lang: 'zh', has: ['用法:', '命令：', '示例：', '退出码：'] },
    { argv: ['report', '--help'], lang: 'zh', has: ['用法: tuoyu report', '选项：', '示例：', '退出码：', '全局选项：'] },
    { argv: ['validate', '--help', '--lang', 'en'], lang: 'en', has: ['Usage: tuoyu validate', 'Examples:', 'Exit codes:', 'at most 9 issue groups'] },
    { argv: ['template', '--help'], lang: 'zh', has: ['--force', '不会被覆盖'] },
  ])('$argv: clean text, in $lang, with examples and exit codes', async ({ argv, has }) => {
    const result = await runCli(argv, { env: {} });
    expect(result.code).toBe(0);
    for (const text of has) expect(result.stdout).toContain(text);
    expect(result.stdout).not.toMatch(/\u001b|\r/);
    for (const line of result.stdout.split('\n')) {
      expect(line).toBe(line.trimEnd());
      // Wrapped by display width: a Chinese character takes two columns of the 80 a plain terminal has.
      expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    }
  });

  it('TUOYU_LANG=en gives English help', async () => {
    const result = await runCli(['--help'], { env: { TUOYU_LANG: 'en' } });
    expect(result.stdout).toContain('Commands:');
    expect(result.stdout).not.toContain('命令：');
  });

  it.each([
    { argv: ['report', TINY, '--bogus'], zh: '未知选项 --bogus（详见 `tuoyu report --help`）' },
    { argv: ['report', TINY, '--by', 'planet'], zh: '选项 --by <level> 的值「planet」无效，可选：all, district, street, community（详见 `tuoyu report --help`）' },
    { argv: ['validate', TINY, '--max-issues', 'many'], zh: '选项 --max-issues <n> 的值「many」无效，应为0或正整数（详见 `tuoyu validate --help`）' },
    { argv: ['report', TINY, '--threads', '0'], zh: '选项 --threads <n> 的值「0」无效，应为正整数（详见 `tuoyu report --help`）' },
    { argv: ['frobnicate'], zh: '未知命令 frobnicate（详见 `tuoyu --help`）' },
    { argv: ['report', TINY, '--period', '2025Q5'], zh: '（详见 `tuoyu report --help`）' },
  ])('$argv: one line, exit 2, no help dumped', async ({ argv, zh }) => {
    const result = await runCli(argv, { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(zh);
    expect(result.stdout).toBe('');
  });

  it('in English with --lang en', async () => {
    const result = await runCli(['report', TINY, '--bogus', '--lang', 'en'], { env: {} });
    expect(result.stderr.trim()).toBe('tuoyu: unknown option --bogus (see `tuoyu report --help`)');
  });
});

describe('never lose a file', () => {
  it('template refuses to overwrite filled-in templates (exit 2, naming them), and --force does', async () => {
    const dir = makeTempDir();
    expect((await runCli(['template', '--out', dir])).code).toBe(0);
    writeFileSync(join(dir, 'census.xlsx'), 'filled in');
    const refused = await runCli(['template', '--out', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('census.xlsx');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'census.xlsx'), 'utf8')).toBe('filled in');
    const forced = await runCli(['template', '--out', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'census.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it.each(['r.xls', 'r.pdf', 'r.docx', 'r.doc'])('report --out %s is refused (exit 2), naming the extensions written', async (name) => {
    const dir = makeTempDir();
    const result = await runCli(['report', TINY, '--out', join(dir, name)], { env: TODAY });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.json .csv .md');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an --out that says another format than --format is refused', async () => {
    const result = await runCli(['report', TINY, '--format', 'json', '--out', join(makeTempDir(), 'r.csv')], { env: TODAY });
    expect(result.code).toBe(2);
  });

  it.each([
    { argv: ['report', TINY, '--period', '2025'], file: 'r.xlsx', zh: /^已写入 .*r\.xlsx（xlsx）。问题：错误 0 · 警告 1 · 提示 0\n$/ },
    { argv: ['validate', TINY], file: 'v.json', zh: /^已写入 .*v\.json（json）。问题：错误 0 · 警告 1 · 提示 0\n$/ },
    { argv: ['validate', TINY, '--format', 'junit'], file: 'v.xml', zh: /^已写入 .*v\.xml（junit）。问题：/ },
  ])('every --out says on stderr what it wrote and the problems in one line: $file', async ({ argv, file, zh }) => {
    const out = join(makeTempDir(), file);
    const result = await runCli([...argv, '--out', out], { env: TODAY });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(zh);
    expect(existsSync(out)).toBe(true);
  });
});

describe('CI formats', () => {
  const many = tinyCity({
    visits: (lines) => [...lines, ...Array.from({ length: 30 }, (_, i) => `X${i},2025-05-01,guidance,Q${i},2024-12-01,3399010099${String(i).padStart(2, '0')},`)],
  });

  it('--format github annotates at most 9 groups, then one summary annotation, and writes the job summary', async () => {
    const summaryFile = join(makeTempDir(), 'summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const result = await runCli(['validate', many, '--format', 'github'], { env: { ...TODAY, GITHUB_STEP_SUMMARY: summaryFile } });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 9).every((line) => line.startsWith('::'))).toBe(true);
    expect(lines[9]).toMatch(/^::error title=tuoyu validate::问题：错误 30 · 警告 1 · 提示 0（31 组）；另有 22 组未标注/);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## tuoyu validate')).toBe(true);
    expect(summary).toContain('| 错误 | `unknown-area` | 30 | 30 |');
  });

  it('JUnit has one testcase per group and failures = error groups', async () => {
    const cascade = tinyCity({
      visits: (lines) => [...lines, ...Array.from({ length: 50 }, (_, i) => `Y${i},2025-05-01,guidance,P${i},2024-12-01,339901001099,`)],
    });
    const result = await runCli(['validate', cascade, '--format', 'junit'], { env: TODAY });
    const root = /<testsuites[^>]*>/.exec(result.stdout)?.[0] ?? '';
    expect(root).toContain('failures="1"');
    expect(result.stdout.match(/<failure /g)).toHaveLength(1);
    expect(result.stdout).toContain('(50 occurrences)');
    expect(result.stdout).toContain('<property name="error-occurrences" value="50"/>');
  });
});
