/**
 * Small numeric and layout helpers shared by the benchmarks: medians, ratios against a target,
 * and a left-aligned text table.
 */

/** The median of some measurements (the upper middle one for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `12.3x` (one decimal below 100, none above), or `-` when either side is missing. */
export function formatRatio(
  numerator: number | undefined,
  denominator: number | undefined,
): string {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return "-";
  const ratio = numerator / denominator;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(1)}x`;
}

/** `ok`/`MISSED` against a minimum speed-up, or `-` when the ratio could not be measured. */
export function verdict(
  numerator: number | undefined,
  denominator: number | undefined,
  targetRatio: number,
): string {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return "-";
  return numerator / denominator >= targetRatio ? "ok" : "MISSED";
}

/** Milliseconds with a precision that suits their size (`0.42`, `8.1`, `1234`). */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "-";
  if (ms < 1) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** Bytes as KiB or MiB, one decimal. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "-";
  if (Math.abs(bytes) < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Rows of cells as lines of text, each column padded to its widest cell. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd(),
  );
}
