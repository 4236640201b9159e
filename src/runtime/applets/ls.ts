import type { CommandContext } from "just-bash";
import { isFsError } from "../../errors/fs-error.ts";
import { compareNames } from "../../fs/compare-names.ts";
import type { FileInfo } from "../../fs/file-info.ts";
import { readGroups, readPasswd } from "../passwd-file.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done, parseFlags } from "./applet.ts";
import { strftime } from "./strftime.ts";

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly info: FileInfo;
}

interface Listing {
  readonly flags: Map<string, string>;
  readonly host: ProcessHost;
  readonly users: ReadonlyMap<number, string>;
  readonly groups: ReadonlyMap<number, string>;
  readonly nowUs: number;
}

/** Six months, busybox's limit for showing a time of day instead of a year. */
const RECENT_US = 6 * 30 * 24 * 3600 * 1e6;

/**
 * busybox's `ls` (`-1aAdFhilnpRrSt`, `-e`), with real modes, owners, link counts, symlink
 * targets and simulated times (just-bash's `ls` prints fixed modes and owners and the host's
 * local time). Output is one name per line, as busybox writes to a pipe.
 */
export const ls: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1).filter((arg) => !arg.startsWith("--color")));
  const listing: Listing = {
    flags,
    host,
    users: new Map(readPasswd(host.view).map((entry) => [entry.uid, entry.name])),
    groups: new Map(readGroups(host.view).map((entry) => [entry.gid, entry.name])),
    nowUs: host.clock.nowUs(),
  };
  const targets = operands.length === 0 ? ["."] : operands;
  let stderr = "";
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of targets) {
    const path = ctx.fs.resolvePath(ctx.cwd, operand);
    try {
      const follow = !flags.has("l") || flags.has("L") || operand.endsWith("/");
      const linkInfo = host.view.lstat(path);
      const info = linkInfo.type === "symlink" && follow ? host.view.stat(path) : linkInfo;
      const entry = { name: operand, path, info };
      if (info.type === "directory" && !flags.has("d")) dirs.push(entry);
      else files.push(entry);
    } catch (error) {
      stderr += `ls: ${operand}: ${isFsError(error, "ENOENT") ? "No such file or directory" : "Not a directory"}\n`;
    }
  }
  let stdout = formatEntries(sortEntries(files, flags), listing);
  const showHeaders = flags.has("R") || targets.length > 1;
  sortEntries(dirs, flags).forEach((dir, index) => {
    if (index > 0 || files.length > 0) stdout += "\n";
    stdout += listDirectory(dir, listing, showHeaders, ctx);
  });
  return done(stdout, stderr, stderr === "" ? 0 : 1);
};

function listDirectory(dir: Entry, listing: Listing, header: boolean, ctx: CommandContext): string {
  const { flags, host } = listing;
  let out = header ? `${dir.name}:\n` : "";
  const names = host.view
    .readdir(dir.path)
    .filter((name) => flags.has("a") || flags.has("A") || !name.startsWith("."));
  const base = dir.path === "/" ? "" : dir.path;
  const entries: Entry[] = names.map((name) => ({
    name,
    path: `${base}/${name}`,
    info: host.view.lstat(`${base}/${name}`),
  }));
  if (flags.has("a")) {
    entries.push({ name: ".", path: dir.path, info: dir.info });
    entries.push({ name: "..", path: `${base}/..`, info: host.view.stat(`${base}/..` || "/") });
  }
  const sorted = sortEntries(entries, flags);
  if (flags.has("l") || flags.has("s"))
    out += `total ${sorted.reduce((sum, entry) => sum + blocksOf(entry.info), 0)}\n`;
  out += formatEntries(sorted, listing);
  if (flags.has("R")) {
    for (const entry of sorted) {
      if (entry.info.type !== "directory" || entry.name === "." || entry.name === "..") continue;
      const name = dir.name === "/" ? `/${entry.name}` : `${dir.name}/${entry.name}`;
      out += `\n${listDirectory({ ...entry, name }, listing, true, ctx)}`;
    }
  }
  return out;
}

