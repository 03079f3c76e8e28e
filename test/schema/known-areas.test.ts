/**
 * Which codes a facility or record may name (SPEC §2) when census rows were
 * rejected (SPEC §5: records in an area whose census row was rejected say so).
 */
import { describe, expect, it } from 'vitest';
import { knownAreas, type RejectedCensusRow } from '../../src/schema/known-areas.js';

const rejectedRow = (code: string, row: number, because = 'not-integer'): RejectedCensusRow => ({ code, file: 'census.csv', row, because });

describe('knownAreas', () => {
  // 338801 东城区 > 338801001 甲街道 > 甲一社区 (rejected for its numbers), 甲二社区;
  // 338801002 乙街道, a leaf street rejected; 338801003 丙街道, a rejected subtotal over 丙一社区;
  // 338801004 丁街道, in use, whose only community 丁一社区 was rejected;
  // 338802 西城区 a rejected leaf district; 338803005 戊街道 implied by its communities, all rejected.
  const used = ['338801', '338801001', '338801001002', '338801003001', '338801004'];
  const rejected = [
    rejectedRow('338801001001', 4),
    rejectedRow('338801002', 5, 'missing-value'),
    rejectedRow('338801003', 6, 'census-subtotal-mismatch'),
    rejectedRow('338801004001', 8),
    rejectedRow('338802', 9),
    rejectedRow('338803005001', 10),
    rejectedRow('338803005002', 11),
  ];
  const known = knownAreas(used, rejected);

  it.each([
    { name: 'a community in use', code: '338801001002', known: true, behind: undefined },
    { name: 'a community rejected for its numbers', code: '338801001001', known: false, behind: 4 },
    { name: 'a code under a street that lists communities, not listed itself', code: '338801001009', known: false, behind: undefined },
    { name: 'a rejected leaf street', code: '338801002', known: false, behind: 5 },
    { name: 'a community under a rejected leaf street', code: '338801002007', known: false, behind: 5 },
    { name: 'a rejected subtotal whose community is in use', code: '338801003', known: true, behind: undefined },
    { name: 'the community under the rejected subtotal', code: '338801003001', known: true, behind: undefined },
    { name: 'another community under the rejected subtotal: it lists its communities', code: '338801003002', known: false, behind: undefined },
    { name: 'a street in use whose only community was rejected', code: '338801004', known: true, behind: undefined },
    { name: 'that rejected community', code: '338801004001', known: false, behind: 8 },
    { name: 'an unlisted community beside it: the street lists its communities', code: '338801004002', known: false, behind: undefined },
    { name: 'a rejected leaf district', code: '338802', known: false, behind: 9 },
    { name: 'a street in the rejected leaf district', code: '338802001', known: false, behind: 9 },
    { name: 'a street implied only by rejected communities', code: '338803005', known: false, behind: 10 },
    { name: 'the district above it', code: '338803', known: false, behind: 10 },
    { name: 'a district the census never heard of', code: '338899', known: false, behind: undefined },
  ])('$name: $code', ({ code, known: isKnown, behind }) => {
    expect(known.isKnownArea(code)).toBe(isKnown);
    expect(known.rejectedRowBehind(code)?.row).toBe(behind);
  });

  it('a code in use in one row and rejected in another (another year, a later submission) is known', () => {
    const twice = knownAreas(['338801001001'], [rejectedRow('338801001001', 7)]);
    expect(twice.isKnownArea('338801001001')).toBe(true);
    expect(twice.rejectedRowBehind('338801001001')).toBeUndefined();
  });

  it('names what rejected the row', () => {
    expect(known.rejectedRowBehind('338801002003')).toEqual({ code: '338801002', file: 'census.csv', row: 5, because: 'missing-value' });
  });

  it('without rejected rows, the rule of SPEC §2 alone', () => {
    const plain = knownAreas(['330106', '330106001001', '330106002']);
    expect([plain.isKnownArea('330106002007'), plain.isKnownArea('330106001009'), plain.isKnownArea('330106001')]).toEqual([true, false, true]);
  });
});
