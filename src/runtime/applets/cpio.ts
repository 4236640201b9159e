import type { CommandContext, ExecResult } from "just-bash";
import { joinBytes } from "../../archive/byte-strings.ts";
import {
  type CpioEntry,
  cpioNewcMember,
  cpioNewcTrailer,
  readCpioNewc,
} from "../../archive/cpio-newc.ts";
import { bytesToLatin1, latin1ToBytes } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { Applet } from "./applet.ts";
import { stdinBytes } from "./applet-input.ts";
import { usageAfter } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { cpioExtract } from "./cpio-extract.ts";
import { UNPACK_BYTES_MAX } from "./decompressor-applet.ts";
import { globMatch } from "./glob-match.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/** Parsed `cpio` options. */
export interface CpioOptions {
  readonly flags: ReadonlySet<string>;
  readonly format: string | undefined;
  readonly file: string | undefined;
  readonly patterns: readonly string[];
}

const FLAGS = "itodmvuL0";
const WITH_VALUE = "HFR";

/**
 * busybox 1.35 `cpio [-dmvu] [-F FILE] [-H newc] [-tio] [EXTR_FILE]...`: lists (`-t`, `-tv`),
 * extracts (`-i`, with `-d` `-m` `-u` `-v`) and creates (`-o -H newc`, names on stdin, `-0`)
 * `newc` archives, with busybox's messages and its `N blocks` on stderr.
 */
export const cpio: Applet = withHelp(async (argv, ctx, host) => {
  const options = parseCpioArgs(argv.slice(1));
  if ("exitCode" in options) return options;
  const { flags } = options;
  if (flags.has("o")) {
    if (options.format !== "newc") return showUsage("cpio");
    return createArchive(options, ctx, host);
  }
  if (!flags.has("i") && !flags.has("t")) return showUsage("cpio");
  let archive: Uint8Array;
  if (options.file === undefined) archive = stdinBytes(ctx);
  else {
    try {
      archive = host.view.readFile(ctx.fs.resolvePath(ctx.cwd, options.file));
    } catch (error) {
      return fail(`can't open '${options.file}': ${strerror(errnoOf(error))}`);
    }
  }
  const read = readCpioNewc(archive, { entryCountMax: 100_000, sizeBytesMax: UNPACK_BYTES_MAX });
  const selected = read.entries.filter(
    (entry) =>
      options.patterns.length === 0 || options.patterns.some((p) => globMatch(p, entry.name)),
  );
  const result = flags.has("t")
    ? listEntries(selected, flags.has("v"))
    : await cpioExtract(selected, { options, ctx, host });
  if (read.error !== undefined)
    return { ...result, stderr: `${result.stderr}cpio: ${read.error}\n`, exitCode: 1 };
  if (read.endOffset === 0) return result;
  const blocks = Math.ceil(read.endOffset / 512);
  return { ...result, stderr: `${result.stderr}${blocks} blocks\n` };
});

function fail(message: string): ExecResult {
  return { stdout: "", stderr: `cpio: ${message}\n`, exitCode: 1 };
}

function parseCpioArgs(args: readonly string[]): CpioOptions | ExecResult {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const patterns: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--ignore-devno" || arg === "--renumber-inodes") continue;
    if (!arg.startsWith("-") || arg === "-") {
      patterns.push(arg);
      continue;
    }
    if (arg.startsWith("--")) return usageAfter("cpio", `unrecognized option '${arg}'`);
    for (let i = 1; i < arg.length; i++) {
      const flag = arg[i]!;
      if (WITH_VALUE.includes(flag)) {
        const value = i + 1 < arg.length ? arg.slice(i + 1) : args[++index];
        if (value === undefined)
          return usageAfter("cpio", `option requires an argument -- '${flag}'`);
        values.set(flag, value);
        break;
      }
      if (!FLAGS.includes(flag)) return usageAfter("cpio", `invalid option -- '${flag}'`);
      flags.add(flag);
    }
  }
  return { flags, format: values.get("H"), file: values.get("F"), patterns };
}

