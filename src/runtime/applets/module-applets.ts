import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";

/*
 * Kernel modules and swap in a default container (no CAP_SYS_MODULE, no CAP_SYS_ADMIN, no
 * /proc/modules): busybox 1.35's answers, recorded in a default `docker run` on the build
 * machine.
 */

const EPERM = "Operation not permitted";

/** `insmod FILE [SYMBOL=VALUE]...`: a missing file, else init_module(2) refused. Exit 254/1. */
export const insmod: Applet = withHelp(async (argv, ctx, host) => {
  const file = argv[1];
  if (file === undefined) return showUsage("insmod");
  if (!host.view.exists(ctx.fs.resolvePath(ctx.cwd, file)))
    return done("", `insmod: can't insert '${file}': No such file or directory\n`, 254);
  return done("", `insmod: can't insert '${file}': ${EPERM}\n`, 1);
});

/** `rmmod [-wfa] [MODULE]...`: delete_module(2) refused for the first module. */
export const rmmod: Applet = withHelp(async (argv) => {
  const parsed = bbGetopt("rmmod", argv.slice(1), { flags: "wfas" });
  if (isUsageFailure(parsed)) return parsed;
  const [module] = parsed.operands;
  if (module === undefined) return showUsage("rmmod");
  return done("", `rmmod: can't unload module '${module}': ${EPERM}\n`, 1);
});

/** `lsmod`: there is no /proc/modules; the header is printed anyway and the exit is 0. */
export const lsmod: Applet = withHelp(async () =>
  done(
    "Module                  Size  Used by    Not tainted\n",
    "lsmod: /proc/modules: No such file or directory\n",
  ),
);

/** `swapon`/`swapoff [-a] [DEVICE]`: no fstab for -a; a missing file, else refused. */
function swapApplet(name: "swapon" | "swapoff"): Applet {
  return withHelp(async (argv, ctx, host) => {
    const parsed = bbGetopt(name, argv.slice(1), {
      flags: name === "swapon" ? "aedp" : "ae",
      withValue: name === "swapon" ? "p" : "",
    });
    if (isUsageFailure(parsed)) return parsed;
    if (parsed.flags.has("a"))
      return done("", `${name}: can't open '/etc/fstab': No such file or directory\n`, 1);
    const [device] = parsed.operands;
    if (device === undefined) return showUsage(name);
    // swapon stats the device first; swapoff asks the kernel straight away.
    const missing = name === "swapon" && !host.view.exists(ctx.fs.resolvePath(ctx.cwd, device));
    return done("", `${name}: ${device}: ${missing ? "No such file or directory" : EPERM}\n`, 1);
  });
}

/** `swapon`. */
export const swapon: Applet = swapApplet("swapon");
/** `swapoff`. */
export const swapoff: Applet = swapApplet("swapoff");
