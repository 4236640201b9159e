import { type Applet, done } from "./applet.ts";
import { withHelp } from "./bb-usage.ts";

/**
 * `stty [-a|g] [-F DEVICE] [SETTING]...`: a drydock process never has a terminal, so every
 * use ends in busybox's ioctl error for stdin or the `-F` device (or its open error). A lone
 * unknown letter (`-x`) is busybox's `invalid argument`; setting words are not checked (busybox
 * would reject unknown ones before the ioctl).
 */
export const stty: Applet = withHelp(async (argv, ctx, host) => {
  let device: string | undefined;
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "-F") {
      device = argv[++index];
      if (device === undefined) return done("", "stty: invalid argument '-F'\n", 1);
    } else if (arg.startsWith("-F")) device = arg.slice(2);
    // `-echo` and the like negate settings; a lone letter other than a/g is no option.
    else if (/^-[^agF]$/.test(arg)) return done("", `stty: invalid argument '${arg}'\n`, 1);
  }
  if (device === undefined)
    return done("", "stty: standard input: Inappropriate ioctl for device\n", 1);
  if (!host.view.exists(ctx.fs.resolvePath(ctx.cwd, device)))
    return done("", `stty: can't open '${device}': No such file or directory\n`, 1);
  return done("", `stty: ${device}: Inappropriate ioctl for device\n`, 1);
});
