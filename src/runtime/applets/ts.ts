import { type Applet, done } from "./applet.ts";
import { stdinBytes } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { strftime } from "./strftime.ts";

/**
 * `ts [-is] [STRFTIME]`, busybox 1.35's: each line of stdin after a timestamp from the simulated
 * clock (`%b %d %H:%M:%S`; with `-s` the time since start, with `-i` since the previous line, as
 * `%H:%M:%S`). A last `%.S` or `%.s` gets six digits of microseconds. just-bash hands the applet
 * its stdin whole, so every line carries the instant it was read.
 */
export const ts: Applet = withHelp((argv, ctx, host) => {
  const parsed = bbGetopt("ts", argv.slice(1), { flags: "is" });
  if (isUsageFailure(parsed)) return Promise.resolve(parsed);
  const { flags, operands } = parsed;
  if (operands.length > 1) return Promise.resolve(showUsage("ts"));
  const relative = flags.has("i") || flags.has("s");
  let format = operands[0] ?? (relative ? "%H:%M:%S" : "%b %d %H:%M:%S");
  const last = format.lastIndexOf("%");
  const fraction = format.slice(last, last + 3) === "%.S" || format.slice(last, last + 3) === "%.s";
  if (fraction) format = `${format.slice(0, last)}%${format[last + 2]}\0${format.slice(last + 3)}`;
  const text = new TextDecoder().decode(stdinBytes(ctx));
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const start = host.clock.nowUs();
  let previous = start;
  let out = "";
  for (const line of lines) {
    const now = host.clock.nowUs();
    const instant = flags.has("i") ? now - previous : flags.has("s") ? now - start : now;
    previous = now;
    const micro = String(((instant % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, "0");
    out += `${strftime(format, instant).replace("\0", `.${micro}`)} ${line}\n`;
  }
  return Promise.resolve(done(out));
});
