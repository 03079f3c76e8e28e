/**
 * "Did you mean" for values that do not parse (SPEC §5): the nearest allowed
 * enum value or yes/no word. Worked out only for the groups listed (see
 * IssueLog's lazy parameters), so a million bad cells cost nothing here.
 */
import type { RawCell } from '../io/raw.js';
import { nearest } from '../shared/nearest.js';
import { cellText, normaliseLabel, type EnumValue } from './values.js';

/** How an allowed value is named in a suggestion: its Chinese label and English id. */
function enumName(value: EnumValue): string {
  return `${value.zh} (${value.id})`;
}

/**
 * The allowed value a mistyped one most likely meant: a label the text
 * contains or that contains it (`幼儿园（公办）`, `托育`), else the nearest by
 * edit distance (`nursry`, `托育机沟`).
 */
export function suggestEnum(values: readonly EnumValue[], cell: RawCell): { suggestion: string } | undefined {
  const text = normaliseLabel(cellText(cell));
  if (text.length === 0) return undefined;
  let contained: EnumValue | undefined;
  let containedGap = Number.POSITIVE_INFINITY;
  for (const value of values) {
    for (const label of [normaliseLabel(value.zh), normaliseLabel(value.id)]) {
      if (!(text.includes(label) || label.includes(text))) continue;
      const gap = Math.abs(label.length - text.length);
      if (gap < containedGap) {
        contained = value;
        containedGap = gap;
      }
    }
  }
  if (contained !== undefined) return { suggestion: enumName(contained) };
  const byLabel = new Map<string, EnumValue>();
  for (const value of values) {
    byLabel.set(value.zh, value);
    byLabel.set(value.id, value);
  }
  const hit = nearest(text, byLabel.keys(), { maxDistance: Math.max(1, Math.floor(text.length / 3)), normalise: normaliseLabel });
  return hit === undefined ? undefined : { suggestion: enumName(byLabel.get(hit)!) };
}

/** Words clerks write for yes and no that are not among the accepted ones, and what they mean. */
const YES_NO_MEANINGS: ReadonlyMap<string, string> = new Map([
  ['是的', '是'], ['对', '是'], ['对的', '是'], ['已是', '是'], ['ok', 'yes'],
  ['不是', '否'], ['不', '否'], ['没有', '否'], ['非', '否'], ['不对', '否'], ['未', '否'],
]);
const YES_NO_WORDS = ['yes', 'no', 'true', 'false'];

/** The accepted yes/no word a mistyped one most likely meant (`是的` → 是, `ture` → true). */
export function suggestBoolean(cell: RawCell): { suggestion: string } | undefined {
  const text = normaliseLabel(cellText(cell));
  if (text.length === 0) return undefined;
  const meaning = YES_NO_MEANINGS.get(text);
  if (meaning !== undefined) return { suggestion: meaning };
  const hit = nearest(text, YES_NO_WORDS, { maxDistance: text.length <= 3 ? 1 : 2 });
  return hit === undefined ? undefined : { suggestion: hit };
}
