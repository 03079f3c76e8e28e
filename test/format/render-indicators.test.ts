import { describe, expect, it } from 'vitest';
import { renderIndicators } from '../../src/format/render-indicators.js';
import { INDICATORS, INDICATOR_IDS } from '../../src/engine/indicators.js';
import { aPlan } from './builders.js';
import { ESC, columns, tableBlocks } from './helpers.js';

describe('renderIndicators', () => {
  it('lists every indicator with id, name, unit, formula, scope and target as JSON', () => {
    const plan = aPlan();
    plan.targets.slots_per_1000 = { value: 4.5, op: '>=' };
    const parsed = JSON.parse(renderIndicators(plan, { lang: 'en', color: false, format: 'json' }));
    expect(parsed.plan).toEqual({ id: 'default', name: plan.name, targetYear: 2025 });
    expect(parsed.indicators.map((i: { id: string }) => i.id)).toEqual([...INDICATOR_IDS]);
    const slots = parsed.indicators.find((i: { id: string }) => i.id === 'slots_per_1000');
    expect(slots).toMatchObject({ name: INDICATORS.slots_per_1000.name.en, unit: 'per_1000', target: 4.5, op: '>=', targetLevels: ['all', 'district', 'street', 'community'] });
    const employer = parsed.indicators.find((i: { id: string }) => i.id === 'employer_facility_count');
    expect(employer).toMatchObject({ target: null, op: null, planLines: '51–52', needs: { tables: [], level: null } });
    const coverage = parsed.indicators.find((i: { id: string }) => i.id === 'community_coverage');
    expect(coverage).toMatchObject({ planLines: '18', needs: { tables: [], level: 'community' } });
  });

  it('shows the active plan’s targets in the table', () => {
    const plan = aPlan({ name: '国家 2025 目标' });
    plan.targets.slots_per_1000 = { value: 4.5, op: '>=' };
    const text = renderIndicators(plan, { lang: 'zh', color: false, format: 'table' });
    expect(text).toContain('国家 2025 目标');
    expect(text).toContain('≥ 4.5');
    expect(text).toContain('仅总计');
  });

  it.each(['zh', 'en'] as const)('draws an aligned table without escapes when colour is off (%s)', (lang) => {
    const text = renderIndicators(aPlan(), { lang, color: false, format: 'table' });
    expect(text).not.toContain(ESC);
    const [table] = tableBlocks(text);
    expect(new Set(table.map(columns)).size).toBe(1);
    expect(columns(table[0])).toBeLessThanOrEqual(160);
    for (const id of INDICATOR_IDS) expect(text).toContain(id);
  });

  it('writes one Markdown row per indicator', () => {
    const text = renderIndicators(aPlan(), { lang: 'zh', color: false, format: 'md' });
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(INDICATOR_IDS.length);
    expect(rows[0]).toContain('≥ 90%');
  });
});
