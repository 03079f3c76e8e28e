/**
 * The indicator catalogue of SPEC §1: one entry per indicator, in the plan's
 * order. This file holds what every part of tuoyu shows about an indicator
 * (names, unit, formula, where it applies); how each is computed is in
 * src/engine/compute.ts, keyed by the same ids.
 */
import type { AreaLevel } from '../schema/records.js';

export const INDICATOR_IDS = [
  'guidance_rate_0_1',
  'activity_rate_1_3',
  'followups_per_infant',
  'combined_kindergarten_share',
  'kindergarten_slots',
  'inclusive_facility_share',
  'community_coverage',
  'street_coverage',
  'slots_per_1000',
  'provincial_inclusive_count',
  'demonstration_count',
  'new_inclusive_toddler_classes',
  'new_community_inclusive_count',
  'outreach_compliance',
  'inclusive_slots',
  'employer_facility_count',
] as const;

export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** percent: 0–100; per_1000: per 1,000 residents; per_infant: records per infant; count: a count or sum. */
export type IndicatorUnit = 'percent' | 'per_1000' | 'per_infant' | 'count';


export interface IndicatorInfo {
  id: IndicatorId;
  name: { zh: string; en: string };
  unit: IndicatorUnit;
  formula: { zh: string; en: string };
  /**
   * SPEC §1 "applies at": the area levels whose rows compare the value with
   * the plan's target. Every row has the value; elsewhere its status is
   * `no_target` ("whole data set" = the total row only).
   */
  targetLevels: readonly AreaLevel[];
  /**
   * A per-year quantity (本年新增…, "每年新增…不少于"): its target is met or
   * missed anew each year, so a trend judges it year by year instead of as a
   * level to grow into by the target year. Absent: a level (stock).
   */
  flow?: true;
}

export const EVERY_LEVEL: readonly AreaLevel[] = ['all', 'district', 'street', 'community'];
const TOTAL_ONLY: readonly AreaLevel[] = ['all'];

