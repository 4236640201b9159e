import type { ExecResult } from "just-bash";
import { BUSYBOX_BANNER } from "../busybox-applets.ts";
import type { Applet } from "./applet.ts";
import { type BbArgs, type BbOptionSpec, bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { SYSTEM_USAGE_TEXT } from "./system-usage-text.ts";

/** busybox's `bb_show_usage()` for a system applet: banner and usage on stderr, exit 1. */
export function sysUsage(applet: string, exitCode = 1): ExecResult {
  const usage = SYSTEM_USAGE_TEXT[applet] ?? "\nNo help available\n";
  return { stdout: "", stderr: `${BUSYBOX_BANNER}\n${usage}`, exitCode };
}

/** `bbGetopt` with the system applets' usage texts after glibc's message. */
export function sysGetopt(
  applet: string,
  args: readonly string[],
  spec: BbOptionSpec,
): BbArgs | ExecResult {
  const parsed = bbGetopt(applet, args, spec);
  if (!isUsageFailure(parsed)) return parsed;
  const message = parsed.stderr.slice(0, parsed.stderr.indexOf("\n") + 1);
  return { ...parsed, stderr: `${message}${sysUsage(applet).stderr}` };
}

/**
 * busybox's generic `APPLET --help` (appletlib.c) for a system applet: with `--help` as the only
 * argument the usage goes to stderr and the applet exits 0; anything else reaches `applet`.
 */
export function withSysHelp(applet: Applet): Applet {
  return (argv, ctx, host) => {
    if (argv.length === 2 && argv[1] === "--help") return Promise.resolve(sysUsage(argv[0]!, 0));
    return applet(argv, ctx, host);
  };
}

/**
 * The short options of argv in the order given (getopt32's `"k-m"` exclusions depend on which
 * came last), assuming `bbGetopt` already accepted them.
 */
export function optionOrder(args: readonly string[], withValue: string): string[] {
  const order: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-" || arg.startsWith("--")) continue;
    for (let i = 1; i < arg.length; i++) {
      order.push(arg[i]!);
      if (withValue.includes(arg[i]!)) {
        if (i === arg.length - 1) index++;
        break;
      }
    }
  }
  return order;
}
