/**
 * `tuoyu indicators`: the catalogue (src/engine/indicators.ts) with each
 * indicator's formula, unit, where its target is compared, and the active
 * plan's target; as JSON also the plan lines it implements and what it
 * needs. Everything comes from the indicator entries: no indicator is named here.
 */
import { Chalk } from 'chalk';
import type { Lang } from '../issues/issue.js';
import { INDICATORS, INDICATOR_IDS, type IndicatorInfo } from '../engine/indicators.js';
import { planName, type Plan } from '../plan/plan.js';
import { formatTarget } from './numbers.js';
import { say, targetLevelsLabel, unitLabel } from './labels.js';
import { drawTable } from './terminal-table.js';
import { printable, wrapText } from './text-width.js';
import { escapeCell } from './render-markdown.js';

export interface IndicatorsOptions {
  lang: Lang;
  color: boolean;
  format: 'table' | 'md' | 'json';
}

const NAME_WRAP = 30;
const FORMULA_WRAP = 44;

export function renderIndicators(plan: Plan, options: IndicatorsOptions): string {
  if (options.format === 'json') return renderIndicatorsJson(plan, options.lang);
  if (options.format === 'md') return renderIndicatorsMarkdown(plan, options.lang);
  return renderIndicatorsTable(plan, options.lang, options.color);
}

function targetText(plan: Plan, info: IndicatorInfo): string {
  const target = plan.targets[info.id];
  return formatTarget(target?.value ?? null, target?.op ?? null, info.unit);
}

function appliesAt(info: IndicatorInfo, lang: Lang): string {
  return targetLevelsLabel(info.targetLevels, lang);
}

function renderIndicatorsTable(plan: Plan, lang: Lang, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const head = [say('indicator', lang), say('unit', lang), say('target', lang), say('appliesAt', lang), say('formula', lang)];
  const rows = INDICATOR_IDS.map((id) => {
    const info = INDICATORS[id];
    return [
      [...wrapText(info.name[lang], NAME_WRAP), chalk.dim(id)].join('\n'),
      unitLabel(info.unit, lang),
      targetText(plan, info),
      wrapText(appliesAt(info, lang), 16).join('\n'),
      wrapText(info.formula[lang], FORMULA_WRAP).join('\n'),
    ];
  });
  const sep = lang === 'zh' ? '：' : ': ';
  const title = chalk.bold(`${say('plan', lang)}${sep}${printable(planName(plan, lang))} (${printable(plan.id)})`);
  return `${title}\n\n${drawTable(head.map((h) => chalk.bold(h)), rows)}\n`;
}

function renderIndicatorsMarkdown(plan: Plan, lang: Lang): string {
  const sep = lang === 'zh' ? '：' : ': ';
  const head = ['id', say('indicator', lang), say('unit', lang), say('formula', lang), say('target', lang), say('appliesAt', lang)];
  const lines = [
    `# ${escapeCell(say('reportTitle', lang))}`,
    '',
    `${say('plan', lang)}${sep}${escapeCell(planName(plan, lang))} (${escapeCell(plan.id)})`,
    '',
    `| ${head.map(escapeCell).join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...INDICATOR_IDS.map((id) => {
      const info = INDICATORS[id];
      const cells = [`\`${id}\``, info.name[lang], unitLabel(info.unit, lang), info.formula[lang], targetText(plan, info), appliesAt(info, lang)];
      return `| ${cells.map((cell, i) => (i === 0 ? cell : escapeCell(cell))).join(' | ')} |`;
    }),
  ];
  return lines.join('\n') + '\n';
}

function renderIndicatorsJson(plan: Plan, lang: Lang): string {
  const indicators = INDICATOR_IDS.map((id) => {
    const info = INDICATORS[id];
    const target = plan.targets[id];
    return {
      id,
      name: info.name[lang],
      unit: info.unit,
      formula: info.formula[lang],
      targetLevels: info.targetLevels,
      target: target?.value ?? null,
      op: target?.op ?? null,
      wording: plan.wording[id] ?? null,
      planLines: info.plan.lines,
      needs: { tables: info.needs?.tables ?? [], level: info.needs?.level ?? null },
    };
  });
  const json = { plan: { id: plan.id, name: planName(plan, lang), targetYear: plan.targetYear }, indicators };
  return JSON.stringify(json, null, 2) + '\n';
}
