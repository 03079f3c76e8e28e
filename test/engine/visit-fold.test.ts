import { describe, expect, it } from 'vitest';
import { createVisitFold, NO_DAY } from '../../src/engine/visit-fold.js';
import { VISIT_KINDS } from '../../src/schema/records.js';
import type { Visit } from '../../src/schema/records.js';
import fc from 'fast-check';
import { isoDate } from '../../src/shared/dates.js';
import { aVisit, day, foldVisits } from './builders.js';

const A = '330106001001';
const B = '330106002001';

interface WindowCase {
  name: string;
  visits: Visit[];
  year?: number;
  through?: 1 | 2 | 3 | 4;
  expected: Partial<Record<'guidanceChildren' | 'activityChildren' | 'followups' | 'outreach', Record<string, number>>>;
}

const cases: WindowCase[] = [
  {
    name: 'guidance_rate_0_1: a child with several guidance records counts once',
    visits: [aVisit({ date: '2025-01-10' }), aVisit({ date: '2025-02-10' }), aVisit({ kind: 'online', date: '2025-03-10' })],
    expected: { guidanceChildren: { [A]: 1 }, followups: { [A]: 2 } },
  },
  {
    name: 'guidance_rate_0_1: online guidance counts, but not as a follow-up',
    visits: [aVisit({ kind: 'online' })],
    expected: { guidanceChildren: { [A]: 1 }, followups: {} },
  },
  {
    name: 'guidance_rate_0_1: a child who moved counts once, in the area of the latest record',
    visits: [aVisit({ date: '2025-03-20', areaCode: B }), aVisit({ date: '2025-01-05', areaCode: A })],
    expected: { guidanceChildren: { [B]: 1 }, followups: { [A]: 1, [B]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: two records on the same day: the later row decides the area',
    visits: [aVisit({ date: '2025-03-20', areaCode: B }), aVisit({ date: '2025-03-20', areaCode: A })],
    expected: { guidanceChildren: { [A]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: the latest record across quarters decides the area',
    visits: [aVisit({ date: '2025-05-01', areaCode: B }), aVisit({ date: '2025-02-01', areaCode: A })],
    through: 2,
    expected: { guidanceChildren: { [B]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: a Q1 window ignores the Q2 move',
    visits: [aVisit({ date: '2025-05-01', areaCode: B }), aVisit({ date: '2025-02-01', areaCode: A })],
    through: 1,
    expected: { guidanceChildren: { [A]: 1 }, followups: { [A]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: a record on the first birthday is not at age 0',
    visits: [aVisit({ birthDate: '2024-03-01', date: '2025-03-01' })],
    expected: { guidanceChildren: {}, followups: {} },
  },
  {
    name: 'guidance_rate_0_1: the day before the first birthday is at age 0',
    visits: [aVisit({ birthDate: '2024-03-01', date: '2025-02-28' })],
    expected: { guidanceChildren: { [A]: 1 }, followups: { [A]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: a 29 February baby is still 0 on 28 February',
    visits: [aVisit({ birthDate: '2024-02-29', date: '2025-02-28' })],
    expected: { guidanceChildren: { [A]: 1 } },
  },
  {
    name: 'guidance_rate_0_1: a 29 February baby turns 1 on 1 March',
    visits: [aVisit({ birthDate: '2024-02-29', date: '2025-03-01' })],
    expected: { guidanceChildren: {} },
  },
  {
    name: 'guidance_rate_0_1: records of the previous year are outside the window',
    visits: [aVisit({ birthDate: '2024-06-01', date: '2024-12-31' })],
    expected: { guidanceChildren: {}, followups: {} },
  },
  {
    name: 'activity_rate_1_3: ages 1 and 2 count, 0 and 3 do not',
    visits: [
      aVisit({ kind: 'activity', childId: 'age0', birthDate: '2024-06-01', date: '2025-03-01' }),
      aVisit({ kind: 'activity', childId: 'age1', birthDate: '2024-03-01', date: '2025-03-01' }),
      aVisit({ kind: 'activity', childId: 'age2', birthDate: '2022-03-02', date: '2025-03-01' }),
      aVisit({ kind: 'activity', childId: 'age3', birthDate: '2022-03-01', date: '2025-03-01' }),
    ],
    expected: { activityChildren: { [A]: 2 }, guidanceChildren: {} },
  },
  {
    name: 'activity_rate_1_3: guidance records do not count as activities',
    visits: [aVisit({ kind: 'guidance', birthDate: '2023-06-01' })],
    expected: { activityChildren: {}, guidanceChildren: {}, followups: {} },
  },
  {
    name: 'activity_rate_1_3: a child who moved counts once, in the latest area',
    visits: [
      aVisit({ kind: 'activity', birthDate: '2023-01-01', date: '2025-04-01', areaCode: B }),
      aVisit({ kind: 'activity', birthDate: '2023-01-01', date: '2025-08-01', areaCode: A }),
    ],
    through: 4,
    expected: { activityChildren: { [A]: 1 } },
  },
  {
    name: 'activity_rate_1_3: a Q2 window excludes the Q3 record',
    visits: [
      aVisit({ kind: 'activity', birthDate: '2023-01-01', date: '2025-04-01', areaCode: B }),
      aVisit({ kind: 'activity', birthDate: '2023-01-01', date: '2025-08-01', areaCode: A }),
    ],
    through: 2,
    expected: { activityChildren: { [B]: 1 } },
  },
  {
    name: 'followups_per_infant: every guidance record at age 0 counts, in its own area',
    visits: [
      aVisit({ childId: 'x', areaCode: A }),
      aVisit({ childId: 'x', areaCode: B, date: '2025-03-02' }),
      aVisit({ childId: 'y', areaCode: B }),
    ],
    expected: { followups: { [A]: 1, [B]: 2 }, guidanceChildren: { [B]: 2 } },
  },
  {
    name: 'outreach_compliance: outreach records count per facility and quarter window',
    visits: [
      aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'K1', date: '2025-01-02' }),
      aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'K1', date: '2025-06-30' }),
      aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'K1', date: '2025-07-01' }),
      aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'K2', date: '2025-05-01' }),
    ],
    through: 2,
    expected: { outreach: { K1: 2, K2: 1 }, guidanceChildren: {} },
  },
];

describe('createVisitFold', () => {
  it.each(cases)('$name', ({ visits, year = 2025, through = 1, expected }) => {
    const window = foldVisits(visits).countWindow(year, through);
    for (const [key, counts] of Object.entries(expected)) {
      expect(Object.fromEntries(window[key as keyof typeof expected]), key).toEqual(counts);
    }
  });

  // The validator hands each child's index with its visits; the fold must count the same as when it keys by child id.
  it.each(cases)('$name, keyed by the validator\'s childIndex', ({ visits, year = 2025, through = 1, expected }) => {
    const indices = new Map<string, number>();
    const indexed = visits.map((visit) => {
      if (visit.childId === null || visit.birthDate === null) return visit;
      if (!indices.has(visit.childId)) indices.set(visit.childId, indices.size);
      return { ...visit, childIndex: indices.get(visit.childId)! };
    });
    const byIndex = foldVisits(indexed).countWindow(year, through);
    const byId = foldVisits(visits).countWindow(year, through);
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(Object.fromEntries(byIndex[key]), key).toEqual(Object.fromEntries(byId[key]));
    }
  });

  it('keeps the latest record date of any kind', () => {
    const totals = foldVisits([
      aVisit({ date: '2025-02-01' }),
      aVisit({ kind: 'outreach', childId: null, facilityId: 'K1', date: '2025-08-09' }),
      aVisit({ date: '2024-12-31' }),
    ]);
    expect(totals.latestDay).toBe(day('2025-08-09'));
    expect(createVisitFold().finish().latestDay).toBeNull();
  });

  it('resolves windows of different years from one fold', () => {
    const totals = foldVisits([
      aVisit({ childId: 'a', birthDate: '2024-06-01', date: '2024-11-01' }),
      aVisit({ childId: 'b', birthDate: '2024-06-01', date: '2025-02-01' }),
    ]);
    expect(Object.fromEntries(totals.countWindow(2024, 4).guidanceChildren)).toEqual({ [A]: 1 });
    expect(Object.fromEntries(totals.countWindow(2025, 4).guidanceChildren)).toEqual({ [A]: 1 });
  });

  it('counts many children in any order', () => {
    const fold = createVisitFold();
    const children = 50_000;
    for (let i = 0; i < children * 2; i++) {
      const child = (i * 7919) % children;
      fold.add(aVisit({ childId: `c${child}`, areaCode: child % 2 === 0 ? A : B, date: day('2025-01-01') + (i % 80), row: i + 2 }));
    }
    const window = fold.finish().countWindow(2025, 1);
    expect(window.guidanceChildren.get(A)! + window.guidanceChildren.get(B)!).toBe(children);
    expect(window.followups.get(A)! + window.followups.get(B)!).toBe(children * 2);
  });
});

describe('createVisitFold: children aged 0 seen (SPEC §11)', () => {
  it.each([
    { name: 'guidance and online while aged 0 make an infant seen', visits: [aVisit({ kind: 'online' })], expected: { [A]: 1 } },
    {
      name: 'an activity while aged 0 makes an infant seen',
      visits: [aVisit({ kind: 'activity', birthDate: '2024-09-01' })],
      expected: { [A]: 1 },
    },
    { name: 'a record at age 1 does not', visits: [aVisit({ kind: 'activity', birthDate: '2023-09-01' })], expected: {} },
    {
      name: 'a child seen twice counts once, in the area of the latest record of either kind',
      visits: [aVisit({ date: '2025-02-01', areaCode: A }), aVisit({ kind: 'activity', date: '2025-03-01', areaCode: B })],
      expected: { [B]: 1 },
    },
    {
      name: 'an earlier activity does not move a child guided later',
      visits: [aVisit({ kind: 'activity', date: '2025-01-01', areaCode: B }), aVisit({ date: '2025-03-01', areaCode: A })],
      expected: { [A]: 1 },
    },
    {
      name: 'outreach records name no child seen',
      visits: [aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId: 'K1' })],
      expected: {},
    },
  ])('$name', ({ visits, expected }) => {
    const window = foldVisits(visits).countWindow(2025, 1);
    expect(Object.fromEntries(window.infantsSeen)).toEqual(expected);
  });

  it('an activity while aged 0 changes no rate of the plan', () => {
    const window = foldVisits([aVisit({ kind: 'activity', birthDate: '2024-09-01' })]).countWindow(2025, 1);
    expect([window.guidanceChildren.size, window.activityChildren.size, window.followups.size]).toEqual([0, 0, 0]);
  });
});

