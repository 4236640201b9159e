import type { Applet } from "./applet.ts";
import { df } from "./df.ts";
import { free } from "./free.ts";
import { dmesg, fsfreeze, fstrim, hwclock, pivotRoot, unshare } from "./kernel-applets.ts";
import { killall } from "./killall.ts";
import { logger } from "./logger.ts";
import { hostid, last, logname, nologin, w, who } from "./login-applets.ts";
import { insmod, lsmod, rmmod, swapoff, swapon } from "./module-applets.ts";
import { mount, umount } from "./mount-applets.ts";
import { pidof } from "./pidof.ts";
import { halt, poweroff, reboot } from "./power-applets.ts";
import { setsid } from "./setsid.ts";
import { stty } from "./stty.ts";
import { uptime } from "./uptime.ts";

/** busybox's system and process tools (df, free, uptime, killall, mount, …), as drydock implements them. */
export const SYSTEM_APPLETS: Readonly<Record<string, Applet>> = {
  df,
  dmesg,
  free,
  fsfreeze,
  fstrim,
  halt,
  hostid,
  hwclock,
  insmod,
  killall,
  last,
  logger,
  logname,
  lsmod,
  mount,
  nologin,
  pidof,
  pivot_root: pivotRoot,
  poweroff,
  reboot,
  rmmod,
  setsid,
  stty,
  swapoff,
  swapon,
  unshare,
  umount,
  uptime,
  w,
  who,
};
