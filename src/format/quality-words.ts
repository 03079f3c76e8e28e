/**
 * The data-quality review in words (SPEC §11): each finding as a sentence a
 * statistician accepts — the area, the quarter, the value, what it was
 * compared with and the threshold — "南港区 2025年第三季度无任何服务记录（前三季度平均
 * 1,212 条）". The JSON's `message` and every view use these sentences.
 */
import type { QualityCheck, QualityFinding, QualityMeasure, QualityOutcome } from '../engine/quality/finding.js';
import type { SpreadBasis } from '../engine/quality/modified-z-score.js';
import type { Lang } from '../issues/issue.js';
import { VISIT_KIND_LABELS } from '../schema/columns.js';
import type { VisitKind } from '../schema/records.js';
import type { Words } from './labels.js';
import { roundForDisplay } from './numbers.js';

export const CHECK_NAMES: Readonly<Record<QualityCheck, Words>> = {
  completeness: { zh: '报告完整性', en: 'Reporting completeness' },
  outliers: { zh: '异常值', en: 'Outliers' },
  'consistency-over-time': { zh: '随时间的一致性', en: 'Consistency over time' },
  'consistency-related': { zh: '相关数字之间的一致性', en: 'Consistency between related numbers' },
};

const KIND_NAMES_EN: Readonly<Record<VisitKind, string>> = {
  guidance: 'guidance',
  activity: 'parent–child activity',
  outreach: 'outreach',
  online: 'online guidance',
};

export const MEASURE_NAMES: Readonly<Record<QualityMeasure, Words>> = {
  records: { zh: '服务记录', en: 'service records' },
  community_share: { zh: '有服务记录的社区占比', en: 'communities with records' },
  guidance: { zh: VISIT_KIND_LABELS.guidance, en: KIND_NAMES_EN.guidance },
  activity: { zh: VISIT_KIND_LABELS.activity, en: KIND_NAMES_EN.activity },
  outreach: { zh: VISIT_KIND_LABELS.outreach, en: KIND_NAMES_EN.outreach },
  online: { zh: VISIT_KIND_LABELS.online, en: KIND_NAMES_EN.online },
  population: { zh: '常住人口', en: 'population' },
  infants_0_1: { zh: '0-1岁婴儿数', en: 'infants_0_1' },
  toddlers_1_3: { zh: '1-3岁幼儿数', en: 'toddlers_1_3' },
  open_slots: { zh: '开办机构托位数', en: 'slots of open facilities' },
  toddler_infant_ratio: { zh: '1-3岁幼儿数 ÷（2 × 0-1岁婴儿数）', en: 'toddlers_1_3 ÷ (2 × infants_0_1)' },
  infants_seen: { zh: '见到的0岁儿童 ÷ 0-1岁婴儿数', en: 'children seen aged 0 ÷ infants_0_1' },
};

export const OUTCOME_NAMES: Readonly<Record<QualityOutcome, Words>> = {
  'no-records': { zh: '无记录', en: 'no records' },
  'low-share': { zh: '覆盖不足', en: 'low share' },
  'no-communities': { zh: '无社区', en: 'no communities' },
  moderate: { zh: '中度异常', en: 'moderate' },
  extreme: { zh: '极端异常', en: 'extreme' },
  'too-few-quarters': { zh: '季度太少', en: 'too few quarters' },
  change: { zh: '变化过大', en: 'change' },
  'no-previous-year': { zh: '无往年', en: 'no earlier year' },
  'ratio-difference': { zh: '比值偏离', en: 'ratio off' },
  'above-census': { zh: '多于人口表', en: 'above census' },
};

const UNITS: Readonly<Partial<Record<QualityMeasure, Words>>> = {
  population: { zh: '人', en: '' },
  infants_0_1: { zh: '人', en: '' },
  toddlers_1_3: { zh: '人', en: '' },
  open_slots: { zh: '个', en: '' },
};

const ORDINALS_ZH = ['一', '二', '三', '四'];
const COUNT_ZH = ['', '一', '两', '三', '四', '五', '六', '七', '八'];

/** "2025年第三季度", "Q3 2025". */
export function quarterWords(quarter: string, lang: Lang): string {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  return lang === 'zh' ? `${match[1]}年第${ORDINALS_ZH[Number(match[2]) - 1]}季度` : `Q${match[2]} ${match[1]}`;
}

