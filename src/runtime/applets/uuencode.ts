import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { strerror } from "./libc-errors.ts";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Bytes per encoded line, in both encodings (61 or 60 characters). */
const LINE_BYTES = 45;

/** A uuencoded 6-bit value: 32 + v, with 0 as a backquote rather than a space. */
function uuChar(value: number): string {
  return value === 0 ? "`" : String.fromCharCode(32 + value);
}

/** Three bytes (zero-padded) as four characters of `alphabet`. */
function quantum(bytes: Uint8Array, at: number, letter: (value: number) => string): string {
  const n = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
  return letter(n >> 18) + letter((n >> 12) & 63) + letter((n >> 6) & 63) + letter(n & 63);
}

/** The body of a uuencode: length-prefixed lines, then a backquote line. */
export function uuencodeBody(data: Uint8Array): string {
  let out = "";
  for (let offset = 0; offset < data.length; offset += LINE_BYTES) {
    const line = data.subarray(offset, offset + LINE_BYTES);
    out += uuChar(line.length);
    for (let i = 0; i < line.length; i += 3) out += quantum(line, i, uuChar);
    out += "\n";
  }
  return `${out}\`\n`;
}

/** The body of `uuencode -m`: RFC 1521 base64, 60 characters a line, then `====`. */
export function base64Body(data: Uint8Array): string {
  let out = "";
  for (let offset = 0; offset < data.length; offset += LINE_BYTES) {
    const line = data.subarray(offset, offset + LINE_BYTES);
    let text = "";
    for (let i = 0; i < line.length; i += 3) text += quantum(line, i, (v) => BASE64[v]!);
    const padding = (3 - (line.length % 3)) % 3;
    out += `${text.slice(0, text.length - padding)}${"=".repeat(padding)}\n`;
  }
  return `${out}====\n`;
}

/**
 * `uuencode [-m] [FILE] STORED_FILENAME`, busybox 1.35's: `begin MODE NAME` (the file's
 * permission bits, 0644 for stdin), the encoded lines, `end` (or `====` with -m).
 */
export const uuencode: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("uuencode", argv.slice(1), { flags: "m" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  if (operands.length < 1 || operands.length > 2) return showUsage("uuencode");
  const file = operands.length === 2 ? operands[0]! : "-";
  const input = await readAppletInput(file, ctx, host);
  if (!input.ok) {
    const message = input.opened
      ? `${file}: ${strerror(input.errno)}`
      : `can't open '${file}': ${strerror(input.errno)}`;
    return done("", `uuencode: ${message}\n`, 1);
  }
  const mode =
    file === "-" ? 0o644 : host.view.stat(ctx.fs.resolvePath(ctx.cwd, file)).mode & 0o777;
  const base64 = flags.has("m");
  const head = `begin${base64 ? "-base64" : ""} ${mode.toString(8)} ${operands.at(-1)}\n`;
  const body = base64 ? base64Body(input.bytes) : `${uuencodeBody(input.bytes)}end\n`;
  return done(head + body, "", 0);
});
