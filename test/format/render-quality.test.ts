/**
 * The review in words (quality-words.ts) and its text views
 * (render-quality.ts): each kind of finding as the sentence a statistician
 * reads, in both languages; flagged findings first and marked; facilities
 * with too few quarters said in one line; the report's pointer.
 */
import { describe, expect, it } from 'vitest';
import type { QualityFinding } from '../../src/engine/quality/finding.js';
import type { QualityReview } from '../../src/engine/quality/quality-review.js';
import { WHO_QUALITY_THRESHOLDS } from '../../src/engine/quality/thresholds.js';
import { describeFinding, quarterWords } from '../../src/format/quality-words.js';
import { renderQualityMarkdown, renderQualityPointer, renderQualityTable } from '../../src/format/render-quality.js';

function aFinding(overrides: Partial<QualityFinding>): QualityFinding {
  return {
    check: 'completeness', measure: 'records', area: '339903', name: '北塘区', level: 'district', district: '339903', quarter: '2025Q3',
    value: 0, reference: 1212, threshold: 1, compared: 0, flag: true, outcome: 'no-records', referenceQuarters: ['2024Q4', '2025Q1', '2025Q2'],
    ...overrides,
  };
}

describe('describeFinding', () => {
  it.each([
    {
      name: 'a quarter without records',
      finding: aFinding({}),
      zh: '北塘区 2025年第三季度无任何服务记录（前三季度平均 1,212 条）',
      en: '北塘区 had no service record at all in Q3 2025 (mean of the 3 quarters before: 1,212 records)',
    },
    {
      name: 'a gap compared with the quarters after it',
      finding: aFinding({ quarter: '2024Q1', reference: 80.5, referenceQuarters: ['2024Q2', '2024Q3'] }),
      zh: '北塘区 2024年第一季度无任何服务记录（后两季度平均 80.5 条）',
      en: '北塘区 had no service record at all in Q1 2024 (mean of the 2 quarters after: 80.5 records)',
    },
    {
      name: 'a low share of communities',
      finding: aFinding({ measure: 'community_share', quarter: null, value: 45, reference: 52, threshold: 90, compared: (45 * 100) / 52, outcome: 'low-share' }),
      zh: '北塘区 2025年1—9月有服务记录的社区 45 个，占人口表所列 52 个社区的 86.5%，低于 90%',
      en: '北塘区: 45 of its 52 communities (86.5%) have a service record in January–September 2025, below 90%',
    },
    {
      name: 'an extreme outlier, from the MAD',
      finding: aFinding({
        check: 'outliers', measure: 'guidance', area: '339902', name: '南山区', district: '339902', quarter: '2025Q2', value: 2145, reference: 715,
        threshold: 5, compared: 12.34, outcome: 'extreme', referenceQuarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'], spread: 115.9, basis: 'mad',
      }),
      zh: '南山区 2025年第二季度科学育儿指导记录 2,145 条（4 个完整季度中位数 715 条），修正Z值 +12.3，超过极端异常阈值 5（σ̂ = MAD ÷ 0.6745 = 115.9）',
      en: '南山区, Q2 2025: 2,145 guidance records against a median of 715 over 4 whole quarters; modified z-score +12.3, beyond the extreme threshold 5 (σ̂ = MAD ÷ 0.6745 = 115.9)',
    },
    {
      name: 'a lone moderate outlier of a facility, bounded by counting noise: a note',
      finding: aFinding({
        check: 'outliers', measure: 'outreach', area: 'JG0005', name: '青竹宝贝托育中心', level: 'facility', district: '339901', quarter: '2025Q1', value: 7, reference: 1.5,
        threshold: 3.5, compared: 3.61, flag: false, outcome: 'moderate', referenceQuarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'], spread: 0.74, basis: 'poisson',
      }),
      zh: '机构 青竹宝贝托育中心（JG0005） 2025年第一季度进社区进家庭指导记录 7 条（4 个完整季度中位数 1.5 条），修正Z值 +3.6，超过中度异常阈值 3.5（取计数噪声的界限 2√(x+3/8) − 2√(中位数+3/8)，小于按 σ̂ = 0.7 所得的分数）；该类记录本期仅此一个中度异常值，未达标记条件',
      en: 'Facility 青竹宝贝托育中心 (JG0005), Q1 2025: 7 outreach records against a median of 1.5 over 4 whole quarters; modified z-score +3.6, beyond the moderate threshold 3.5 (the counting-noise bound 2√(x+3/8) − 2√(median+3/8), below the score against σ̂ 0.7); the only moderate outlier of this kind in the period, not enough to flag',
    },
    {
      name: 'too few quarters',
      finding: aFinding({ check: 'outliers', measure: 'activity', quarter: null, value: 2, reference: null, threshold: 4, compared: 2, flag: false, outcome: 'too-few-quarters' }),
      zh: '北塘区 亲子活动记录只有 2 个完整季度（少于 4 个），季度太少，不计算修正Z值',
      en: '北塘区: only 2 whole quarters of parent–child activity records (fewer than 4): too few quarters to score',
    },
    {
      name: 'a census figure changed against the mean of three years',
      finding: aFinding({ check: 'consistency-over-time', measure: 'population', quarter: null, value: 150_000, reference: 110_000, threshold: 33, compared: 36.36, outcome: 'change', year: 2025, referenceYears: [2024, 2022, 2023] }),
      zh: '北塘区 2025年常住人口 150,000人，对比2022、2023、2024年平均 110,000人，变化 +36.4%，超出 ±33%',
      en: '北塘区: population 150,000 in 2025 against 110,000 (the mean of 2022, 2023, 2024), change +36.4%, beyond ±33%',
    },
    {
      name: 'slots from none',
      finding: aFinding({ check: 'consistency-over-time', measure: 'open_slots', quarter: null, value: 60, reference: 0, threshold: 33, compared: null, outcome: 'change', year: 2025, referenceYears: [2024] }),
      zh: '北塘区 2025年期末开办机构托位数 60个，对比2024年同日 0个，变化 由 0 变为 60，超出 ±33%',
      en: '北塘区: slots of open facilities 60 at the end of the period in 2025 against 0 (2024, same day), change from 0 to 60, beyond ±33%',
    },
    {
      name: 'the toddler–infant ratio off the whole data set\'s',
      finding: aFinding({ check: 'consistency-related', measure: 'toddler_infant_ratio', quarter: null, value: 1.2186, reference: 1.0857, threshold: 10, compared: 12.24, outcome: 'ratio-difference' }),
      zh: '北塘区 1-3岁幼儿数 ÷（2 × 0-1岁婴儿数）= 1.22，全部地区为 1.09，相差 +12.2%，超出 ±10%',
      en: '北塘区: toddlers_1_3 ÷ (2 × infants_0_1) = 1.22 against 1.09 for the whole data set (+12.2%), beyond ±10%',
    },
    {
      name: 'more infants seen than the census has',
      finding: aFinding({ check: 'consistency-related', measure: 'infants_seen', quarter: null, value: 1234, reference: 1100, threshold: 1, compared: 1234 / 1100, outcome: 'above-census' }),
      zh: '北塘区 2025年1—9月见到的0岁儿童（0岁时有任何服务记录）1,234 名，多于人口表0-1岁婴儿数 1,100 名（比值 1.12 > 1）',
      en: '北塘区: 1,234 children seen while aged 0 in January–September 2025 (any record at age 0), more than the census\'s 1,100 infants (ratio 1.12 > 1)',
    },
  ])('$name', ({ finding, zh, en }) => {
    expect(describeFinding(finding, '2025年1—9月', 'zh')).toBe(zh);
    expect(describeFinding(finding, 'January–September 2025', 'en')).toBe(en);
  });

  it('names the whole data set', () => {
    expect(describeFinding(aFinding({ level: 'all', area: '', name: '全部', district: '' }), '', 'zh')).toBe('全部地区 2025年第三季度无任何服务记录（前三季度平均 1,212 条）');
  });

  it.each([['2025Q1', '2025年第一季度', 'Q1 2025'], ['2024Q4', '2024年第四季度', 'Q4 2024']])('quarterWords(%s)', (id, zh, en) => {
    expect([quarterWords(id, 'zh'), quarterWords(id, 'en')]).toEqual([zh, en]);
  });
});

