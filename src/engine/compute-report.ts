/**
 * The pure core of `tuoyu report`: census, facilities and folded visits in,
 * one row of indicators per area out (SPEC §1, §2, §7). Nothing is rounded
 * here and nothing is divided by zero; a value that cannot exist is null with
 * status `n/a` and a reason in the output language.
 */
import type { IssueDraft, Lang } from '../issues/issue.js';
import type { AreaCode, AreaLevel, Assessment, CensusRow, Facility } from '../schema/records.js';
import { INDICATOR_LIST, type IndicatorId, type IndicatorInfo } from './indicators.js';
import type { IndicatorNeeds, OptionalTable, Outcome, Words } from './indicator-entry.js';
import type { AreaReport, IndicatorResult } from './report.js';
import type { Period } from './period.js';
import { buildAreaIndex } from './areas.js';
import type { VisitTotals } from './visit-fold.js';
import type { IndicatorTargets, Target } from './targets.js';
import { TallyPlan, tallyAreas, type AreaTallies } from './tally.js';

export interface ReportInput {
  /** Every census row, of every year; the rows of the period's year are picked here (SPEC §3). */
  census: readonly CensusRow[];
  facilities: readonly Facility[];
  visits: VisitTotals;
  /** The quality assessments (SPEC §9); null without a usable assessments table. */
  assessments: readonly Assessment[] | null;
  period: Period;
  /** The target of each indicator (a plan's targets), compared where the indicator says (SPEC §1 "applies at"). */
  targets: IndicatorTargets;
  /** The finest level of the breakdown: 'all' gives the total row only. */
  by: AreaLevel;
  lang: Lang;
}

export interface ReportOutcome {
  areas: AreaReport[];
  issues: IssueDraft[];
}

/** The whole data set's row name (the quality review names it the same). */
export const TOTAL_NAME: Words = { zh: '全部', en: 'All' };

const LEVELS_SHOWN: Readonly<Record<AreaLevel, readonly AreaLevel[]>> = {
  all: [],
  district: ['district'],
  street: ['district', 'street'],
  community: ['district', 'street', 'community'],
};

export function computeReport(input: ReportInput): ReportOutcome {
  const { period, targets, lang } = input;
  const issues: IssueDraft[] = [];
  const census = selectCensusRows(input.census, period, issues);
  const tree = buildAreaIndex(census);
  const window = input.visits.countWindow(period.year, period.quarter ?? 4);
  const plan = new TallyPlan(INDICATOR_LIST);
  const tallies = tallyAreas(plan, { tree, facilities: input.facilities, assessments: input.assessments, window, period });
  const absent = new Set<OptionalTable>(input.assessments === null ? ['assessments'] : []);
  const resolve = (code: AreaCode, name: string, area: AreaTallies) =>
    resolveIndicators({ code, name, tallies: area }, { plan, targets, absent }, lang, issues);

  const shown = LEVELS_SHOWN[input.by];
  const names = nameAreas(input.census);
  const rows: AreaReport[] = [{ code: '', name: TOTAL_NAME[lang], level: 'all', indicators: resolve('', TOTAL_NAME.zh, tallies.get('')!) }];
  for (const node of tree.areas) {
    if (!shown.includes(node.level)) continue;
    const name = node.listed ? node.name : (names.get(node.code) ?? node.code);
    rows.push({ code: node.code, name, level: node.level, indicators: resolve(node.code, name, tallies.get(node.code)!) });
  }
  return { areas: rows, issues };
}

/**
 * SPEC §3: the census of the period's year; else the latest earlier year
 * (warning); else none (error). Rows without a year apply to every period; a
 * row of the chosen year replaces a yearless row of the same code.
 */
export function selectCensusRows(census: readonly CensusRow[], period: Period, issues: IssueDraft[]): CensusRow[] {
  const years = new Set<number>();
  for (const row of census) if (row.year !== null) years.add(row.year);
  let chosen: number | null = null;
  if (years.has(period.year)) {
    chosen = period.year;
  } else {
    for (const year of years) if (year < period.year && (chosen === null || year > chosen)) chosen = year;
    if (chosen !== null) {
      issues.push(censusIssue('census-year-fallback', String(chosen), { period: period.id, year: period.year, used: chosen }));
    } else if (years.size > 0) {
      issues.push(censusIssue('census-year-missing', String(period.year), { period: period.id, year: period.year }));
    }
  }
  const dated = census.filter((row) => row.year !== null && row.year === chosen);
  const datedCodes = new Set(dated.map((row) => row.areaCode));
  const yearless = census.filter((row) => row.year === null && !datedCodes.has(row.areaCode));
  return [...yearless, ...dated];
}

function censusIssue(code: string, value: string, params: Record<string, string | number>): IssueDraft {
  return { code, table: 'census', file: null, sheet: null, row: null, column: 'year', value, params };
}

/** Names of every coded census row, latest year first, for areas the chosen year does not name. */
export function nameAreas(census: readonly CensusRow[]): Map<AreaCode, string> {
  const names = new Map<AreaCode, string>();
  const byYear = [...census].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
  for (const row of byYear) {
    if (row.areaCode !== '' && row.areaName.trim() !== '' && !names.has(row.areaCode)) names.set(row.areaCode, row.areaName.trim());
  }
  return names;
}

