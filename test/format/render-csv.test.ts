import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { renderReportCsv, REPORT_CSV_COLUMNS } from '../../src/format/render-csv.js';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import { aReport, anArea, notApplicable } from './builders.js';

function rowsOf(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[];
}

describe('renderReportCsv', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const text = renderReportCsv(aReport(), { lang: 'zh' });
    expect(text.startsWith('\ufeffarea_code,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one line per area × indicator, with English ids as headers in either language', () => {
    const report = aReport();
    for (const lang of ['zh', 'en'] as const) {
      const text = renderReportCsv(report, { lang });
      expect(text.slice(1, text.indexOf('\r\n')).split(',')).toEqual([...REPORT_CSV_COLUMNS]);
      expect(rowsOf(text)).toHaveLength(report.areas.length * INDICATOR_IDS.length);
    }
  });

  it('writes values unrounded and n/a as empty cells', () => {
    const report = aReport();
    report.areas[1].indicators.community_coverage = notApplicable('community_coverage', 'no community rows');
    const rows = rowsOf(renderReportCsv(report, { lang: 'en' }));
    const guidance = rows.find((r) => r.area_code === '' && r.indicator === 'guidance_rate_0_1');
    expect(guidance?.value).toBe('66.66666666666667');
    expect(guidance?.status).toBe('not_met');
    const na = rows.find((r) => r.area_code === '330102' && r.indicator === 'community_coverage');
    expect(na).toMatchObject({ value: '', numerator: '', denominator: '', target: '65', status: 'n/a', reason: 'no community rows' });
  });

  it('quotes commas, quotes and line breaks (RFC 4180) so they round-trip', () => {
    const name = '西湖区, "东片"\n二组';
    const report = aReport({ areas: [anArea('330106', name, 'district')] });
    const rows = rowsOf(renderReportCsv(report, { lang: 'zh' }));
    expect(rows[0].area_name).toBe(name);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', ' =1+1', '\t=cmd', '-2+3', '@SUM(A1)'])(
    'neutralises a live formula in a name: %j',
    (payload) => {
      const report = aReport({ areas: [anArea('330106', payload, 'district')] });
      report.areas[0].indicators.street_coverage = notApplicable('street_coverage', payload);
      const rows = rowsOf(renderReportCsv(report, { lang: 'zh' }));
      expect(rows[0].area_name).toBe(`'${payload}`);
      expect(rows.find((r) => r.indicator === 'street_coverage')?.reason).toBe(`'${payload}`);
    },
  );

  it('writes negative numbers as numbers, not neutralised text', () => {
    const report = aReport({ areas: [anArea('330106', '西湖区', 'district', { slots_per_1000: { value: -1.5 } })] });
    const rows = rowsOf(renderReportCsv(report, { lang: 'zh' }));
    expect(rows.find((r) => r.indicator === 'slots_per_1000')?.value).toBe('-1.5');
  });
});
