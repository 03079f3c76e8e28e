/**
 * The indicators of the plan (SPEC §1), one entry each, in the plan's order:
 * what every part of tuoyu shows about an indicator and how it is computed
 * from the tallies it declares (see ./indicator-entry.ts for the words an
 * entry is written in). Adding an indicator is adding an entry here and its
 * test; the engine, the built-in plans, the plan file's ids and every view
 * take it from here.
 */
import {
  atLeast,
  count,
  defineIndicator,
  EVERY_LEVEL,
  one,
  ratio,
  TOTAL_ONLY,
  type IndicatorEntry,
  type OpenFacility,
  type Words,
} from './indicator-entry.js';

export { EVERY_LEVEL, type IndicatorUnit } from './indicator-entry.js';

/** Plan lines 57–59: "不少于5次" — the fewest outreach services a facility must give in a year. */
export const OUTREACH_MINIMUM = 5;

/** A provider offers childcare places: a facility with slots (SPEC §1, inclusive_facility_share); inclusive ones are 普惠. */
const isInclusiveProvider = (facility: OpenFacility): boolean => facility.inclusive && facility.slots > 0;

const NO_INFANTS: Words = {
  zh: '人口表中0-1岁婴儿数为0，无法计算',
  en: 'the census counts no infants aged 0 here (infants_0_1 is 0)',
};

