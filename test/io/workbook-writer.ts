/**
 * A small .xlsx writer for the reader's tests, independent of the reader:
 * it writes the layouts real programs produce and exceljs never does — the
 * shared strings stored after the sheets (as Excel stores them), rows and
 * cells without `r`, absolute relationship targets (openpyxl), sheet parts
 * with any name, namespace prefixes (.NET writers), phonetic runs, the 1904
 * date system, zip64 records and data descriptors (streaming writers).
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One cell as the test means it; `expected` in the tests says what the reader must give for it. */
export type CellSpec =
  | { kind: 'empty' }
  | { kind: 'shared'; runs: string[]; phonetic?: string }
  | { kind: 'inline'; runs: string[] }
  | { kind: 'formulaText'; text: string }
  | { kind: 'number'; value: number; format?: DateFormat }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'date'; serial: number; format: DateFormat }
  | { kind: 'formulaDate'; serial: number; format: DateFormat }
  | { kind: 'isoDate'; iso: string };

/** A built-in format id, or a custom format code (a date format or not). */
export type DateFormat = number | string;

export interface SheetSpec {
  name: string;
  /** Rows in order; `number` may skip (gaps), cells may be sparse (empty). */
  rows: { number: number; cells: CellSpec[] }[];
  dimension?: string;
}

export interface Layout {
  /** Store xl/sharedStrings.xml after the sheets, as Excel does. */
  sharedStringsLast?: boolean;
  /** Write `r` only where a row or cell does not follow the one before. */
  omitReferences?: boolean;
  /** Relationship targets from the package root (`/xl/worksheets/…`), as openpyxl writes them. */
  absoluteTargets?: boolean;
  /** Sheet parts named freely instead of sheetN.xml. */
  oddPartNames?: boolean;
  /** Every element with this namespace prefix (`x:row`, `x:c`). */
  prefix?: string;
  date1904?: boolean;
  /** Zip64 end records and extra fields, as some streaming writers always write. */
  zip64?: boolean;
  /** Sizes after the data (flag bit 3), as streaming writers do. */
  dataDescriptors?: boolean;
  /** Stored, not deflated. */
  stored?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}

