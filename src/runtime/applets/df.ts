import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure, optionOrder } from "./bb-getopt.ts";
import { KMG_I_SUFFIXES, parseBbNumber, ULLONG_MAX } from "./bb-number.ts";
import { withHelp } from "./bb-usage.ts";
import { type FsStats, statFs } from "./fs-stats.ts";
import { humanReadable } from "./human-readable.ts";
import { findMountPoint, type MountEntry, readMountTable } from "./mount-table.ts";

/** How `df` was asked to print. */
interface DfFormat {
  readonly posix: boolean;
  readonly showType: boolean;
  readonly inodes: boolean;
  /** Bytes per displayed unit; 0 for human-readable sizes. */
  readonly displayUnit: bigint;
}

/**
 * `df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...`, busybox 1.35's: the mount table from
 * `/proc/mounts` (empty filesystems only with `-a`), or the filesystem of each named file, with
 * sizes from drydock's disk model (`fs-stats.ts`). `-k`, `-m` and `-B` override each other
 * (the last wins); `-h` beats them all.
 */
export const df: Applet = withHelp(async (argv, ctx, host) => {
  const args = argv.slice(1);
  const parsed = bbGetopt("df", args, { flags: "kPTtaiBhHm", withValue: "tB" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  let displayUnit = ctx.exportedEnv?.POSIXLY_CORRECT !== undefined ? 512n : 1024n;
  const sizeFlag = optionOrder(args, "tB")
    .filter((flag) => "kmB".includes(flag))
    .at(-1);
  if (sizeFlag === "m") displayUnit = 1024n * 1024n;
  if (sizeFlag === "B") {
    const unit = blockSize(flags.get("B")!.at(-1)!);
    if (typeof unit === "string") return done("", `df: ${unit}\n`, 1);
    displayUnit = unit;
  }
  const human = flags.has("h") || flags.has("H");
  if (human) displayUnit = 0n;
  const format: DfFormat = {
    posix: flags.has("P"),
    showType: flags.has("T"),
    inodes: flags.has("i"),
    displayUnit,
  };
  const unitsHeader = human
    ? "     Size"
    : format.inodes
      ? "   Inodes"
      : `${humanReadable(displayUnit, 0n, format.posix ? 1n : 0n)}-blocks`;
  let stdout =
    `Filesystem           ${format.showType ? "Type       " : ""}${unitsHeader.padEnd(15)}` +
    `Used Available ${format.posix ? "Capacity" : "Use%"} Mounted on\n`;
  const table = readMountTable(host.view);
  if (table === undefined) return done(stdout, "df: /proc/mounts: No such file or directory\n", 1);
  const onlyType = flags.get("t")?.at(-1);
  let stderr = "";
  let exitCode = 0;
  const show = (entry: MountEntry, listed: boolean) => {
    if (entry.device === "rootfs") return;
    if (onlyType !== undefined && entry.type !== onlyType) return;
    const stats = statFs(host.view, entry.dir);
    if (stats === undefined) {
      stderr += `df: ${entry.dir}: No such file or directory\n`;
      exitCode = 1;
      return;
    }
    if (stats.blocks > 0n || listed || flags.has("a")) stdout += dfLine(entry, stats, format);
  };
  if (operands.length === 0) for (const entry of table) show(entry, false);
  for (const name of operands) {
    const path = ctx.fs.resolvePath(ctx.cwd, name);
    const entry = findMountPoint({ view: host.view, table, name, path });
    if (entry === undefined) {
      stderr += `df: ${name}: can't find mount point\n`;
      exitCode = 1;
    } else show(entry, true);
  }
  return done(stdout, stderr, exitCode);
});

/** `-B SIZE`: a suffix alone (`K`, `MiB`) or a number with one, at least 1. */
function blockSize(text: string): bigint | string {
  const alone = KMG_I_SUFFIXES.find(([suffix]) => suffix === text);
  if (alone !== undefined) return alone[1];
  const parsed = parseBbNumber(text, { min: 1n, max: ULLONG_MAX, suffixes: KMG_I_SUFFIXES });
  return "error" in parsed ? parsed.error : parsed.value;
}

/** One filesystem's line, with busybox's rounding and Use% (computed on downscaled totals). */
function dfLine(entry: MountEntry, raw: FsStats, format: DfFormat): string {
  let stats = raw;
  let unit = format.displayUnit;
  if (format.inodes) {
    stats = {
      ...raw,
      blockSizeBytes: 1n,
      blocks: raw.inodes,
      freeBlocks: raw.freeInodes,
      availableBlocks: raw.freeInodes,
    };
    if (unit !== 0n) unit = 1n;
  }
  let used = stats.blocks - stats.freeBlocks;
  let total = used + stats.availableBlocks;
  let percent = 0n;
  if (total !== 0n) {
    while (total >= 21_262_214n) {
      total >>= 1n;
      used >>= 1n;
    }
    percent = (used * 100n + total / 2n) / total;
  }
  let line =
    entry.device.length > 20 && !format.posix
      ? `${entry.device}\n${" ".repeat(20)}`
      : entry.device.padEnd(20);
  if (format.showType)
    line +=
      entry.type.length > 10 && !format.posix
        ? ` ${entry.type}\n${" ".repeat(31)}`
        : ` ${entry.type.padEnd(10)}`;
  const size = (blocks: bigint) => humanReadable(blocks, stats.blockSizeBytes, unit).padStart(9);
  return (
    `${line} ${size(stats.blocks)} ${size(stats.blocks - stats.freeBlocks)} ` +
    `${size(stats.availableBlocks)} ${String(percent).padStart(3)}% ${entry.dir}\n`
  );
}
