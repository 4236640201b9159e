import type { CommandContext } from "just-bash";
import type { Rng } from "../../random/rng.ts";
import { latin1ToBytes } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import { errnoOf } from "./libc-errors.ts";

/** What dd reads from: a file's bytes, an endless device, or something whose reads fail. */
export type DdInputKind = "bytes" | "zero" | "random" | "empty" | "unreadable";

/** A run of reads that all return `length` bytes. */
export interface DdReadBatch {
  readonly length: number;
  readonly reads: number;
}

/**
 * dd's input descriptor. A regular file (and stdin, taken whole, as a file redirect would be)
 * reads `min(size, remaining)`; /dev/zero and /dev/full read zeros, /dev/urandom and /dev/random
 * seeded bytes, /dev/null nothing; a directory fails every read with EISDIR. Reads of the same
 * length are handled as a batch so `bs=1 count=5M` costs no five million iterations.
 */
export class DdInput {
  readonly kind: DdInputKind;
  /** The name dd's messages use (`standard input` for stdin). */
  readonly name: string;
  readonly #load: () => Uint8Array;
  readonly #rng: Rng;
  #data: Uint8Array | undefined;
  #position = 0;

  constructor(options: { kind: DdInputKind; name: string; load?: () => Uint8Array; rng: Rng }) {
    this.kind = options.kind;
    this.name = options.name;
    this.#load = options.load ?? (() => new Uint8Array(0));
    this.#rng = options.rng;
  }

  /** `lseek(fd, bytes, SEEK_CUR)`: every kind dd reads from can seek. */
  skip(bytes: number): void {
    this.#position += bytes;
  }

  /** The next run of up to `maxReads` reads of `size` bytes; 0 reads at end of input. */
  peek(size: number, maxReads: number): DdReadBatch {
    switch (this.kind) {
      case "zero":
      case "random":
        return { length: size, reads: maxReads };
      case "empty":
      case "unreadable":
        return { length: 0, reads: 0 };
      case "bytes": {
        const remaining = Math.max(0, this.#bytes().length - this.#position);
        if (remaining === 0) return { length: 0, reads: 0 };
        if (remaining < size) return { length: remaining, reads: 1 };
        return { length: size, reads: Math.min(maxReads, Math.floor(remaining / size)) };
      }
    }
  }

  /**
   * Consumes `byteCount` bytes and returns the first `keepBytes` of them (`undefined` for zeros,
   * so a big /dev/zero copy allocates nothing until it is stored).
   */
  take(byteCount: number, keepBytes: number): Uint8Array | undefined {
    const keep = Math.min(byteCount, keepBytes);
    const start = this.#position;
    this.#position += byteCount;
    if (this.kind === "random") return this.#rng.bytes(keep);
    if (this.kind !== "bytes") return undefined;
    return this.#bytes().subarray(start, start + keep);
  }

  #bytes(): Uint8Array {
    this.#data ??= this.#load();
    return this.#data;
  }
}

/** Why an input or output could not be opened: busybox's `can't open 'X': …`. */
export interface DdOpenError {
  readonly errno: string;
}

/** Opens dd's `if=` (stdin without it) as busybox's `xopen(O_RDONLY)` would. */
export function openDdInput(
  infile: string | undefined,
  ctx: CommandContext,
  host: ProcessHost,
): DdInput | DdOpenError {
  const rng = host.rng;
  if (infile === undefined || infile === "/dev/stdin" || infile === "/proc/self/fd/0") {
    const stdin = ctx.stdin as unknown as string;
    return new DdInput({
      kind: "bytes",
      name: infile ?? "standard input",
      load: () => latin1ToBytes(stdin),
      rng,
    });
  }
  const path = ctx.fs.resolvePath(ctx.cwd, infile);
  try {
    const info = host.view.stat(path);
    if (info.type === "directory") return new DdInput({ kind: "unreadable", name: infile, rng });
    if (info.type === "file")
      return new DdInput({
        kind: "bytes",
        name: infile,
        load: () => host.view.readFile(path),
        rng,
      });
    if (info.type === "char" && info.devMajor === 1) {
      const kind = ({ 3: "empty", 5: "zero", 7: "zero", 8: "random", 9: "random" } as const)[
        info.devMinor as 3 | 5 | 7 | 8 | 9
      ];
      if (kind !== undefined) return new DdInput({ kind, name: infile, rng });
    }
    return { errno: "ENXIO" };
  } catch (error) {
    return { errno: errnoOf(error) };
  }
}
