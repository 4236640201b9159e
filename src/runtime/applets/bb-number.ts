/** A suffix busybox accepts after a number, with its multiplier. */
export type SuffixTable = readonly (readonly [suffix: string, multiplier: bigint])[];

/** `cwbkMG_suffixes` (dd's sizes): c w b kB kD k KB KD K MB MD M GB GD G. */
export const CWBKMG_SUFFIXES: SuffixTable = [
  ["c", 1n],
  ["w", 2n],
  ["b", 512n],
  ["kB", 1000n],
  ["kD", 1000n],
  ["k", 1024n],
  ["KB", 1000n],
  ["KD", 1000n],
  ["K", 1024n],
  ["MB", 1_000_000n],
  ["MD", 1_000_000n],
  ["M", 1024n * 1024n],
  ["GB", 1_000_000_000n],
  ["GD", 1_000_000_000n],
  ["G", 1024n * 1024n * 1024n],
];

/** `kmg_i_suffixes` (hexdump's and xxd's lengths): KiB kiB K k MiB miB M m GiB giB G g. */
export const KMG_I_SUFFIXES: SuffixTable = [
  ["KiB", 1024n],
  ["kiB", 1024n],
  ["K", 1024n],
  ["k", 1024n],
  ["MiB", 1024n ** 2n],
  ["miB", 1024n ** 2n],
  ["M", 1024n ** 2n],
  ["m", 1024n ** 2n],
  ["GiB", 1024n ** 3n],
  ["giB", 1024n ** 3n],
  ["G", 1024n ** 3n],
  ["g", 1024n ** 3n],
];

/** `unsigned long long`'s largest value: strtoull's overflow point. */
export const ULLONG_MAX = 2n ** 64n - 1n;

/** What `parseBbNumber` accepts. */
export interface BbNumberOptions {
  readonly suffixes?: SuffixTable;
  readonly min?: bigint;
  readonly max?: bigint;
  /** 10 (default), 16, 8, or 0 (C prefixes: `0x` hex, `0` octal). */
  readonly base?: 0 | 8 | 10 | 16;
}

/**
 * busybox's `xstrtou_range_sfx`: an unsigned number without sign or leading space, an optional
 * suffix from the table (matched exactly), within [min, max]. Returns the value, or the message
 * busybox dies with (`invalid number '1x'`, `number 0 is not in 1..9 range`).
 */
export function parseBbNumber(
  text: string,
  options: BbNumberOptions = {},
): { value: bigint } | { error: string } {
  const { min = 0n, max = ULLONG_MAX } = options;
  const invalid = { error: `invalid number '${text}'` };
  const range = { error: `number ${text} is not in ${min}..${max} range` };
  const parsed = parseDigits(text, options.base ?? 10);
  if (parsed === undefined) return invalid;
  let { value } = parsed;
  const rest = text.slice(parsed.length);
  if (rest !== "") {
    const multiplier = options.suffixes?.find(([suffix]) => suffix === rest)?.[1];
    if (multiplier === undefined) return invalid;
    if (ULLONG_MAX / multiplier < value) return range;
    value *= multiplier;
  }
  return value >= min && value <= max ? { value } : range;
}

/** strtoull's digits: the value and how many characters it took, or undefined (none, overflow). */
function parseDigits(
  text: string,
  base: 0 | 8 | 10 | 16,
): { value: bigint; length: number } | undefined {
  if (/^[-+\s]/.test(text)) return undefined;
  let radix: number = base;
  let start = 0;
  if ((base === 0 || base === 16) && /^0[xX][0-9a-fA-F]/.test(text)) {
    radix = 16;
    start = 2;
  } else if (base === 0) radix = text.startsWith("0") ? 8 : 10;
  const digits = { 8: "[0-7]", 10: "[0-9]", 16: "[0-9a-fA-F]" }[radix as 8 | 10 | 16];
  const match = new RegExp(`^${digits}+`).exec(text.slice(start));
  if (match === null) return undefined;
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : "";
  const value = BigInt(`${prefix}${match[0]}`);
  if (value > ULLONG_MAX) return undefined;
  return { value, length: start + match[0].length };
}
