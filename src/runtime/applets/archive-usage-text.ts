import type { ExecResult } from "just-bash";
import { BUSYBOX_BANNER } from "../busybox-applets.ts";
import type { Applet } from "./applet.ts";
import { ARCHIVE_USAGE } from "./archive-usage.ts";

/** busybox's `bb_show_usage()` for an archive applet: banner and usage on stderr. */
export function showArchiveUsage(applet: string, exitCode = 1): ExecResult {
  const usage = ARCHIVE_USAGE[applet] ?? "\nNo help available\n";
  return { stdout: "", stderr: `${BUSYBOX_BANNER}\n${usage}`, exitCode };
}

/** busybox's generic `APPLET --help` (usage on stderr, exit 0) for the archive applets. */
export function withArchiveHelp(applet: Applet): Applet {
  return (argv, ctx, host) => {
    if (argv.length === 2 && argv[1] === "--help") {
      return Promise.resolve(showArchiveUsage(argv[0]!, 0));
    }
    return applet(argv, ctx, host);
  };
}

/** glibc getopt's complaint followed by the applet's usage, exit 1. */
export function archiveUsageAfter(applet: string, message: string): ExecResult {
  const usage = showArchiveUsage(applet);
  return { ...usage, stderr: `${applet}: ${message}\n${usage.stderr}` };
}
