import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { withHelp } from "./bb-usage.ts";
import { userName } from "./login-applets.ts";

const FACILITIES = new Set([
  "auth",
  "authpriv",
  "cron",
  "daemon",
  "ftp",
  "kern",
  "lpr",
  "mail",
  "mark",
  "news",
  "security",
  "syslog",
  "user",
  "uucp",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
]);
const LEVELS = new Set([
  "alert",
  "crit",
  "debug",
  "emerg",
  "err",
  "error",
  "info",
  "none",
  "notice",
  "panic",
  "warn",
  "warning",
]);

/**
 * `logger [-s] [-t TAG] [-p PRIO] [MESSAGE]`, busybox 1.35's in a container: there is no
 * syslogd behind `/dev/log`, so the message goes nowhere, except to stderr with `-s`
 * (`TAG: message`, the tag defaulting to the user's name). Without MESSAGE each line of stdin
 * is one message. A bad `-p` is the only failure.
 */
export const logger: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("logger", argv.slice(1), { flags: "st:p:", withValue: "tp" });
  if (isUsageFailure(parsed)) return parsed;
  const priority = parsed.flags.get("p")?.at(-1);
  if (priority !== undefined) {
    const problem = priorityProblem(priority);
    if (problem !== undefined) return done("", `logger: ${problem}\n`, 1);
  }
  if (!parsed.flags.has("s")) return done("");
  const tag = parsed.flags.get("t")?.at(-1) ?? userName(host, host.identity.uid);
  const messages =
    parsed.operands.length > 0
      ? [parsed.operands.join(" ")]
      : String(ctx.stdin ?? "")
          .split("\n")
          .filter((line) => line !== "");
  return done("", messages.map((message) => `${tag}: ${message}\n`).join(""));
});

/** busybox's `pencode`: `FACILITY.LEVEL`, `LEVEL`, or numbers; the message for a bad name. */
function priorityProblem(text: string): string | undefined {
  const dot = text.indexOf(".");
  const [facility, level] = dot < 0 ? [undefined, text] : [text.slice(0, dot), text.slice(dot + 1)];
  if (facility !== undefined && !/^[0-9]/.test(facility) && !FACILITIES.has(facility))
    return `unknown facility name: ${facility}`;
  if (!/^[0-9]/.test(level) && !LEVELS.has(level)) return `unknown priority name: ${level}`;
  return undefined;
}
