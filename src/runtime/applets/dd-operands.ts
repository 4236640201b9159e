import { CWBKMG_SUFFIXES, parseBbNumber } from "./bb-number.ts";

/** dd's `conv=`, `iflag=` and `oflag=` words, plus `status=`. */
export type DdFlag =
  | "notrunc"
  | "sync"
  | "noerror"
  | "fsync"
  | "swab"
  | "skip_bytes"
  | "count_bytes"
  | "fullblock"
  | "idirect"
  | "seek_bytes"
  | "append"
  | "odirect"
  | "status_none"
  | "status_noxfer";

/** A dd command line, parsed as busybox 1.35 does. */
export interface DdOperands {
  readonly ibs: number;
  readonly obs: number;
  /** Blocks (bytes with `iflag=count_bytes`); undefined without `count=`. */
  readonly count: bigint | undefined;
  readonly skip: bigint;
  readonly seek: bigint;
  readonly infile: string | undefined;
  readonly outfile: string | undefined;
  readonly flags: ReadonlySet<DdFlag>;
}

const WORDS: Readonly<Record<string, readonly DdFlag[]>> = {
  conv: ["notrunc", "sync", "noerror", "fsync", "swab"],
  iflag: ["skip_bytes", "count_bytes", "fullblock", "idirect"],
  oflag: ["seek_bytes", "append", "odirect"],
  status: ["status_none", "status_noxfer"],
};

/** What busybox says for each word list (`idirect` is spelled `direct` on the command line). */
const SPELLING: Readonly<Record<string, string>> = {
  idirect: "direct",
  odirect: "direct",
  status_none: "none",
  status_noxfer: "noxfer",
};

/** `size_t`/2: the largest block size busybox accepts. */
const BLOCK_MAX = 2n ** 63n - 1n;

/**
 * Parses dd's `KEY=VALUE` operands (`--` is skipped, as busybox's DESKTOP build does). Returns the
 * operands, `"usage"` for an unknown key or a word without `=`, or the message dd dies with.
 */
export function parseDdOperands(args: readonly string[]): DdOperands | "usage" | { error: string } {
  let ibs = 512;
  let obs = 512;
  let count: bigint | undefined;
  let skip = 0n;
  let seek = 0n;
  let infile: string | undefined;
  let outfile: string | undefined;
  const flags = new Set<DdFlag>();
  for (const arg of args) {
    if (arg === "--") continue;
    const equals = arg.indexOf("=");
    if (equals < 0) return "usage";
    const key = arg.slice(0, equals);
    const value = arg.slice(equals + 1);
    switch (key) {
      case "bs":
      case "ibs":
      case "obs": {
        const size = parseBbNumber(value, { suffixes: CWBKMG_SUFFIXES, min: 1n, max: BLOCK_MAX });
        if ("error" in size) return size;
        if (key !== "obs") ibs = Number(size.value);
        if (key !== "ibs") obs = Number(size.value);
        break;
      }
      case "count":
      case "skip":
      case "seek": {
        const number = parseBbNumber(value, { suffixes: CWBKMG_SUFFIXES });
        if ("error" in number) return number;
        if (key === "count") count = number.value;
        else if (key === "skip") skip = number.value;
        else seek = number.value;
        break;
      }
      case "if":
        infile = value;
        break;
      case "of":
        outfile = value;
        break;
      case "conv":
      case "iflag":
      case "oflag":
      case "status": {
        const error = addWords({ key, value, flags });
        if (error !== undefined) return { error };
        break;
      }
      default:
        return "usage";
    }
  }
  return { ibs, obs, count, skip, seek, infile, outfile, flags };
}

/** busybox's `parse_comma_flags` (`status=` takes one word). */
function addWords(options: { key: string; value: string; flags: Set<DdFlag> }): string | undefined {
  const { key, value, flags } = options;
  const words = WORDS[key]!;
  for (const word of key === "status" ? [value] : value.split(",")) {
    const flag = words.find((candidate) => (SPELLING[candidate] ?? candidate) === word);
    if (flag === undefined) return `invalid argument '${word}' to '${key}'`;
    flags.add(flag);
  }
  return undefined;
}