describe('createVisitFold: record counts for the quality review (SPEC §11)', () => {
  const outreachAt = (facilityId: string, date: string) =>
    aVisit({ kind: 'outreach', childId: null, birthDate: null, areaCode: null, facilityId, date });

  function areaCounts(visits: Visit[]): Record<string, number> {
    const counts: Record<string, number> = {};
    foldVisits(visits).recordCounts.forEachArea((code, quarter, kind, count) => {
      counts[`${code} ${Math.floor(quarter / 4)}Q${(quarter % 4) + 1} ${kind}`] = count;
    });
    return counts;
  }
  function facilityCounts(visits: Visit[]): Record<string, number> {
    const counts: Record<string, number> = {};
    foldVisits(visits).recordCounts.forEachFacility((id, quarter, kind, count) => {
      counts[`${id} ${Math.floor(quarter / 4)}Q${(quarter % 4) + 1} ${kind}`] = count;
    });
    return counts;
  }

  it('counts every record of a child by its area, quarter and kind, whatever the age', () => {
    expect(
      areaCounts([
        aVisit({ date: '2025-01-01' }),
        aVisit({ date: '2025-03-31', birthDate: '2020-01-01' }),
        aVisit({ date: '2025-04-01', kind: 'activity', areaCode: B }),
        aVisit({ date: '2024-12-31', kind: 'online' }),
      ]),
    ).toEqual({ [`${A} 2025Q1 guidance`]: 2, [`${B} 2025Q2 activity`]: 1, [`${A} 2024Q4 online`]: 1 });
  });

  it('leaves outreach out of the area counts (it belongs to its facility, SPEC §2) and counts every record naming a facility', () => {
    const visits = [
      outreachAt('K1', '2025-02-01'),
      { ...outreachAt('K1', '2025-05-01'), areaCode: A },
      aVisit({ kind: 'activity', birthDate: '2023-01-01', facilityId: 'K1', date: '2025-05-02' }),
    ];
    expect(areaCounts(visits)).toEqual({ [`${A} 2025Q2 activity`]: 1 });
    expect(facilityCounts(visits)).toEqual({ 'K1 2025Q1 outreach': 1, 'K1 2025Q2 outreach': 1, 'K1 2025Q2 activity': 1 });
  });

  it('keeps the first and last record day of each kind', () => {
    const totals = foldVisits([aVisit({ date: '2025-03-01' }), aVisit({ date: '2024-12-01' }), outreachAt('K1', '2025-06-30')]);
    expect(totals.recordCounts.firstDay('guidance')).toBe(day('2024-12-01'));
    expect(totals.recordCounts.lastDay('guidance')).toBe(day('2025-03-01'));
    expect(totals.recordCounts.firstDay('outreach')).toBe(day('2025-06-30'));
    expect(totals.recordCounts.firstDay('activity')).toBeNull();
    expect(totals.recordCounts.lastDay('online')).toBeNull();
  });

  it('counts as a plain tally would, for records in any order over many years', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ area: fc.constantFrom(A, B), facility: fc.constantFrom('K1', 'K2', null), days: fc.integer({ min: 0, max: 3650 }), kind: fc.constantFrom(...(['guidance', 'activity', 'online'] as const)) }), { maxLength: 200 }),
        (drawn) => {
          const visits = drawn.map(({ area, facility, days, kind }) =>
            aVisit({ areaCode: area, facilityId: facility, kind, date: day('2016-01-01') + days, birthDate: '2015-01-01' }),
          );
          const expected: Record<string, number> = {};
          for (const visit of visits) {
            const [y, m] = isoDate(visit.date).split('-').map(Number);
            const key = `${visit.areaCode} ${y}Q${Math.ceil(m / 3)} ${visit.kind}`;
            expected[key] = (expected[key] ?? 0) + 1;
          }
          expect(areaCounts(visits)).toEqual(expected);
        },
      ),
    );
  });
});

