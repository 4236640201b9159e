import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { type MountEntry, readMountTable } from "./mount-table.ts";

/*
 * mount(2) and umount(2) need CAP_SYS_ADMIN, which a default container lacks. busybox 1.35's
 * words for that were recorded in a default `docker run` on the build machine: `mount` says
 * `permission denied (are you root?)` (it reads EPERM so even as root), `umount` names each
 * target. Listing the table needs no privilege.
 */

/** `mount` with no operands lists `/proc/mounts`; anything that would mount is refused. */
export const mount: Applet = withHelp(async (argv, _ctx, host) => {
  const parsed = bbGetopt("mount", argv.slice(1), {
    flags: "otrwanfvisOT",
    withValue: "otOT",
    long: ["bind", "rbind", "move"],
  });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length > 0 || parsed.flags.has("a"))
    return done("", "mount: permission denied (are you root?)\n", 1);
  const table = readMountTable(host.view) ?? [];
  const types = parsed.flags.get("t")?.at(-1)?.split(",");
  const shown = table.filter((entry) => types === undefined || types.includes(entry.type));
  return done(shown.map(mountLine).join(""));
});

function mountLine(entry: MountEntry): string {
  return `${entry.device} on ${entry.dir} type ${entry.type} (${entry.options})\n`;
}

/** `umount [-rlfda] [-t FSTYPE] TARGET…`: every target refused; `-a` tries the table backwards. */
export const umount: Applet = withHelp(async (argv, _ctx, host) => {
  const parsed = bbGetopt("umount", argv.slice(1), { flags: "rlfdat", withValue: "t" });
  if (isUsageFailure(parsed)) return parsed;
  let targets = parsed.operands;
  if (parsed.flags.has("a")) {
    const types = parsed.flags.get("t")?.at(-1)?.split(",");
    targets = (readMountTable(host.view) ?? [])
      .filter((entry) => types === undefined || types.includes(entry.type))
      .map((entry) => entry.dir)
      .reverse();
  } else if (targets.length === 0) return showUsage("umount");
  const stderr = targets.map(
    (target) => `umount: can't unmount ${target}: Operation not permitted\n`,
  );
  return done("", stderr.join(""), targets.length === 0 ? 0 : 1);
});
