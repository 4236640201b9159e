import type { Applet } from "./applet.ts";
import { chgrp, chown, link, mktemp, realpath, sync, truncate, unlink } from "./file-applets.ts";
import { arch, groups, hostname, id, nproc, tty, uname, whoami } from "./identity-applets.ts";
import { ls } from "./ls.ts";
import { env, kill, ps, yes } from "./process-applets.ts";
import { stat } from "./stat.ts";
import { date, sleep, time, timeout, touch, usleep } from "./time-applets.ts";

/**
 * The busybox applets drydock implements itself, because just-bash lacks them (`id`, `ps`,
 * `kill`, …) or because just-bash's version reads the host (wall clock in `date`, `touch`,
 * `sleep`, `timeout`, `time`; fixed owners and modes in `ls`; fixed names in `whoami`,
 * `hostname`). Everything else busybox has runs on just-bash's implementation, if it has one.
 */
export const APPLET_OVERRIDES: Readonly<Record<string, Applet>> = {
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
