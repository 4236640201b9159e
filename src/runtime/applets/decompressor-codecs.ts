import { bunzip2 } from "../../archive/bunzip2.ts";
import { DecompressError } from "../../archive/decompress-error.ts";
import { gunzip } from "../../archive/gzip.ts";
import { uncompressLzw } from "../../archive/uncompress-lzw.ts";
import { unlzma } from "../../archive/unlzma.ts";
import { unxz } from "../../archive/unxz.ts";
import { isDrydockError, isLimitExceeded } from "../../errors/drydock-error.ts";

/** The result of running one of busybox's unpackers over a whole input. */
export type UnpackResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly partial: Uint8Array; readonly message: string };

/** One of busybox's decompressors: its file suffix and its decoding, with busybox's messages. */
export interface Unpacker {
  /** The suffix `bunzip2 FILE` strips (`.bz2`), without which it refuses the file. */
  readonly suffix: string;
  unpack(bytes: Uint8Array, sizeBytesMax: number): UnpackResult;
}

/**
 * Runs a drydock decoder and words its failure as busybox does. Limits pass through (the
 * applet reports them as a write error).
 */
function guarded(
  decode: () => Uint8Array,
  message: (error: DecompressError) => string,
): UnpackResult {
  try {
    return { ok: true, bytes: decode() };
  } catch (error) {
    if (!(error instanceof DecompressError)) throw error;
    return { ok: false, partial: error.partialOutput, message: message(error) };
  }
}

/** busybox's `bunzip2`: `invalid magic` without `BZ`, `bunzip error -N` (its RETVAL_*) or `CRC error`. */
const BZIP2: Unpacker = {
  suffix: ".bz2",
  unpack(bytes, sizeBytesMax) {
    if (bytes.length >= 2 && (bytes[0] !== 0x42 || bytes[1] !== 0x5a)) {
      return { ok: false, partial: new Uint8Array(0), message: "invalid magic" };
    }
    if (bytes.length < 2)
      return { ok: false, partial: new Uint8Array(0), message: "invalid magic" };
    return guarded(
      () => bunzip2(bytes, { sizeBytesMax, trailing: "ignore" }),
      (error) => {
        if (error.reason === "checksum") return "CRC error";
        if (error.reason === "truncated") return "bunzip error -3";
        if (error.reason === "format") return "bunzip error -2";
        if (error.reason === "unsupported") return "bunzip error -7";
        return "bunzip error -5";
      },
    );
  },
};

/**
 * busybox's `unxz` (xz-embedded): verifies CRC-32 checks only, and stops quietly, with success,
 * at anything that is not an xz stream; every other failure is `corrupted data`.
 */
const XZ: Unpacker = {
  suffix: ".xz",
  unpack(bytes, sizeBytesMax) {
    return guarded(
      () => unxz(bytes, { sizeBytesMax, checks: "crc32", trailing: "ignore" }),
      () => "corrupted data",
    );
  },
};

/** busybox's `unlzma`: `bad lzma header`, `unexpected EOF`, else `corrupted data`. */
const LZMA: Unpacker = {
  suffix: ".lzma",
  unpack(bytes, sizeBytesMax) {
    if (bytes.length < 13)
      return { ok: false, partial: new Uint8Array(0), message: "bad lzma header" };
    const result = guarded(
      () => unlzma(bytes, { sizeBytesMax }),
      (error) =>
        error.reason === "format"
          ? "bad lzma header"
          : error.reason === "truncated"
            ? "unexpected EOF"
            : "corrupted data",
    );
    if (result.ok) return result;
    // busybox writes its window only when it is full: min(dictionary size, file size).
    const view = new DataView(bytes.buffer, bytes.byteOffset, 13);
    const known =
      view.getUint32(9, true) === 0 ? view.getUint32(5, true) : Number.POSITIVE_INFINITY;
    const window = Math.max(1, Math.min(view.getUint32(1, true), known));
    const flushed = Math.floor(result.partial.length / window) * window;
    return { ...result, partial: result.partial.subarray(0, flushed) };
  },
};

/** busybox's `uncompress` (LZW `.Z`). */
const COMPRESS: Unpacker = {
  suffix: ".Z",
  unpack(bytes, sizeBytesMax) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x9d) {
      return { ok: false, partial: new Uint8Array(0), message: "invalid magic" };
    }
    return guarded(
      () => uncompressLzw(bytes, { sizeBytesMax }),
      (error) => error.message,
    );
  },
};

/**
 * gzip as busybox's tar -z reads it (drydock's own gunzip, which is synchronous: just-bash's
 * tar inflates asynchronously, outside simulated time).
 */
const GZIP: Unpacker = {
  suffix: ".gz",
  unpack(bytes, sizeBytesMax) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      return { ok: false, partial: new Uint8Array(0), message: "invalid magic" };
    }
    try {
      return { ok: true, bytes: gunzip(bytes, { sizeBytesMax }) };
    } catch (error) {
      if (!isDrydockError(error) || isLimitExceeded(error)) throw error;
      return { ok: false, partial: new Uint8Array(0), message: "corrupted data" };
    }
  },
};

/** The unpackers by codec. */
export const UNPACKERS: Readonly<Record<"bzip2" | "xz" | "lzma" | "compress" | "gzip", Unpacker>> =
  {
    gzip: GZIP,
    bzip2: BZIP2,
    xz: XZ,
    lzma: LZMA,
    compress: COMPRESS,
  };