/** A whole number with thousands separators: "1,212". */
export function formatCount(value: number): string {
  return Number(roundForDisplay(value, 0)).toLocaleString('en-US');
}

/** A mean or a median: whole numbers as counts, others with one decimal. */
function formatAmount(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : Number(roundForDisplay(value, 1)).toLocaleString('en-US', { minimumFractionDigits: 1 });
}

function signed(value: number, decimals: number): string {
  const text = roundForDisplay(value, decimals);
  return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The area as a finding names it: its name, or "全部地区" for the whole data set. */
function areaWords(finding: QualityFinding, lang: Lang): string {
  if (finding.level === 'all') return lang === 'zh' ? '全部地区' : 'The whole data set';
  if (finding.level === 'facility') return lang === 'zh' ? `机构 ${finding.name}（${finding.area}）` : `Facility ${finding.name} (${finding.area})`;
  return finding.name;
}

/** "前三季度", "前一季度", "后两季度" — the quarters a gap is compared with. */
function referenceQuartersWords(finding: QualityFinding, lang: Lang): string {
  const quarters = finding.referenceQuarters ?? [];
  const after = finding.quarter !== null && quarters.length > 0 && quarters[0] > finding.quarter;
  if (lang === 'zh') return `${after ? '后' : '前'}${COUNT_ZH[quarters.length] ?? quarters.length}季度`;
  const count = quarters.length === 1 ? 'the quarter' : `the ${quarters.length} quarters`;
  return `${count} ${after ? 'after' : 'before'}`;
}

const BASIS_WORDS: Readonly<Record<SpreadBasis | 'poisson', Words>> = {
  mad: { zh: 'σ̂ = MAD ÷ 0.6745 = {spread}', en: 'σ̂ = MAD ÷ 0.6745 = {spread}' },
  'mean-deviation': { zh: 'MAD 为 0，σ̂ = 1.253314 × 平均绝对偏差 = {spread}', en: 'MAD is 0: σ̂ = 1.253314 × mean absolute deviation = {spread}' },
  poisson: {
    zh: '取计数噪声的界限 2√(x+3/8) − 2√(中位数+3/8)，小于按 σ̂ = {spread} 所得的分数',
    en: 'the counting-noise bound 2√(x+3/8) − 2√(median+3/8), below the score against σ̂ {spread}',
  },
  none: { zh: '各季度相同', en: 'every quarter alike' },
};

function yearsWords(years: readonly number[], lang: Lang): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (lang === 'zh') return sorted.length === 1 ? `${sorted[0]}年` : `${sorted.join('、')}年平均`;
  return sorted.length === 1 ? String(sorted[0]) : `the mean of ${sorted.join(', ')}`;
}

