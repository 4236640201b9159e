import { readPasswd } from "../passwd-file.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";

/*
 * Logins in a container: nobody ever logs in, there is no utmp and no terminal, so these
 * applets answer as busybox 1.35 does in a default `docker run` (recorded on the build machine).
 */

const WHO_HEADER = "USER\t\tTTY\t\tIDLE\tTIME\t\t HOST\n";

/** `who [-aH]`: no one is logged in; `-H` prints the header alone. Operands are usage. */
export const who: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("who", argv.slice(1), { flags: "aH" });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length > 0) return showUsage("who");
  return done(parsed.flags.has("H") ? WHO_HEADER : "");
});

/** `w`: `who -H` — the header, and no one. */
export const w: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("w", argv.slice(1), { flags: "" });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length > 0) return showUsage("w");
  return done(WHO_HEADER);
});

/** `logname`: getlogin(3) finds no terminal, so no login name. */
export const logname: Applet = withHelp(async (argv) => {
  if (argv.length > 1) return showUsage("logname");
  return done("", "logname: getlogin: No such device or address\n", 1);
});

/**
 * `last`: the logins in `/var/log/wtmp`, which an image does not have. An existing file gives
 * the header; drydock does not decode utmp records (nothing in a container writes them).
 */
export const last: Applet = withHelp(async (argv, _ctx, host) => {
  if (argv.length > 1) return showUsage("last");
  if (!host.view.exists("/var/log/wtmp"))
    return done("", "last: can't open '/var/log/wtmp': No such file or directory\n", 1);
  return done("USER       TTY            HOST               LOGIN        TIME\n");
});

/**
 * `hostid`: glibc's gethostid(): `/etc/hostid` (a native-endian int) if present, else 0
 * (busybox is static, so it cannot resolve its hostname through NSS). Operands are usage.
 */
export const hostid: Applet = withHelp(async (argv, _ctx, host) => {
  if (argv.length > 1) return showUsage("hostid");
  let id = 0n;
  try {
    const bytes = host.view.readFile("/etc/hostid");
    if (bytes.length >= 4) {
      const value = new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
      id = BigInt.asUintN(64, BigInt(value));
    }
  } catch {
    // No /etc/hostid: glibc falls back to the host's address, which a static binary cannot find.
  }
  return done(`${id.toString(16).padStart(8, "0")}\n`);
});

/**
 * `nologin`, busybox's embedded script: `/etc/nologin.txt` or a fixed message, then five
 * (simulated) seconds of sleep, exit 1. Arguments are ignored.
 */
export const nologin: Applet = withHelp(async (_argv, ctx, host) => {
  let stdout = "This account is not available\n";
  try {
    stdout = new TextDecoder().decode(host.view.readFile("/etc/nologin.txt"));
  } catch {
    // No custom message: busybox echoes its own.
  }
  await host.sleep(5_000_000, ctx.signal);
  return done(stdout, "", 1);
});

/** The login name of a uid, or the uid itself (busybox's `bb_getpwuid` fallback). */
export function userName(host: ProcessHost, uid: number): string {
  return readPasswd(host.view).find((entry) => entry.uid === uid)?.name ?? String(uid);
}