function sortEntries(entries: Entry[], flags: Map<string, string>): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (flags.has("t") && a.info.mtimeUs !== b.info.mtimeUs) return b.info.mtimeUs - a.info.mtimeUs;
    if (flags.has("S") && a.info.sizeBytes !== b.info.sizeBytes)
      return b.info.sizeBytes - a.info.sizeBytes;
    return compareNames(a.name, b.name);
  });
  return flags.has("r") ? sorted.reverse() : sorted;
}

function formatEntries(entries: readonly Entry[], listing: Listing): string {
  const { flags } = listing;
  let out = "";
  for (const entry of entries) {
    const inode = flags.has("i") ? `${String(entry.info.ino).padStart(8)} ` : "";
    const blocks = flags.has("s") ? `${String(blocksOf(entry.info)).padStart(4)} ` : "";
    const name = `${entry.name}${suffixOf(entry.info, flags)}`;
    if (!flags.has("l") && !flags.has("n")) {
      out += `${inode}${blocks}${name}\n`;
      continue;
    }
    const target = entry.info.type === "symlink" ? ` -> ${entry.info.linkTarget}` : "";
    out += `${inode}${blocks}${longLine(entry.info, listing)}${name}${target}\n`;
  }
  return out;
}

function longLine(info: FileInfo, listing: Listing): string {
  const { flags } = listing;
  const numeric = flags.has("n");
  const user = (numeric ? undefined : listing.users.get(info.uid)) ?? String(info.uid);
  const group = (numeric ? undefined : listing.groups.get(info.gid)) ?? String(info.gid);
  const size =
    info.type === "char" || info.type === "block"
      ? `${String(info.devMajor).padStart(4)},${String(info.devMinor).padStart(4)}`
      : (flags.has("h") ? humanSize(info.sizeBytes) : String(info.sizeBytes)).padStart(9);
  return `${modeString(info)} ${String(info.nlink).padStart(4)} ${user.slice(0, 8).padEnd(8)} ${group.slice(0, 8).padEnd(8)} ${size} ${timeOf(info.mtimeUs, listing)} `;
}

function timeOf(mtimeUs: number, listing: Listing): string {
  if (listing.flags.has("e")) return strftime("%a %b %e %H:%M:%S %Y", mtimeUs);
  const recent = mtimeUs > listing.nowUs - RECENT_US && mtimeUs < listing.nowUs + RECENT_US;
  return recent ? strftime("%b %e %H:%M", mtimeUs) : strftime("%b %e  %Y", mtimeUs);
}

/** `-rwxr-xr-x`, with setuid, setgid and sticky bits as `s`/`S` and `t`/`T`. */
export function modeString(info: FileInfo): string {
  const type = {
    file: "-",
    directory: "d",
    symlink: "l",
    char: "c",
    block: "b",
    fifo: "p",
    whiteout: "c",
  }[info.type];
  const perm = info.perm;
  const triple = (shift: number, special: boolean, specialChar: string) => {
    const r = perm & (4 << shift) ? "r" : "-";
    const w = perm & (2 << shift) ? "w" : "-";
    const executable = (perm & (1 << shift)) !== 0;
    const x = special
      ? executable
        ? specialChar
        : specialChar.toUpperCase()
      : executable
        ? "x"
        : "-";
    return r + w + x;
  };
  return (
    type +
    triple(6, (perm & 0o4000) !== 0, "s") +
    triple(3, (perm & 0o2000) !== 0, "s") +
    triple(0, (perm & 0o1000) !== 0, "t")
  );
}

function suffixOf(info: FileInfo, flags: Map<string, string>): string {
  if (flags.has("p") && info.type === "directory") return "/";
  if (!flags.has("F")) return "";
  if (info.type === "directory") return "/";
  if (info.type === "symlink") return "@";
  if (info.type === "fifo") return "|";
  return info.type === "file" && (info.perm & 0o111) !== 0 ? "*" : "";
}

/** 1 KiB blocks on a 4 KiB-block filesystem, as `total` and `-s` count them. */
function blocksOf(info: FileInfo): number {
  if (info.type !== "file" && info.type !== "directory") return 0;
  return Math.ceil(info.sizeBytes / 4096) * 4;
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ["K", "M", "G", "T"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)}${units[unit]}`;
}
