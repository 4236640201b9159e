import type { ExecResult } from "just-bash";
import { BUSYBOX_BANNER } from "../busybox-applets.ts";
import type { Applet } from "./applet.ts";
import { ARCHIVE_USAGE } from "./archive-usage.ts";
import { DATA_USAGE } from "./data-usage.ts";
import { NETWORK_USAGE } from "./network-usage.ts";
import { SYSTEM_USAGE_TEXT } from "./system-usage-text.ts";

/** The usage texts of every applet group drydock implements, by applet name. */
const USAGE: Readonly<Record<string, string>> = {
  ...DATA_USAGE,
  ...SYSTEM_USAGE_TEXT,
  ...NETWORK_USAGE,
  ...ARCHIVE_USAGE,
};

/** busybox's `bb_show_usage()`: the banner and the applet's usage on stderr, exit 1. */
export function showUsage(applet: string, exitCode = 1): ExecResult {
  const usage = USAGE[applet] ?? "\nNo help available\n";
  return { stdout: "", stderr: `${BUSYBOX_BANNER}\n${usage}`, exitCode };
}

/**
 * Wraps an applet with busybox's generic `APPLET --help`: when `--help` is the only argument the
 * usage goes to stderr and the applet exits 0 (appletlib.c); any other use reaches `applet`.
 */
export function withHelp(applet: Applet): Applet {
  return (argv, ctx, host) => {
    if (argv.length === 2 && argv[1] === "--help") return Promise.resolve(showUsage(argv[0]!, 0));
    return applet(argv, ctx, host);
  };
}
