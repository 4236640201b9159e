import type { CommandContext, ExecResult } from "just-bash";
import { isLimitExceeded } from "../../errors/drydock-error.ts";
import { bytesToLatin1 } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { Applet } from "./applet.ts";
import { stdinBytes } from "./applet-input.ts";
import { usageAfter } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import type { Unpacker } from "./decompressor-codecs.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/** The most a decompressor writes, to a file or stdout; past it the write fails with EFBIG. */
export const UNPACK_BYTES_MAX: number = 256 * 1024 * 1024;

/** busybox's `bbunpack` options: -c stdout, -f force, -k keep, -t test; -v -q -d accepted. */
const OPTIONS = "cfkvqdt";

/** How an unpacking applet behaves when called by a given name. */
export interface DecompressorSpec {
  readonly unpacker: Unpacker;
  /** `bzcat`, `xzcat`, `lzcat`: always to stdout. */
  readonly toStdout?: boolean;
  /** `xz`, `lzma`, `bzip2`: decompress only with -d or -t. */
  readonly needsDecompressFlag?: "usage" | "refuse";
}

interface Options {
  readonly stdout: boolean;
  readonly force: boolean;
  readonly keep: boolean;
  readonly test: boolean;
}

/** A busybox decompressor applet (`bunzip2`, `bzcat`, `bzip2 -d`, `unxz`, …). */
export function decompressorApplet(spec: DecompressorSpec): Applet {
  return withHelp(async (argv, ctx, host) => {
    const name = argv[0]!;
    const parsed = parseOptions(name, argv.slice(1));
    if ("exitCode" in parsed) return parsed;
    const { flags, files } = parsed;
    if (spec.needsDecompressFlag !== undefined && !flags.has("d") && !flags.has("t")) {
      if (spec.needsDecompressFlag === "usage") return showUsage(name);
      return {
        stdout: "",
        stderr: `${name}: compression is not implemented in drydock (only -d and -t are)\n`,
        exitCode: 1,
      };
    }
    const options: Options = {
      stdout: spec.toStdout === true || flags.has("c"),
      force: flags.has("f"),
      keep: flags.has("k"),
      test: flags.has("t"),
    };
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const file of files.length === 0 ? ["-"] : files) {
      const result = await unpackOne({ name, file, spec, options, ctx, host });
      stdout += result.stdout;
      stderr += result.stderr;
      if (result.exitCode !== 0) exitCode = 1;
    }
    // Binary output: just-bash passes `bytes` stdout through pipes as one char per byte.
    return { stdout, stderr, exitCode, stdoutKind: "bytes" };
  });
}

/** getopt32 over `OPTIONS`, options anywhere (glibc permutes). */
function parseOptions(
  name: string,
  args: readonly string[],
): { flags: Set<string>; files: string[] } | ExecResult {
  const flags = new Set<string>();
  const files: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") {
      files.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      files.push(arg);
      continue;
    }
    if (arg.startsWith("--")) return usageAfter(name, `unrecognized option '${arg}'`);
    for (const flag of arg.slice(1)) {
      if (!OPTIONS.includes(flag)) return usageAfter(name, `invalid option -- '${flag}'`);
      flags.add(flag);
    }
  }
  return { flags, files };
}

interface UnpackJob {
  readonly name: string;
  readonly file: string;
  readonly spec: DecompressorSpec;
  readonly options: Options;
  readonly ctx: CommandContext;
  readonly host: ProcessHost;
}

/** One file of `bbunpack`: open, name the output, unpack, write, remove the input. */
async function unpackOne(job: UnpackJob): Promise<ExecResult> {
  const { name, file, options, ctx, host } = job;
  const fail = (message: string, stdout = ""): ExecResult => ({
    stdout,
    stderr: `${name}: ${message}\n`,
    exitCode: 1,
  });
  let input: Uint8Array;
  let path: string | undefined;
  if (file === "-") {
    input = stdinBytes(ctx);
  } else {
    path = ctx.fs.resolvePath(ctx.cwd, file);
    try {
      input =
        host.view.stat(path).type === "directory" ? new Uint8Array(0) : host.view.readFile(path);
    } catch (error) {
      return fail(`${file}: ${strerror(errnoOf(error))}`);
    }
  }
  const toFile = path !== undefined && !options.stdout && !options.test;
  const suffix = job.spec.unpacker.suffix;
  if (toFile && !file.endsWith(suffix)) return fail(`${file}: unknown suffix - ignored`);
  let result: ReturnType<Unpacker["unpack"]>;
  try {
    result = job.spec.unpacker.unpack(input, UNPACK_BYTES_MAX);
  } catch (error) {
    if (!isLimitExceeded(error)) throw error;
    return fail(`write error: ${strerror("EFBIG")}`);
  }
  if (options.test) return result.ok ? ok("") : fail(result.message);
  if (!toFile || path === undefined) {
    return result.ok
      ? ok(bytesToLatin1(result.bytes))
      : fail(result.message, bytesToLatin1(result.partial));
  }
  if (!result.ok) return fail(result.message);
  return writeUnpacked({ job, path, bytes: result.bytes, target: path.slice(0, -suffix.length) });
}

/** Writes the output file (O_EXCL unless -f), with the input's mode, and removes the input. */
async function writeUnpacked(write: {
  job: UnpackJob;
  path: string;
  bytes: Uint8Array;
  target: string;
}): Promise<ExecResult> {
  const { job, path, bytes, target } = write;
  const { host, name, options } = job;
  const outName = job.file.slice(0, -job.spec.unpacker.suffix.length);
  try {
    if (host.view.exists(target) || isDanglingLink(host, target)) {
      if (!options.force) {
        return {
          stdout: "",
          stderr: `${name}: can't open '${outName}': File exists\n`,
          exitCode: 1,
        };
      }
      await host.fs.rm(target, { force: true });
    }
    await host.fs.writeFile(target, bytes);
    await host.fs.chmod(target, host.view.stat(path).mode & 0o7777);
    if (!options.keep) await host.fs.rm(path, { force: true });
  } catch (error) {
    return {
      stdout: "",
      stderr: `${name}: can't open '${outName}': ${strerror(errnoOf(error))}\n`,
      exitCode: 1,
    };
  }
  return ok("");
}

function isDanglingLink(host: ProcessHost, path: string): boolean {
  try {
    return host.view.lstat(path).type === "symlink";
  } catch {
    return false;
  }
}

function ok(stdout: string): ExecResult {
  return { stdout, stderr: "", exitCode: 0 };
}
