/**
 * The structure of an .xlsx package: where the workbook part is (from the
 * package relationships, not assumed), its sheets in tab order with the part
 * each lives in (relative or absolute targets, any part name), the date
 * system, which cell styles show dates, and the shared-string table.
 */
import { isBuiltInDateFormat, isDateFormatCode } from './cell-dates.js';
import { createPartDecoder, decodeOfficeEscapes, decodeXmlText, nameIs, scanPart, scanXml, type XmlHandler } from './xml-scanner.js';
import { inflateEntry, readEntry, ZipError, type InflateOptions, type ZipArchive, type ZipEntry } from './zip-archive.js';

export interface XlsxSheet {
  /** As on the tab. */
  name: string;
  /** The worksheet part; null for a chart sheet or a sheet whose part is missing (it has no rows). */
  part: ZipEntry | null;
  hidden: boolean;
}

export interface XlsxPackage {
  sheets: XlsxSheet[];
  date1904: boolean;
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
}

interface XmlElement {
  name: string;
  /** The local name of the element it sits in. */
  parent: string;
  attributes: Map<string, string>;
}

/** The elements named in `wanted` (local names), with their attributes decoded. Small parts only. */
export function readElements(xml: string, wanted: ReadonlySet<string>): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: string[] = [];
  const handler: XmlHandler = {
    capturing: false,
    stopped: false,
    open(s, nameStart, nameEnd, tagAttributes, selfClosing) {
      const name = s.slice(nameStart, nameEnd);
      if (wanted.has(name)) {
        const attributes = new Map<string, string>();
        const at = tagAttributes.at;
        for (let index = 0; index < tagAttributes.count * 4; index += 4) {
          attributes.set(s.slice(at[index], at[index + 1]), decodeXmlText(s.slice(at[index + 2], at[index + 3])));
        }
        found.push({ name, parent: stack[stack.length - 1] ?? '', attributes });
      }
      if (!selfClosing) stack.push(name);
    },
    close() {
      stack.pop();
    },
    text() {},
  };
  scanXml(xml, handler);
  return found;
}

/** An attribute by local name, whatever its prefix (`r:id`, `relationships:id`). */
function attributeByLocalName(attributes: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attributes) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

async function readPartText(bytes: Buffer, archive: ZipArchive, entry: ZipEntry): Promise<string> {
  const raw = await readEntry(bytes, archive, entry);
  try {
    return createPartDecoder()(raw, true);
  } catch {
    throw new ZipError('corrupt', `${entry.name} is not valid text`);
  }
}

interface Relationship {
  type: string;
  /** The part it points to, resolved to a name inside the package. */
  part: string;
}

/** A part's relationships (`dir/_rels/name.rels`), targets resolved against the part's folder. */
async function readRelationships(bytes: Buffer, archive: ZipArchive, partName: string): Promise<Map<string, Relationship>> {
  const slash = partName.lastIndexOf('/');
  const folder = slash < 0 ? '' : partName.slice(0, slash);
  const relsEntry = archive.entry(`${folder ? `${folder}/` : ''}_rels/${partName.slice(slash + 1)}.rels`);
  const relationships = new Map<string, Relationship>();
  if (!relsEntry) return relationships;
  const xml = await readPartText(bytes, archive, relsEntry);
  for (const element of readElements(xml, new Set(['Relationship']))) {
    const id = element.attributes.get('Id');
    const target = element.attributes.get('Target');
    if (id === undefined || target === undefined || element.attributes.get('TargetMode') === 'External') continue;
    relationships.set(id, { type: element.attributes.get('Type') ?? '', part: resolveTarget(folder, target) });
  }
  return relationships;
}

