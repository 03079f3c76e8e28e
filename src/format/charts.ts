/**
 * Charts for the HTML views, drawn on the server as SVG by Apache ECharts
 * (`ssr: true`, no DOM, no canvas, no browser), so that the page needs no
 * script and no network to show them. ECharts is loaded on first use, from
 * its CommonJS bundle (~0.2 s, against ~1.2 s for its ESM entry): only HTML
 * output pays for it.
 *
 * The builders below return plain ECharts options; `renderChartSvg` turns
 * one into an SVG string. Every chart says its verdicts in words too (axis
 * labels, legends), so that it reads on a black-and-white printer.
 */
import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';

type ECharts = typeof import('echarts');

let echarts: ECharts | null = null;

function loadECharts(): ECharts {
  echarts ??= createRequire(import.meta.url)('echarts') as ECharts;
  return echarts;
}

/** CJK-capable faces first; single quotes only, since ECharts writes the stack into an SVG style attribute. */
export const FONT_STACK =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'SimHei', sans-serif";

/** Status colours of the charts; the HTML tables use the same. */
export const CHART_COLORS = {
  met: '#2e7d32',
  not_met: '#c62828',
  no_target: '#78909c',
  na: '#bdbdbd',
  target: '#37474f',
  in_progress: '#f9a825',
} as const;

/** A palette for several areas' lines, distinguishable in grey too by their symbols. */
const SERIES_COLORS = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2f5597', '#843c0c', '#375623', '#44546a', '#9e480e'];
const SERIES_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle', 'emptyRect', 'emptyTriangle'];

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * One chart as an SVG element for inline use in HTML: no XML namespaces
 * (inline SVG does not need them, and the page then names no address at
 * all), a title for screen readers, and the chart disposed of at once so
 * that no timer keeps the process alive.
 */
export function renderChartSvg(option: EChartsOption, size: ChartSize, label: string): string {
  const chart = loadECharts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_STACK }, ...option });
    const svg = chart.renderToSVGString();
    return svg
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" `)
      .replace(/ xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round axis maximum at or above `value`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value * (1 - 1e-12)) return Number((step * power).toPrecision(12));
  }
  return 10 * power;
}

/**
 * Breaks a long name into lines of at most `perLine` characters, for axis
 * labels: at spaces when the text has them (English), anywhere otherwise
 * (Chinese); past `maxLines` the last line ends in "…".
 */
export function breakLines(text: string, perLine: number, maxLines = 3): string {
  const words = text.includes(' ') ? text.split(/\s+/) : [...text];
  const joiner = text.includes(' ') ? ' ' : '';
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line}${joiner}${word}`;
    if ([...next].length <= perLine || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines.join('\n');
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]].slice(0, perLine - 1).join('')}…`;
  return kept.join('\n');
}

export interface Bar {
  /** The category label (area name, with its verdict in words on a second line). */
  label: string;
  value: number | null;
  /** What the bar shows above it ("86.1%"); "不适用" for a null value. */
  text: string;
  color: string;
}

export interface TargetLine {
  value: number;
  label: string;
}

/** Bars by area with the target as a dashed line across. */
export function barsWithTarget(bars: readonly Bar[], target: TargetLine | null, axis: { name: string; percent: boolean }): EChartsOption {
  const values = bars.map((b) => b.value ?? 0);
  const top = Math.max(0, ...values, target?.value ?? 0);
  const max = axis.percent && top <= 100 ? 100 : niceCeiling(top * 1.08);
  const rotate = bars.length > 8 ? 30 : 0;
  return {
    grid: { left: 16, right: 96, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisLabel: { interval: 0, rotate, fontSize: 11, lineHeight: 14 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', name: axis.name, max, nameTextStyle: { align: 'left' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: bars.map((b) => ({
          value: b.value ?? 0,
          itemStyle: { color: b.value === null ? 'transparent' : b.color },
          label: { show: true, position: 'top', formatter: b.text, color: '#212121', fontSize: 11 },
        })),
        markLine: target
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: CHART_COLORS.target, width: 2 },
              label: { formatter: target.label, position: 'end', color: CHART_COLORS.target, fontWeight: 'bold' },
              data: [{ yAxis: target.value }],
            }
          : undefined,
      },
    ],
  };
}

export interface AchievementBar {
  /** Indicator name (broken into lines by the caller). */
  label: string;
  /** Value as a share of the target, in percent (100 = exactly the target); null when n/a. */
  achieved: number | null;
  text: string;
  color: string;
}

