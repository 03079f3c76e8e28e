/**
 * The one way text views build a cli-table3 table: borders without colour
 * codes (cli-table3 colours head and border by default, even when piped, and
 * decides that through a colour library that sniffs the terminal), no rule
 * between body rows, and cells that may span several lines.
 */
import Table from 'cli-table3';

export type Cell = Table.Cell;

const COMPACT_CHARS: Partial<Record<Table.CharName, string>> = {
  mid: '',
  'left-mid': '',
  'mid-mid': '',
  'right-mid': '',
};

/** Header cells are plain strings (colour them before passing them in). */
export function drawTable(head: string[], rows: Cell[][]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: COMPACT_CHARS,
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

export function right(content: string): Cell {
  return { content, hAlign: 'right' };
}