/** A relationship target: absolute from the package root when it starts with '/', else relative to `folder`. */
export function resolveTarget(folder: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A stray % is a literal character in a part name.
  }
  const segments = decoded.startsWith('/') ? [] : folder.split('/').filter((segment) => segment !== '');
  for (const segment of decoded.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

const OFFICE_DOCUMENT_TYPE = /\/officeDocument$/;

/**
 * Reads the workbook's structure. Null when the archive holds no workbook at
 * all (not a spreadsheet); ZipError when it does but the parts are damaged.
 */
export async function readXlsxPackage(bytes: Buffer, archive: ZipArchive): Promise<XlsxPackage | null> {
  const packageRels = await readRelationships(bytes, archive, '');
  const main = [...packageRels.values()].find((relationship) => OFFICE_DOCUMENT_TYPE.test(relationship.type));
  const workbookEntry = (main && archive.entry(main.part)) || archive.entry('xl/workbook.xml');
  if (!workbookEntry) return null;
  const workbookName = workbookEntry.name.replace(/^\/+/, '');
  const workbookXml = await readPartText(bytes, archive, workbookEntry);
  const relationships = await readRelationships(bytes, archive, workbookName);
  const byType = (suffix: string): ZipEntry | null => {
    for (const relationship of relationships.values()) if (relationship.type.endsWith(suffix)) return archive.entry(relationship.part) ?? null;
    return null;
  };
  const folder = workbookName.includes('/') ? workbookName.slice(0, workbookName.lastIndexOf('/')) : '';
  const fallback = (name: string) => archive.entry(folder ? `${folder}/${name}` : name) ?? null;

  const elements = readElements(workbookXml, new Set(['sheet', 'workbookPr']));
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  for (const element of elements) {
    if (element.name === 'workbookPr') {
      const value = element.attributes.get('date1904');
      date1904 = value === '1' || value === 'true';
      continue;
    }
    const name = element.attributes.get('name');
    if (name === undefined) continue;
    const relationship = relationships.get(attributeByLocalName(element.attributes, 'id') ?? '');
    const isWorksheet = relationship !== undefined && relationship.type.endsWith('/worksheet');
    const state = element.attributes.get('state');
    sheets.push({
      name,
      part: isWorksheet ? (archive.entry(relationship.part) ?? null) : null,
      hidden: state === 'hidden' || state === 'veryHidden',
    });
  }
  return {
    sheets,
    date1904,
    sharedStrings: byType('/sharedStrings') ?? fallback('sharedStrings.xml'),
    styles: byType('/styles') ?? fallback('styles.xml'),
  };
}

/**
 * Which cell styles (index into cellXfs, the `s` of a cell) show dates: a
 * built-in date format, or a custom one with a year, month or day part.
 */
export async function readDateStyles(bytes: Buffer, archive: ZipArchive, styles: ZipEntry | null): Promise<Uint8Array> {
  if (styles === null) return new Uint8Array(0);
  const xml = await readPartText(bytes, archive, styles);
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  for (const element of readElements(xml, new Set(['numFmt', 'xf']))) {
    if (element.name === 'numFmt') {
      const id = Number(element.attributes.get('numFmtId'));
      if (Number.isInteger(id)) customFormats.set(id, element.attributes.get('formatCode') ?? '');
    } else if (element.parent === 'cellXfs') {
      formatIds.push(Number(element.attributes.get('numFmtId') ?? 0));
    }
  }
  const dateStyles = new Uint8Array(formatIds.length);
  formatIds.forEach((id, index) => {
    const custom = customFormats.get(id);
    dateStyles[index] = (custom !== undefined ? isDateFormatCode(custom) : isBuiltInDateFormat(id)) ? 1 : 0;
  });
  return dateStyles;
}

/**
 * The shared-string table, streamed: each `<si>` is its text runs joined
 * (plain `<t>` or rich-text `<r><t>`), phonetic guides (`<rPh>`, the furigana
 * or pinyin above the text) left out.
 */
export async function readSharedStrings(bytes: Buffer, archive: ZipArchive, entry: ZipEntry | null, options: InflateOptions = {}): Promise<string[]> {
  const strings: string[] = [];
  if (entry === null) return strings;
  let current = '';
  let inItem = false;
  let phoneticDepth = 0;
  const handler: XmlHandler = {
    capturing: false,
    stopped: false,
    open(s, nameStart, nameEnd, _attributes, selfClosing) {
      if (nameIs(s, nameStart, nameEnd, 'si')) {
        if (selfClosing) strings.push('');
        else {
          inItem = true;
          current = '';
        }
      } else if (nameIs(s, nameStart, nameEnd, 't')) {
        handler.capturing = inItem && phoneticDepth === 0 && !selfClosing;
      } else if (nameIs(s, nameStart, nameEnd, 'rPh') && !selfClosing) {
        phoneticDepth += 1;
      }
    },
    close(s, nameStart, nameEnd) {
      if (nameIs(s, nameStart, nameEnd, 't')) handler.capturing = false;
      else if (nameIs(s, nameStart, nameEnd, 'rPh')) phoneticDepth -= 1;
      else if (nameIs(s, nameStart, nameEnd, 'si')) {
        strings.push(decodeOfficeEscapes(current));
        inItem = false;
      }
    },
    text(value) {
      current += value;
    },
  };
  try {
    for await (const _ of scanPart(inflateEntry(bytes, archive, entry, options), handler)) void _;
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('corrupt', `${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return strings;
}
