/**
 * The xlsx reader on hand-written parts: each case is the XML a real writer
 * produces (or a hostile one could), and the rows it must give. Each is also
 * read with the inflated bytes cut into 3-byte pieces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/issues/fatal.js';
import type { RawRow } from '../../src/io/raw.js';
import { openWorkbook } from '../../src/io/workbook.js';
import { makeTempDir } from './temp-files.js';
import { writeZip } from './workbook-writer.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Parts {
  /** The inside of <sheetData> (or a whole worksheet when it starts with '<?xml' or '<worksheet'). */
  sheet: string | Buffer;
  /** <si> items. */
  shared?: string;
  /** numFmtId of each cell style after the default (style 1, 2, …) and custom formats. */
  styles?: { formats: number[]; custom?: Record<number, string> };
  date1904?: boolean;
}

function workbookBytes(parts: Parts): Buffer {
  const sheet =
    typeof parts.sheet !== 'string' || parts.sheet.startsWith('<?xml') || parts.sheet.startsWith('<worksheet') || parts.sheet.startsWith('<x:')
      ? parts.sheet
      : `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${parts.sheet}</sheetData></worksheet>`;
  const custom = parts.styles?.custom ?? {};
  const styles =
    `<styleSheet ${NS.split(' ')[0]}><numFmts>${Object.entries(custom).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('')}</numFmts>` +
    `<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/>${(parts.styles?.formats ?? []).map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`;
  return writeZip([
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<workbook ${NS}>${parts.date1904 ? '<workbookPr date1904="true"/>' : ''}<sheets><sheet name="数据" sheetId="1" r:id="s1"/><sheet name="图表" sheetId="2" r:id="c1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="c1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="t" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="ss" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    { name: 'xl/chartsheets/sheet1.xml', data: `<chartsheet ${NS}/>` },
    { name: 'xl/styles.xml', data: styles },
    { name: 'xl/sharedStrings.xml', data: `<sst ${NS.split(' ')[0]}>${parts.shared ?? ''}</sst>` },
  ]);
}