/** The total's indicators as a share of their targets, with the 100 % line: met to the right of it, not met to the left. */
export function achievementChart(bars: readonly AchievementBar[], words: { target: string }): EChartsOption {
  const top = Math.max(100, ...bars.map((b) => b.achieved ?? 0));
  const max = Math.min(200, niceCeiling(top * 1.25));
  return {
    grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 11, lineHeight: 14 } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: bars.map((b) => ({
          value: b.achieved === null ? 0 : Math.min(b.achieved, max),
          itemStyle: { color: b.achieved === null ? 'transparent' : b.color },
          label: { show: true, position: 'right', formatter: b.text, color: '#212121', fontSize: 11 },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: CHART_COLORS.target, width: 2 },
          label: { formatter: words.target, position: 'start', color: CHART_COLORS.target },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
}

export interface StatusCounts {
  label: string;
  met: number;
  notMet: number;
  na: number;
}

/** Per area, how many indicators with a target are met, not met and n/a: stacked, with the words in the legend and the counts on the bars. */
export function statusCountChart(rows: readonly StatusCounts[], words: { met: string; notMet: string; na: string }): EChartsOption {
  const series = (name: string, key: 'met' | 'notMet' | 'na', color: string) => ({
    name,
    type: 'bar' as const,
    stack: 'status',
    barMaxWidth: 22,
    itemStyle: { color, borderColor: '#ffffff', borderWidth: 1 },
    label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? `${name} ${String(p.value)}` : ''), color: '#ffffff', fontSize: 11 },
    data: rows.map((r) => r[key]),
  });
  return {
    legend: { top: 0, data: [words.met, words.notMet, words.na] },
    grid: { left: 16, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { interval: 0, fontSize: 11 } },
    series: [
      series(words.met, 'met', CHART_COLORS.met),
      series(words.notMet, 'notMet', CHART_COLORS.not_met),
      { ...series(words.na, 'na', CHART_COLORS.na), label: { show: false } },
    ],
  };
}

export interface TrendSeries {
  name: string;
  values: (number | null)[];
  /** Per point: what the label says ("52 达标"); empty for none. */
  texts?: string[];
}

/**
 * An indicator over the periods: lines for a level, bars for a per-year
 * quantity (each year stands alone), with the target as a dashed line. A
 * level's lines join whole years only: a year to date is a hollow point of
 * its own (the first series'), since half a year of services is no step on
 * the way from one year to the next; a per-year quantity's running year is a
 * paler bar.
 */
export function trendChart(
  periods: readonly { label: string; yearToDate: boolean }[],
  series: readonly TrendSeries[],
  target: TargetLine | null,
  options: { kind: 'stock' | 'flow'; axis: string; percent: boolean; yearToDateName: string },
): EChartsOption {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = Math.max(0, ...all, target?.value ?? 0);
  const max = options.percent && top <= 100 ? 100 : niceCeiling(top * 1.1);
  const markLine = target
    ? {
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed' as const, color: CHART_COLORS.target, width: 2 },
        label: { formatter: target.label, position: 'end' as const, color: CHART_COLORS.target, fontWeight: 'bold' as const },
        data: [{ yAxis: target.value }],
      }
    : undefined;
  const flow = options.kind === 'flow';
  const labelOf = (s: TrendSeries, show: boolean) => ({
    show,
    position: 'top' as const,
    fontSize: 11,
    color: '#212121',
    formatter: (p: { dataIndex: number }) => s.texts?.[p.dataIndex] ?? '',
  });
  const drawn = series.map((s, i) => ({
    name: s.name,
    type: flow ? ('bar' as const) : ('line' as const),
    barMaxWidth: 40,
    connectNulls: true,
    symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length],
    symbolSize: 8,
    lineStyle: { width: i === 0 ? 3 : 1.5 },
    itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length] },
    label: labelOf(s, series.length === 1),
    data: s.values.map((v, j) => {
      if (v === null || (!flow && periods[j].yearToDate)) return '-';
      return flow && periods[j].yearToDate ? { value: v, itemStyle: { opacity: 0.45 } } : v;
    }),
    markLine: i === 0 ? markLine : undefined,
  }));
  const [first] = series;
  const yearToDate = !flow && first && periods.some((p, j) => p.yearToDate && first.values[j] !== null)
    ? [{
        name: `${first.name}（${options.yearToDateName}）`,
        type: 'scatter' as const,
        symbol: 'emptyCircle',
        symbolSize: 10,
        itemStyle: { color: SERIES_COLORS[0] },
        label: labelOf(first, series.length === 1),
        data: first.values.map((v, j) => (v !== null && periods[j].yearToDate ? v : '-')),
      }]
    : [];
  const legend = series.length > 1 || yearToDate.length > 0;
  return {
    legend: legend ? { top: 0, type: 'plain' } : undefined,
    grid: { left: 16, right: 96, top: legend ? 56 : 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods.map((p) => p.label), boundaryGap: true },
    yAxis: { type: 'value', name: options.axis, max, nameTextStyle: { align: 'left' } },
    series: [...drawn, ...yearToDate],
  };
}
