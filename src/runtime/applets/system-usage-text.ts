/**
 * The usage texts of the system applets, as `busybox APPLET --help` prints them after its banner
 * line (Debian's busybox-static 1:1.35.0-4+deb12u1+b1, recorded on the build machine with
 * `busybox APPLET --help 2>&1 | tail -n +2`).
 */
export const SYSTEM_USAGE_TEXT: Readonly<Record<string, string>> = {
  df: "\nUsage: df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...\n\nPrint filesystem usage statistics\n\n\t-P\tPOSIX output format\n\t-k\t1024-byte blocks (default)\n\t-m\t1M-byte blocks\n\t-h\tHuman readable (e.g. 1K 243M 2G)\n\t-T\tPrint filesystem type\n\t-t TYPE\tPrint only mounts of this type\n\t-a\tShow all filesystems\n\t-i\tInodes\n\t-B SIZE\tBlocksize\n",
  free: "\nUsage: free [-bkmgh]\n\nDisplay free and used memory\n",
  uptime: "\nUsage: uptime\n\nDisplay the time since the last boot\n",
  killall:
    "\nUsage: killall [-lq] [-SIG] PROCESS_NAME...\n\nSend a signal (default: TERM) to given processes\n\n\t-l\tList all signal names and numbers\n\t-q\tDon't complain if no processes were killed\n",
  pidof: "\nUsage: pidof [NAME]...\n\nList PIDs of all processes with names that match NAMEs\n",
  setsid:
    "\nUsage: setsid [-c] PROG ARGS\n\nRun PROG in a new session. PROG will have no controlling terminal\nand will not be affected by keyboard signals (^C etc).\n\n\t-c\tSet controlling terminal to stdin\n",
  logger:
    "\nUsage: logger [-s] [-t TAG] [-p PRIO] [MESSAGE]\n\nWrite MESSAGE (or stdin) to syslog\n\n\t-s\tLog to stderr as well as the system log\n\t-t TAG\tLog using the specified tag (defaults to user name)\n\t-p PRIO\tPriority (number or FACILITY.LEVEL pair)\n",
  top: "\nUsage: top [-bH] [-n COUNT] [-d SECONDS]\n\nShow a view of process activity in real time.\nRead the status of all processes from /proc each SECONDS\nand show a screenful of them.\nKeys:\n\tN/M/P/T: sort by pid/mem/cpu/time\n\tR: reverse sort\n\tH: toggle threads\n\tQ,^C: exit\nOptions:\n\t-b\tBatch mode\n\t-n N\tExit after N iterations\n\t-d SEC\tDelay between updates\n\t-H\tShow threads\n",
  renice:
    "\nUsage: renice [-n] PRIORITY [[-p|g|u] ID...]...\n\nChange scheduling priority of a running process\n\n\t-n\tAdd PRIORITY to current nice value\n\t\tWithout -n, nice value is set to PRIORITY\n\t-p\tProcess ids (default)\n\t-g\tProcess group ids\n\t-u\tProcess user names\n",
  ionice:
    "\nUsage: ionice [-c 1-3] [-n 0-7] [-t] { -p PID | PROG ARGS }\n\nChange I/O priority and class\n\n\t-c N\tClass. 1:realtime 2:best-effort 3:idle\n\t-n N\tPriority\n\t-t\tIgnore errors\n",
  taskset:
    "\nUsage: taskset [-ap] [HEXMASK | -c LIST] { PID | PROG ARGS }\n\nSet or get CPU affinity\n\n\t-p\tOperate on PID\n\t-a\tOperate on all threads\n\t-c\tAffinity is a list, not mask\n",
  watch:
    "\nUsage: watch [-n SEC] [-t] PROG ARGS\n\nRun PROG periodically\n\n\t-n SEC\tPeriod (default 2)\n\t-t\tDon't print header\n",
  hostid: "\nUsage: hostid\n\nPrint out a unique 32-bit identifier for the machine\n",
  logname: "\nUsage: logname\n\nPrint the name of the current user\n",
  who: "\nUsage: who [-aH]\n\nShow who is logged on\n\n\t-a\tShow all\n\t-H\tPrint column headers\n",
  w: "\nUsage: w\n\nShow who is logged on\n",
  last: "\nUsage: last\n\nShow listing of the last users that logged into the system\n",
  dmesg:
    "\nUsage: dmesg [-cr] [-n LEVEL] [-s SIZE]\n\nPrint or control the kernel ring buffer\n\n\t-c\t\tClear ring buffer after printing\n\t-n LEVEL\tSet console logging level\n\t-s SIZE\t\tBuffer size\n\t-r\t\tPrint raw message buffer\n",
  sysctl:
    "\nUsage: sysctl [-enq] { -a | -p [FILE]... | [-w] [KEY[=VALUE]]... }\n\nShow/set kernel parameters\n\n\t-e\tDon't warn about unknown keys\n\t-n\tDon't show key names\n\t-q      Quiet\n\t-a\tShow all values\n\t-p\tSet values from FILEs (default /etc/sysctl.conf)\n\t-w\tSet values\n",
  mount:
    "\nUsage: mount [OPTIONS] [-o OPT] DEVICE NODE\n\nMount a filesystem. Filesystem autodetection requires /proc.\n\n\t-a\t\tMount all filesystems in fstab\n\t-f\t\tDry run\n\t-i\t\tDon't run mount helper\n\t-r\t\tRead-only mount\n\t-t FSTYPE[,...]\tFilesystem type(s)\n\t-T FILE\t\tRead FILE instead of /etc/fstab\n\t-O OPT\t\tMount only filesystems with option OPT (-a only)\n-o OPT:\n\tloop\t\tIgnored (loop devices are autodetected)\n\t[a]sync\t\tWrites are [a]synchronous\n\t[no]atime\tDisable/enable updates to inode access times\n\t[no]diratime\tDisable/enable atime updates to directories\n\t[no]relatime\tDisable/enable atime updates relative to modification time\n\t[no]dev\t\t(Dis)allow use of special device files\n\t[no]exec\t(Dis)allow use of executable files\n\t[no]suid\t(Dis)allow set-user-id-root programs\n\t[r]shared\tConvert [recursively] to a shared subtree\n\t[r]slave\tConvert [recursively] to a slave subtree\n\t[r]private\tConvert [recursively] to a private subtree\n\t[un]bindable\tMake mount point [un]able to be bind mounted\n\t[r]bind\t\tBind a file or directory [recursively] to another location\n\tmove\t\tRelocate an existing mount point\n\tremount\t\tRemount a mounted filesystem, changing flags\n\tro\t\tSame as -r\n\nThere are filesystem-specific -o flags.\n",
  umount:
    "\nUsage: umount [-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY\n\nUnmount filesystems\n\n\t-a\tUnmount all filesystems\n\t-r\tRemount devices read-only if mount is busy\n\t-l\tLazy umount (detach filesystem)\n\t-f\tForce umount (i.e., unreachable NFS server)\n\t-d\tFree loop device if it has been used\n\t-t FSTYPE[,...]\tUnmount only these filesystem type(s)\n",
  stty: "\nUsage: stty [-a|g] [-F DEVICE] [SETTING]...\n\nWithout arguments, prints baud rate, line discipline,\nand deviations from stty sane\n\n\t-F DEVICE\tOpen device instead of stdin\n\t-a\t\tPrint all current settings in human-readable form\n\t-g\t\tPrint in stty-readable form\n\t[SETTING]\tSee manpage\n",
  chroot: "\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n",
  nologin: "\nUsage: nologin\n\nPolitely refuse a login\n",
  mkpasswd:
    "\nUsage: mkpasswd [-P FD] [-m TYPE] [-S SALT] [PASSWORD] [SALT]\n\nPrint crypt(3) hashed PASSWORD\n\n\t-P N\tRead password from fd N\n\t-m TYPE\tdes,md5,sha256/512 (default sha256)\n\t-S SALT\n",
  su: "\nUsage: su [-lmp] [-s SH] [-] [USER [FILE ARGS | -c 'CMD' [ARG0 ARGS]]]\n\nRun shell under USER (by default, root)\n\n\t-,-l\tClear environment, go to home dir, run shell as login shell\n\t-p,-m\tDo not set new $HOME, $SHELL, $USER, $LOGNAME\n\t-c CMD\tCommand to pass to 'sh -c'\n\t-s SH\tShell to use instead of user's default\n",
  passwd:
    "\nUsage: passwd [-a ALG] [-dlu] [USER]\n\nChange USER's password (default: current user)\n\n\t-a ALG\tdes,md5,sha256/512 (default sha256)\n\t-d\tSet password to ''\n\t-l\tLock (disable) account\n\t-u\tUnlock (enable) account\n",
  nsenter:
    "\nUsage: nsenter [OPTIONS] [PROG ARGS]\n\n\t-t PID\t\tTarget process to get namespaces from\n\t-m[FILE]\tEnter mount namespace\n\t-u[FILE]\tEnter UTS namespace (hostname etc)\n\t-i[FILE]\tEnter System V IPC namespace\n\t-n[FILE]\tEnter network namespace\n\t-p[FILE]\tEnter pid namespace\n\t-U[FILE]\tEnter user namespace\n\t-S UID\t\tSet uid in entered namespace\n\t-G GID\t\tSet gid in entered namespace\n\t--preserve-credentials\tDon't touch uids or gids\n\t-r[DIR]\t\tSet root directory\n\t-w[DIR]\t\tSet working directory\n\t-F\t\tDon't fork before exec'ing PROG\n",
  unshare:
    "\nUsage: unshare [OPTIONS] [PROG ARGS]\n\n\t-m,--mount[=FILE]\tUnshare mount namespace\n\t-u,--uts[=FILE]\t\tUnshare UTS namespace (hostname etc.)\n\t-i,--ipc[=FILE]\t\tUnshare System V IPC namespace\n\t-n,--net[=FILE]\t\tUnshare network namespace\n\t-p,--pid[=FILE]\t\tUnshare PID namespace\n\t-U,--user[=FILE]\tUnshare user namespace\n\t-f\t\t\tFork before execing PROG\n\t-r\t\t\tMap current user to root (implies -U)\n\t--mount-proc[=DIR]\tMount /proc filesystem first (implies -m)\n\t--propagation slave|shared|private|unchanged\n\t\t\t\tModify mount propagation in mount namespace\n\t--setgroups allow|deny\tControl the setgroups syscall in user namespaces\n",
  pivot_root:
    "\nUsage: pivot_root NEW_ROOT PUT_OLD\n\nMove the current root file system to PUT_OLD and make NEW_ROOT\nthe new root file system\n",
  switch_root:
    "\nUsage: switch_root [-c CONSOLE_DEV] NEW_ROOT NEW_INIT [ARGS]\n\nFree initramfs and switch to another root fs:\nchroot to NEW_ROOT, delete all in /, move NEW_ROOT to /,\nexecute NEW_INIT. PID must be 1. NEW_ROOT must be a mountpoint.\n\n\t-c DEV\tReopen stdio to DEV after switch\n",
  swapon:
    "\nUsage: swapon [-a] [-e] [-d[POL]] [DEVICE]\n\nStart swapping on DEVICE\n\n\t-a\tStart swapping on all swap devices\n\t-d[POL]\tDiscard blocks at swapon (POL=once),\n\t\tas freed (POL=pages), or both (POL omitted)\n\t-e\tSilently skip devices that do not exist\n",
  swapoff:
    "\nUsage: swapoff [-a] [DEVICE]\n\nStop swapping on DEVICE\n\n\t-a\tStop swapping on all swap devices\n",
  insmod: "\nUsage: insmod FILE [SYMBOL=VALUE]...\n\nLoad kernel module\n",
  rmmod:
    "\nUsage: rmmod [-wfa] [MODULE]...\n\nUnload kernel modules\n\n\t-w\tWait until the module is no longer used\n\t-f\tForce unload\n\t-a\tRemove all unused modules (recursively)\n",
  modprobe:
    "\nUsage: modprobe [-alrqvsDb] MODULE [SYMBOL=VALUE]...\n\n\t-a\tLoad multiple MODULEs\n\t-l\tList (MODULE is a pattern)\n\t-r\tRemove MODULE (stacks) or do autoclean\n\t-q\tQuiet\n\t-v\tVerbose\n\t-s\tLog to syslog\n\t-D\tShow dependencies\n\t-b\tApply blacklist to module names too\n",
  lsmod: "\nUsage: lsmod\n\nList loaded kernel modules\n",
  depmod:
    "\nUsage: depmod [-n] [-b BASE] [VERSION] [MODFILES]...\n\nGenerate modules.dep, alias, and symbols files\n\n\t-b BASE\tUse BASE/lib/modules/VERSION\n\t-n\tDry run: print files to stdout\n",
  modinfo:
    "\nUsage: modinfo [-adlpn0] [-F keyword] MODULE\n\n\t-a\t\tShortcut for '-F author'\n\t-d\t\tShortcut for '-F description'\n\t-l\t\tShortcut for '-F license'\n\t-p\t\tShortcut for '-F parm'\n\t-F keyword\tKeyword to look for\n\t-0\t\tNUL terminated output\n",
  hwclock:
    "\nUsage: hwclock [-swul] [--systz] [-f DEV]\n\nShow or set hardware clock (RTC)\n\n\t-s\tSet system time from RTC\n\t-w\tSet RTC from system time\n\t--systz\tSet in-kernel timezone, correct system time\n\t\tif RTC is kept in local time\n\t-f DEV\tUse specified device (e.g. /dev/rtc2)\n\t-u\tAssume RTC is kept in UTC\n\t-l\tAssume RTC is kept in local time\n\t\t(if neither is given, read from /etc/adjtime)\n",
  halt: "\nUsage: halt [-d DELAY] [-nfw]\n\nHalt the system\n\n\t-d SEC\tDelay interval\n\t-n\tDo not sync\n\t-f\tForce (don't go through init)\n\t-w\tOnly write a wtmp record\n",
  reboot:
    "\nUsage: reboot [-d DELAY] [-nf]\n\nReboot the system\n\n\t-d SEC\tDelay interval\n\t-n\tDo not sync\n\t-f\tForce (don't go through init)\n",
  poweroff:
    "\nUsage: poweroff [-d DELAY] [-nf]\n\nHalt and shut off power\n\n\t-d SEC\tDelay interval\n\t-n\tDo not sync\n\t-f\tForce (don't go through init)\n",
  fsfreeze: "\nUsage: fsfreeze --[un]freeze MOUNTPOINT\n\nFlush and halt writes to MOUNTPOINT\n",
  losetup:
    "\nUsage: losetup [-rP] [-o OFS] {-f|LOOPDEV} FILE: associate loop devices\n\tlosetup -c LOOPDEV: reread file size\n\tlosetup -d LOOPDEV: disassociate\n\tlosetup -a: show status\n\tlosetup -f: show next free loop device\n\n\t-o OFS\tStart OFS bytes into FILE\n\t-P\tScan for partitions\n\t-r\tRead-only\n\t-f\tShow/use next free loop device\n",
  blockdev:
    "\nUsage: blockdev OPTION BLOCKDEV\n\n\t--setro\t\tSet ro\n\t--setrw\t\tSet rw\n\t--getro\t\tGet ro\n\t--getss\t\tGet sector size\n\t--getbsz\tGet block size\n\t--setbsz BYTES\tSet block size\n\t--getsz\t\tGet device size in 512-byte sectors\n\t--getsize64\tGet device size in bytes\n\t--getra\t\tGet readahead in 512-byte sectors\n\t--setra SECTORS\tSet readahead\n\t--flushbufs\tFlush buffers\n\t--rereadpt\tReread partition table\n",
  mkswap:
    "\nUsage: mkswap [-L LBL] BLOCKDEV [KBYTES]\n\nPrepare BLOCKDEV to be used as swap partition\n\n\t-L LBL\tLabel\n",
  mke2fs:
    "\nUsage: mke2fs [-Fn] [-b BLK_SIZE] [-i INODE_RATIO] [-I INODE_SIZE] [-m RESERVED_PERCENT] [-L LABEL] BLOCKDEV [KBYTES]\n\n\t-b BLK_SIZE\tBlock size, bytes\n\t-F\t\tForce\n\t-i RATIO\tMax number of files is filesystem_size / RATIO\n\t-I BYTES\tInode size (min 128)\n\t-L LBL\t\tVolume label\n\t-m PERCENT\tPercent of blocks to reserve for admin\n\t-n\t\tDry run\n",
  mkdosfs:
    "\nUsage: mkdosfs [-v] [-n LABEL] BLOCKDEV [KBYTES]\n\nMake a FAT32 filesystem\n\n\t-v\tVerbose\n\t-n LBL\tVolume label\n",
  fdisk:
    "\nUsage: fdisk [-ul] [-C CYLINDERS] [-H HEADS] [-S SECTORS] [-b SSZ] DISK\n\nChange partition table\n\n\t-u\t\tStart and End are in sectors (instead of cylinders)\n\t-l\t\tShow partition table for each DISK, then exit\n\t-b 2048\t\t(for certain MO disks) use 2048-byte sectors\n\t-C CYLINDERS\tSet number of cylinders/heads/sectors\n\t-H HEADS\tTypically 255\n\t-S SECTORS\tTypically 63\n",
  fstrim:
    "\nUsage: fstrim [OPTIONS] MOUNTPOINT\n\n\t-o OFFSET\tOffset in bytes to discard from\n\t-l LEN\t\tBytes to discard\n\t-m MIN\t\tMinimum extent length\n\t-v\t\tPrint number of discarded bytes\n",
};
