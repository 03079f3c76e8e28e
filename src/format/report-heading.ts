/**
 * What heads a printed report (报表): the title naming the region and the
 * period in words, the reporting unit (填报单位) and the date it was drawn up
 * (制表日期). The date comes from the caller — the CLI passes today, or
 * TUOYU_TODAY — so that views stay free of the clock.
 */
import type { Report } from '../engine/report.js';
import type { Lang } from '../issues/issue.js';
import type { AreaLevel } from '../schema/records.js';
import { periodWords, type Words } from './labels.js';

export interface ReportHeading {
  /** Replaces the title built from the region and the period (`--title`). */
  title?: string;
  /** 填报单位, the body that sends the report (`--unit`). */
  unit?: string;
  /** 制表日期 as YYYY-MM-DD. */
  date?: string;
}

export const TITLE_TAIL: Words = {
  zh: '普惠托育服务三年行动方案指标监测表',
  en: 'Inclusive childcare action plan: indicator monitoring report',
};

const LEVEL_ORDER: readonly AreaLevel[] = ['district', 'street', 'community'];

/**
 * The region the report covers: the name of the one area at the top of the
 * breakdown ("东湖区" when a district reports alone, its streets beneath it).
 * Several areas at the top (a city of districts), no breakdown, or a top area
 * known only by its code: null, and the title names no region — `--title`
 * names the city then.
 */
export function regionOf(report: Report): string | null {
  for (const level of LEVEL_ORDER) {
    const areas = report.areas.filter((area) => area.level === level);
    if (areas.length === 0) continue;
    const [only] = areas;
    return areas.length === 1 && only.name.trim() !== '' && only.name !== only.code ? only.name.trim() : null;
  }
  return null;
}

/** "东湖区 2025年1—6月普惠托育服务三年行动方案指标监测表", or `heading.title` when given. */
export function reportTitle(report: Report, lang: Lang, heading: ReportHeading = {}): string {
  if (heading.title !== undefined && heading.title.trim() !== '') return heading.title.trim();
  const region = regionOf(report);
  const period = periodWords(report.period, lang);
  if (lang === 'zh') return `${region ? `${region} ` : ''}${period}${TITLE_TAIL.zh}`;
  return `${region ? `${region}: ` : ''}${TITLE_TAIL.en}, ${period}`;
}

/** "2025年7月3日" / "3 July 2025"; anything that is not an ISO date as given. */
export function dateWords(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [match[1], Number(match[2]), Number(match[3])];
  if (lang === 'zh') return `${year}年${month}月${day}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${day} ${months[month - 1]} ${year}`;
}

/** The line under the title: 填报单位 on the left, 制表日期 on the right, as the two texts. */
export function headingLine(heading: ReportHeading, lang: Lang): { unit: string; date: string } {
  const colon = lang === 'zh' ? '：' : ': ';
  return {
    unit: `${lang === 'zh' ? '填报单位' : 'Reporting unit'}${colon}${heading.unit?.trim() ?? ''}`,
    date: heading.date ? `${lang === 'zh' ? '制表日期' : 'Date'}${colon}${dateWords(heading.date, lang)}` : '',
  };
}
