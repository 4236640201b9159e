import { crc32 } from "../../archive/crc32.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { withHelp } from "./bb-usage.ts";
import { strerror } from "./libc-errors.ts";

/**
 * `crc32 FILE...`, busybox 1.35's: zlib's CRC-32 as `%08x FILE` per file, or `%08x` alone for
 * stdin read without operands; `can't open 'F': …` for a missing file and `F: Is a directory`
 * for a directory, exit 1. It takes no options at all.
 */
export const crc32Sum: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("crc32", argv.slice(1), { flags: "" });
  if (isUsageFailure(parsed)) return parsed;
  const files = parsed.operands.length === 0 ? [undefined] : parsed.operands;
  let stdout = "";
  let stderr = "";
  for (const file of files) {
    const input = await readAppletInput(file ?? "-", ctx, host);
    if (input.ok) {
      const sum = crc32(input.bytes).toString(16).padStart(8, "0");
      stdout += file === undefined ? `${sum}\n` : `${sum} ${file}\n`;
    } else if (input.opened) stderr += `crc32: ${file}: ${strerror(input.errno)}\n`;
    else stderr += `crc32: can't open '${file}': ${strerror(input.errno)}\n`;
  }
  return done(stdout, stderr, stderr === "" ? 0 : 1);
});
