import { unreachable } from "../errors/assert.ts";
import { bunzip2 } from "./bunzip2.ts";
import { gunzip } from "./gzip.ts";
import type { Compression } from "./sniff-compression.ts";
import { unxz } from "./unxz.ts";

/** The compressions dockerd 20.10's `DecompressStream` decodes (zstd came with moby 23.0). */
export type DockerdCompression = "gzip" | "bzip2" | "xz" | "none";

/**
 * What dockerd 20.10 makes of `sniffCompression`'s answer: it does not recognise zstd, so a
 * zstd stream reads as uncompressed bytes there (ADD copies it as a file, `docker load` fails
 * on it as a tar).
 */
export function dockerdCompression(compression: Compression): DockerdCompression {
  return compression === "zstd" ? "none" : compression;
}

/**
 * Decompresses `bytes` as dockerd's `DecompressStream` would: gzip, bzip2 or xz, bounded by
 * `sizeBytesMax`; "none" returns the bytes unchanged. Format errors are the codec's own
 * (`GzipFormatError`, `DecompressError`).
 */
export function decompress(
  bytes: Uint8Array,
  options: { compression: DockerdCompression; sizeBytesMax: number },
): Uint8Array {
  const { compression, sizeBytesMax } = options;
  switch (compression) {
    case "none":
      return bytes;
    case "gzip":
      return gunzip(bytes, { sizeBytesMax });
    case "bzip2":
      return bunzip2(bytes, { sizeBytesMax });
    case "xz":
      return unxz(bytes, { sizeBytesMax });
    default:
      return unreachable(compression, "decompress: unknown compression");
  }
}
