/**
 * The facility registry (SPEC §3): one row per facility, ids unique, areas
 * known to the census, dates in order. A few thousand rows: held in memory.
 */
import type { RawTable } from '../io/raw.js';
import type { IssueLog, LazyParams } from '../issues/collector.js';
import { severityOf } from '../issues/catalogue.js';
import type { IssueCause } from '../issues/issue.js';
import { MAX_PLAUSIBLE_SLOTS, NEW_COMMUNITY_SLOTS, checkRegistryDate } from './plausibility.js';
import { suggestBoolean, suggestEnum } from './suggest.js';
import { TABLE_COLUMNS } from './columns.js';
import { dayNumber, isoDate } from '../shared/dates.js';
import type { DayNumber, Facility, FacilityType } from './records.js';
import { aloneInRun, judgeKeyedRow, type ParsedValue, type PlaceInRun } from './cross-submission.js';
import { RowReporter, cellAt, cellReader, checkRows, emptyCounts, openTable, textOf, type TableOutcome } from './row-checks.js';
import { parseAreaCode, parseBoolean, parseDate, parseEnum, parseScaledInteger } from './values.js';

export interface FacilityContext {
  /** SPEC §2: a census code, a prefix of one, or under a census leaf. */
  isKnownArea(code: string): boolean;
  /** The day of the run (SPEC §5 `future-date`): TUOYU_TODAY, or the local date. */
  today: DayNumber;
  /** For a listed `unknown-area`: the nearest known code, and the rejected census row that caused it, if any. */
  explainUnknownArea?: (code: string) => ReturnType<LazyParams>;
  /** The table's place among the tables of a run of several submissions (SPEC §8); without it, a run of its own. */
  place?: PlaceInRun;
}

/** The values two rows with one facility_id are compared by (SPEC §8), and their columns. */
const COMPARED_COLUMNS = [
  'name', 'area_code', 'type', 'inclusive', 'slots', 'toddler_classes', 'toddler_classes_new', 'provincial', 'demonstration', 'opened', 'closed',
] as const;
function comparedValues(f: Facility): ParsedValue[] {
  return [f.name, f.areaCode, f.type, f.inclusive, f.slots, f.toddlerClasses, f.toddlerClassesNew, f.provincial, f.demonstration, f.opened, f.closed];
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
  /** Files issues about this table after the fact (checks that need the report's period); null when the table was unusable. */
  reporter: RowReporter | null;
  /** Why the registry could not be used (its header's first error), for the records that name its facilities. */
  unusableBecause: IssueCause | null;
}

export async function validateFacilities(table: RawTable, ctx: FacilityContext, log: IssueLog): Promise<FacilitiesOutcome> {
  const counts = emptyCounts();
  const open = await openTable('facilities', table, COLUMNS, log, counts);
  if (open === null) {
    const problem = log.drafts().find((draft) => draft.table === 'facilities' && draft.file === table.source.file && draft.row === table.header.row && severityOf(draft.code) === 'error');
    const unusableBecause = { code: problem?.code ?? 'missing-column', table: 'facilities' as const, file: table.source.file, row: table.header.row };
    return { records: [], counts, listedIds: [], reporter: null, unusableBecause };
  }

  const { col, reporter } = open;
  const records: Facility[] = [];
  const listed = new Set<string>();
  const place = ctx.place ?? aloneInRun(table.source);
  const ids = place.cross.facilities;

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
    const type = read('type', (cell) => parseEnum(TYPE_VALUES, cell), '', true, (cell) => suggestEnum(TYPE_VALUES, cell)) as FacilityType | '';
    const inclusive = read('inclusive', parseBoolean, false, true, suggestBoolean);
    const slots = read('slots', (cell) => parseScaledInteger(cell, open.scaleOf('slots')), 0, true);
    const toddlerClasses = read('toddler_classes', (cell) => parseScaledInteger(cell, open.scaleOf('toddler_classes')), 0, false);
    const toddlerClassesNew = read('toddler_classes_new', (cell) => parseScaledInteger(cell, open.scaleOf('toddler_classes_new')), 0, false);
    const provincial = read('provincial', parseBoolean, false, false, suggestBoolean);
    const demonstration = read('demonstration', parseBoolean, false, false, suggestBoolean);
    const opened = read<DayNumber | null>('opened', parseDate, null, false);
    const closed = read<DayNumber | null>('closed', parseDate, null, false);

    if (areaCode !== '' && !ctx.isKnownArea(areaCode)) {
      const explain = ctx.explainUnknownArea;
      reporter.report('unknown-area', row, 'area_code', areaCode, undefined, explain && (() => explain(areaCode)));
    }
    if (opened !== null) checkRegistryDate(reporter, row, 'opened', opened, ctx.today);
    if (closed !== null) checkRegistryDate(reporter, row, 'closed', closed, ctx.today);
    if (slots > MAX_PLAUSIBLE_SLOTS) reporter.report('implausible-slots', row, 'slots', String(slots));
    if (opened !== null && closed !== null && closed <= opened) {
      reporter.report('closed-before-opened', row, 'closed', isoDate(closed), { opened: isoDate(opened) });
    }
    if (toddlerClassesNew > toddlerClasses) {
      reporter.report('classes-new-exceeds-total', row, 'toddler_classes_new', String(toddlerClassesNew), { total: toddlerClasses });
    }
    // SPEC §3, §8: an id once per table, and once across the submissions of a run.
    const sighting = facilityId === '' ? null : ids.see(facilityId, place.table, row);
    if (facilityId !== '') listed.add(facilityId);
    if (sighting?.kind === 'same-submission') reporter.report('duplicate-id', row, 'facility_id', facilityId, sighting.params);
    if (reporter.errors > 0) return 'rejected';
    const facility: Facility = {
      facilityId, name, areaCode, type: type as FacilityType, inclusive, slots, toddlerClasses, toddlerClassesNew,
      provincial, demonstration, opened, closed, row,
    };
    if (sighting?.kind === 'earlier-submission') {
      return judgeKeyedRow(reporter, place, sighting, { row, columnId: 'facility_id', value: facilityId }, comparedValues(facility), COMPARED_COLUMNS);
    }
    ids.settle(facilityId, comparedValues(facility));
    records.push(facility);
    return 'used';
  });
  return { records, counts, listedIds: [...listed], reporter, unusableBecause: null };
}

/**
 * `new-community-slots-out-of-range` (SPEC §5, plan §二: 每年新增至少1家社区普惠托育机构,
 * 提供普惠托位50-80个): a community inclusive facility opened in `year` whose
 * slots are outside 50–80. Needs the report's period, hence after validation.
 */
export function checkNewCommunitySlots(facilities: readonly Facility[], year: number, reporter: RowReporter): void {
  const [first, last] = [dayNumber(year, 1, 1), dayNumber(year, 12, 31)];
  const [min, max] = NEW_COMMUNITY_SLOTS;
  for (const facility of facilities) {
    if (facility.type !== 'community' || !facility.inclusive || facility.opened === null) continue;
    if (facility.opened < first || facility.opened > last) continue;
    if (facility.slots >= min && facility.slots <= max) continue;
    reporter.report('new-community-slots-out-of-range', facility.row, 'slots', String(facility.slots), { year });
  }
}
