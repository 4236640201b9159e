/**
 * Compares dotted Engine API versions numerically (`1.9` < `1.41`), as moby's
 * `versions.Compare` does: the client's flag checks and the server's version checks share it.
 */
export function compareApiVersions(a: string, b: string): number {
  const left = a.split(".");
  const right = b.split(".");
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = Number.parseInt(left[index] ?? "0", 10) || 0;
    const y = Number.parseInt(right[index] ?? "0", 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