const ENTRIES = [
  defineIndicator({
    id: 'guidance_rate_0_1',
    name: { zh: '0-1岁婴幼儿家庭科学育儿指导率', en: 'Parenting-guidance rate, families with infants under 1' },
    unit: 'percent',
    formula: {
      zh: '期内0岁时接受过≥1次科学育儿指导或线上指导的儿童数 ÷ Σ 0-1岁婴儿数 × 100',
      en: 'distinct children with ≥1 guidance or online record in the window while aged 0 ÷ Σ infants_0_1 × 100',
    },
    plan: { lines: '15', wording: '到2025年,0-1岁婴幼儿家庭科学育儿指导率达90%以上' },
    target: atLeast(90),
    targetLevels: EVERY_LEVEL,
    tallies: { guided: { visits: 'guidanceChildren' }, infants: { census: 'infants01' } },
    compute: (t) => ratio(t.guided, t.infants, 100, NO_INFANTS),
  }),
  defineIndicator({
    id: 'activity_rate_1_3',
    name: { zh: '1-3岁婴幼儿家庭亲子活动参与率', en: 'Parent–child activity participation rate, ages 1–3' },
    unit: 'percent',
    formula: {
      zh: '期内1岁或2岁时参加过≥1次亲子活动的儿童数 ÷ Σ 1-3岁幼儿数 × 100',
      en: 'distinct children with ≥1 activity record in the window while aged 1 or 2 ÷ Σ toddlers_1_3 × 100',
    },
    plan: { lines: '15–16', wording: '1-3岁婴幼儿家庭亲子活动参与率达85%以上' },
    target: atLeast(85),
    targetLevels: EVERY_LEVEL,
    tallies: { active: { visits: 'activityChildren' }, toddlers: { census: 'toddlers13' } },
    compute: (t) =>
      ratio(t.active, t.toddlers, 100, {
        zh: '人口表中1-3岁幼儿数为0，无法计算',
        en: 'the census counts no children aged 1 or 2 here (toddlers_1_3 is 0)',
      }),
  }),
  defineIndicator({
    id: 'followups_per_infant',
    name: { zh: '0-1岁婴儿人均随访指导次数', en: 'Guidance follow-ups per infant' },
    unit: 'per_infant',
    formula: {
      zh: '期内0岁儿童的科学育儿指导记录数 ÷ Σ 0-1岁婴儿数',
      en: 'number of guidance records in the window for children aged 0 ÷ Σ infants_0_1',
    },
    plan: { lines: '57–58', wording: '家庭医生、专业机构和相关团队人员每年为常住人口0-1岁婴儿家庭提供不少于5次的科学育儿随访指导' },
    target: atLeast(5),
    targetLevels: EVERY_LEVEL,
    tallies: { followups: { visits: 'followups' }, infants: { census: 'infants01' } },
    compute: (t) => ratio(t.followups, t.infants, 1, NO_INFANTS),
  }),
  defineIndicator({
    id: 'combined_kindergarten_share',
    name: { zh: '招收2-3岁幼儿的托幼一体幼儿园占比', en: 'Share of kindergartens enrolling 2–3-year-olds' },
    unit: 'percent',
    formula: {
      zh: '托班数>0的在办幼儿园数 ÷ 在办幼儿园数 × 100',
      en: 'open kindergartens with toddler_classes > 0 ÷ open kindergartens × 100',
    },
    plan: { lines: '16–17', wording: '招收2-3岁幼儿的托幼一体幼儿园在幼儿园总量中占比达50%以上' },
    target: atLeast(50),
    targetLevels: EVERY_LEVEL,
    tallies: {
      kindergartens: { openFacilities: (f) => one(f.type === 'kindergarten') },
      withToddlerClasses: { openFacilities: (f) => one(f.type === 'kindergarten' && f.toddlerClasses > 0) },
    },
    compute: (t) =>
      ratio(t.withToddlerClasses, t.kindergartens, 100, { zh: '期末没有在办幼儿园', en: 'no kindergarten is open at period end' }),
  }),
  defineIndicator({
    id: 'kindergarten_slots',
    name: { zh: '幼儿园提供的托位数', en: 'Childcare slots in kindergartens' },
    unit: 'count',
    formula: { zh: 'Σ 在办幼儿园的托位数', en: 'Σ slots of open kindergartens' },
    plan: { lines: '17', wording: '幼儿园提供的托位数达到2000个以上' },
    target: atLeast(2000),
    targetLevels: TOTAL_ONLY,
    tallies: { slots: { openFacilities: (f) => (f.type === 'kindergarten' ? f.slots : 0) } },
    compute: (t) => count(t.slots),
  }),
  defineIndicator({
    id: 'inclusive_facility_share',
    name: { zh: '普惠托育机构占比', en: 'Share of inclusive childcare providers' },
    unit: 'percent',
    formula: {
      zh: '在办普惠托育服务提供者数 ÷ 在办托育服务提供者数 × 100（提供者 = 托位数>0的机构）',
      en: 'open providers that are inclusive ÷ open providers × 100 (provider = facility with slots > 0)',
    },
    // "普惠托育机构数达75%以上" — a share of providers (facilities with slots).
    plan: { lines: '18', wording: '普惠托育机构数达75%以上' },
    target: atLeast(75),
    targetLevels: EVERY_LEVEL,
    tallies: {
      providers: { openFacilities: (f) => one(f.slots > 0) },
      inclusive: { openFacilities: (f) => one(isInclusiveProvider(f)) },
    },
    compute: (t) =>
      ratio(t.inclusive, t.providers, 100, { zh: '期末没有在办且托位数大于0的托育机构', en: 'no facility with slots is open at period end' }),
  }),
  defineIndicator({
    id: 'community_coverage',
    name: { zh: '社区普惠托育服务设施覆盖率', en: 'Communities with an inclusive childcare facility' },
    unit: 'percent',
    formula: {
      zh: '有≥1家在办普惠托育服务提供者的社区数 ÷ 社区数 × 100',
      en: 'communities with ≥1 open inclusive provider located in them ÷ communities × 100',
    },
    plan: { lines: '18', wording: '社区普惠托育服务设施覆盖率达65%' },
    target: atLeast(65),
    targetLevels: ['all', 'district', 'street'],
    needs: { level: 'community' },
    tallies: {
      communities: { communities: () => 1 },
      covered: { communities: (c) => one(c.facilities.some(isInclusiveProvider)) },
    },
    compute: (t) => ratio(t.covered, t.communities, 100, { zh: '没有社区', en: 'no communities' }),
  }),
  defineIndicator({
    id: 'street_coverage',
    name: { zh: '乡镇（街道）普惠托育覆盖率（一乡镇一街道一普惠）', en: 'Townships/streets with an inclusive provider' },
    unit: 'percent',
    formula: {
      zh: '本级或下辖社区有≥1家在办普惠托育服务提供者的乡镇（街道）数 ÷ 乡镇（街道）数 × 100',
      en: 'streets with ≥1 open inclusive provider located in them or in one of their communities ÷ streets × 100',
    },
    // "深入推进“一乡镇一街道一普惠”" — every street has an inclusive provider.
    plan: { lines: '46', wording: '深入推进“一乡镇一街道一普惠”' },
    target: atLeast(100),
    targetLevels: ['all', 'district'],
    needs: { level: 'street' },
    tallies: {
      streets: { streets: () => 1 },
      covered: { streets: (s) => one(s.facilities.some(isInclusiveProvider)) },
    },
    compute: (t) => ratio(t.covered, t.streets, 100, { zh: '没有乡镇（街道）', en: 'no streets or townships' }),
  }),
  defineIndicator({
    id: 'slots_per_1000',
    name: { zh: '每千人口拥有3岁以下婴幼儿托位数', en: 'Childcare slots per 1,000 residents' },
    unit: 'per_1000',
    formula: { zh: 'Σ 在办机构托位数 ÷ Σ 常住人口 × 1000', en: 'Σ slots of open facilities ÷ Σ population × 1000' },
    plan: { lines: '20–21', wording: '每千人拥有3岁以下婴幼儿托位数达5个' },
    target: atLeast(5),
    targetLevels: EVERY_LEVEL,
    tallies: { slots: { openFacilities: (f) => f.slots }, population: { census: 'population' } },
    compute: (t) =>
      ratio(t.slots, t.population, 1000, {
        zh: '人口表中常住人口为0，无法计算',
        en: 'the census counts no residents here (population is 0)',
      }),
  }),
  defineIndicator({
    id: 'provincial_inclusive_count',
    name: { zh: '省级普惠托育机构数', en: 'Provincial-level inclusive institutions' },
    unit: 'count',
    formula: { zh: '在办的省级普惠托育机构数', en: 'open facilities with provincial' },
    plan: { lines: '18–20', wording: '共创建成省级普惠托育机构10家' },
    target: atLeast(10),
    targetLevels: TOTAL_ONLY,
    tallies: { provincial: { openFacilities: (f) => one(f.provincial) } },
    compute: (t) => count(t.provincial),
  }),
  defineIndicator({
    id: 'demonstration_count',
    name: { zh: '示范性托育机构数', en: 'Demonstration institutions' },
    unit: 'count',
    formula: { zh: '在办的示范性托育机构数', en: 'open facilities with demonstration' },
    plan: { lines: '20', wording: '示范性托育机构10家' },
    target: atLeast(10),
    targetLevels: TOTAL_ONLY,
    tallies: { demonstration: { openFacilities: (f) => one(f.demonstration) } },
    compute: (t) => count(t.demonstration),
  }),
  defineIndicator({
    id: 'new_inclusive_toddler_classes',
    name: { zh: '本年新增幼儿园普惠托班数', en: 'New inclusive toddler classes in kindergartens this year' },
    unit: 'count',
    formula: {
      zh: 'Σ 在办普惠幼儿园的本年新增托班数',
      en: 'Σ toddler_classes_new of open inclusive kindergartens',
    },
    plan: { lines: '41', wording: '每年新增幼儿园普惠托班不少于50个' },
    target: atLeast(50),
    targetLevels: TOTAL_ONLY,
    flow: true,
    tallies: { newClasses: { openFacilities: (f) => (f.type === 'kindergarten' && f.inclusive ? f.toddlerClassesNew : 0) } },
    compute: (t) => count(t.newClasses),
  }),
  defineIndicator({
    id: 'new_community_inclusive_count',
    name: { zh: '本年新增社区普惠托育机构数', en: 'New community inclusive institutions this year' },
    unit: 'count',
    formula: {
      zh: '开办日期在本年1月1日至期末之间的在办普惠社区托育点数',
      en: 'open community facilities that are inclusive with opened in [1 Jan of the period year, period end]',
    },
    plan: { lines: '46–47', wording: '每年新增至少1家社区普惠托育机构,提供普惠托位50-80个' },
    target: atLeast(1),
    targetLevels: TOTAL_ONLY,
    flow: true,
    tallies: {
      // New this year: opened between 1 January and period end.
      opened: {
        openFacilities: (f, period) =>
          one(f.type === 'community' && f.inclusive && f.opened !== null && f.opened >= period.start && f.opened <= period.end),
      },
    },
    compute: (t) => count(t.opened),
  }),
  defineIndicator({
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
    plan: { lines: '58–59', wording: '幼儿园、普惠托育机构每年提供不少于5次的进社区、进家庭科学育儿指导服务' },
    target: atLeast(100),
    targetLevels: EVERY_LEVEL,
    tallies: {
      due: { openFacilities: (f) => one(f.type === 'kindergarten' || isInclusiveProvider(f)) },
      compliant: { openFacilities: (f) => one((f.type === 'kindergarten' || isInclusiveProvider(f)) && f.outreach >= OUTREACH_MINIMUM) },
    },
    compute: (t) =>
      ratio(t.compliant, t.due, 100, {
        zh: '期末没有在办幼儿园或普惠托育机构',
        en: 'no kindergarten or inclusive provider is open at period end',
      }),
  }),
  defineIndicator({
    id: 'inclusive_slots',
    name: { zh: '普惠托位数', en: 'Slots in inclusive facilities' },
    unit: 'count',
    formula: { zh: 'Σ 在办普惠机构托位数', en: 'Σ slots of open inclusive facilities' },
    // "提供普惠托位" — shown without a target.
    plan: { lines: '47' },
    target: null,
    targetLevels: EVERY_LEVEL,
    tallies: { slots: { openFacilities: (f) => (f.inclusive ? f.slots : 0) } },
    compute: (t) => count(t.slots),
  }),
  defineIndicator({
    id: 'employer_facility_count',
    name: { zh: '用人单位托育机构数', en: 'Employer-provided childcare facilities' },
    unit: 'count',
    formula: { zh: '在办用人单位托育机构数', en: 'open employer facilities' },
    plan: {
      lines: '51–52',
      wording: '鼓励有条件的产业园区、机关、企事业单位以单独或联合专业机构举办等方式,在工作场所或专业托育机构为职工提供托育服务',
    },
    target: null,
    targetLevels: EVERY_LEVEL,
    tallies: { employer: { openFacilities: (f) => one(f.type === 'employer') } },
    compute: (t) => count(t.employer),
  }),
  defineIndicator({
    id: 'self_assessment_rate',
    name: { zh: '托育机构年度自评覆盖率', en: 'Providers that assessed their own quality this year' },
    unit: 'percent',
    formula: {
      zh: '本年1月1日至期末有≥1次自评的在办托育服务提供者数 ÷ 在办托育服务提供者数 × 100',
      en: 'open providers with ≥1 self assessment dated from 1 Jan of the period year through period end ÷ open providers × 100',
    },
    // SPEC §9; the plan's §三.2: a quality-evaluation mechanism, and regular self-assessment.
    plan: { lines: '30–33', wording: '建立托育服务质量评价机制……指导托育机构定期进行自我评估' },
    target: null,
    targetLevels: EVERY_LEVEL,
    needs: { tables: ['assessments'] },
    tallies: {
      providers: { openFacilities: (f) => one(f.slots > 0) },
      selfAssessed: { openFacilities: (f) => one(f.slots > 0 && f.assessments.some((a) => a.kind === 'self')) },
    },
    compute: (t) =>
      ratio(t.selfAssessed, t.providers, 100, { zh: '期末没有在办且托位数大于0的托育机构', en: 'no facility with slots is open at period end' }),
  }),
  defineIndicator({
    id: 'quality_score_mean',
    name: { zh: '托育机构质量评估平均得分', en: 'Mean quality score of providers' },
    unit: 'score',
    formula: {
      zh: '各在办托育服务提供者本年1月1日至期末最新一次质量评估的总分（七个维度之和）之平均，仅计有评估者',
      en: "mean total score (sum of the seven dimensions) of each open provider's latest assessment in the window, over providers that have one",
    },
    // SPEC §9; WS/T 821—2023 scores seven dimensions, 1,000 points in all.
    plan: { lines: '30–32', wording: '制定托育机构质量评估标准指标要点与评分细则' },
    target: null,
    targetLevels: EVERY_LEVEL,
    needs: { tables: ['assessments'] },
    tallies: {
      assessed: { openFacilities: (f) => one(f.slots > 0 && f.latestAssessment !== null) },
      // Scores carry one decimal: summed in tenths, so that totals and their sum are exact.
      scoreTenths: {
        openFacilities: (f) =>
          f.slots > 0 && f.latestAssessment !== null
            ? Object.values(f.latestAssessment.scores).reduce((tenths, score) => tenths + Math.round(score * 10), 0)
            : 0,
      },
    },
    compute: (t) =>
      ratio(t.scoreTenths / 10, t.assessed, 1, {
        zh: '期内没有在办托育服务提供者接受过质量评估',
        en: 'no open provider has an assessment dated in the window',
      }),
  }),
  defineIndicator({
    id: 'quality_ab_share',
    name: { zh: '质量评估A、B级托育机构占比', en: 'Share of providers assessed A or B' },
    unit: 'percent',
    formula: {
      zh: '本年1月1日至期末最新一次评估为A或B级且基础指标全部达标的在办托育服务提供者数 ÷ 最新一次评估记有等级的提供者数 × 100',
      en: 'providers whose latest assessment in the window has level A or B and basic_passed ÷ providers whose latest assessment records a level × 100',
    },
    // SPEC §9; WS/T 821—2023 rates A/B/C/D, and its basic items veto.
    plan: { lines: '30–33', wording: '加强托育机构质量评价' },
    target: null,
    targetLevels: EVERY_LEVEL,
    needs: { tables: ['assessments'] },
    tallies: {
      levelled: { openFacilities: (f) => one(f.slots > 0 && f.latestAssessment !== null && f.latestAssessment.level !== null) },
      ratedAB: {
        openFacilities: (f) =>
          one(f.slots > 0 && f.latestAssessment !== null && (f.latestAssessment.level === 'A' || f.latestAssessment.level === 'B') && f.latestAssessment.basicPassed),
      },
    },
    compute: (t) =>
      ratio(t.ratedAB, t.levelled, 100, {
        zh: '没有在办托育服务提供者的最新一次评估记有等级',
        en: "no open provider's latest assessment in the window records a level",
      }),
  }),
  defineIndicator({
    id: 'street_coverage_urban',
    name: { zh: '街道普惠托育覆盖率', en: 'Urban streets with an inclusive provider' },
    unit: 'percent',
    formula: {
      zh: '乡镇（街道）普惠托育覆盖率，仅计街道（代码末三位001–099）',
      en: 'street_coverage over the streets (codes ending 001–099) only',
    },
    // SPEC §10: 一乡镇一街道一普惠 (line 46) for towns and cities alike, 覆盖城乡 (line 21).
    plan: { lines: '46', wording: '深入推进“一乡镇一街道一普惠”' },
    target: atLeast(100),
    targetLevels: ['all', 'district'],
    needs: { level: 'street' },
    tallies: {
      streets: { streets: (s) => one(s.kind === 'street') },
      covered: { streets: (s) => one(s.kind === 'street' && s.facilities.some(isInclusiveProvider)) },
    },
    compute: (t) =>
      ratio(t.covered, t.streets, 100, { zh: '本区域没有街道（代码末三位001–099）', en: 'no streets (codes ending 001–099) here' }),
  }),
  defineIndicator({
    id: 'street_coverage_rural',
    name: { zh: '乡镇普惠托育覆盖率', en: 'Towns and townships with an inclusive provider' },
    unit: 'percent',
    formula: {
      zh: '乡镇（街道）普惠托育覆盖率，仅计镇和乡（代码末三位100–399）',
      en: 'street_coverage over the towns and townships (codes ending 100–399) only',
    },
    // SPEC §10: 一乡镇一街道一普惠 (line 46) in the countryside too, 覆盖城乡 (line 21).
    plan: { lines: '46', wording: '深入推进“一乡镇一街道一普惠”' },
    target: atLeast(100),
    targetLevels: ['all', 'district'],
    needs: { level: 'street' },
    tallies: {
      units: { streets: (s) => one(s.kind === 'town' || s.kind === 'township') },
      covered: { streets: (s) => one((s.kind === 'town' || s.kind === 'township') && s.facilities.some(isInclusiveProvider)) },
    },
    compute: (t) =>
      ratio(t.covered, t.units, 100, {
        zh: '本区域没有镇、乡（代码末三位100–399）',
        en: 'no towns or townships (codes ending 100–399) here',
      }),
  }),
] as const;

export type IndicatorId = (typeof ENTRIES)[number]['id'];

/** What every view needs to know about an indicator: its entry. */
export type IndicatorInfo = IndicatorEntry<IndicatorId>;

/** Every indicator, in catalogue order: the order of every report, view and plan. */
export const INDICATOR_LIST: readonly IndicatorInfo[] = ENTRIES;

export const INDICATOR_IDS: readonly IndicatorId[] = INDICATOR_LIST.map((entry) => entry.id);

export const INDICATORS: Readonly<Record<IndicatorId, IndicatorInfo>> = indexIndicators(INDICATOR_LIST);

/** The registry by id, refusing an id defined twice (a registry is a plain object, never magic). */
function indexIndicators(entries: readonly IndicatorInfo[]): Record<IndicatorId, IndicatorInfo> {
  const registry = {} as Record<IndicatorId, IndicatorInfo>;
  for (const entry of entries) {
    if (registry[entry.id]) throw new Error(`indicator ${entry.id} defined twice`);
    registry[entry.id] = entry;
  }
  return registry;
}
