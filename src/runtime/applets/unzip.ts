import type { CommandContext, ExecResult } from "just-bash";
import type { DecompressError } from "../../archive/decompress-error.ts";
import { readZipDirectory, type ZipEntry, zipEntryData } from "../../archive/zip-reader.ts";
import { isDrydockError, isLimitExceeded } from "../../errors/drydock-error.ts";
import { bytesToLatin1 } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { Applet } from "./applet.ts";
import { usageAfter } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { UNPACK_BYTES_MAX } from "./decompressor-applet.ts";
import { globMatch } from "./glob-match.ts";
import { errnoOf, strerror } from "./libc-errors.ts";
import { listingFooter, listingHeader, listingRow } from "./unzip-listing.ts";

/** What `unzip`'s command line asks for. */
interface UnzipRequest {
  readonly archive: string;
  readonly includes: readonly string[];
  readonly excludes: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly dir: string | undefined;
}

/** Output accumulated while unzip runs; `fatal` stops it as `bb_error_msg_and_die` would. */
class UnzipOutput {
  stdout = "";
  stderr = "";
  exitCode = 0;
  fatal(message: string): ExecResult {
    this.stderr += `unzip: ${message}\n`;
    return this.result(1);
  }
  result(exitCode = this.exitCode): ExecResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode, stdoutKind: "bytes" };
  }
}

/**
 * busybox 1.35 `unzip [-lnojpqtv] FILE[.zip] [FILE]... [-x FILE]... [-d DIR]`: lists (`-l`,
 * `-lv`, `-lq`), extracts (asking `replace NAME?` on stdin unless `-o`/`-n`), pipes (`-p`) or
 * tests (`-t`) stored and deflated members, with busybox's messages. Unix modes and symlinks
 * are restored; times are not (as busybox). Names lose leading `/` and `../`.
 */
export const unzip: Applet = withHelp(async (argv, ctx, host) => {
  const request = parseUnzipArgs(argv.slice(1));
  if ("exitCode" in request) return request;
  const out = new UnzipOutput();
  const opened = openArchive(request.archive, ctx, host);
  if (typeof opened === "string") return out.fatal(opened);
  const { flags } = request;
  const listing = flags.has("l") || flags.has("v");
  const quiet = flags.has("q") || flags.has("p") || flags.has("t");
  if (!quiet || (listing && !flags.has("q"))) out.stdout += `Archive:  ${opened.name}\n`;
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(opened.bytes, { entryCountMax: 65_535 });
  } catch (error) {
    if (!isDrydockError(error) || isLimitExceeded(error)) throw error;
    return out.fatal("short read");
  }
  const state: ExtractState = {
    ...{ request, ctx, host, out, stdinAt: 0, replaceAll: undefined, warned: false },
    lastErrno: opened.name === request.archive ? undefined : "ENOENT",
  };
  if (listing) return listEntries(state, entries, flags.has("v"));
  for (const entry of entries) {
    const name = memberName(state, entry.name);
    if (!isSelected(request, name)) continue;
    const failure = await extractEntry(state, entry, name, opened.bytes);
    if (failure !== undefined) return failure;
  }
  return out.result();
});

interface ExtractState {
  readonly request: UnzipRequest;
  readonly ctx: CommandContext;
  readonly host: ProcessHost;
  readonly out: UnzipOutput;
  stdinAt: number;
  replaceAll: boolean | undefined;
  warned: boolean;
  /**
   * busybox reports a failed read of stdin with `bb_perror_msg`, so the message carries
   * whatever errno an earlier call left: ENOENT from trying FILE before FILE.zip, EEXIST from
   * the exclusive open that precedes an overwrite.
   */
  lastErrno: string | undefined;
}