/** Every indicator for one area (its code, its name as the census gives it, its tallies), in catalogue order. */
function resolveIndicators(
  { code, name, tallies: area }: { code: AreaCode; name: string; tallies: AreaTallies },
  { plan, targets, absent }: { plan: TallyPlan; targets: IndicatorTargets; absent: ReadonlySet<OptionalTable> },
  lang: Lang,
  issues: IssueDraft[],
): Record<IndicatorId, IndicatorResult> {
  const results = {} as Record<IndicatorId, IndicatorResult>;
  INDICATOR_LIST.forEach((info, index) => {
    const id = info.id;
    // SPEC §1 "applies at": the target is compared at those levels; elsewhere the value shows with no_target.
    const target: Target | null = info.targetLevels.includes(area.level) ? targets[id] : null;
    const outcome: Outcome = unmetNeed(info, area, absent) ?? info.compute(plan.talliesOf(index, area));
    if (outcome.kind === 'ratio' && info.unit === 'percent' && outcome.numerator > outcome.denominator) {
      issues.push({
        code: 'numerator-exceeds-denominator',
        table: null,
        file: null,
        sheet: null,
        row: null,
        column: id,
        value: code,
        params: {
          indicator: id,
          area: code,
          areaName: name,
          numerator: outcome.numerator,
          denominator: outcome.denominator,
          ...formulaTerms(info.name, info.formula),
        },
      });
    }
    results[id] = resolveResult(outcome, target, lang);
  });
  return results;
}

/**
 * The words a numerator-exceeds-denominator names, in both languages (the
 * issue is rendered in the output language later): the indicator, and what
 * its numerator and denominator count, read off its formula
 * ("期内…的儿童数 ÷ Σ 0-1岁婴儿数 × 100").
 */
function formulaTerms(name: Words, formula: Words): Record<string, string> {
  const terms = (text: string) => {
    const [numerator, denominator = ''] = text.split(' ÷ ');
    return [numerator.trim(), denominator.replace(/^Σ\s*/, '').replace(/\s*×\s*100.*$/, '').trim()];
  };
  const [numeratorZh, denominatorZh] = terms(formula.zh);
  const [numeratorEn, denominatorEn] = terms(formula.en);
  return { indicatorZh: name.zh, indicatorEn: name.en, numeratorZh, denominatorZh, numeratorEn, denominatorEn };
}

/** What an optional table is called in an n/a reason. */
const TABLE_WORDS: Readonly<Record<OptionalTable, Words>> = {
  assessments: { zh: '质量评估表（质量评估 / assessments）', en: 'quality-assessment table (assessments)' },
};

/**
 * SPEC §9: without an optional table the indicators that need it are n/a.
 * SPEC §1, §2: an indicator that needs a level the census lacks is n/a for the
 * areas that lack it, and the total is taken over the areas that have it.
 */
function unmetNeed(info: IndicatorInfo, area: AreaTallies, absent: ReadonlySet<OptionalTable>): Outcome | null {
  for (const table of info.needs?.tables ?? []) {
    if (absent.has(table)) {
      const words = TABLE_WORDS[table];
      return { kind: 'n/a', reason: { zh: `未提供可用的${words.zh}，无法计算`, en: `no usable ${words.en} was given` } };
    }
  }
  const level = info.needs?.level;
  if (level === 'community' && area.communityCount === 0) return { kind: 'n/a', reason: lacksLevel(level, area.level) };
  if (level === 'street' && area.streetCount === 0) return { kind: 'n/a', reason: lacksLevel(level, area.level) };
  return null;
}

/** Why an area has no value for an indicator counting `needed` areas; the reason says which areas the total leaves out. */
function lacksLevel(needed: NonNullable<IndicatorNeeds['level']>, level: AreaLevel): Words {
  if (needed === 'street' && level === 'community') {
    return { zh: '社区（村）以下没有乡镇（街道）', en: 'a community holds no streets or townships' };
  }
  const what =
    needed === 'community'
      ? { zh: '社区（12位区划代码）', en: 'communities (12-digit codes)' }
      : { zh: '乡镇（街道）（9位区划代码）', en: 'streets or townships (9-digit codes)' };
  if (level === 'district') {
    return {
      zh: `人口表未列出本区县的${what.zh}，合计中不含本区县`,
      en: `the census lists no ${what.en} in this district; the total leaves it out`,
    };
  }
  if (level === 'street') {
    return {
      zh: `人口表未列出本乡镇（街道）的${what.zh}，合计中不含本乡镇（街道）`,
      en: `the census lists no ${what.en} in this street; the total leaves it out`,
    };
  }
  return { zh: `人口表未列出${what.zh}`, en: `the census lists no ${what.en}` };
}

function resolveResult(outcome: Outcome, target: Target | null, lang: Lang): IndicatorResult {
  if (outcome.kind === 'n/a') {
    return { value: null, numerator: null, denominator: null, target: target?.value ?? null, op: target?.op ?? null, status: 'n/a', reason: outcome.reason[lang] };
  }
  const numerator = outcome.kind === 'ratio' ? outcome.numerator : outcome.value;
  const denominator = outcome.kind === 'ratio' ? outcome.denominator : null;
  // Multiply before dividing so that 9 of 10 is exactly 90 and meets a target of 90.
  const value = outcome.kind === 'ratio' ? (outcome.numerator * outcome.scale) / outcome.denominator : outcome.value;
  if (target === null) return { value, numerator, denominator, target: null, op: null, status: 'no_target' };
  const met = target.op === '>=' ? value >= target.value : value <= target.value;
  return { value, numerator, denominator, target: target.value, op: target.op, status: met ? 'met' : 'not_met' };
}
