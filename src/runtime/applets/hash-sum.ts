import type { CommandContext } from "just-bash";
import { md5 } from "../../digest/md5.ts";
import { sha1 } from "../../digest/sha1.ts";
import { type Sha3Bits, sha3 } from "../../digest/sha3.ts";
import { sha256Hex, toHex } from "../../digest/sha256.ts";
import { sha512 } from "../../digest/sha512.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { checkHashLists } from "./hash-check.ts";
import { type HexDigest, hashFile } from "./hash-file.ts";

/**
 * busybox's `md5sum`-family applet (md5_sha1_sum.c) for one digest: `HEX  FILE` per file (stdin
 * without files or for `-`), exit 1 if any file could not be read; `-c` checks lists, `-s` and
 * `-w` only with it. Synchronous digests, so a build's `RUN … sha256sum` stays in simulated time.
 */
export function hashSumApplet(applet: string, digest: HexDigest): Applet {
  return withHelp(async (argv, ctx, host) => {
    const parsed = bbGetopt(applet, argv.slice(1), { flags: "csw" });
    if (isUsageFailure(parsed)) return parsed;
    return runHashSum(applet, digest, parsed.flags, parsed.operands, ctx, host);
  });
}

async function runHashSum(
  applet: string,
  digest: HexDigest,
  flags: ReadonlyMap<string, readonly string[]>,
  operands: readonly string[],
  ctx: CommandContext,
  host: ProcessHost,
): ReturnType<Applet> {
  const check = flags.has("c");
  if (!check && (flags.has("s") || flags.has("w"))) return showUsage(applet);
  const files = operands.length === 0 ? ["-"] : operands;
  if (check) {
    const options = { applet, digest, silent: flags.has("s"), warn: flags.has("w") };
    const checked = await checkHashLists(files, options, ctx, host);
    return done(checked.stdout, checked.stderr, checked.ok ? 0 : 1);
  }
  let stdout = "";
  let stderr = "";
  for (const file of files) {
    const hashed = await hashFile(file, digest, ctx, host);
    if ("hex" in hashed) stdout += `${hashed.hex}  ${file}\n`;
    else stderr += `${applet}: ${hashed.warning}\n`;
  }
  return done(stdout, stderr, stderr === "" ? 0 : 1);
}

/** `md5sum [-c[sw]] [FILE]...` */
export const md5sum: Applet = hashSumApplet("md5sum", (data) => toHex(md5(data)));
/** `sha1sum [-c[sw]] [FILE]...` */
export const sha1sum: Applet = hashSumApplet("sha1sum", (data) => toHex(sha1(data)));
/** `sha256sum [-c[sw]] [FILE]...` */
export const sha256sum: Applet = hashSumApplet("sha256sum", sha256Hex);
/** `sha512sum [-c[sw]] [FILE]...` */
export const sha512sum: Applet = hashSumApplet("sha512sum", (data) => toHex(sha512(data)));

const UINT_MAX = 2n ** 32n - 1n;

/**
 * `sha3sum [-c[sw]] [-a BITS] [FILE]...`: SHA3-224 unless `-a` says 256, 384 or 512 (the last
 * `-a` wins; `bad -aN` for other sizes, after the `-s`/`-w` without `-c` usage check).
 */
export const sha3sum: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("sha3sum", argv.slice(1), { flags: "cswa", withValue: "a" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  if (!flags.has("c") && (flags.has("s") || flags.has("w"))) return showUsage("sha3sum");
  let bits: Sha3Bits = 224;
  const text = flags.get("a")?.at(-1);
  if (text !== undefined) {
    const number = parseBbNumber(text, { max: UINT_MAX });
    if ("error" in number) return done("", `sha3sum: invalid number '${text}'\n`, 1);
    if (![224n, 256n, 384n, 512n].includes(number.value))
      return done("", `sha3sum: bad -a${number.value}\n`, 1);
    bits = Number(number.value) as Sha3Bits;
  }
  const digest: HexDigest = (data) => toHex(sha3(data, bits));
  return runHashSum("sha3sum", digest, flags, operands, ctx, host);
});
