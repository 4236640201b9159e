import type { FileInfo } from "../../fs/file-info.ts";
import { readGroups, readPasswd } from "../passwd-file.ts";
import { type Applet, done, parseFlags } from "./applet.ts";
import { modeString } from "./ls.ts";
import { strftime } from "./strftime.ts";

const TYPE_NAMES: Readonly<Record<FileInfo["type"], string>> = {
  file: "regular file",
  directory: "directory",
  symlink: "symbolic link",
  char: "character special file",
  block: "block special file",
  fifo: "fifo",
  whiteout: "character special file",
};

/**
 * busybox's `stat [-L] [-c FMT] FILE…` with real owners, link counts and simulated times
 * (just-bash's prints uid 1000 and lacks `%h`, `%i`, `%Y`). Access and change times are the
 * modification time: the filesystem keeps only that one.
 */
export const stat: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1), "c");
  const users = new Map(readPasswd(host.view).map((entry) => [entry.uid, entry.name]));
  const groups = new Map(readGroups(host.view).map((entry) => [entry.gid, entry.name]));
  let stdout = "";
  let stderr = "";
  for (const operand of operands) {
    const path = ctx.fs.resolvePath(ctx.cwd, operand);
    let info: FileInfo;
    try {
      info = flags.has("L") ? host.view.stat(path) : host.view.lstat(path);
    } catch {
      stderr += `stat: can't stat '${operand}': No such file or directory\n`;
      continue;
    }
    const names = {
      user: users.get(info.uid) ?? "UNKNOWN",
      group: groups.get(info.gid) ?? "UNKNOWN",
    };
    const format = flags.get("c");
    stdout +=
      format === undefined
        ? defaultReport(operand, info, names)
        : `${expand(format, operand, info, names)}\n`;
  }
  return done(stdout, stderr, stderr === "" ? 0 : 1);
};

function expand(
  format: string,
  name: string,
  info: FileInfo,
  names: { user: string; group: string },
): string {
  const full = (us: number) =>
    `${strftime("%Y-%m-%d %H:%M:%S", us)}.${String(Math.floor(us % 1e6) * 1000).padStart(9, "0")} +0000`;
  const epoch = (us: number) => String(Math.floor(us / 1e6));
  const values: Record<string, () => string> = {
    a: () => info.perm.toString(8),
    A: () => modeString(info),
    b: () => String(Math.ceil(info.sizeBytes / 4096) * 8),
    B: () => "512",
    d: () => "47",
    f: () => info.mode.toString(16),
    F: () => TYPE_NAMES[info.type],
    g: () => String(info.gid),
    G: () => names.group,
    h: () => String(info.nlink),
    i: () => String(info.ino),
    n: () => name,
    N: () => (info.type === "symlink" ? `'${name}' -> '${info.linkTarget}'` : `'${name}'`),
    o: () => "4096",
    s: () => String(info.sizeBytes),
    t: () => info.devMajor.toString(16),
    T: () => info.devMinor.toString(16),
    u: () => String(info.uid),
    U: () => names.user,
    x: () => full(info.mtimeUs),
    X: () => epoch(info.mtimeUs),
    y: () => full(info.mtimeUs),
    Y: () => epoch(info.mtimeUs),
    z: () => full(info.mtimeUs),
    Z: () => epoch(info.mtimeUs),
    "%": () => "%",
  };
  return format
    .replace(/%(.)/g, (match, spec: string) => values[spec]?.() ?? match)
    .replace(/\\n/g, "\n");
}

function defaultReport(
  name: string,
  info: FileInfo,
  names: { user: string; group: string },
): string {
  const file = info.type === "symlink" ? `'${name}' -> '${info.linkTarget}'` : name;
  const format =
    `  File: ${file.replaceAll("%", "%%")}\n` +
    "  Size: %s\tBlocks: %b IO Block: %o %F\n" +
    "Device: 2fh/47d\tInode: %i  Links: %h\n" +
    "Access: (%a/%A)  Uid: (%u/%U)   Gid: (%g/%G)\n" +
    "Access: %x\nModify: %y\nChange: %z\n";
  return expand(format, name, info, names);
}
