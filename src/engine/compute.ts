/**
 * How each indicator of SPEC §1 is computed: one entry per indicator id, over
 * the tallies of one area (see `AreaTally`). Names, units and formulas in
 * words live in ./indicators.ts under the same ids; targets live in the plan.
 * An entry returns a ratio, a count, or n/a with a reason; it never divides
 * (the caller does, and only by a non-zero denominator).
 */
import type { AreaLevel } from '../schema/records.js';
import type { IndicatorId } from './indicators.js';
import type { CensusSums } from './areas.js';

/** Text in both output languages. */
export interface Words {
  zh: string;
  en: string;
}

/** Everything the indicators of one area (or of the whole data set) are computed from. */
export interface AreaTally {
  level: AreaLevel;
  census: CensusSums;
  /** Distinct children whose latest guidance/online record in the window, made while aged 0, is here. */
  guidanceChildren: number;
  /** Distinct children whose latest activity record in the window, made while aged 1 or 2, is here. */
  activityChildren: number;
  /** Guidance records in the window of children aged 0. */
  followups: number;
  /** Facilities open at period end, by kind; providers are facilities with slots > 0. */
  openKindergartens: number;
  kindergartensWithToddlerClasses: number;
  kindergartenSlots: number;
  openProviders: number;
  inclusiveProviders: number;
  openSlots: number;
  inclusiveSlots: number;
  provincial: number;
  demonstration: number;
  employer: number;
  newInclusiveToddlerClasses: number;
  newCommunityInclusive: number;
  /** Open kindergartens and inclusive providers, and those with ≥ 5 outreach records in the window. */
  outreachFacilities: number;
  outreachCompliant: number;
  /** Communities and streets beneath this area (for the total: all of them), and those covered. */
  communities: number;
  coveredCommunities: number;
  streets: number;
  coveredStreets: number;
}

export type Outcome =
  | { kind: 'ratio'; numerator: number; denominator: number; scale: number }
  | { kind: 'count'; value: number }
  | { kind: 'n/a'; reason: Words };

export type ComputeIndicator = (tally: AreaTally) => Outcome;

/** Plan lines 57–59: "不少于5次" — the fewest outreach services a facility must give in a year. */
export const OUTREACH_MINIMUM = 5;

function ratio(numerator: number, denominator: number, scale: number, whenZero: Words): Outcome {
  return denominator === 0 ? { kind: 'n/a', reason: whenZero } : { kind: 'ratio', numerator, denominator, scale };
}

function count(value: number): Outcome {
  return { kind: 'count', value };
}

const NO_INFANTS: Words = {
  zh: '人口表中0-1岁婴儿数为0，无法计算',
  en: 'the census counts no infants aged 0 here (infants_0_1 is 0)',
};

/** SPEC §2: a total is taken over the areas that have the level; the reason says which areas lack it. */
function lacksCommunities(level: AreaLevel): Words {
  if (level === 'district') {
    return {
      zh: '人口表未列出本区县的社区（12位区划代码），合计中不含本区县',
      en: 'the census lists no communities (12-digit codes) in this district; the total leaves it out',
    };
  }
  if (level === 'street') {
    return {
      zh: '人口表未列出本乡镇（街道）的社区（12位区划代码），合计中不含本乡镇（街道）',
      en: 'the census lists no communities (12-digit codes) in this street; the total leaves it out',
    };
  }
  return { zh: '人口表未列出社区（12位区划代码）', en: 'the census lists no communities (12-digit codes)' };
}

function lacksStreets(level: AreaLevel): Words {
  if (level === 'community') {
    return { zh: '社区（村）以下没有乡镇（街道）', en: 'a community holds no streets or townships' };
  }
  if (level === 'district') {
    return {
      zh: '人口表未列出本区县的乡镇（街道）（9位区划代码），合计中不含本区县',
      en: 'the census lists no streets or townships (9-digit codes) in this district; the total leaves it out',
    };
  }
  return {
    zh: '人口表未列出乡镇（街道）（9位区划代码）',
    en: 'the census lists no streets or townships (9-digit codes)',
  };
}

