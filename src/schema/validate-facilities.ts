/**
 * The facility registry (SPEC §3): one row per facility, ids unique, areas
 * known to the census, dates in order. A few thousand rows: held in memory.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog } from '../issues/collector.js';
import { TABLE_COLUMNS } from './columns.js';
import { isoDate } from '../shared/dates.js';
import { FacilityShape } from './record-shapes.js';
import type { DayNumber, Facility, FacilityType } from './records.js';
import { cellAt, cellReader, checkDuplicateId, checkRows, emptyCounts, openTable, textOf, type TableOutcome } from './row-checks.js';
import { parseAreaCode, parseBoolean, parseDate, parseEnum, parseInteger } from './values.js';

export interface FacilityContext {
  /** SPEC §2: a census code, a prefix of one, or under a census leaf. */
  isKnownArea(code: string): boolean;
}

const COLUMNS = [
  'facility_id', 'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new',
  'provincial', 'demonstration', 'opened', 'closed',
] as const;
type ColumnId = (typeof COLUMNS)[number];

const TYPE_VALUES = TABLE_COLUMNS.facilities.find((c) => c.id === 'type')?.values ?? [];

export interface FacilitiesOutcome extends TableOutcome<Facility> {
  /**
   * Every facility id the registry lists, rows rejected for another problem
   * included: a record naming such a facility is not `unknown-facility` on
   * top of the registry row's own error.
   */
  listedIds: string[];
}

export async function validateFacilities(table: RawTable, ctx: FacilityContext, log: IssueLog): Promise<FacilitiesOutcome> {
  const counts = emptyCounts();
  const open = await openTable('facilities', table, COLUMNS, log, counts);
  if (open === null) return { records: [], counts, listedIds: [] };

  const { col, reporter } = open;
  const records: Facility[] = [];
  const firstRowOf = new Map<string, number>();

  await checkRows(table, reporter, counts, (raw) => {
    const row = raw.row;
    const cells = raw.cells;
    open.checkExtraCells(raw);

    const read = cellReader(raw, col, reporter);
    const readText = (id: ColumnId): string => {
      const text = textOf(cellAt(cells, col[id]));
      if (text === null) reporter.report('missing-value', row, id, null);
      return text ?? '';
    };

    const facilityId = readText('facility_id');
    const name = readText('name');
    const areaCode = read('area_code', parseAreaCode, '', true);
    const type = read('type', (cell) => parseEnum(TYPE_VALUES, cell), '', true) as FacilityType | '';
    const inclusive = read('inclusive', parseBoolean, false, true);
    const slots = read('slots', parseInteger, 0, true);
    const toddlerClasses = read('toddler_classes', parseInteger, 0, false);
    const toddlerClassesNew = read('toddler_classes_new', parseInteger, 0, false);
    const provincial = read('provincial', parseBoolean, false, false);
    const demonstration = read('demonstration', parseBoolean, false, false);
    const opened = read<DayNumber | null>('opened', parseDate, null, false);
    const closed = read<DayNumber | null>('closed', parseDate, null, false);

    if (areaCode !== '' && !ctx.isKnownArea(areaCode)) reporter.report('unknown-area', row, 'area_code', areaCode);
    if (opened !== null && closed !== null && closed <= opened) {
      reporter.report('closed-before-opened', row, 'closed', isoDate(closed), { opened: isoDate(opened) });
    }
    if (toddlerClassesNew > toddlerClasses) {
      reporter.report('classes-new-exceeds-total', row, 'toddler_classes_new', String(toddlerClassesNew), { total: toddlerClasses });
    }
    if (facilityId !== '') checkDuplicateId(firstRowOf, facilityId, row, reporter, 'facility_id', facilityId);
    if (reporter.errors > 0) return 'rejected';
    records.push(
      FacilityShape.parse({
        facilityId, name, areaCode, type: type as FacilityType, inclusive, slots, toddlerClasses, toddlerClassesNew,
        provincial, demonstration, opened, closed, row,
      }),
    );
    return 'used';
  });
  return { records, counts, listedIds: [...firstRowOf.keys()] };
}
