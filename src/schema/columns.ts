/**
 * The columns of the three input tables (SPEC §3): one catalogue that header
 * matching, validation, templates and docs all read.
 */
import type { TableName } from '../issues/issue.js';
import { ASSESSMENT_KINDS, ASSESSMENT_LEVELS, FACILITY_TYPES, QUALITY_DIMENSIONS, VISIT_KINDS, type QualityDimension } from './records.js';

/** `score`: a number from 0 to the column's `max`, with at most one decimal (SPEC §9). */
export type ColumnType = 'text' | 'area_code' | 'year' | 'integer' | 'boolean' | 'date' | 'enum' | 'score';

export interface ColumnSpec {
  /** Canonical English name, as in SPEC §3. */
  id: string;
  /** The Chinese label of SPEC §3. */
  zh: string;
  /** Other headers seen in real submissions (matched the same way as id and zh). */
  aliases: readonly string[];
  type: ColumnType;
  /** 'yes' always; 'no' never; 'unless_outreach' / 'for_outreach' depend on the visit's kind; 'unless_total' for census rows. */
  required: 'yes' | 'no' | 'unless_outreach' | 'for_outreach' | 'unless_total';
  /** For enums: the English ids and their Chinese labels. */
  values?: readonly { id: string; zh: string }[];
  /** For scores: the highest score allowed. */
  max?: number;
  /** Explanation for the template's notes sheet. */
  note: { zh: string; en: string };
}

export const FACILITY_TYPE_LABELS: Record<(typeof FACILITY_TYPES)[number], string> = {
  kindergarten: '幼儿园',
  nursery: '托育机构',
  community: '社区托育点',
  employer: '用人单位托育',
  medical: '医疗机构托育',
  other: '其他',
};

export const VISIT_KIND_LABELS: Record<(typeof VISIT_KINDS)[number], string> = {
  guidance: '科学育儿指导',
  activity: '亲子活动',
  outreach: '进社区进家庭指导',
  online: '线上指导',
};

export const ASSESSMENT_KIND_LABELS: Record<(typeof ASSESSMENT_KINDS)[number], string> = {
  self: '自评',
  external: '外部评估',
};

/** The Chinese labels of SPEC §9's seven dimensions. */
const DIMENSION_LABELS: Record<QualityDimension, { zh: string; en: string }> = {
  conditions: { zh: '办托条件', en: 'conditions for childcare' },
  staff: { zh: '托育队伍', en: 'childcare staff' },
  care: { zh: '保育照护', en: 'care and nurture' },
  health: { zh: '卫生保健', en: 'health care' },
  family_support: { zh: '养育支持', en: 'support for parenting' },
  safety: { zh: '安全保障', en: 'safety' },
  management: { zh: '机构管理', en: 'management' },
};

const assessmentKindValues = ASSESSMENT_KINDS.map((id) => ({ id, zh: ASSESSMENT_KIND_LABELS[id] }));
/** A level reads as the letter or as it is written on a Chinese form: `A` or `A级`. */
const assessmentLevelValues = ASSESSMENT_LEVELS.map((id) => ({ id, zh: `${id}级` }));

const dimensionColumns: ColumnSpec[] = (Object.keys(QUALITY_DIMENSIONS) as QualityDimension[]).map((id) => {
  const max = QUALITY_DIMENSIONS[id];
  const label = DIMENSION_LABELS[id];
  return {
    id, zh: label.zh, aliases: [`${label.zh}得分`], type: 'score', required: 'yes', max,
    note: { zh: `${label.zh}得分，0–${max}分，可保留一位小数`, en: `Score for ${label.en}, 0–${max} points, at most one decimal` },
  };
});

const facilityTypeValues = FACILITY_TYPES.map((id) => ({ id, zh: FACILITY_TYPE_LABELS[id] }));
const visitKindValues = VISIT_KINDS.map((id) => ({ id, zh: VISIT_KIND_LABELS[id] }));