async function readRows(parts: Parts, pieceBytes?: number): Promise<RawRow[]> {
  const path = join(makeTempDir(), 'book.xlsx');
  writeFileSync(path, workbookBytes(parts));
  const workbook = await openWorkbook(path);
  const rows: RawRow[] = [];
  for await (const batch of workbook.rows(workbook.sheets[0], pieceBytes === undefined ? {} : { pieceBytes })) rows.push(...batch);
  return rows;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const cases: { name: string; parts: Parts; rows: RawRow[] }[] = [
  {
    name: 'entities are decoded exactly once, character references included',
    parts: { sheet: '<row r="1"><c r="A1" t="inlineStr"><is><t>&amp;lt;A&amp;B &lt;&#x4E2D;&#22269;&quot;&apos;</t></is></c></row>' },
    rows: [{ row: 1, cells: ['&lt;A&B <中国"\''] }],
  },
  {
    name: 'shared strings: plain, rich-text runs joined, phonetic runs left out',
    parts: {
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
      shared:
        '<si><t>西湖区</t></si><si><r><rPr><b/></rPr><t>北山</t></r><r><t xml:space="preserve">街道 </t></r></si>' +
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    },
    rows: [{ row: 1, cells: ['西湖区', '北山街道 ', '東京'] }],
  },
  {
    name: 'an inline string keeps all its runs',
    parts: { sheet: '<row r="1"><c r="A1" t="inlineStr"><is><r><t>留下</t></r><r><rPr><i/></rPr><t>托育</t></r><r><t>中心</t></r></is></c></row>' },
    rows: [{ row: 1, cells: ['留下托育中心'] }],
  },
  {
    name: 'types: formula text, boolean, error, ISO date, a formula without a cached value',
    parts: {
      sheet:
        '<row r="1"><c r="A1" t="str"><f>A2&amp;"x"</f><v>是</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
        '<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="d"><v>2025-03-07T00:00:00</v></c><c r="F1"><f>SUM(A1:A2)</f></c><c r="G1" t="n"><v>1.5E3</v></c></row>',
    },
    rows: [{ row: 1, cells: ['是', true, false, '#DIV/0!', day(2025, 3, 7), null, 1500] }],
  },
  {
    name: 'rows and cells without r follow the one before; a gap is kept by the next r',
    parts: { sheet: '<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row><row r="5"><c><v>5</v></c></row><row><c><v>6</v></c></row>' },
    rows: [
      { row: 1, cells: [1, 2] },
      { row: 2, cells: [null, null, 3, 4] },
      { row: 5, cells: [5] },
      { row: 6, cells: [6] },
    ],
  },
  {
    name: 'a row without r takes its number from its first cell',
    parts: { sheet: '<row><c r="B7"><v>1</v></c></row>' },
    rows: [{ row: 7, cells: [null, 1] }],
  },
  {
    name: 'a lying dimension and lying spans are ignored; styled empty cells and empty rows give nothing',
    parts: {
      sheet: '<?xml version="1.0"?><worksheet ' + NS + '><dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:16384"><c r="A1"><v>1</v></c><c r="Z1" s="1"/></row><row r="2" spans="1:9" customHeight="1"/><row r="3"><c r="A3" t="inlineStr"><is><t>  </t></is></c></row></sheetData></worksheet>',
      styles: { formats: [0] },
    },
    rows: [{ row: 1, cells: [1] }],
  },
  {
    name: 'dates by style: Chinese built-ins 31, 57, 58, 14, custom formats; other formats stay numbers',
    parts: {
      sheet: '<row r="1">' + [1, 2, 3, 4, 5, 6, 7, 8].map((style, index) => `<c r="${String.fromCharCode(65 + index)}1" s="${style}"><v>45723</v></c>`).join('') + '</row>',
      styles: {
        formats: [31, 57, 58, 14, 176, 177, 178, 2],
        custom: { 176: '[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;', 177: '#,##0&quot;人&quot;', 178: 'yyyy年m月d日' },
      },
    },
    rows: [{ row: 1, cells: [day(2025, 3, 7), day(2025, 3, 7), day(2025, 3, 7), day(2025, 3, 7), day(2025, 3, 7), 45723, day(2025, 3, 7), 45723] }],
  },
  {
    name: 'the 1904 date system',
    parts: { sheet: '<row r="1"><c r="A1" s="1"><v>44261</v></c></row>', styles: { formats: [14] }, date1904: true },
    rows: [{ row: 1, cells: [day(2025, 3, 7)] }],
  },
  {
    name: 'a formula whose cached value is a date is a date',
    parts: { sheet: '<row r="1"><c r="A1" s="1"><f>DATE(2025,3,7)</f><v>45723</v></c></row>', styles: { formats: [14] } },
    rows: [{ row: 1, cells: [day(2025, 3, 7)] }],
  },
  {
    name: 'comments, CDATA and Office escapes (_x000D_) inside text',
    parts: { sheet: '<!-- a comment --><row r="1"><!-- x --><c r="A1" t="inlineStr"><is><t><![CDATA[a<b&amp;]]>c_x000D_d_x005F_x0041_</t></is></c></row>' },
    rows: [{ row: 1, cells: ['a<b&amp;c\rd_x0041_'] }],
  },
  {
    name: 'namespace prefixes, as .NET writers use them',
    parts: {
      sheet: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      shared: '<si><t>甲</t></si>',
    },
    rows: [{ row: 1, cells: ['甲', 2] }],
  },
  {
    name: 'a sheet part in UTF-16 with its byte order mark',
    parts: { sheet: Buffer.from(`\ufeff<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>托育𠀋</t></is></c></row></sheetData></worksheet>`, 'utf16le') },
    rows: [{ row: 1, cells: ['托育𠀋'] }],
  },
  {
    name: 'a shared-string index that points nowhere makes its row unreadable, located',
    parts: { sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>9</v></c></row>', shared: '<si><t>a</t></si>' },
    rows: [
      { row: 1, cells: ['a'] },
      { row: 2, cells: [], problem: { code: 'unreadable-row', column: null, value: 'shared string 9 missing' } },
    ],
  },
  {
    name: 'cells beyond column XFD reject their row only',
    parts: { sheet: '<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>' },
    rows: [
      { row: 1, cells: [], problem: { code: 'too-many-columns', column: null, value: '16385', params: { limit: 16_384 } } },
      { row: 2, cells: [3] },
    ],
  },
  {
    name: 'a row beyond 1,048,576 is one located problem, and reading stops there',
    parts: { sheet: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000"><c r="A2000000"><v>2</v></c></row><row r="2000001"><c><v>3</v></c></row>' },
    rows: [
      { row: 1, cells: [1] },
      { row: 2_000_000, cells: [], problem: { code: 'too-many-rows', column: null, value: null, params: { limit: 1_048_576 } } },
    ],
  },
];

describe('the xlsx reader on hand-written parts', () => {
  it.each(cases)('$name', async ({ parts, rows }) => {
    expect(await readRows(parts)).toEqual(rows);
    expect(await readRows(parts, 3)).toEqual(rows);
  });

  it('a chart sheet is listed and has no rows', async () => {
    const path = join(makeTempDir(), 'book.xlsx');
    writeFileSync(path, workbookBytes({ sheet: '<row r="1"><c r="A1"><v>1</v></c></row>' }));
    const workbook = await openWorkbook(path);
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['数据', '图表']);
    const batches = [];
    for await (const batch of workbook.rows(workbook.sheets[1])) batches.push(batch);
    expect(batches).toEqual([]);
  });

  it('rows out of order mark the sheet as damaged', async () => {
    const read = readRows({ sheet: '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>' });
    await expect(read).rejects.toSatisfy((error: unknown) => error instanceof FatalInputError && error.draft.params?.reason === 'corrupt');
  });

  it('bytes that are not UTF-8 mark the part as damaged', async () => {
    const sheet = Buffer.concat([Buffer.from(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`), Buffer.from([0xc3, 0x28]), Buffer.from('</t></is></c></row></sheetData></worksheet>')]);
    await expect(readRows({ sheet })).rejects.toSatisfy((error: unknown) => error instanceof FatalInputError && error.draft.params?.reason === 'corrupt');
  });
});
