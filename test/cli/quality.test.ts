/**
 * `tuoyu quality` end to end (SPEC §11), and what `report` does with the
 * review: on the sample city as bundled (clean: no extreme outlier) and on a
 * copy with one district's third quarter removed and another's second-quarter
 * guidance records entered three times (flagged at exactly those two places).
 * Expected numbers are counted from the CSV itself, not by the review.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSubmission, reviewQuality, type QualityReview } from '../../src/api.js';
import { makeTempDir } from '../io/temp-files.js';
import { runCli } from './run-cli.js';
import { tamperedSampleCity } from './tampered-city.js';

const SAMPLE = 'fixtures/sample-city';
const TODAY = { TUOYU_TODAY: '2026-01-15' };
const GAP = { district: '339903', quarter: '2025Q3' };
const TRIPLED = { district: '339902', quarter: '2025Q2' };

let tampered: string;
beforeAll(() => {
  tampered = tamperedSampleCity({ gap: GAP, tripled: TRIPLED });
});

async function review(data: string, ...args: string[]): Promise<{ code: number; review: QualityReview; stderr: string }> {
  const result = await runCli(['quality', data, '--format', 'json', ...args], { env: TODAY });
  return { code: result.code, review: JSON.parse(result.stdout) as QualityReview, stderr: result.stderr };
}

const flaggedRecords = (r: QualityReview) => r.checks.filter((c) => c.flag && (c.check === 'completeness' || c.check === 'outliers'));

/** Records of a district's block in the sample city's visits.csv (FW03-… is 339903), by quarter: counted from the file. */
function recordsOfBlock(district: string, quarter: string): number {
  const lines = readFileSync(join(SAMPLE, 'visits.csv'), 'utf8').split('\r\n').slice(1).filter((line) => line !== '');
  return lines.filter((line) => {
    const [id, date] = line.split(',');
    const [, year, month] = /^(\d{4})\D?(\d{1,2})/.exec(date) ?? [];
    return `3399${id.slice(2, 4)}` === district && `${year}Q${Math.ceil(Number(month) / 3)}` === quarter;
  }).length;
}

describe('tuoyu quality on the sample city as bundled', () => {
  it('raises no extreme outlier and flags nothing for completeness or outliers (exit 0: the data has warnings only)', async () => {
    const { code, review: clean } = await review(SAMPLE);
    expect(code).toBe(0);
    expect(clean.checks.filter((c) => c.outcome === 'extreme')).toEqual([]);
    expect(flaggedRecords(clean)).toEqual([]);
    expect(clean.period).toEqual({ id: '2025Q4', start: '2025-01-01', end: '2025-12-31' });
    expect(clean.summary.outliers.scored).toBeGreaterThan(100);
  });

  it('prints what the API returns (the JSON is the API)', async () => {
    const { review: printed } = await review(SAMPLE, '--period', '2025');
    const submission = await loadSubmission(SAMPLE, { today: '2026-01-15' });
    expect(printed).toEqual(JSON.parse(JSON.stringify(reviewQuality(submission, { period: '2025' }))));
  });

  it('flags the districts whose toddler–infant ratio is more than 10 % off the city\'s (北塘区 +12.2 %, 西岭县 −12.1 %), and a plan can widen that', async () => {
    const { review: clean } = await review(SAMPLE);
    const districts = clean.checks.filter((c) => c.flag && c.measure === 'toddler_infant_ratio' && c.level === 'district');
    // census.csv, 2025: 北塘区 1,806 toddlers, 741 infants → 1,806 ÷ 1,482 = 1.2186; 西岭县 500 ÷ 524 = 0.9542;
    // the city (合计) 6,230 ÷ (2 × 2,869) = 1.0857: +12.2 % and −12.1 %.
    expect(districts.map((c) => [c.area, c.value, c.reference])).toEqual([
      ['339903', expect.closeTo(1806 / 1482, 9), expect.closeTo(6230 / 5738, 9)],
      ['339904', expect.closeTo(500 / 524, 9), expect.closeTo(6230 / 5738, 9)],
    ]);
    const plan = join(makeTempDir(), 'plan.json');
    writeFileSync(plan, JSON.stringify({ id: 'wide', name: '宽松', targets: {}, quality: { related: { difference: 15 } } }));
    const { review: wide } = await review(SAMPLE, '--plan', plan);
    expect(wide.thresholds.related.difference).toBe(15);
    expect(wide.checks.filter((c) => c.flag && c.measure === 'toddler_infant_ratio').map((c) => c.area)).toEqual(['339903003']);
  });
});