/** Text escaped the way Excel does: `_xHHHH_` look-alikes protected, control characters as `_xHHHH_`. */
function officeEscape(text: string): string {
  return escapeXml(text.replace(/_x([0-9a-fA-F]{4})_/g, '_x005F_x$1_')).replace(
    /[\u0000-\u0008\u000b-\u001f]/g,
    (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

function textElement(tag: string, text: string): string {
  return `<${tag} xml:space="preserve">${officeEscape(text)}</${tag}>`;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Writes the workbook; returns its bytes. */
export function writeWorkbook(sheets: SheetSpec[], layout: Layout = {}): Buffer {
  const p = layout.prefix ? `${layout.prefix}:` : '';
  const xmlns = layout.prefix ? `xmlns:${layout.prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const formats: DateFormat[] = [];
  const styleOf = (format: DateFormat): number => {
    let at = formats.indexOf(format);
    if (at < 0) at = formats.push(format) - 1;
    return at + 1; // style 0 is the default
  };
  const sharedItem = (cell: { runs: string[]; phonetic?: string }): string => {
    const runs =
      cell.runs.length === 1 && cell.phonetic === undefined
        ? textElement(`${p}t`, cell.runs[0])
        : cell.runs.map((run) => `<${p}r><${p}rPr><${p}b/></${p}rPr>${textElement(`${p}t`, run)}</${p}r>`).join('');
    const phonetic = cell.phonetic === undefined ? '' : `<${p}rPh sb="0" eb="1">${textElement(`${p}t`, cell.phonetic)}</${p}rPh><${p}phoneticPr fontId="1"/>`;
    return `<${p}si>${runs}${phonetic}</${p}si>`;
  };

  const sheetParts = sheets.map((sheet, sheetIndex) => {
    let lastRow = 0;
    const body = sheet.rows
      .map((row) => {
        let lastColumn = 0;
        const cells = row.cells
          .map((cell, index) => {
            const column = index + 1;
            if (cell.kind === 'empty') return '';
            const needsRef = !layout.omitReferences || column !== lastColumn + 1;
            lastColumn = column;
            const ref = needsRef ? ` r="${columnLetters(column)}${row.number}"` : '';
            const c = `${p}c`;
            const v = (text: string) => `<${p}v>${escapeXml(text)}</${p}v>`;
            const style = (format: DateFormat | undefined) => (format === undefined ? '' : ` s="${styleOf(format)}"`);
            switch (cell.kind) {
              case 'shared': {
                const item = sharedItem(cell);
                let at = sharedIndex.get(item);
                if (at === undefined) {
                  at = shared.push(item) - 1;
                  sharedIndex.set(item, at);
                }
                return `<${c}${ref} t="s">${v(String(at))}</${c}>`;
              }
              case 'inline':
                return `<${c}${ref} t="inlineStr"><${p}is>${cell.runs.map((run) => `<${p}r>${textElement(`${p}t`, run)}</${p}r>`).join('')}</${p}is></${c}>`;
              case 'formulaText':
                return `<${c}${ref} t="str"><${p}f>CONCATENATE("a","&lt;b&gt;")</${p}f><${p}v>${officeEscape(cell.text)}</${p}v></${c}>`;
              case 'number':
                return `<${c}${ref}${style(cell.format)}>${v(String(cell.value))}</${c}>`;
              case 'boolean':
                return `<${c}${ref} t="b">${v(cell.value ? '1' : '0')}</${c}>`;
              case 'error':
                return `<${c}${ref} t="e"><${p}f>1/0</${p}f>${v(cell.text)}</${c}>`;
              case 'date':
                return `<${c}${ref} s="${styleOf(cell.format)}">${v(String(cell.serial))}</${c}>`;
              case 'formulaDate':
                return `<${c}${ref} s="${styleOf(cell.format)}"><${p}f>TODAY()</${p}f>${v(String(cell.serial))}</${c}>`;
              case 'isoDate':
                return `<${c}${ref} t="d">${v(cell.iso)}</${c}>`;
            }
          })
          .join('');
        const needsRef = !layout.omitReferences || row.number !== lastRow + 1;
        lastRow = row.number;
        return `<${p}row${needsRef ? ` r="${row.number}"` : ''} spans="1:3">${cells}</${p}row>`;
      })
      .join('');
    const dimension = sheet.dimension ? `<${p}dimension ref="${sheet.dimension}"/>` : '';
    return {
      name: layout.oddPartNames ? `xl/data/table-${sheetIndex + 1}-part.xml` : `xl/worksheets/sheet${sheetIndex + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns} xmlns:r="${REL_NS}">${dimension}<${p}sheetData>${body}</${p}sheetData></${p}worksheet>`,
    };
  });

  const customFormats = formats.map((format, index) => ({ format, id: typeof format === 'number' ? format : 200 + index }));
  const stylesXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet ${xmlns}>` +
    `<${p}numFmts count="${customFormats.filter((entry) => typeof entry.format === 'string').length}">` +
    customFormats
      .filter((entry) => typeof entry.format === 'string')
      .map((entry) => `<${p}numFmt numFmtId="${entry.id}" formatCode="${escapeXml(entry.format as string)}"/>`)
      .join('') +
    `</${p}numFmts><${p}cellStyleXfs count="1"><${p}xf numFmtId="14"/></${p}cellStyleXfs>` +
    `<${p}cellXfs count="${formats.length + 1}"><${p}xf numFmtId="0" xfId="0"/>` +
    customFormats.map((entry) => `<${p}xf numFmtId="${entry.id}" xfId="0" applyNumberFormat="1"/>`).join('') +
    `</${p}cellXfs></${p}styleSheet>`;
  const sharedXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}sst ${xmlns} count="${shared.length}" uniqueCount="${shared.length}">${shared.join('')}</${p}sst>`;
  const target = (part: string) => (layout.absoluteTargets ? `/${part}` : part.replace(/^xl\//, ''));
  const workbookXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${xmlns} xmlns:r="${REL_NS}">` +
    (layout.date1904 ? `<${p}workbookPr date1904="1"/>` : `<${p}workbookPr/>`) +
    `<${p}sheets>${sheets.map((sheet, index) => `<${p}sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')}</${p}sheets></${p}workbook>`;
  const relsXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheetParts.map((part, index) => `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="${target(part.name)}"/>`).join('') +
    `<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="${target('xl/sharedStrings.xml')}"/>` +
    `<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="${target('xl/styles.xml')}"/>` +
    '</Relationships>';
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
  const packageRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="${layout.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}"/></Relationships>`;

  const sharedEntry = { name: 'xl/sharedStrings.xml', data: sharedXml };
  const entries = [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: packageRels },
    { name: 'xl/workbook.xml', data: workbookXml },
    { name: 'xl/_rels/workbook.xml.rels', data: relsXml },
    { name: 'xl/styles.xml', data: stylesXml },
    ...(layout.sharedStringsLast ? [] : [sharedEntry]),
    ...sheetParts,
    ...(layout.sharedStringsLast ? [sharedEntry] : []),
  ];
  return writeZip(entries, layout);
}

/** A zip of the entries, in order. */
export function writeZip(entries: { name: string; data: string | Buffer }[], layout: Pick<Layout, 'zip64' | 'dataDescriptors' | 'stored'> = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (buffer: Buffer) => {
    chunks.push(buffer);
    offset += buffer.length;
  };
  const FF = 0xffffffff;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const data = layout.stored ? raw : deflateRawSync(raw);
    const crc = crc32(raw) >>> 0;
    const flags = 0x0800 | (layout.dataDescriptors ? 0x0008 : 0);
    const localOffset = offset;
    const zip64Local = layout.zip64 ? zip64Extra([raw.length, data.length]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(layout.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(layout.stored ? 0 : 8, 8);
    local.writeUInt32LE(layout.dataDescriptors ? 0 : crc, 14);
    local.writeUInt32LE(layout.dataDescriptors ? 0 : layout.zip64 ? FF : data.length, 18);
    local.writeUInt32LE(layout.dataDescriptors ? 0 : layout.zip64 ? FF : raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(zip64Local.length, 28);
    push(Buffer.concat([local, name, zip64Local, data]));
    if (layout.dataDescriptors) {
      const descriptor = Buffer.alloc(layout.zip64 ? 24 : 16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      if (layout.zip64) {
        descriptor.writeBigUInt64LE(BigInt(data.length), 8);
        descriptor.writeBigUInt64LE(BigInt(raw.length), 16);
      } else {
        descriptor.writeUInt32LE(data.length, 8);
        descriptor.writeUInt32LE(raw.length, 12);
      }
      push(descriptor);
    }
    const zip64Central = layout.zip64 ? zip64Extra([raw.length, data.length, localOffset]) : Buffer.alloc(0);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(layout.zip64 ? 45 : 20, 4);
    record.writeUInt16LE(layout.zip64 ? 45 : 20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(layout.stored ? 0 : 8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(layout.zip64 ? FF : data.length, 20);
    record.writeUInt32LE(layout.zip64 ? FF : raw.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(zip64Central.length, 30);
    record.writeUInt32LE(layout.zip64 ? FF : localOffset, 42);
    central.push(Buffer.concat([record, name, zip64Central]));
  }
  const directory = Buffer.concat(central);
  const directoryOffset = offset;
  push(directory);
  if (layout.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const recordOffset = offset;
    push(record);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(recordOffset), 8);
    locator.writeUInt32LE(1, 16);
    push(locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(layout.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(layout.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(layout.zip64 ? FF : directory.length, 12);
  end.writeUInt32LE(layout.zip64 ? FF : directoryOffset, 16);
  push(end);
  return Buffer.concat(chunks);
}

function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + values.length * 8);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(values.length * 8, 2);
  values.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + index * 8));
  return extra;
}
