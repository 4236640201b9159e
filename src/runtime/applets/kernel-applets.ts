import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";

/*
 * Kernel interfaces a default container may not use: Docker's seccomp profile and the missing
 * CAP_SYS_ADMIN / CAP_SYSLOG / CAP_SYS_BOOT refuse them. Each answers with busybox 1.35's own
 * message, recorded in a default `docker run` on the build machine (including busybox's odd
 * `(null)` and source-text messages).
 */

const EPERM = "Operation not permitted";

/** `dmesg [-cr] [-n LEVEL] [-s SIZE]`: klogctl(2) needs CAP_SYSLOG. */
export const dmesg: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("dmesg", argv.slice(1), { flags: "crsn", withValue: "sn" });
  if (isUsageFailure(parsed)) return parsed;
  for (const flag of ["s", "n"]) {
    const value = parsed.flags.get(flag)?.at(-1);
    if (value === undefined) continue;
    const number = parseBbNumber(value, { max: 2n ** 32n - 1n });
    if ("error" in number) return done("", `dmesg: ${number.error}\n`, 1);
  }
  return done("", `dmesg: klogctl: ${EPERM}\n`, 1);
});

/** `unshare [OPTIONS] [PROG ARGS]`: unshare(2) with the namespaces asked for is refused. */
export const unshare: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("unshare", argv.slice(1), {
    flags: "muinpUfr",
    long: ["mount", "uts", "ipc", "net", "pid", "user", "fork", "map-root-user", "mount-proc"],
    permute: false,
  });
  if (isUsageFailure(parsed)) return parsed;
  const bits: Readonly<Record<string, number>> = {
    m: 0x20000,
    mount: 0x20000,
    "mount-proc": 0x20000,
    u: 0x4000000,
    uts: 0x4000000,
    i: 0x8000000,
    ipc: 0x8000000,
    n: 0x40000000,
    net: 0x40000000,
    p: 0x20000000,
    pid: 0x20000000,
    U: 0x10000000,
    user: 0x10000000,
    r: 0x10000000,
    "map-root-user": 0x10000000,
  };
  let flags = 0;
  for (const flag of parsed.flags.keys()) flags |= bits[flag] ?? 0;
  return done("", `unshare: unshare(0x${(flags >>> 0).toString(16)}): ${EPERM}\n`, 1);
});

/** `pivot_root NEW_ROOT PUT_OLD`: refused before the paths are even looked at. */
export const pivotRoot: Applet = withHelp(async (argv) => {
  if (argv.length !== 3) return showUsage("pivot_root");
  return done("", `pivot_root: (null): ${EPERM}\n`, 1);
});

/** `fsfreeze --[un]freeze MOUNTPOINT`: the FIFREEZE/FITHAW ioctl needs CAP_SYS_ADMIN. */
export const fsfreeze: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("fsfreeze", argv.slice(1), { flags: "", long: ["freeze", "unfreeze"] });
  if (isUsageFailure(parsed)) return parsed;
  const [path] = parsed.operands;
  if (parsed.operands.length !== 1 || parsed.flags.size === 0) return showUsage("fsfreeze");
  if (!host.view.exists(ctx.fs.resolvePath(ctx.cwd, path!)))
    return done("", `fsfreeze: can't open '${path}': No such file or directory\n`, 1);
  return done("", `fsfreeze: (opts & 1) ? FIFREEZE : FITHAW: ${EPERM}\n`, 1);
});

/** `fstrim [-v] [-o OFS] [-l LEN] [-m MIN] MOUNTPOINT`: overlayfs has no FITRIM. */
export const fstrim: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("fstrim", argv.slice(1), { flags: "volm", withValue: "olm" });
  if (isUsageFailure(parsed)) return parsed;
  const [path] = parsed.operands;
  if (parsed.operands.length !== 1) return showUsage("fstrim");
  if (!host.view.exists(ctx.fs.resolvePath(ctx.cwd, path!)))
    return done("", `fstrim: can't open '${path}': No such file or directory\n`, 1);
  return done("", "fstrim: FITRIM: Inappropriate ioctl for device\n", 1);
});

/** `hwclock [-swul] [-f DEV]`: a container has no RTC device (the last one tried is named). */
export const hwclock: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("hwclock", argv.slice(1), {
    flags: "rswtluf",
    withValue: "f",
    long: ["show", "hctosys", "systohc", "systz", "localtime", "utc", "rtc"],
  });
  if (isUsageFailure(parsed)) return parsed;
  const device = parsed.flags.get("f")?.at(-1) ?? "/dev/misc/rtc";
  return done("", `hwclock: can't open '${device}': No such file or directory\n`, 1);
});
