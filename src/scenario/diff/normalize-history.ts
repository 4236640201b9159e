/**
 * A history entry's `created_by`. The base image's first step copies the busybox binary, and
 * drydock's offline busybox carries a stand-in for Debian's binary: its `file:` hash differs
 * by design, so it becomes `<busybox>`. Every other hash is kept.
 */
export function normalizeCreatedBy(createdBy: string): string {
  return createdBy.replace(
    /^(\/bin\/sh -c #\(nop\) COPY file:)[0-9a-f]{64}( in \/bin\/busybox )$/,
    "$1<busybox>$2",
  );
}

/** One `docker history` row as compared: its command and whether its layer is empty. */
export interface HistoryRow {
  readonly createdBy: string;
  /** `0` or `non-zero`: layer sizes containing busybox differ by design, and sizes of others follow tar padding. */
  readonly size: "0" | "non-zero";
}

/** A `docker history --no-trunc --format '{{json .}}'` object as compared. */
export function historyRow(row: unknown): HistoryRow {
  const record = (typeof row === "object" && row !== null ? row : {}) as Record<string, unknown>;
  const createdBy = typeof record.CreatedBy === "string" ? record.CreatedBy : "";
  const size = typeof record.Size === "string" ? record.Size : "";
  return {
    createdBy: normalizeCreatedBy(createdBy),
    size: /^0(?:\.0+)?\s?[kMG]?B$/.test(size) || size === "" ? "0" : "non-zero",
  };
}
