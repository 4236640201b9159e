import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { KMG_I_SUFFIXES, parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { DD_FILE_BYTES_MAX } from "./dd-output.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

const OFF_T_MAX = 2n ** 63n - 1n;

/**
 * `fallocate [-o OFS] -l LEN FILE`, busybox 1.35's: opens FILE (creating it), then makes it at
 * least OFS+LEN bytes long, zero-filled; it never shrinks. A zero LEN is the kernel's EINVAL
 * (after the file was created); past drydock's file-size limit it is ENOSPC.
 */
export const fallocate: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("fallocate", argv.slice(1), { flags: "ol", withValue: "ol" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  const lengthText = flags.get("l")?.at(-1);
  if (lengthText === undefined || operands.length !== 1) return showUsage("fallocate");
  const numbers: bigint[] = [];
  for (const text of [flags.get("o")?.at(-1) ?? "0", lengthText]) {
    const number = parseBbNumber(text, { suffixes: KMG_I_SUFFIXES, max: OFF_T_MAX });
    if ("error" in number) return done("", `fallocate: ${number.error}\n`, 1);
    numbers.push(number.value);
  }
  const [offset, length] = numbers as [bigint, bigint];
  const name = operands[0]!;
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  let content: Uint8Array;
  try {
    if (host.view.exists(path) && host.view.stat(path).type === "directory")
      return done("", `fallocate: can't open '${name}': ${strerror("EISDIR")}\n`, 1);
    content = host.view.exists(path) ? host.view.readFile(path) : new Uint8Array(0);
    if (!host.view.exists(path)) await host.fs.writeFile(path, content);
  } catch (error) {
    return done("", `fallocate: can't open '${name}': ${strerror(errnoOf(error))}\n`, 1);
  }
  const end = offset + length;
  const failure = length === 0n ? "EINVAL" : end > BigInt(DD_FILE_BYTES_MAX) ? "ENOSPC" : undefined;
  if (failure !== undefined)
    return done("", `fallocate: fallocate '${name}': ${strerror(failure)}\n`, 1);
  if (end > BigInt(content.length)) {
    const grown = new Uint8Array(Number(end));
    grown.set(content);
    await host.fs.writeFile(path, grown);
  }
  return done("");
});
