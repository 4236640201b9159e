import { isGzip } from "./gzip.ts";

/** The compressions Docker recognises for layers and build contexts. */
export type Compression = "gzip" | "bzip2" | "xz" | "zstd" | "none";

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/**
 * Identifies the compression of `bytes` by its magic number, as moby's `DetectCompression`:
 * gzip `1f 8b 08`, bzip2 `BZh`, xz `fd 37 7a 58 5a 00`, zstd `28 b5 2f fd` or a zstd skippable
 * frame (`5? 2a 4d 18`). Anything else is "none" (plain tar). `decompress.ts` decodes what
 * dockerd 20.10 decodes (gzip, bzip2, xz); `unzstd` exists for zstd, which dockerd 20.10 ignores.
 */
export function sniffCompression(bytes: Uint8Array): Compression {
  if (isGzip(bytes)) return "gzip";
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return "bzip2";
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  const isSkippableFrame =
    bytes.length >= 4 &&
    (bytes[0]! & 0xf0) === 0x50 &&
    bytes[1] === 0x2a &&
    bytes[2] === 0x4d &&
    bytes[3] === 0x18;
  return isSkippableFrame ? "zstd" : "none";
}