function parseUnzipArgs(args: readonly string[]): UnzipRequest | ExecResult {
  const flags = new Set<string>();
  const includes: string[] = [];
  const excludes: string[] = [];
  let archive: string | undefined;
  let dir: string | undefined;
  let excluding = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith("-") || arg === "-") {
      if (archive === undefined) archive = arg;
      else (excluding ? excludes : includes).push(arg);
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const flag = arg[i]!;
      if (flag === "d") {
        dir = i + 1 < arg.length ? arg.slice(i + 1) : args[++index];
        if (dir === undefined) return usageAfter("unzip", "option requires an argument -- 'd'");
        break;
      }
      if (!"lnojpqtvx".includes(flag)) return usageAfter("unzip", `invalid option -- '${flag}'`);
      if (flag === "x") excluding = true;
      else flags.add(flag);
    }
  }
  if (archive === undefined) return showUsage("unzip");
  return { archive, includes, excludes, flags, dir };
}

/** Opens FILE, else FILE.zip, as busybox does. */
function openArchive(
  name: string,
  ctx: CommandContext,
  host: ProcessHost,
): { name: string; bytes: Uint8Array } | string {
  for (const candidate of [name, `${name}.zip`]) {
    const path = ctx.fs.resolvePath(ctx.cwd, candidate);
    try {
      if (host.view.stat(path).type !== "directory")
        return { name: candidate, bytes: host.view.readFile(path) };
    } catch {
      // Try the next name.
    }
  }
  return `can't open ${name}[.zip]`;
}

/** busybox's `strip_unsafe_prefix`: leading `/` silently, `../` with a warning (once). */
function memberName(state: ExtractState, raw: string): string {
  let name = raw.replace(/^\/+/, "");
  const parent = name.lastIndexOf("/../");
  if (name.startsWith("../") || parent >= 0) {
    name = parent >= 0 ? name.slice(parent + 4) : name.replace(/^(\.\.\/)+/, "");
    if (!state.warned) state.out.stderr += "unzip: removing leading '../' from member names\n";
    state.warned = true;
  }
  return name;
}

function isSelected(request: UnzipRequest, name: string): boolean {
  if (request.includes.length > 0 && !request.includes.some((p) => globMatch(p, name)))
    return false;
  return !request.excludes.some((p) => globMatch(p, name));
}

function listEntries(
  state: ExtractState,
  entries: readonly ZipEntry[],
  verbose: boolean,
): ExecResult {
  const { out } = state;
  out.stdout += listingHeader(verbose);
  const totals = { sizeBytes: 0, compressedBytes: 0, count: 0 };
  for (const entry of entries) {
    const name = memberName(state, entry.name);
    // busybox sums the sizes of the members it lists but counts every member.
    totals.count++;
    if (!isSelected(state.request, name)) continue;
    out.stdout += listingRow(entry, name, verbose);
    totals.sizeBytes += entry.sizeBytes;
    totals.compressedBytes += entry.compressedSizeBytes;
  }
  out.stdout += listingFooter(totals, verbose);
  return out.result();
}

/** Extracts, pipes or tests one member; returns the final result when unzip must stop. */
async function extractEntry(
  state: ExtractState,
  entry: ZipEntry,
  memberPath: string,
  bytes: Uint8Array,
): Promise<ExecResult | undefined> {
  const { request, out, host, ctx } = state;
  const isDir = memberPath.endsWith("/");
  const junked = request.flags.has("j")
    ? memberPath.slice(memberPath.lastIndexOf("/", memberPath.length - 2) + 1)
    : memberPath;
  if (isDir && (request.flags.has("j") || request.flags.has("p") || request.flags.has("t")))
    return undefined;
  const data = decode(state, entry, bytes);
  if (!(data instanceof Uint8Array)) return data;
  if (request.flags.has("t")) return undefined;
  if (request.flags.has("p")) {
    out.stdout += bytesToLatin1(data);
    return undefined;
  }
  const base = request.dir === undefined ? ctx.cwd : ctx.fs.resolvePath(ctx.cwd, request.dir);
  let target = ctx.fs.resolvePath(base, junked);
  try {
    if (isDir) {
      if (!host.view.exists(target)) {
        await host.fs.mkdir(target, { recursive: true });
        if (!request.flags.has("q")) out.stdout += `   creating: ${junked}\n`;
      }
      return undefined;
    }
    let shown = junked;
    if (exists(host, target)) {
      const decision = await overwriteDecision(state, junked);
      if (decision.kind === "stop") return decision.result;
      if (decision.kind === "skip") return undefined;
      state.lastErrno = "EEXIST";
      if (decision.kind === "rename") {
        shown = decision.name;
        target = ctx.fs.resolvePath(base, decision.name);
      }
    }
    if (!request.flags.has("q")) out.stdout += `  inflating: ${shown}\n`;
    await writeMember(host, { target, entry, data });
  } catch (error) {
    return out.fatal(`can't create '${junked}': ${strerror(errnoOf(error))}`);
  }
  return undefined;
}