/** The finding as one sentence in the output language (the JSON's `message`). */
export function describeFinding(finding: QualityFinding, window: string, lang: Lang): string {
  const zh = lang === 'zh';
  const area = areaWords(finding, lang);
  const quarter = finding.quarter === null ? '' : quarterWords(finding.quarter, lang);
  const measure = MEASURE_NAMES[finding.measure][lang];
  const value = finding.value ?? 0;
  const reference = finding.reference;
  switch (finding.outcome) {
    case 'no-records': {
      const mean = reference === null ? null : formatAmount(reference);
      if (zh) return `${area} ${quarter}无任何服务记录（${mean === null ? '数据中没有可比较的完整季度' : `${referenceQuartersWords(finding, lang)}平均 ${mean} 条`}）`;
      return `${area} had no service record at all in ${quarter} (${mean === null ? 'no whole quarter in the data to compare with' : `mean of ${referenceQuartersWords(finding, lang)}: ${mean} records`})`;
    }
    case 'low-share':
      return fill(
        zh ? '{area} {window}有服务记录的社区 {n} 个，占人口表所列 {of} 个社区的 {share}%，低于 {threshold}%'
          : '{area}: {n} of its {of} communities ({share}%) have a service record in {window}, below {threshold}%',
        { area, window, n: formatCount(value), of: formatCount(reference ?? 0), share: roundForDisplay(finding.compared ?? 0, 1), threshold: finding.threshold },
      );
    case 'no-communities':
      return zh ? `${area} 人口表未列出社区（12位区划代码），无法计算有服务记录的社区占比` : `${area}: the census lists no communities (12-digit codes), so the share of communities with records cannot be taken`;
    case 'moderate':
    case 'extreme': {
      const params = {
        area, quarter, measure, value: formatCount(value), median: formatAmount(reference ?? 0), n: finding.referenceQuarters?.length ?? 0,
        score: signed(finding.compared ?? 0, 1), threshold: finding.threshold, spread: roundForDisplay(finding.spread ?? 0, 1),
        level: OUTCOME_NAMES[finding.outcome][lang],
      };
      const basis = fill(BASIS_WORDS[finding.basis ?? 'mad'][lang], params);
      const sentence = fill(
        zh ? '{area} {quarter}{measure}记录 {value} 条（{n} 个完整季度中位数 {median} 条），修正Z值 {score}，超过{level}阈值 {threshold}（{basis}）'
          : '{area}, {quarter}: {value} {measure} records against a median of {median} over {n} whole quarters; modified z-score {score}, beyond the {level} threshold {threshold} ({basis})',
        { ...params, basis },
      );
      if (finding.flag || finding.outcome === 'extreme') return sentence;
      return `${sentence}${zh ? '；该类记录本期仅此一个中度异常值，未达标记条件' : '; the only moderate outlier of this kind in the period, not enough to flag'}`;
    }
    case 'too-few-quarters':
      return fill(
        zh ? '{area} {measure}记录只有 {n} 个完整季度（少于 {min} 个），季度太少，不计算修正Z值'
          : '{area}: only {n} whole {quarters} of {measure} records (fewer than {min}): too few quarters to score',
        { area, measure, n: value, min: finding.threshold, quarters: value === 1 ? 'quarter' : 'quarters' },
      );
    case 'change': {
      const unit = UNITS[finding.measure]?.[lang] ?? '';
      const slots = finding.measure === 'open_slots';
      const when = slots ? (zh ? `${finding.year}年期末` : `at the end of the period in ${finding.year}`) : zh ? `${finding.year}年` : `in ${finding.year}`;
      const then = yearsWords(finding.referenceYears ?? [], lang) + (slots ? (zh ? '同日' : ', same day') : '');
      const change = finding.compared === null ? (zh ? `由 0 变为 ${formatCount(value)}` : `from 0 to ${formatCount(value)}`) : `${signed(finding.compared, 1)}%`;
      return fill(
        zh ? '{area} {when}{measure} {value}{unit}，对比{then} {reference}{unit}，变化 {change}，超出 ±{threshold}%'
          : '{area}: {measure} {value} {when} against {reference} ({then}), change {change}, beyond ±{threshold}%',
        { area, when, measure, value: formatCount(value), unit, then, reference: formatAmount(reference ?? 0), change, threshold: finding.threshold },
      );
    }
    case 'no-previous-year':
      if (finding.measure === 'open_slots') {
        return zh ? `数据（人口表或服务记录）中没有 ${finding.year}年之前的年份，未比较托位数随时间的变化` : `no year before ${finding.year} in the data (census or service records): open slots not compared over time`;
      }
      return zh ? `人口表没有 ${finding.year}年之前的年份，未比较人口数字随时间的变化` : `the census has no year before ${finding.year}: census figures not compared over time`;
    case 'ratio-difference':
      return fill(
        zh ? '{area} 1-3岁幼儿数 ÷（2 × 0-1岁婴儿数）= {value}，全部地区为 {reference}，相差 {difference}%，超出 ±{threshold}%'
          : '{area}: toddlers_1_3 ÷ (2 × infants_0_1) = {value} against {reference} for the whole data set ({difference}%), beyond ±{threshold}%',
        { area, value: roundForDisplay(value, 2), reference: roundForDisplay(reference ?? 0, 2), difference: signed(finding.compared ?? 0, 1), threshold: finding.threshold },
      );
    case 'above-census': {
      const ratio = finding.compared === null ? (zh ? '人口表为 0' : 'the census has none') : `${zh ? '比值' : 'ratio'} ${roundForDisplay(finding.compared, 2)} > ${finding.threshold}`;
      return fill(
        zh ? '{area} {window}见到的0岁儿童（0岁时有任何服务记录）{value} 名，多于人口表0-1岁婴儿数 {reference} 名（{ratio}）'
          : '{area}: {value} children seen while aged 0 in {window} (any record at age 0), more than the census\'s {reference} infants ({ratio})',
        { area, window, value: formatCount(value), reference: formatCount(reference ?? 0), ratio },
      );
    }
  }
}
