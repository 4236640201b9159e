import type { CommandContext } from "just-bash";
import { bytesToLatin1 } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { DdOpenError } from "./dd-input.ts";
import { errnoOf } from "./libc-errors.ts";

/**
 * The largest file dd writes: beyond it a write fails with EFBIG ("File too large"), as it would
 * past `RLIMIT_FSIZE`. The simulator holds files in memory, so it must stop somewhere.
 */
export const DD_FILE_BYTES_MAX: number = 256 * 1024 * 1024;
/** The most dd writes to its stdout (a pipe or the container's log), also failing with EFBIG. */
export const DD_STDOUT_BYTES_MAX: number = 64 * 1024 * 1024;

/** Where dd's output goes. */
export type DdOutputKind = "file" | "discard" | "full" | "stdout";

/**
 * dd's output descriptor. Writes form one contiguous run from the start position (`seek=`, or
 * the end with `oflag=append`); they land in the file once, at `commit`.
 */
export class DdOutput {
  readonly kind: DdOutputKind;
  readonly name: string;
  readonly #path: string | undefined;
  #base: Uint8Array;
  readonly #append: boolean;
  #start = 0;
  #resized = false;

  constructor(options: {
    kind: DdOutputKind;
    name: string;
    path?: string;
    base?: Uint8Array;
    append?: boolean;
  }) {
    this.kind = options.kind;
    this.name = options.name;
    this.#path = options.path;
    this.#base = options.base ?? new Uint8Array(0);
    this.#append = options.append ?? false;
  }

  /** `ftruncate(fd, bytes)` after the open; EFBIG past the file limit, ignored on non-files. */
  truncate(bytes: number): string | undefined {
    if (this.kind !== "file") return undefined;
    if (bytes > DD_FILE_BYTES_MAX) return "EFBIG";
    const next = new Uint8Array(bytes);
    next.set(this.#base.subarray(0, bytes));
    this.#base = next;
    this.#resized = true;
    return undefined;
  }

  /** `lseek(fd, bytes, SEEK_CUR)` from the start: a pipe cannot seek (ESPIPE). */
  seek(bytes: number): string | undefined {
    if (this.kind === "stdout") return "ESPIPE";
    this.#start = bytes;
    return undefined;
  }

  /** Bytes dd can write before a write fails, and the errno it then fails with. */
  room(): { bytes: number; errno: string } {
    switch (this.kind) {
      case "discard":
        return { bytes: Number.POSITIVE_INFINITY, errno: "" };
      case "full":
        return { bytes: 0, errno: "ENOSPC" };
      case "stdout":
        return { bytes: DD_STDOUT_BYTES_MAX, errno: "EFBIG" };
      case "file": {
        const start = this.#append ? this.#base.length : this.#start;
        return { bytes: Math.max(0, DD_FILE_BYTES_MAX - start), errno: "EFBIG" };
      }
    }
  }

  /** How many bytes are worth producing: a discarding output keeps none. */
  keepBytes(): number {
    return this.kind === "discard" || this.kind === "full" ? 0 : this.room().bytes;
  }

  /** Stores what dd wrote: the bytes for stdout (latin1), or "" after writing the file once. */
  async commit(host: ProcessHost, written: Uint8Array): Promise<string> {
    if (this.kind === "stdout") return bytesToLatin1(written);
    if (this.kind !== "file" || (written.length === 0 && !this.#resized)) return "";
    const start = this.#append ? this.#base.length : this.#start;
    const content = new Uint8Array(Math.max(this.#base.length, start + written.length));
    content.set(this.#base);
    content.set(written, start);
    await host.fs.writeFile(this.#path!, content);
    return "";
  }
}

/**
 * Opens dd's `of=` (stdout without it) as busybox does: `O_WRONLY|O_CREAT`, plus `O_TRUNC`
 * unless `seek=` or `conv=notrunc` is given. Creating or truncating happens here, at open.
 */
export async function openDdOutput(
  request: { outfile: string | undefined; truncate: boolean; append: boolean },
  ctx: CommandContext,
  host: ProcessHost,
): Promise<DdOutput | DdOpenError> {
  const { outfile } = request;
  if (outfile === undefined || outfile === "/dev/stdout" || outfile === "/proc/self/fd/1")
    return new DdOutput({ kind: "stdout", name: outfile ?? "standard output" });
  const path = ctx.fs.resolvePath(ctx.cwd, outfile);
  try {
    const info = host.view.exists(path) ? host.view.stat(path) : undefined;
    if (info?.type === "directory") return { errno: "EISDIR" };
    if (info !== undefined && info.type !== "file") {
      if (info.type !== "char" || info.devMajor !== 1) return { errno: "ENXIO" };
      if (info.devMinor === 7) return new DdOutput({ kind: "full", name: outfile });
      if ([3, 5, 8, 9].includes(info.devMinor))
        return new DdOutput({ kind: "discard", name: outfile });
      return { errno: "ENXIO" };
    }
    let base: Uint8Array = new Uint8Array(0);
    if (info === undefined || request.truncate) await host.fs.writeFile(path, base);
    else base = host.view.readFile(path);
    return new DdOutput({ kind: "file", name: outfile, path, base, append: request.append });
  } catch (error) {
    return { errno: errnoOf(error) };
  }
}
