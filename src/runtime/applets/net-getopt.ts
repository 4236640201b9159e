import type { ExecResult } from "just-bash";
import { BUSYBOX_BANNER } from "../busybox-applets.ts";
import { type BbArgs, type BbOptionSpec, bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { NETWORK_USAGE } from "./network-usage.ts";

/** busybox's `bb_show_usage()` for a network applet: banner and usage on stderr, exit 1. */
export function netUsage(applet: string, exitCode = 1): ExecResult {
  return {
    stdout: "",
    stderr: `${BUSYBOX_BANNER}\n${NETWORK_USAGE[applet] ?? "\nNo help available\n"}`,
    exitCode,
  };
}

/** `bbGetopt` with the network applets' usage texts after glibc's message. */
export function netGetopt(
  applet: string,
  args: readonly string[],
  spec: BbOptionSpec,
): BbArgs | ExecResult {
  const parsed = bbGetopt(applet, args, spec);
  if (!isUsageFailure(parsed)) return parsed;
  const message = parsed.stderr.slice(0, parsed.stderr.indexOf("\n") + 1);
  return { ...netUsage(applet), stderr: `${message}${netUsage(applet).stderr}` };
}

/** The last value given for a flag, if any. */
export function lastValue(args: BbArgs, flag: string): string | undefined {
  return args.flags.get(flag)?.at(-1);
}
