/**
 * A minimal zip writer (stored or deflated entries, fixed DOS time), so that
 * hostile workbooks can be written byte for byte: a sheet whose XML says
 * whatever we want, which no spreadsheet program would ever save.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** 2026-01-05 00:00, so a generated file is the same bytes on every run. */
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5;

/** @param {{ name: string, data: string | Buffer }[]} entries @param {{ deflate?: boolean }} [options] */
export function writeZip(entries, { deflate = true } = {}) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const stored = deflate ? deflateRawSync(raw) : raw;
    const method = deflate ? 8 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function escapeXml(text) {
  return String(text).replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]);
}

/** Column letters of a 1-based index (1 → A, 27 → AA). */
export function columnLetters(index) {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Sheet XML from rows of strings (shared strings), each row written at the
 * row number given, so gaps and absurd numbers are possible. `dimension` is
 * written as given: it is a claim, not a fact.
 * @param {{ r: number, cells: string[] }[]} rows
 * @param {{ dimension?: string, merges?: string[] }} options
 * @param {string[]} shared  shared-string table, appended to
 */
export function sheetXml(rows, { dimension, merges = [] }, shared) {
  const body = rows
    .map(({ r, cells }) => {
      const xmlCells = cells
        .map((text, index) => {
          if (text === '' || text === null) return '';
          let at = shared.indexOf(text);
          if (at < 0) at = shared.push(text) - 1;
          return `<c r="${columnLetters(index + 1)}${r}" t="s"><v>${at}</v></c>`;
        })
        .join('');
      return `<row r="${r}">${xmlCells}</row>`;
    })
    .join('');
  const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (dimension ? `<dimension ref="${dimension}"/>` : '') +
    `<sheetData>${body}</sheetData>${mergeXml}</worksheet>`
  );
}

/**
 * A whole .xlsx from named sheets of rows (see sheetXml).
 * @param {{ name: string, rows: { r: number, cells: string[] }[], dimension?: string, merges?: string[] }[]} sheets
 */
export function writeXlsx(sheets) {
  const shared = [];
  const sheetParts = sheets.map((sheet, index) => ({
    name: `xl/worksheets/sheet${index + 1}.xml`,
    data: sheetXml(sheet.rows, sheet, shared),
  }));
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sharedXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('') +
    '</sst>';
  return writeZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
          .join('') +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
        sheets.map((sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    },
    ...sheetParts,
    { name: 'xl/sharedStrings.xml', data: sharedXml },
  ]);
}

/**
 * A structurally valid OLE compound file holding the two streams Office
 * writes for a password-protected .xlsx (EncryptionInfo, EncryptedPackage),
 * filled with zeros: what tuoyu sees when a district protects its workbook.
 */
export function writeEncryptedOfficeContainer() {
  const SECTOR = 512;
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  const streamSectors = 8; // 4096 bytes each: at the mini-stream cutoff, so stored in regular sectors
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 72);
  for (let slot = 0; slot < 109; slot += 1) header.writeUInt32LE(slot === 0 ? 0 : FREE, 76 + slot * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(END, 4);
  const chain = (first) => {
    for (let index = 0; index < streamSectors; index += 1) {
      fat.writeUInt32LE(index === streamSectors - 1 ? END : first + index + 1, (first + index) * 4);
    }
  };
  chain(2);
  chain(2 + streamSectors);

  const directory = Buffer.alloc(SECTOR, 0);
  const entry = (index, name, type, { left = FREE, right = FREE, child = FREE, start = END, size = 0 } = {}) => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\u0000`, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67); // black
    directory.writeUInt32LE(left, at + 68);
    directory.writeUInt32LE(right, at + 72);
    directory.writeUInt32LE(child, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, { child: 1 });
  entry(1, 'EncryptionInfo', 2, { right: 2, start: 2, size: streamSectors * SECTOR });
  entry(2, 'EncryptedPackage', 2, { start: 2 + streamSectors, size: streamSectors * SECTOR });
  for (let index = 3; index < 4; index += 1) {
    directory.writeUInt32LE(FREE, index * 128 + 68);
    directory.writeUInt32LE(FREE, index * 128 + 72);
    directory.writeUInt32LE(FREE, index * 128 + 76);
  }
  const streams = Buffer.alloc(2 * streamSectors * SECTOR, 0);
  return Buffer.concat([header, fat, directory, streams]);
}