export const TABLE_COLUMNS: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  census: [
    {
      id: 'area_code', zh: '区划代码', aliases: ['统计用区划代码', '行政区划代码', 'code'], type: 'area_code', required: 'unless_total',
      note: { zh: '6位区县、9位乡镇（街道）或12位村居代码；12位补零形式会被规范化', en: '6-digit district, 9-digit street or 12-digit community code; the 12-digit padded form is normalised' },
    },
    {
      id: 'area_name', zh: '区划名称', aliases: ['名称', '地区', 'name'], type: 'text', required: 'yes',
      note: { zh: '区县、街道或社区名称；合计行写「合计」且不填代码', en: 'Name of the area; a total row says 合计/Total and has no code' },
    },
    {
      id: 'year', zh: '年份', aliases: ['统计年度', '年度'], type: 'year', required: 'no',
      note: { zh: '人口数据所属年份；不填则适用于所有期间', en: 'Census year; empty means the row applies to every period' },
    },
    {
      id: 'population', zh: '常住人口', aliases: ['常住人口数', '人口'], type: 'integer', required: 'yes',
      note: { zh: '常住人口（人），非负整数', en: 'Resident population, a whole number ≥ 0' },
    },
    {
      id: 'infants_0_1', zh: '0-1岁婴儿数', aliases: ['0岁婴儿数', '0-1岁', 'infants'], type: 'integer', required: 'yes',
      note: { zh: '0岁（未满1周岁）婴儿数', en: 'Children aged 0 (under one year)' },
    },
    {
      id: 'toddlers_1_3', zh: '1-3岁幼儿数', aliases: ['1-3岁', 'toddlers'], type: 'integer', required: 'yes',
      note: { zh: '1岁或2岁（满1周岁未满3周岁）幼儿数', en: 'Children aged 1 or 2' },
    },
  ],
  facilities: [
    {
      id: 'facility_id', zh: '机构编码', aliases: ['机构代码', '统一社会信用代码', 'id'], type: 'text', required: 'yes',
      note: { zh: '机构唯一编码，不可重复', en: 'Unique facility id' },
    },
    {
      id: 'name', zh: '机构名称', aliases: ['名称'], type: 'text', required: 'yes',
      note: { zh: '机构名称', en: 'Facility name' },
    },
    {
      id: 'area_code', zh: '区划代码', aliases: ['所在区划代码', '统计用区划代码'], type: 'area_code', required: 'yes',
      note: { zh: '机构所在区县、街道或社区的代码', en: 'Code of the district, street or community where the facility is' },
    },
    {
      id: 'type', zh: '机构类型', aliases: ['类型'], type: 'enum', required: 'yes', values: facilityTypeValues,
      note: { zh: '幼儿园、托育机构、社区托育点、用人单位托育、医疗机构托育或其他', en: 'kindergarten, nursery, community, employer, medical or other' },
    },
    {
      id: 'inclusive', zh: '是否普惠', aliases: ['普惠', '普惠性'], type: 'boolean', required: 'yes',
      note: { zh: '是/否', en: 'yes/no' },
    },
    {
      id: 'slots', zh: '托位数', aliases: ['托位', '托位数量'], type: 'integer', required: 'yes',
      note: { zh: '3岁以下婴幼儿托位数，非负整数', en: 'Childcare slots for under-threes, a whole number ≥ 0' },
    },
    {
      id: 'toddler_classes', zh: '托班数', aliases: ['托班'], type: 'integer', required: 'no',
      note: { zh: '托班数，不填为0', en: 'Toddler classes; empty means 0' },
    },
    {
      id: 'toddler_classes_new', zh: '本年新增托班数', aliases: ['新增托班数', '新增托班'], type: 'integer', required: 'no',
      note: { zh: '本年新增托班数，不超过托班数', en: 'Toddler classes added this year; at most toddler_classes' },
    },
    {
      id: 'provincial', zh: '省级普惠托育机构', aliases: ['是否省级普惠', '省级普惠'], type: 'boolean', required: 'no',
      note: { zh: '是/否，不填为否', en: 'yes/no; empty means no' },
    },
    {
      id: 'demonstration', zh: '示范性托育机构', aliases: ['是否示范性', '示范性'], type: 'boolean', required: 'no',
      note: { zh: '是/否，不填为否', en: 'yes/no; empty means no' },
    },
    {
      id: 'opened', zh: '开办日期', aliases: ['成立日期', '开业日期'], type: 'date', required: 'no',
      note: { zh: '日期，如2025-03-07；不填视为一直在办', en: 'A date such as 2025-03-07; empty means open throughout' },
    },
    {
      id: 'closed', zh: '停办日期', aliases: ['关停日期', '注销日期'], type: 'date', required: 'no',
      note: { zh: '日期，晚于开办日期；不填为仍在办', en: 'A date after opened; empty means still open' },
    },
  ],
  visits: [
    {
      id: 'record_id', zh: '记录编号', aliases: ['编号', '序号id'], type: 'text', required: 'no',
      note: { zh: '记录唯一编号，可不填', en: 'Unique record id, optional' },
    },
    {
      id: 'date', zh: '服务日期', aliases: ['日期', '随访日期', '活动日期'], type: 'date', required: 'yes',
      note: { zh: '服务日期，如2025-03-07', en: 'Date of the service, e.g. 2025-03-07' },
    },
    {
      id: 'kind', zh: '服务类型', aliases: ['类型'], type: 'enum', required: 'yes', values: visitKindValues,
      note: { zh: '科学育儿指导、亲子活动、进社区进家庭指导或线上指导', en: 'guidance, activity, outreach or online' },
    },
    {
      id: 'child_id', zh: '儿童编号', aliases: ['儿童id', '儿童编码'], type: 'text', required: 'unless_outreach',
      note: { zh: '儿童编号（进社区进家庭指导可不填）', en: "Child's id (may be empty for outreach)" },
    },
    {
      id: 'birth_date', zh: '出生日期', aliases: ['儿童出生日期'], type: 'date', required: 'unless_outreach',
      note: { zh: '儿童出生日期，不晚于服务日期', en: "Child's date of birth, not after the service date" },
    },
    {
      id: 'area_code', zh: '区划代码', aliases: ['居住地区划代码', '统计用区划代码'], type: 'area_code', required: 'unless_outreach',
      note: { zh: '儿童居住地的区划代码', en: "Code of the child's residence" },
    },
    {
      id: 'facility_id', zh: '机构编码', aliases: ['服务机构编码', '机构代码'], type: 'text', required: 'for_outreach',
      note: { zh: '提供服务的机构编码，须在机构表中；进社区进家庭指导必填', en: 'Id of the providing facility, listed in facilities; required for outreach' },
    },
  ],
  assessments: [
    {
      id: 'facility_id', zh: '机构编码', aliases: ['机构代码', '统一社会信用代码'], type: 'text', required: 'yes',
      note: { zh: '被评估机构的编码，须在机构表中', en: 'Id of the facility assessed, listed in facilities' },
    },
    {
      id: 'date', zh: '评估日期', aliases: ['日期', '自评日期'], type: 'date', required: 'yes',
      note: { zh: '评估日期，如2025-03-07', en: 'Date of the assessment, e.g. 2025-03-07' },
    },
    {
      id: 'kind', zh: '评估类型', aliases: ['类型'], type: 'enum', required: 'yes', values: assessmentKindValues,
      note: { zh: '自评或外部评估', en: 'self (self-assessment) or external' },
    },
    ...dimensionColumns,
    {
      id: 'basic_passed', zh: '基础指标全部达标', aliases: ['基础指标达标', '基础指标是否全部达标'], type: 'boolean', required: 'yes',
      note: { zh: '是/否：基础性指标（一票否决项）是否全部达标', en: 'yes/no: all basic (veto) items met' },
    },
    {
      id: 'level', zh: '评估等级', aliases: ['等级'], type: 'enum', required: 'no', values: assessmentLevelValues,
      note: { zh: 'A、B、C或D级；未评定等级可不填', en: 'A, B, C or D; empty when no level was given' },
    },
  ],
};
