/**
 * Orders names as Go's string comparison does (by UTF-8 bytes, which is code point order), so
 * listings and layer tars sort exactly as dockerd sorts them. JavaScript's default order compares
 * UTF-16 code units and would put U+E000–U+FFFF after the astral planes.
 */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return utf8Rank(x) - utf8Rank(y);
    return x - y;
  }
  return a.length - b.length;
}

/** Moves surrogates (astral code points) above U+E000–U+FFFF, where UTF-8 puts them. */
function utf8Rank(codeUnit: number): number {
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  return codeUnit <= 0xdfff ? codeUnit + 0x2000 : codeUnit;
}

/** Sorts names in place in `compareNames` order and returns them. */
export function sortNames(names: string[]): string[] {
  return names.sort(compareNames);
}
