/**
 * Reasons for n/a values, numbered once each: a table cell shows "[1]" and
 * the reason is printed once below, however many areas share it.
 */
export class Footnotes {
  private readonly numbers = new Map<string, number>();

  /** The number of this reason, assigned on first sight. */
  mark(reason: string): number {
    let n = this.numbers.get(reason);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(reason, n);
    }
    return n;
  }

  /** [number, reason] in numbering order. */
  entries(): Array<[number, string]> {
    return [...this.numbers].map(([reason, n]) => [n, reason]);
  }

  get size(): number {
    return this.numbers.size;
  }
}