function aReview(checks: QualityFinding[]): QualityReview {
  const flagged = checks.filter((c) => c.flag).length;
  return {
    schemaVersion: 1,
    tool: { name: 'tuoyu', version: '0.0.0' },
    period: { id: '2025Q3', start: '2025-01-01', end: '2025-09-30' },
    plan: { id: 'default', name: '方案' },
    thresholds: WHO_QUALITY_THRESHOLDS,
    checks: checks.map((c) => ({ ...c, message: describeFinding(c, '2025年1—9月', 'zh') })),
    summary: {
      flagged, notes: checks.length - flagged,
      completeness: { areas: 3, flagged }, outliers: { series: 0, scored: 0, moderate: 0, extreme: 0, flaggedAreas: 0, flaggedDistricts: [] },
      overTime: { compared: 0, flagged: 0 }, related: { compared: 0, flagged: 0 },
      flaggedDistricts: flagged > 0 ? [{ code: '339903', name: '北塘区' }] : [],
    },
    dataIssues: { errors: 0, warnings: 0, infos: 0 },
  };
}

const shortFacility = (id: string) =>
  aFinding({ check: 'outliers', measure: 'activity', area: id, name: `托育园${id}`, level: 'facility', quarter: null, value: 2, reference: null, threshold: 4, compared: 2, flag: false, outcome: 'too-few-quarters' });