/** `-t`: names, or with `-v` busybox's `ls -l`-like line (numeric owners, archive times). */
function listEntries(entries: readonly CpioEntry[], verbose: boolean): ExecResult {
  let stdout = "";
  for (const entry of entries) {
    if (!verbose) {
      stdout += `${entry.name}\n`;
      continue;
    }
    const owner = `${entry.uid}/${entry.gid}`;
    const isLink = (entry.mode & 0o170000) === 0o120000;
    const size = isLink ? 0 : entry.data.length;
    const target = isLink ? ` -> ${bytesToLatin1(entry.data)}` : "";
    stdout += `${modeString(entry.mode)} ${owner} ${String(size).padStart(9)} ${isoTime(entry.mtimeS)} ${entry.name}${target}\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}

/** `ls -l`'s type letter by `st_mode & S_IFMT` (a Map: biome rewrites octal object keys). */
const TYPE_LETTERS: ReadonlyMap<number, string> = new Map([
  [0o040000, "d"],
  [0o120000, "l"],
  [0o020000, "c"],
  [0o060000, "b"],
  [0o010000, "p"],
  [0o140000, "s"],
]);

/** `drwxr-xr-x` from an `st_mode`. */
export function modeString(mode: number): string {
  let text = TYPE_LETTERS.get(mode & 0o170000) ?? "-";
  const rwx = "rwxrwxrwx";
  for (let i = 0; i < 9; i++) text += mode & (0o400 >> i) ? rwx[i] : "-";
  const special = (at: number, bit: number, on: string): void => {
    if (mode & bit)
      text = text.slice(0, at) + (text[at] === "-" ? on.toUpperCase() : on) + text.slice(at + 1);
  };
  special(3, 0o4000, "s");
  special(6, 0o2000, "s");
  special(9, 0o1000, "t");
  return text;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC (the containers' time zone). */
function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** `-o -H newc`: the names on stdin (lines, or NUL-separated with -0) as an archive. */
async function createArchive(
  options: CpioOptions,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<ExecResult> {
  const text = bytesToLatin1(stdinBytes(ctx));
  const names = text.split(options.flags.has("0") ? "\0" : "\n").filter((name) => name !== "");
  const parts: Uint8Array[] = [];
  let failure: string | undefined;
  for (const raw of names) {
    const entry = memberOf(raw, options, ctx, host);
    if (typeof entry === "string") {
      failure = entry;
      break;
    }
    parts.push(cpioNewcMember(entry));
  }
  if (failure === undefined) parts.push(cpioNewcTrailer());
  const archive = joinBytes(parts);
  const stderr = failure === undefined ? "" : `cpio: ${failure}\n`;
  const exitCode = failure === undefined ? 0 : 1;
  if (options.file === undefined)
    return { stdout: bytesToLatin1(archive), stderr, exitCode, stdoutKind: "bytes" };
  try {
    await host.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, options.file), archive);
  } catch (error) {
    return fail(`can't open '${options.file}': ${strerror(errnoOf(error))}`);
  }
  return { stdout: "", stderr, exitCode };
}

/** The member for one input name (busybox drops a leading `./`), or the error text. */
function memberOf(
  raw: string,
  options: CpioOptions,
  ctx: CommandContext,
  host: ProcessHost,
): CpioEntry | string {
  const name = raw.startsWith("./") && raw.length > 2 ? raw.slice(2) : raw;
  const path = ctx.fs.resolvePath(ctx.cwd, raw);
  try {
    const info = options.flags.has("L") ? host.view.stat(path) : host.view.lstat(path);
    const data =
      info.type === "file"
        ? host.view.readFile(path)
        : info.type === "symlink"
          ? latin1ToBytes(info.linkTarget)
          : new Uint8Array(0);
    const device = info.type === "char" || info.type === "block";
    return {
      name,
      ...{ ino: info.ino, mode: info.mode, uid: info.uid, gid: info.gid, nlink: info.nlink },
      mtimeS: Math.floor(info.mtimeUs / 1_000_000),
      ...{ devMajor: 0, devMinor: 0 },
      rdevMajor: device ? info.devMajor : 0,
      rdevMinor: device ? info.devMinor : 0,
      data,
    };
  } catch (error) {
    return `${raw}: ${strerror(errnoOf(error))}`;
  }
}
