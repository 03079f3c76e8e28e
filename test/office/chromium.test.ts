/**
 * The HTML report and trend as a browser shows them: headless Chromium (the
 * Debian `chromium` package) opens the file with the network off, takes a
 * screenshot, and the screenshot holds the charts' met-green and
 * not-met-red bars; its DOM holds one SVG per chart. Skipped, saying so, where
 * Chromium is absent; `npm run test:office` runs it (CI installs Chromium).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import type { Report } from '../../src/engine/report.js';
import { CHART_COLORS } from '../../src/format/charts.js';
import { runCli } from '../cli/run-cli.js';
import { countColour, decodePng } from './png.js';

const SAMPLE = 'fixtures/sample-city';

function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      execFileSync('which', [name], { stdio: 'pipe' });
      return name;
    } catch {
      // not this one
    }
  }
  return null;
}

const chromium = findChromium();
if (!chromium) console.warn('chromium not found: the browser check of the HTML report is skipped (install Debian’s `chromium` to run it)');

let dir: string;

/** The flags of a browser that makes no request of its own, in a profile of its own. */
function browse(args: string[]): string {
  return execFileSync(chromium!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', `--user-data-dir=${mkdtempSync(join(dir, 'profile-'))}`, ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

function screenshot(file: string, height: number): ReturnType<typeof decodePng> {
  const png = join(dir, `${file}.png`);
  browse([`--screenshot=${png}`, `--window-size=1280,${height}`, '--hide-scrollbars', `file://${join(dir, file)}`]);
  return decodePng(readFileSync(png));
}

beforeAll(async () => {
  if (!chromium) return;
  dir = mkdtempSync(join(tmpdir(), 'tuoyu-chromium-'));
  const env = { TUOYU_TODAY: '2026-01-15' };
  const report = await runCli(['report', SAMPLE, '--period', '2025Q2', '--out', join(dir, 'report.html')], { env });
  expect(report.code, report.stderr).toBe(0);
  for (const period of ['2024', '2025Q2', '2025']) {
    const json = await runCli(['report', SAMPLE, '--period', period, '--format', 'json'], { env });
    writeFileSync(join(dir, `${period}.json`), json.stdout);
  }
  const trend = await runCli(['trend', ...['2024', '2025Q2', '2025'].map((p) => join(dir, `${p}.json`)), '--by', 'district', '--out', join(dir, 'trend.html')]);
  expect(trend.code, trend.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!chromium)('the HTML views in headless Chromium', () => {
  it('the report: the browser builds one SVG per chart, and paints green and red bars', async () => {
    const dom = browse(['--dump-dom', `file://${join(dir, 'report.html')}`]);
    const json = JSON.parse((await runCli(['report', SAMPLE, '--period', '2025Q2', '--format', 'json'])).stdout) as Report;
    const withTarget = INDICATOR_IDS.filter((id) => json.areas.some((area) => area.indicators[id].target !== null));
    expect(dom.match(/<svg/g)?.length).toBe(withTarget.length + 2);
    expect(dom).not.toMatch(/<script/);
    const pixels = screenshot('report.html', 6000);
    expect(pixels.width).toBe(1280);
    expect(countColour(pixels, CHART_COLORS.met)).toBeGreaterThan(5_000);
    expect(countColour(pixels, CHART_COLORS.not_met)).toBeGreaterThan(5_000);
    // The target's dashed line is drawn in its own colour.
    expect(countColour(pixels, CHART_COLORS.target, 6)).toBeGreaterThan(500);
  });

  it('the trend: one chart per indicator with each district as a line', () => {
    const dom = browse(['--dump-dom', `file://${join(dir, 'trend.html')}`]);
    expect(dom.match(/<svg/g)?.length).toBe(INDICATOR_IDS.length);
    expect(dom).toContain('东湖区');
    const pixels = screenshot('trend.html', 3000);
    // The total's line and the first district's, in their series colours.
    expect(countColour(pixels, '#1f4e79')).toBeGreaterThan(1_000);
    expect(countColour(pixels, '#c55a11')).toBeGreaterThan(200);
  });
});