describe('createVisitFold: records by numbers (addRecord)', () => {
  /** Every number a fold gives, for comparing two folds of the same records. */
  function everything(totals: ReturnType<typeof foldVisits>) {
    const windows = [1, 2, 3, 4].map((quarter) => {
      const window = totals.countWindow(2025, quarter as 1 | 2 | 3 | 4);
      return Object.fromEntries(Object.entries(window).map(([key, map]) => [key, [...(map as Map<string, number>)]]));
    });
    const areas: string[] = [];
    totals.recordCounts.forEachArea((area, quarter, kind, count) => areas.push(`${area} ${quarter} ${kind} ${count}`));
    const facilities: string[] = [];
    totals.recordCounts.forEachFacility((facility, quarter, kind, count) => facilities.push(`${facility} ${quarter} ${kind} ${count}`));
    const days = VISIT_KINDS.map((kind) => [totals.recordCounts.firstDay(kind), totals.recordCounts.lastDay(kind)]);
    return { latestDay: totals.latestDay, windows, areas, facilities, days };
  }

  it('gives what add gives for the same records, indices taken in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            area: fc.constantFrom(A, B, null),
            facility: fc.constantFrom('K1', 'K2', null),
            child: fc.constantFrom('c1', 'c2', 'c3', null),
            born: fc.integer({ min: 0, max: 1200 }),
            days: fc.integer({ min: 0, max: 364 }),
            kind: fc.constantFrom(...VISIT_KINDS),
          }),
          { maxLength: 120 },
        ),
        (drawn) => {
          const visits = drawn.map(({ area, facility, child, born, days, kind }, i) =>
            aVisit({ areaCode: area, facilityId: facility, childId: child, kind, date: day('2025-01-01') + days, birthDate: day('2022-01-01') + born, row: i + 2 }),
          );
          const byNumbers = createVisitFold();
          const children = new Map<string, number>();
          for (const visit of visits) {
            const kind = VISIT_KINDS.indexOf(visit.kind);
            const facility = visit.facilityId === null ? -1 : byNumbers.facilityIndex(visit.facilityId);
            const area = visit.kind === 'outreach' || visit.areaCode === null ? -1 : byNumbers.areaIndex(visit.areaCode);
            let child = -1;
            if (visit.childId !== null && visit.birthDate !== null) {
              child = children.get(visit.childId) ?? children.size;
              children.set(visit.childId, child);
            }
            byNumbers.addRecord(visit.date, kind, child, visit.birthDate ?? NO_DAY, area, facility, visit.row);
          }
          const byObjects = createVisitFold();
          for (const visit of visits) byObjects.add(visit);
          expect(everything(byNumbers.finish())).toEqual(everything(byObjects.finish()));
        },
      ),
    );
  });
});
