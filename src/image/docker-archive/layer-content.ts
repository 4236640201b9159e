import { decompress, dockerdCompression } from "../../archive/decompress.ts";
import { DecompressError } from "../../archive/decompress-error.ts";
import { sniffCompression } from "../../archive/sniff-compression.ts";
import { readTar } from "../../archive/tar-reader.ts";
import { type Digest, digestOf } from "../../digest/digest.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { DockerArchiveError } from "./docker-archive-error.ts";

/** A layer as the daemon stores it: the uncompressed tar and its sha256 (the diff ID). */
export interface UncompressedLayer {
  readonly diffId: Digest;
  readonly tar: Uint8Array;
}

/**
 * The uncompressed tar of a layer file found in an archive or layout, as dockerd's
 * `DecompressStream` reads it: the compression is recognised by its magic number, whatever the
 * file or media type says. gzip, bzip2 and xz are decoded (bounded by `sizeBytesMax`); zstd is
 * not recognised by dockerd 20.10, so its bytes fail as a tar. The tar must parse, since dockerd
 * unpacks every layer it loads.
 */
export function uncompressedLayer(
  bytes: Uint8Array,
  options: { path: string; sizeBytesMax: number },
): UncompressedLayer {
  const compression = dockerdCompression(sniffCompression(bytes));
  const tar = layerStep(options.path, () =>
    decompress(bytes, { compression, sizeBytesMax: options.sizeBytesMax }),
  );
  layerStep(options.path, () => readTar(tar, { totalSizeBytesMax: options.sizeBytesMax }));
  return Object.freeze({ diffId: digestOf(tar), tar });
}

/** Runs one decoding step, naming the layer file in a format error (limits pass through). */
function layerStep<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    if (!isDrydockError(cause) || cause.code === "LimitExceeded") throw cause;
    throw new DockerArchiveError({
      reason: "format",
      path,
      message: layerErrorMessage(cause, path),
      cause,
    });
  }
}

/**
 * dockerd's wording (chrootarchive's `Error processing tar file(ERR): OUTPUT`): Go's bzip2
 * reader fails inside the untar process, so its error is ERR and OUTPUT is empty; xz runs as a
 * child (`xz -d -c -q`), so ERR is its exit status followed by its stderr. Other failures keep
 * drydock's usual form, which names the layer file.
 */
function layerErrorMessage(cause: Error, path: string): string {
  if (cause instanceof DecompressError && cause.codec === "bzip2") {
    return `Error processing tar file(${cause.message}): `;
  }
  if (cause instanceof DecompressError && cause.codec === "xz") {
    return `Error processing tar file(exit status 1: xz: (stdin): ${cause.message}\n): `;
  }
  return `Error processing tar file(exit status 1): ${cause.message} (in ${path})`;
}
