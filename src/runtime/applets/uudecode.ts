import { bytesToLatin1 } from "../paths.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/** C's `isspace` in the C locale. */
const C_SPACE = " \t\n\v\f\r";

/** A decoded body: its bytes, and busybox's message if it had to stop. */
interface Decoded {
  readonly bytes: Uint8Array;
  readonly error?: string;
}

/** Classic uuencoded lines up to `end`; a line shorter than its length says, or EOF, is a short file. */
export function decodeUu(lines: readonly string[]): Decoded {
  const out: number[] = [];
  for (const raw of lines) {
    let end = raw.length;
    while (end > 0 && C_SPACE.includes(raw[end - 1]!)) end--;
    const line = raw.slice(0, end);
    if (line === "end") return { bytes: Uint8Array.from(out) };
    if (line === "") return { bytes: Uint8Array.from(out), error: "short file" };
    const length = (line.charCodeAt(0) - 0x20) & 0x3f;
    if (line.length - 1 < Math.floor((length * 4 + 2) / 3))
      return { bytes: Uint8Array.from(out), error: "short file" };
    const six = (i: number) => ((line.charCodeAt(i) || 0x20) - 0x20) & 0x3f;
    for (let i = 1, left = length; left > 0; i += 4, left -= 3) {
      const n = (six(i) << 18) | (six(i + 1) << 12) | (six(i + 2) << 6) | six(i + 3);
      out.push(...[n >> 16, (n >> 8) & 0xff, n & 0xff].slice(0, Math.min(3, left)));
    }
  }
  return { bytes: Uint8Array.from(out), error: "short file" };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 lines up to `====` (or the end of input); other characters are skipped, `=` ends it. */
export function decodeBase64(lines: readonly string[]): Decoded {
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const line of lines) {
    if (line.replace(/[ \t\n\v\f\r]+$/, "") === "====") break;
    for (const ch of line) {
      if (ch === "=") return { bytes: Uint8Array.from(out) };
      const value = BASE64.indexOf(ch);
      if (value < 0) continue;
      bits = (bits << 6) | value;
      count += 6;
      if (count >= 8) {
        count -= 8;
        out.push((bits >> count) & 0xff);
      }
    }
  }
  return { bytes: Uint8Array.from(out) };
}

/**
 * `begin MODE NAME` or `begin-base64 MODE NAME` (NAME may be missing when `-o` names the
 * output); a MODE that is not octal gives 0777.
 */
function parseBegin(
  line: string,
  needName: boolean,
): { base64: boolean; mode: number; name: string } | undefined {
  const match = /^begin(-base64)? ([^ ]*)(?: (.*))?$/.exec(line.replace(/[\r\n]+$/, ""));
  if (match === null || (needName && !match[3])) return undefined;
  const mode = /^[0-7]+$/.test(match[2]!) ? Number.parseInt(match[2]!, 8) & 0o777 : 0o777;
  return { base64: match[1] !== undefined, mode, name: match[3] ?? "" };
}

/**
 * `uudecode [-o OUTFILE] [INFILE]`, busybox 1.35's: from the first `begin` line, decodes into
 * the file it names (or OUTFILE; `-` is stdout) with its mode. Lines decoded before a `short
 * file` stay written; `no 'begin' line` when there is none.
 */
export const uudecode: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("uudecode", argv.slice(1), { flags: "o", withValue: "o" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  if (operands.length > 1) return showUsage("uudecode");
  const file = operands[0] ?? "-";
  const input = await readAppletInput(file, ctx, host);
  if (!input.ok) return done("", `uudecode: ${file}: ${strerror(input.errno)}\n`, 1);
  const lines = bytesToLatin1(input.bytes).split("\n");
  if (lines.at(-1) === "") lines.pop();
  const output = flags.get("o")?.at(-1);
  const start = lines.findIndex((line) => parseBegin(line, output === undefined) !== undefined);
  if (start < 0) return done("", "uudecode: no 'begin' line\n", 1);
  const begin = parseBegin(lines[start]!, output === undefined)!;
  const decoded = (begin.base64 ? decodeBase64 : decodeUu)(lines.slice(start + 1));
  const failure = decoded.error === undefined ? "" : `uudecode: ${decoded.error}\n`;
  const target =
    output ?? new TextDecoder().decode(Uint8Array.from(begin.name, (c) => c.charCodeAt(0)));
  if (target === "-") {
    const result = done(bytesToLatin1(decoded.bytes), failure, failure === "" ? 0 : 1);
    return decoded.bytes.length === 0
      ? result
      : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
  }
  const path = ctx.fs.resolvePath(ctx.cwd, target);
  try {
    await host.fs.writeFile(path, decoded.bytes);
    host.view.chmod(path, begin.mode, { nowUs: host.clock.nowUs() });
  } catch (error) {
    return done("", `uudecode: can't open '${target}': ${strerror(errnoOf(error))}\n`, 1);
  }
  return done("", failure, failure === "" ? 0 : 1);
});