export const COMPUTE_INDICATOR: Readonly<Record<IndicatorId, ComputeIndicator>> = {
  // Plan line 15: 0-1岁婴幼儿家庭科学育儿指导率达90%以上.
  guidance_rate_0_1: (t) => ratio(t.guidanceChildren, t.census.infants01, 100, NO_INFANTS),
  // Plan lines 15–16: 1-3岁婴幼儿家庭亲子活动参与率达85%以上.
  activity_rate_1_3: (t) =>
    ratio(t.activityChildren, t.census.toddlers13, 100, {
      zh: '人口表中1-3岁幼儿数为0，无法计算',
      en: 'the census counts no children aged 1 or 2 here (toddlers_1_3 is 0)',
    }),
  // Plan lines 57–58: 每年为常住人口0-1岁婴儿家庭提供不少于5次的科学育儿随访指导.
  followups_per_infant: (t) => ratio(t.followups, t.census.infants01, 1, NO_INFANTS),
  // Plan lines 16–17: 招收2-3岁幼儿的托幼一体幼儿园在幼儿园总量中占比达50%以上.
  combined_kindergarten_share: (t) =>
    ratio(t.kindergartensWithToddlerClasses, t.openKindergartens, 100, {
      zh: '期末没有在办幼儿园',
      en: 'no kindergarten is open at period end',
    }),
  // Plan line 17: 幼儿园提供的托位数达到2000个以上.
  kindergarten_slots: (t) => count(t.kindergartenSlots),
  // Plan line 18: 普惠托育机构数达75%以上 — a share of providers (facilities with slots).
  inclusive_facility_share: (t) =>
    ratio(t.inclusiveProviders, t.openProviders, 100, {
      zh: '期末没有在办且托位数大于0的托育机构',
      en: 'no facility with slots is open at period end',
    }),
  // Plan line 18: 社区普惠托育服务设施覆盖率达65%.
  community_coverage: (t) =>
    ratio(t.coveredCommunities, t.communities, 100, lacksCommunities(t.level)),
  // Plan line 46: 深入推进“一乡镇一街道一普惠” — every street has an inclusive provider.
  street_coverage: (t) =>
    ratio(t.coveredStreets, t.streets, 100, lacksStreets(t.level)),
  // Plan lines 20–21: 每千人拥有3岁以下婴幼儿托位数达5个.
  slots_per_1000: (t) =>
    ratio(t.openSlots, t.census.population, 1000, {
      zh: '人口表中常住人口为0，无法计算',
      en: 'the census counts no residents here (population is 0)',
    }),
  // Plan lines 18–20: 创建成省级普惠托育机构10家.
  provincial_inclusive_count: (t) => count(t.provincial),
  // Plan line 20: 示范性托育机构10家.
  demonstration_count: (t) => count(t.demonstration),
  // Plan line 41: 每年新增幼儿园普惠托班不少于50个.
  new_inclusive_toddler_classes: (t) => count(t.newInclusiveToddlerClasses),
  // Plan lines 46–47: 每年新增至少1家社区普惠托育机构.
  new_community_inclusive_count: (t) => count(t.newCommunityInclusive),
  // Plan lines 58–59: 幼儿园、普惠托育机构每年提供不少于5次的进社区、进家庭科学育儿指导服务.
  outreach_compliance: (t) =>
    ratio(t.outreachCompliant, t.outreachFacilities, 100, {
      zh: '期末没有在办幼儿园或普惠托育机构',
      en: 'no kindergarten or inclusive provider is open at period end',
    }),
  // Plan line 47: 提供普惠托位 — shown without a target.
  inclusive_slots: (t) => count(t.inclusiveSlots),
  // Plan lines 51–52: 用人单位…为职工提供托育服务 — shown without a target.
  employer_facility_count: (t) => count(t.employer),
};
