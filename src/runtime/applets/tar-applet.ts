import type { CommandContext, ExecResult } from "just-bash";
import { gzip } from "../../archive/gzip.ts";
import { sniffCompression } from "../../archive/sniff-compression.ts";
import { isLimitExceeded } from "../../errors/drydock-error.ts";
import { bytesToLatin1, latin1ToBytes } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { Applet } from "./applet.ts";
import { stdinBytes } from "./applet-input.ts";
import { UNPACK_BYTES_MAX } from "./decompressor-applet.ts";
import { UNPACKERS } from "./decompressor-codecs.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

type TarCodec = "bzip2" | "xz" | "lzma" | "compress" | "gzip";

/** busybox tar's command line, split into what drydock decodes and what just-bash's tar gets. */
interface TarPlan {
  readonly mode: string | undefined;
  readonly codec: TarCodec | undefined;
  /** `-f` operand (undefined: stdin, busybox's default). */
  readonly file: string | undefined;
  /** The arguments for just-bash's tar: compression options removed, `-f -` for the archive. */
  readonly args: readonly string[];
}

const CODEC_LETTERS: Readonly<Record<string, TarCodec>> = {
  j: "bzip2",
  J: "xz",
  Z: "compress",
  z: "gzip",
};
const VALUE_LETTERS = "fCTX";
const VALUE_LONG = new Set(["file", "directory", "strip-components", "to-command", "exclude"]);

/**
 * busybox `tar`: creating goes to just-bash's tar (gzipped by drydock for `-z`); reading an archive compressed with gzip
 * (`-z`), bzip2 (`-j`), xz (`-J`), lzma (`--lzma`) or compress (`-Z`) is decoded by drydock's
 * own synchronous decoders (just-bash inflates asynchronously, outside simulated time, and
 * reaches for a native library for xz) and the plain tar handed to just-bash's tar on stdin.
 * Like Debian's busybox, tar does not detect compression by itself: a compressed archive read
 * without its option fails with `invalid tar magic`.
 */
export const tar: Applet = async (argv, ctx, host) => {
  const bundled = host.bundled("tar");
  if (bundled === undefined)
    return { stdout: "", stderr: "tar: applet not implemented in drydock\n", exitCode: 127 };
  const plan = planTar(argv.slice(1));
  const reading = plan.mode === "x" || plan.mode === "t";
  if (plan.mode === "c" && plan.codec === "gzip") return createGzipped(plan, ctx, host);
  if (!reading) return bundled.execute(argv.slice(1), ctx as never);
  const archive = await readArchive(plan.file, ctx, host);
  if (typeof archive === "string") return { stdout: "", stderr: `tar: ${archive}\n`, exitCode: 1 };
  if (plan.codec === undefined) {
    const compression = sniffCompression(archive);
    if (compression === "none") return bundled.execute(argv.slice(1), ctx as never);
    return tarFailure(archive.length < 512 ? "short read" : "invalid tar magic");
  }
  let result: ReturnType<(typeof UNPACKERS)[TarCodec]["unpack"]>;
  try {
    result = UNPACKERS[plan.codec].unpack(archive, UNPACK_BYTES_MAX);
  } catch (error) {
    if (!isLimitExceeded(error)) throw error;
    return tarFailure(`write error: ${strerror("EFBIG")}`);
  }
  if (!result.ok) return tarFailure(`${result.message}\ntar: short read`);
  if (result.bytes.length < 512) return tarFailure("short read");
  if (!hasUstarMagic(result.bytes)) return tarFailure("invalid tar magic");
  const stdin = bytesToLatin1(result.bytes);
  return bundled.execute([...plan.args], { ...ctx, stdin } as never);
};

/**
 * `tar -czf`: just-bash's tar writes the plain archive to stdout and drydock gzips it (just-bash
 * would gzip asynchronously, outside simulated time). The bytes differ from busybox's gzip.
 */
async function createGzipped(
  plan: TarPlan,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<ExecResult> {
  const bundled = host.bundled("tar")!;
  const created = await bundled.execute([...plan.args], ctx as never);
  if (created.exitCode !== 0) return created;
  const archive = gzip(latin1ToBytes(created.stdout));
  if (plan.file === undefined || plan.file === "-") {
    return { ...created, stdout: bytesToLatin1(archive), stdoutKind: "bytes" };
  }
  try {
    await host.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, plan.file), archive);
  } catch (error) {
    return tarFailure(`can't open '${plan.file}': ${strerror(errnoOf(error))}`);
  }
  return { ...created, stdout: "" };
}

/** busybox tar's test of a header: `ustar` at offset 257 (POSIX and GNU archives both have it). */
function hasUstarMagic(bytes: Uint8Array): boolean {
  return [0x75, 0x73, 0x74, 0x61, 0x72].every((byte, i) => bytes[257 + i] === byte);
}

function tarFailure(message: string): ExecResult {
  return { stdout: "", stderr: `tar: ${message}\n`, exitCode: 1 };
}

/** The archive's bytes, or busybox's message when it cannot be opened. */
async function readArchive(
  file: string | undefined,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<Uint8Array | string> {
  if (file === undefined || file === "-") return stdinBytes(ctx);
  const path = ctx.fs.resolvePath(ctx.cwd, file);
  try {
    return host.view.readFile(path);
  } catch (error) {
    return `can't open '${file}': ${strerror(errnoOf(error))}`;
  }
}

/** Parses busybox tar's options (a first argument without `-` is an option cluster). */
export function planTar(input: readonly string[]): TarPlan {
  const args = [...input];
  if (args[0] !== undefined && !args[0].startsWith("-")) args[0] = `-${args[0]}`;
  const out: string[] = [];
  let mode: string | undefined;
  let codec: TarCodec | undefined;
  let file: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") {
      out.push(...args.slice(index));
      break;
    }
    if (arg.startsWith("--")) {
      const [name, value] = splitLong(arg.slice(2));
      if (name === "lzma") {
        codec = "lzma";
        continue;
      }
      if (name === "extract" || name === "list") mode = name === "extract" ? "x" : "t";
      if (!VALUE_LONG.has(name)) {
        out.push(arg);
        continue;
      }
      const given = value ?? args[++index];
      if (name === "file") file = given;
      out.push(`--${name}=${name === "file" ? "-" : (given ?? "")}`);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.push(arg);
      continue;
    }
    let cluster = "-";
    for (let i = 1; i < arg.length; i++) {
      const letter = arg[i]!;
      const letterCodec = CODEC_LETTERS[letter];
      if (letterCodec !== undefined) {
        codec = letterCodec;
        continue;
      }
      if ("xtc".includes(letter)) mode = letter;
      cluster += letter;
      if (!VALUE_LETTERS.includes(letter)) continue;
      const attached = arg.slice(i + 1);
      const value = attached === "" ? args[++index] : attached;
      if (letter === "f") file = value;
      const replaced = letter === "f" ? "-" : (value ?? "");
      if (attached === "") out.push(cluster, replaced);
      else out.push(cluster + replaced);
      cluster = "";
      break;
    }
    if (cluster.length > 1) out.push(cluster);
  }
  return { mode, codec, file, args: out };
}

function splitLong(text: string): [string, string | undefined] {
  const eq = text.indexOf("=");
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}