describe('renderQualityTable and renderQualityMarkdown', () => {
  const review = aReview([shortFacility('JG1'), aFinding({}), shortFacility('JG2'), { ...shortFacility('JG2'), measure: 'outreach' }]);

  it('marks flagged findings ⚑ and lists them first; facilities with too few quarters are one line', () => {
    const text = renderQualityTable(review, { lang: 'zh', color: false, width: 200 });
    const lines = text.split('\n');
    const completeness = lines.indexOf('报告完整性');
    expect(lines[completeness + 1]).toBe('⚑ 北塘区 2025年第三季度无任何服务记录（前三季度平均 1,212 条）');
    const outliers = lines.indexOf('异常值');
    expect(lines[outliers + 1]).toBe('· 另有 2 个机构开办不足 4 个完整季度，季度太少，未计算修正Z值（--format json 或 xlsx 逐一列出）：托育园JG1（JG1）、托育园JG2（JG2）');
    expect(text).toContain('有标出的区县：北塘区');
    expect(text).toContain('随时间的一致性\n  （无）');
  });

  it('Markdown: a table per check, pipes in names escaped', () => {
    const md = renderQualityMarkdown(aReview([aFinding({ name: '北|塘区' })]), { lang: 'zh' });
    expect(md).toContain('| ⚑ | 北\\|塘区 | 339903 | 区县 | 2025年第三季度 | 服务记录 | 北\\|塘区 2025年第三季度无任何服务记录（前三季度平均 1,212 条） |');
    expect(md).toContain('## 检查方法与阈值');
  });
});

describe('renderQualityPointer', () => {
  it('one line naming the districts, or nothing when nothing is flagged', () => {
    expect(renderQualityPointer(aReview([aFinding({})]), { lang: 'zh' })).toBe('数据质量：审查标出 1 处（北塘区），运行 tuoyu quality 查看。');
    expect(renderQualityPointer(aReview([aFinding({})]), { lang: 'en', inWorkbook: true })).toBe('Data quality: the review flags 1 finding (北塘区); see the Data quality sheet.');
    expect(renderQualityPointer(aReview([aFinding({ flag: false })]), { lang: 'zh' })).toBeNull();
  });
});
