#!/usr/bin/env node
/**
 * Writes fixtures/workbooks/: the tiny city's tables as LibreOffice saves them
 * — the facility registry as an Excel 97–2003 .xls (BIFF8) and as an .xlsx,
 * the census as an .xlsx — converted from fixtures/tiny-city/*.csv by
 * LibreOffice itself, with its CSV filter recognising numbers and dates as a
 * clerk's LibreOffice would. Needs LibreOffice (`soffice`); without it the
 * files already there are kept.
 *
 *   node scripts/make-workbook-fixtures.mjs
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');
const out = join(fixtures, 'workbooks');

function soffice() {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return bin;
    } catch {
      // try the next name
    }
  }
  return null;
}

/** CSV → workbook through LibreOffice's own filters (comma, double quote, UTF-8, first line as is, types detected). */
function convert(bin, csvPath, filter, target) {
  const work = mkdtempSync(join(tmpdir(), 'tuoyu-lo-'));
  const name = 'table.csv';
  copyFileSync(csvPath, join(work, name));
  // A private profile so a running LibreOffice does not swallow the conversion.
  execFileSync(bin, [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', filter, '--infilter=CSV:44,34,76,1', '--outdir', work, join(work, name)], { stdio: 'ignore' });
  const extension = filter.split(':')[0];
  renameSync(join(work, `table.${extension}`), target);
  rmSync(work, { recursive: true, force: true });
}

const bin = soffice();
if (!bin) {
  console.warn('soffice not found: keeping fixtures/workbooks as they are');
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const tiny = (table) => join(fixtures, 'tiny-city', `${table}.csv`);
convert(bin, tiny('facilities'), 'xls:MS Excel 97', join(out, 'tiny-city-facilities.xls'));
convert(bin, tiny('facilities'), 'xlsx:Calc MS Excel 2007 XML', join(out, 'tiny-city-facilities.xlsx'));
convert(bin, tiny('census'), 'xlsx:Calc MS Excel 2007 XML', join(out, 'tiny-city-census.xlsx'));
writeFileSync(
  join(out, 'README.md'),
  [
    '# Workbooks written by LibreOffice',
    '',
    'The tiny city (`../tiny-city/`) as LibreOffice saves it, converted from its CSVs with',
    'numbers and dates recognised: `tiny-city-facilities.xls` (Excel 97–2003, BIFF8),',
    '`tiny-city-facilities.xlsx` and `tiny-city-census.xlsx`. The hostile fixtures take',
    'their legacy workbook from here. Regenerate with `node scripts/make-workbook-fixtures.mjs`',
    '(needs LibreOffice).',
    '',
  ].join('\n'),
);
console.log(`wrote ${out}`);
