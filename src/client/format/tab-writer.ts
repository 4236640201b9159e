/** Options of `tabwriterFormat`, as Go's `tabwriter.NewWriter(w, minwidth, tabwidth, padding, ' ', 0)`. */
export interface TabWriterOptions {
  readonly minWidth: number;
  readonly padding: number;
}

/** The settings of every docker CLI table: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`. */
export const DOCKER_TABLE: TabWriterOptions = { minWidth: 10, padding: 3 };

/** The settings of `docker top` and a few older tables: `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`. */
export const DOCKER_TOP_TABLE: TabWriterOptions = { minWidth: 20, padding: 3 };

interface Cell {
  readonly text: string;
  readonly width: number;
}

/**
 * Aligns tab-separated text as Go's `text/tabwriter` does with flags 0: a cell is text ended by a
 * tab (the text after a line's last tab is not a cell and is never padded); a column is a block
 * of consecutive lines that have a cell at that index, and its width is the widest cell plus the
 * padding, at least `minWidth`. Widths count Unicode code points, as Go counts runes.
 */
export function tabwriterFormat(text: string, options: TabWriterOptions = DOCKER_TABLE): string {
  const lines = text.split("\n");
  const trailingNewline = lines.at(-1) === "";
  if (trailingNewline) lines.pop();
  const rows: Cell[][] = lines.map((line) =>
    line.split("\t").map((part) => ({ text: part, width: [...part].length })),
  );
  const widths: number[][] = rows.map((row) => new Array<number>(row.length).fill(0));
  formatBlock(rows, widths, { line0: 0, line1: rows.length, column: 0 }, options);
  const out = rows.map((row, index) =>
    row
      .map((cell, column) => {
        const width = widths[index]![column]!;
        // The last part of a line is not a cell: it is written as is.
        return column === row.length - 1 ? cell.text : cell.text + " ".repeat(width - cell.width);
      })
      .join(""),
  );
  return out.join("\n") + (trailingNewline ? "\n" : "");
}

/** Go's `format`: assigns widths to the column at `column` for lines [line0, line1), recursively. */
function formatBlock(
  rows: readonly Cell[][],
  widths: number[][],
  range: { line0: number; line1: number; column: number },
  options: TabWriterOptions,
): void {
  const { column } = range;
  let line = range.line0;
  while (line < range.line1) {
    // Lines with no cell at `column` (only their trailing text) end any block.
    if (rows[line]!.length - 1 <= column) {
      line++;
      continue;
    }
    const start = line;
    let width = options.minWidth;
    for (; line < range.line1 && rows[line]!.length - 1 > column; line++) {
      const cell = rows[line]![column]!;
      width = Math.max(width, cell.width + options.padding);
    }
    for (let index = start; index < line; index++) widths[index]![column] = width;
    formatBlock(rows, widths, { line0: start, line1: line, column: column + 1 }, options);
  }
}
