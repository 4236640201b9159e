import type { Applet } from "./applet.ts";
import { isUsageFailure } from "./bb-getopt.ts";
import { execProgram } from "./exec-program.ts";
import { sysGetopt, sysUsage, withSysHelp } from "./sys-getopt.ts";

/**
 * `setsid [-c] PROG ARGS`, busybox 1.35's: runs PROG in a new session. drydock has no sessions
 * or controlling terminals to leave, so this is PROG's run, with busybox's exec errors.
 */
export const setsid: Applet = withSysHelp(async (argv, ctx, host) => {
  const parsed = sysGetopt("setsid", argv.slice(1), { flags: "c", permute: false });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length === 0) return sysUsage("setsid");
  return execProgram({ applet: "setsid", command: parsed.operands, ctx, host });
});
