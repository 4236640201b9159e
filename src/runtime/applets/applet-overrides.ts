import type { Applet } from "./applet.ts";
import { ARCHIVE_APPLETS } from "./archive-applets.ts";
import { DATA_APPLETS } from "./data-applets.ts";
import { chgrp, chown, link, mktemp, realpath, sync, truncate, unlink } from "./file-applets.ts";
import { arch, groups, hostname, id, nproc, tty, uname, whoami } from "./identity-applets.ts";
import { ls } from "./ls.ts";
import { NETWORK_APPLETS } from "./network-applets.ts";
import { env, kill, ps, yes } from "./process-applets.ts";
import { stat } from "./stat.ts";
import { SYSTEM_APPLETS } from "./system-applets.ts";
import { date, sleep, time, timeout, touch, usleep } from "./time-applets.ts";

/**
 * The busybox applets drydock implements itself, because just-bash lacks them (`id`, `ps`,
 * `kill`, …) or because just-bash's version reads the host (wall clock in `date`, `touch`,
 * `sleep`, `timeout`, `time`; fixed owners and modes in `ls`; fixed names in `whoami`,
 * `hostname`). Everything else busybox has runs on just-bash's implementation, if it has one.
 */
export const APPLET_OVERRIDES: Readonly<Record<string, Applet>> = {
  ...DATA_APPLETS,
  ...SYSTEM_APPLETS,
  ...NETWORK_APPLETS,
  ...ARCHIVE_APPLETS,
  arch,
  chgrp,
  chown,
  date,
  env,
  groups,
  hostname,
  id,
  kill,
  link,
  ls,
  mktemp,
  nproc,
  ps,
  realpath,
  sleep,
  stat,
  sync,
  time,
  timeout,
  touch,
  truncate,
  tty,
  uname,
  unlink,
  usleep,
  whoami,
  yes,
};
