const WHO_BITS: Readonly<Record<string, number>> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };

/**
 * busybox's `bb_parse_mode`: an octal mode up to 07777, or symbolic clauses `[ugoa]*[-+=][rwxXstugo]*`
 * separated by commas, applied to `current` (no umask; no `who` means all). Undefined when
 * invalid.
 */
export function parseBbMode(
  text: string,
  current: number,
  isDirectory = false,
): number | undefined {
  if (/^[0-7]+$/.test(text)) {
    const mode = Number.parseInt(text, 8);
    return mode <= 0o7777 ? mode : undefined;
  }
  let mode = current;
  for (const clause of text.split(",")) {
    const match = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (match === null) {
      if (clause === "" && text === "") continue;
      return undefined;
    }
    const who = [...match[1]!].reduce((bits, w) => bits | WHO_BITS[w]!, 0) || 0o7777;
    for (const action of match[2]!.match(/[-+=][rwxXstugo]*/g)!) {
      const bits = permissionBits(action.slice(1), mode, isDirectory) & who;
      if (action[0] === "=") mode = (mode & ~who) | bits;
      else if (action[0] === "+") mode |= bits;
      else mode &= ~bits;
    }
  }
  return mode;
}

/** The bits `rwxXst` (or a copy of `u`, `g`, `o`) stand for, in every class. */
function permissionBits(perms: string, mode: number, isDirectory: boolean): number {
  let bits = 0;
  for (const p of perms) {
    if (p === "r") bits |= 0o444;
    else if (p === "w") bits |= 0o222;
    else if (p === "x") bits |= 0o111;
    else if (p === "X" && (isDirectory || (mode & 0o111) !== 0)) bits |= 0o111;
    else if (p === "s") bits |= 0o6000;
    else if (p === "t") bits |= 0o1000;
    else if (p === "u") bits |= spread((mode >> 6) & 7);
    else if (p === "g") bits |= spread((mode >> 3) & 7);
    else if (p === "o") bits |= spread(mode & 7);
  }
  return bits;
}

function spread(rwx: number): number {
  return (rwx << 6) | (rwx << 3) | rwx;
}