function decode(state: ExtractState, entry: ZipEntry, bytes: Uint8Array): Uint8Array | ExecResult {
  try {
    return zipEntryData(bytes, entry, { sizeBytesMax: UNPACK_BYTES_MAX });
  } catch (error) {
    if (isLimitExceeded(error)) return state.out.fatal(`write error: ${strerror("EFBIG")}`);
    if (!isDrydockError(error)) throw error;
    if (entry.method === 8 && !state.request.flags.has("q") && !state.request.flags.has("p")) {
      state.out.stdout += `  inflating: ${entry.name}\n`;
    }
    return state.out.fatal((error as DecompressError).message);
  }
}

function exists(host: ProcessHost, path: string): boolean {
  try {
    host.view.lstat(path);
    return true;
  } catch {
    return false;
  }
}

type Decision =
  | { kind: "write" }
  | { kind: "skip" }
  | { kind: "rename"; name: string }
  | { kind: "stop"; result: ExecResult };

/** `-o` / `-n`, else busybox's prompt, answered from stdin a line at a time. */
async function overwriteDecision(state: ExtractState, name: string): Promise<Decision> {
  const { flags } = state.request;
  if (flags.has("n")) return { kind: "skip" };
  if (flags.has("o") || state.replaceAll === true) return { kind: "write" };
  if (state.replaceAll === false) return { kind: "skip" };
  for (;;) {
    state.out.stdout += `replace ${name}? [y]es, [n]o, [A]ll, [N]one, [r]ename: `;
    const answer = readLine(state);
    if (answer === undefined) return { kind: "stop", result: stdinFailure(state) };
    switch (answer[0]) {
      case "y":
        return { kind: "write" };
      case "n":
        return { kind: "skip" };
      case "A":
        state.replaceAll = true;
        return { kind: "write" };
      case "N":
        state.replaceAll = false;
        return { kind: "skip" };
      case "r": {
        state.out.stdout += "new name: ";
        const renamed = readLine(state);
        if (renamed === undefined) return { kind: "stop", result: stdinFailure(state) };
        return { kind: "rename", name: renamed };
      }
      default:
        state.out.stdout += `error: invalid response [${answer}]\n`;
    }
  }
}

function stdinFailure(state: ExtractState): ExecResult {
  const errno = state.lastErrno === undefined ? "" : `: ${strerror(state.lastErrno)}`;
  return state.out.fatal(`can't read standard input${errno}`);
}

function readLine(state: ExtractState): string | undefined {
  const text = state.ctx.stdin as unknown as string;
  if (state.stdinAt >= text.length) return undefined;
  const newline = text.indexOf("\n", state.stdinAt);
  const end = newline < 0 ? text.length : newline;
  const line = text.slice(state.stdinAt, end);
  state.stdinAt = end + 1;
  return line;
}

/** Writes a file (with its Unix mode, 0600 without one) or a symlink, making parents. */
async function writeMember(
  host: ProcessHost,
  member: { target: string; entry: ZipEntry; data: Uint8Array },
): Promise<void> {
  const { target, entry, data } = member;
  const parent = target.slice(0, target.lastIndexOf("/")) || "/";
  await host.fs.mkdir(parent, { recursive: true });
  const unixMode = entry.madeBy >> 8 === 3 ? entry.externalAttributes >>> 16 : 0;
  if (exists(host, target)) await host.fs.rm(target, { force: true });
  if ((unixMode & 0o170000) === 0o120000) {
    await host.fs.symlink(new TextDecoder().decode(data), target);
    return;
  }
  await host.fs.writeFile(target, data);
  await host.fs.chmod(target, unixMode === 0 ? 0o600 : unixMode & 0o7777);
}
