// One measured run, in its own process so that peak memory is its own.
// Usage: node scripts/bench-child.mjs <tuoyu|csv-parse|exceljs|xlsx-reader|duckdb> ARGS…
// Prints one JSON line: {"ms": …, "rows": …, "maxRssMb": …}.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [kind, ...args] = process.argv.slice(2);
const started = performance.now();
let rows = 0;

if (kind === 'tuoyu') {
  const { run } = await import('../dist/tuoyu.js');
  const code = await run(args, {
    stdout: () => {},
    stderr: (text) => process.stderr.write(text),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    cwd: process.cwd(),
  });
  if (code === 2) process.exit(2);
} else if (kind === 'csv-parse') {
  // The floor of this design: decode (when not UTF-8) and tokenise, nothing else.
  const { parse } = await import('csv-parse');
  const [file, encoding] = args;
  let input = createReadStream(file);
  if (encoding && encoding !== 'utf8') {
    const iconv = (await import('iconv-lite')).default;
    input = input.pipe(iconv.decodeStream(encoding));
  }
  const parser = input.pipe(parse({ bom: true, relax_column_count: true }));
  for await (const record of parser) if (record.length > 0) rows++;
} else if (kind === 'exceljs') {
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(args[0], {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'cache', worksheets: 'emit',
  });
  for await (const sheet of reader) for await (const row of sheet) if (row.values) rows++;
} else if (kind === 'xlsx-reader') {
  // tuoyu's workbook reader alone: open, then every row of the first sheet, no validation.
  const { openWorkbook } = await import('../dist/io/workbook.js');
  const workbook = await openWorkbook(args[0]);
  for await (const batch of workbook.rows(workbook.sheets[0])) rows += batch.length;
} else if (kind === 'duckdb') {
  // The peer an analyst would reach for: one SQL query for the visit indicators.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const [file, start, end] = args;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const sql = `
    with v as (
      select kind, child_id, facility_id, area_code,
             try_cast(date as date) as d, try_cast(birth_date as date) as b
      from read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true)
    ), aged as (
      select *, date_diff('year', b, d) - (case when strftime(d, '%m%d') < strftime(b, '%m%d') then 1 else 0 end) as age
      from v where d between date '${start}' and date '${end}'
    )
    select
      count(distinct case when kind in ('guidance', 'online') and age = 0 then child_id end) as guided_infants,
      count(distinct case when kind = 'activity' and age in (1, 2) then child_id end) as active_toddlers,
      count(case when kind = 'guidance' and age = 0 then 1 end) as followups,
      count(case when kind = 'outreach' then 1 end) as outreach,
      count(*) as rows_in_window
    from aged`;
  const result = await connection.runAndReadAll(sql);
  rows = Number(result.getRows()[0][4]);
} else {
  console.error(`unknown kind ${kind}`);
  process.exit(2);
}

const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
