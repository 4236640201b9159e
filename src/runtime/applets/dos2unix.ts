import { bytesToLatin1 } from "../paths.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput, stdinBytes } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

const CR = 0x0d;
const LF = 0x0a;

/** Letters of mkstemp's `XXXXXX`. */
const TEMP_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * busybox's conversion: every CR goes (lone ones too); to DOS, every LF then gets a CR before it.
 */
export function convertLineEnds(bytes: Uint8Array, toDos: boolean): Uint8Array {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === CR) continue;
    if (byte === LF && toDos) out.push(CR);
    out.push(byte);
  }
  return Uint8Array.from(out);
}

/**
 * `dos2unix`/`unix2dos [-ud] [FILE]...`, busybox 1.35's: converts each FILE in place (a symlink's
 * target; mode kept), or stdin to stdout. `-u` makes it dos2unix, `-d` unix2dos, both is a usage
 * error. A file that cannot be opened ends the applet.
 */
export function lineEndApplet(applet: "dos2unix" | "unix2dos"): Applet {
  return withHelp(async (argv, ctx, host) => {
    const parsed = bbGetopt(applet, argv.slice(1), { flags: "ud" });
    if (isUsageFailure(parsed)) return parsed;
    const { flags, operands } = parsed;
    if (flags.has("u") && flags.has("d")) return showUsage(applet);
    const toDos = flags.has("d") || (applet === "unix2dos" && !flags.has("u"));
    if (operands.length === 0) {
      const converted = bytesToLatin1(convertLineEnds(stdinBytes(ctx), toDos));
      const result = done(converted);
      return converted === ""
        ? result
        : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
    }
    for (const name of operands) {
      const input = await readAppletInput(name, ctx, host);
      if (!input.ok && !input.opened)
        return done("", `${applet}: can't open '${name}': ${strerror(input.errno)}\n`, 1);
      const path = host.view.realpath(ctx.fs.resolvePath(ctx.cwd, name));
      if (!input.ok) {
        // busybox writes a temporary file beside it and fails to rename it over the directory.
        const temp = `${name}${Array.from({ length: 6 }, () => host.rng.pick([...TEMP_CHARS])).join("")}`;
        return done(
          "",
          `${applet}: can't move '${temp}' to '${name}': ${strerror(input.errno)}\n`,
          1,
        );
      }
      try {
        await host.fs.writeFile(path, convertLineEnds(input.bytes, toDos));
      } catch (error) {
        return done("", `${applet}: can't open '${name}': ${strerror(errnoOf(error))}\n`, 1);
      }
    }
    return done("");
  });
}

/** `dos2unix [-ud] [FILE]` */
export const dos2unix: Applet = lineEndApplet("dos2unix");
/** `unix2dos [-ud] [FILE]` */
export const unix2dos: Applet = lineEndApplet("unix2dos");
