/**
 * The built-in plans. Targets are data (SPEC §1): the default plan holds the
 * targets of the city's three-year action plan (plan text, 二、工作目标 and
 * 三、重点任务), the national plan the national 2025 target of 4.5 childcare
 * slots per 1,000 residents. Wording is quoted from the plan text (the scan's
 * 〃 quotation marks written as “”).
 */
import type { IndicatorId } from '../engine/indicators.js';
import type { Plan, Target } from './plan.js';

const atLeast = (value: number): Target => ({ value, op: '>=' });

const DEFAULT_TARGETS: Record<IndicatorId, Target | null> = {
  guidance_rate_0_1: atLeast(90),
  activity_rate_1_3: atLeast(85),
  followups_per_infant: atLeast(5),
  combined_kindergarten_share: atLeast(50),
  kindergarten_slots: atLeast(2000),
  inclusive_facility_share: atLeast(75),
  community_coverage: atLeast(65),
  street_coverage: atLeast(100),
  slots_per_1000: atLeast(5),
  provincial_inclusive_count: atLeast(10),
  demonstration_count: atLeast(10),
  new_inclusive_toddler_classes: atLeast(50),
  new_community_inclusive_count: atLeast(1),
  outreach_compliance: atLeast(100),
  inclusive_slots: null,
  employer_facility_count: null,
};

const PLAN_WORDING: Partial<Record<IndicatorId, string>> = {
  guidance_rate_0_1: '到2025年,0-1岁婴幼儿家庭科学育儿指导率达90%以上',
  activity_rate_1_3: '1-3岁婴幼儿家庭亲子活动参与率达85%以上',
  followups_per_infant: '家庭医生、专业机构和相关团队人员每年为常住人口0-1岁婴儿家庭提供不少于5次的科学育儿随访指导',
  combined_kindergarten_share: '招收2-3岁幼儿的托幼一体幼儿园在幼儿园总量中占比达50%以上',
  kindergarten_slots: '幼儿园提供的托位数达到2000个以上',
  inclusive_facility_share: '普惠托育机构数达75%以上',
  community_coverage: '社区普惠托育服务设施覆盖率达65%',
  street_coverage: '深入推进“一乡镇一街道一普惠”',
  slots_per_1000: '每千人拥有3岁以下婴幼儿托位数达5个',
  provincial_inclusive_count: '共创建成省级普惠托育机构10家',
  demonstration_count: '示范性托育机构10家',
  new_inclusive_toddler_classes: '每年新增幼儿园普惠托班不少于50个',
  new_community_inclusive_count: '每年新增至少1家社区普惠托育机构,提供普惠托位50-80个',
  outreach_compliance: '幼儿园、普惠托育机构每年提供不少于5次的进社区、进家庭科学育儿指导服务',
  employer_facility_count: '鼓励有条件的产业园区、机关、企事业单位以单独或联合专业机构举办等方式,在工作场所或专业托育机构为职工提供托育服务',
};

export const DEFAULT_PLAN: Plan = {
  id: 'default',
  name: '普惠托育服务三年行动方案',
  nameEn: 'Three-year action plan for inclusive childcare',
  targets: DEFAULT_TARGETS,
  wording: PLAN_WORDING,
  targetYear: 2025,
};

/** The same plan with the national 2025 target for slots per 1,000 residents. */
export const NATIONAL_PLAN: Plan = {
  id: 'national',
  name: '普惠托育服务三年行动方案（每千人口托位数按国家2025年目标4.5个）',
  nameEn: 'Three-year action plan for inclusive childcare, with the national 2025 target of 4.5 slots per 1,000',
  targets: { ...DEFAULT_TARGETS, slots_per_1000: atLeast(4.5) },
  wording: { ...PLAN_WORDING, slots_per_1000: '每千人口拥有3岁以下婴幼儿托位数达到4.5个（国家2025年目标）' },
  targetYear: 2025,
};

export const BUILTIN_PLANS: readonly Plan[] = [DEFAULT_PLAN, NATIONAL_PLAN];