describe('tuoyu quality on a copy with a gap and a tripled quarter', () => {
  it('flags exactly those two places: 北塘区 in 2025Q3, 南山区\'s guidance in 2025Q2', async () => {
    const { review: found } = await review(tampered);
    const flagged = flaggedRecords(found);
    expect(new Set(flagged.map((c) => `${c.district} ${c.quarter}`))).toEqual(new Set(['339903 2025Q3', '339902 2025Q2']));
    expect(flagged.filter((c) => c.level === 'district').map((c) => [c.check, c.area, c.quarter, c.measure, c.outcome])).toEqual([
      ['completeness', '339903', '2025Q3', 'records', 'no-records'],
      ['outliers', '339902', '2025Q2', 'guidance', 'extreme'],
      ['outliers', '339903', '2025Q3', 'activity', 'extreme'],
    ]);
    expect(found.summary.outliers.flaggedDistricts).toEqual([{ code: '339902', name: '南山区' }, { code: '339903', name: '北塘区' }]);
  });

  it('says it in words a statistician accepts, with the value, the reference and the threshold', async () => {
    const result = await runCli(['quality', tampered], { env: TODAY });
    // The reference: 北塘区's records of 2025Q1 and 2025Q2 (2024Q4 is not whole: the records begin on 1 December).
    const mean = (recordsOfBlock('339903', '2025Q1') + recordsOfBlock('339903', '2025Q2')) / 2;
    expect(result.stdout).toContain(`⚑ 北塘区 2025年第三季度无任何服务记录（前两季度平均 ${mean.toLocaleString('en-US')} 条）`);
    const guidance = 3 * readFileSync(join(SAMPLE, 'visits.csv'), 'utf8').split('\r\n').filter((line) => {
      const [id, date, kind] = line.split(',');
      return id?.startsWith('FW02') && kind === '科学育儿指导' && /^2025\/[456]\//.test(date ?? '');
    }).length;
    expect(result.stdout).toMatch(new RegExp(`⚑ 南山区 2025年第二季度科学育儿指导记录 ${guidance.toLocaleString('en-US')} 条（4 个完整季度中位数 [\\d,.]+ 条），修正Z值 \\+\\d+\\.\\d，超过极端异常阈值 5`));
    const english = await runCli(['quality', tampered, '--lang', 'en'], { env: TODAY });
    expect(english.stdout).toContain(`⚑ 北塘区 had no service record at all in Q3 2025 (mean of the 2 quarters before: ${mean.toLocaleString('en-US')} records)`);
  });

  it('writes Markdown and a workbook, and refuses what it does not write', async () => {
    const dir = makeTempDir();
    const md = await runCli(['quality', tampered, '--out', join(dir, 'q.md')], { env: TODAY });
    expect(md.code).toBe(0);
    expect(md.stderr).toMatch(/^已写入 .*q\.md（md）。问题：错误 0 · 警告 1 · 提示 2\n$/);
    expect(readFileSync(join(dir, 'q.md'), 'utf8')).toContain('| ⚑ | 北塘区 | 339903 | 区县 | 2025年第三季度 | 服务记录 |');
    const xlsx = await runCli(['quality', tampered, '--out', join(dir, 'q.xlsx')], { env: TODAY });
    expect(xlsx.code).toBe(0);
    const refused = await runCli(['quality', tampered, '--out', join(dir, 'q.pdf')], { env: TODAY });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.json .md .markdown .xlsx .txt');
  });
});

describe('tuoyu report and the review', () => {
  it('prints one line under the table when the review flags something, naming the districts', async () => {
    const result = await runCli(['report', tampered, '--period', '2025'], { env: TODAY });
    const { review: found } = await review(tampered, '--period', '2025');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`数据质量：审查标出 ${found.summary.flagged} 处（东湖区、南山区、北塘区、西岭县），运行 tuoyu quality 查看。`);
    expect(result.stderr).toBe('');
  });

  it('leaves JSON, CSV and Markdown on stdout as they were', async () => {
    for (const format of ['json', 'csv', 'md']) {
      const result = await runCli(['report', tampered, '--period', '2025', '--format', format], { env: TODAY });
      expect(result.stdout).not.toContain('tuoyu quality');
      expect(result.stderr).toBe('');
    }
  });

  it('adds a 数据质量 sheet to the workbook, after the issues, and points to it from the summary', async () => {
    const out = join(makeTempDir(), 'r.xlsx');
    expect((await runCli(['report', tampered, '--period', '2025', '--out', out], { env: TODAY })).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '分区明细', '数据问题', '数据质量', '指标定义', '输入文件']);
    const sheet = workbook.getWorksheet('数据质量')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
    expect(rows[3].slice(0, 4)).toEqual(['序号', '检查', '标出', '地区或机构']);
    expect(rows[4].slice(1, 7)).toEqual(['报告完整性', '标出', '北塘区', '339903', '区县', '2025Q3']);
    const summaryText: string[] = [];
    workbook.getWorksheet('汇总')!.eachRow((row) => summaryText.push(String(row.getCell(1).value ?? '')));
    const { review: found } = await review(tampered, '--period', '2025');
    expect(summaryText).toContain(`4. 数据质量：审查标出 ${found.summary.flagged} 处（东湖区、南山区、北塘区、西岭县），详见“数据质量”表。`);
  });
});
