/**
 * The docker CLI's natural sort order (`sortorder.NaturalLess`): runs of digits compare as
 * numbers (`vol2` < `vol10`), everything else byte by byte. Returns a comparator result.
 */
export function naturalCompare(left: string, right: string): number {
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i]!;
    const b = right[j]!;
    const aDigit = a >= "0" && a <= "9";
    const bDigit = b >= "0" && b <= "9";
    if (aDigit !== bDigit) return aDigit ? -1 : 1;
    if (!aDigit) {
      if (a !== b) return a < b ? -1 : 1;
      i++;
      j++;
      continue;
    }
    // Compare digit runs: skip leading zeros, then by length, then lexically.
    let aEnd = i;
    while (aEnd < left.length && left[aEnd]! >= "0" && left[aEnd]! <= "9") aEnd++;
    let bEnd = j;
    while (bEnd < right.length && right[bEnd]! >= "0" && right[bEnd]! <= "9") bEnd++;
    const aRun = left.slice(i, aEnd).replace(/^0+/, "");
    const bRun = right.slice(j, bEnd).replace(/^0+/, "");
    if (aRun.length !== bRun.length) return aRun.length - bRun.length;
    if (aRun !== bRun) return aRun < bRun ? -1 : 1;
    const zerosDiff = aEnd - i - (bEnd - j);
    if (zerosDiff !== 0) return zerosDiff;
    i = aEnd;
    j = bEnd;
  }
  return left.length - i - (right.length - j);
}