export const INDICATORS: Readonly<Record<IndicatorId, IndicatorInfo>> = defineIndicators([
  {
    id: 'guidance_rate_0_1',
    name: { zh: '0-1岁婴幼儿家庭科学育儿指导率', en: 'Parenting-guidance rate, families with infants under 1' },
    unit: 'percent',
    formula: {
      zh: '期内0岁时接受过≥1次科学育儿指导或线上指导的儿童数 ÷ Σ 0-1岁婴儿数 × 100',
      en: 'distinct children with ≥1 guidance or online record in the window while aged 0 ÷ Σ infants_0_1 × 100',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'activity_rate_1_3',
    name: { zh: '1-3岁婴幼儿家庭亲子活动参与率', en: 'Parent–child activity participation rate, ages 1–3' },
    unit: 'percent',
    formula: {
      zh: '期内1岁或2岁时参加过≥1次亲子活动的儿童数 ÷ Σ 1-3岁幼儿数 × 100',
      en: 'distinct children with ≥1 activity record in the window while aged 1 or 2 ÷ Σ toddlers_1_3 × 100',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'followups_per_infant',
    name: { zh: '0-1岁婴儿人均随访指导次数', en: 'Guidance follow-ups per infant' },
    unit: 'per_infant',
    formula: {
      zh: '期内0岁儿童的科学育儿指导记录数 ÷ Σ 0-1岁婴儿数',
      en: 'number of guidance records in the window for children aged 0 ÷ Σ infants_0_1',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'combined_kindergarten_share',
    name: { zh: '招收2-3岁幼儿的托幼一体幼儿园占比', en: 'Share of kindergartens enrolling 2–3-year-olds' },
    unit: 'percent',
    formula: {
      zh: '托班数>0的在办幼儿园数 ÷ 在办幼儿园数 × 100',
      en: 'open kindergartens with toddler_classes > 0 ÷ open kindergartens × 100',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'kindergarten_slots',
    name: { zh: '幼儿园提供的托位数', en: 'Childcare slots in kindergartens' },
    unit: 'count',
    formula: { zh: 'Σ 在办幼儿园的托位数', en: 'Σ slots of open kindergartens' },
    targetLevels: TOTAL_ONLY,
  },
  {
    id: 'inclusive_facility_share',
    name: { zh: '普惠托育机构占比', en: 'Share of inclusive childcare providers' },
    unit: 'percent',
    formula: {
      zh: '在办普惠托育服务提供者数 ÷ 在办托育服务提供者数 × 100（提供者 = 托位数>0的机构）',
      en: 'open providers that are inclusive ÷ open providers × 100 (provider = facility with slots > 0)',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'community_coverage',
    name: { zh: '社区普惠托育服务设施覆盖率', en: 'Communities with an inclusive childcare facility' },
    unit: 'percent',
    formula: {
      zh: '有≥1家在办普惠托育服务提供者的社区数 ÷ 社区数 × 100',
      en: 'communities with ≥1 open inclusive provider located in them ÷ communities × 100',
    },
    targetLevels: ['all', 'district', 'street'],
  },
  {
    id: 'street_coverage',
    name: { zh: '乡镇（街道）普惠托育覆盖率（一乡镇一街道一普惠）', en: 'Townships/streets with an inclusive provider' },
    unit: 'percent',
    formula: {
      zh: '本级或下辖社区有≥1家在办普惠托育服务提供者的乡镇（街道）数 ÷ 乡镇（街道）数 × 100',
      en: 'streets with ≥1 open inclusive provider located in them or in one of their communities ÷ streets × 100',
    },
    targetLevels: ['all', 'district'],
  },
  {
    id: 'slots_per_1000',
    name: { zh: '每千人口拥有3岁以下婴幼儿托位数', en: 'Childcare slots per 1,000 residents' },
    unit: 'per_1000',
    formula: { zh: 'Σ 在办机构托位数 ÷ Σ 常住人口 × 1000', en: 'Σ slots of open facilities ÷ Σ population × 1000' },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'provincial_inclusive_count',
    name: { zh: '省级普惠托育机构数', en: 'Provincial-level inclusive institutions' },
    unit: 'count',
    formula: { zh: '在办的省级普惠托育机构数', en: 'open facilities with provincial' },
    targetLevels: TOTAL_ONLY,
  },
  {
    id: 'demonstration_count',
    name: { zh: '示范性托育机构数', en: 'Demonstration institutions' },
    unit: 'count',
    formula: { zh: '在办的示范性托育机构数', en: 'open facilities with demonstration' },
    targetLevels: TOTAL_ONLY,
  },
  {
    id: 'new_inclusive_toddler_classes',
    name: { zh: '本年新增幼儿园普惠托班数', en: 'New inclusive toddler classes in kindergartens this year' },
    unit: 'count',
    formula: {
      zh: 'Σ 在办普惠幼儿园的本年新增托班数',
      en: 'Σ toddler_classes_new of open inclusive kindergartens',
    },
    targetLevels: TOTAL_ONLY,
    flow: true,
  },
  {
    id: 'new_community_inclusive_count',
    name: { zh: '本年新增社区普惠托育机构数', en: 'New community inclusive institutions this year' },
    unit: 'count',
    formula: {
      zh: '开办日期在本年1月1日至期末之间的在办普惠社区托育点数',
      en: 'open community facilities that are inclusive with opened in [1 Jan of the period year, period end]',
    },
    targetLevels: TOTAL_ONLY,
    flow: true,
  },
  {
    id: 'outreach_compliance',
    name: {
      zh: '幼儿园、普惠托育机构进社区进家庭指导达标率',
      en: 'Kindergartens and inclusive providers with ≥5 outreach services',
    },
    unit: 'percent',
    formula: {
      zh: '期内进社区进家庭指导记录≥5次的在办幼儿园及普惠托育服务提供者数 ÷ 此类机构数 × 100',
      en: 'open facilities that are kindergartens or inclusive providers with ≥5 outreach records in the window ÷ those facilities × 100',
    },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'inclusive_slots',
    name: { zh: '普惠托位数', en: 'Slots in inclusive facilities' },
    unit: 'count',
    formula: { zh: 'Σ 在办普惠机构托位数', en: 'Σ slots of open inclusive facilities' },
    targetLevels: EVERY_LEVEL,
  },
  {
    id: 'employer_facility_count',
    name: { zh: '用人单位托育机构数', en: 'Employer-provided childcare facilities' },
    unit: 'count',
    formula: { zh: '在办用人单位托育机构数', en: 'open employer facilities' },
    targetLevels: EVERY_LEVEL,
  },
]);

/** Builds the registry, refusing a duplicate or missing id (a registry is a plain object, never magic). */
function defineIndicators(entries: IndicatorInfo[]): Record<IndicatorId, IndicatorInfo> {
  const registry = {} as Record<IndicatorId, IndicatorInfo>;
  for (const entry of entries) {
    if (registry[entry.id]) throw new Error(`indicator ${entry.id} defined twice`);
    registry[entry.id] = entry;
  }
  for (const id of INDICATOR_IDS) {
    if (!registry[id]) throw new Error(`indicator ${id} not defined`);
  }
  return registry;
}
