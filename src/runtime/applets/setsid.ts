import type { Applet } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { execProgram } from "./exec-program.ts";

/**
 * `setsid [-c] PROG ARGS`, busybox 1.35's: runs PROG in a new session. drydock has no sessions
 * or controlling terminals to leave, so this is PROG's run, with busybox's exec errors.
 */
export const setsid: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("setsid", argv.slice(1), { flags: "c", permute: false });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length === 0) return showUsage("setsid");
  return execProgram({ applet: "setsid", command: parsed.operands, ctx, host });
});
