import { gunzip } from "../../archive/gzip.ts";
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
 * file or media type says. gzip is inflated (bounded by `sizeBytesMax`); bzip2, xz and zstd are
 * refused as unsupported. The tar must parse, since dockerd unpacks every layer it loads.
 */
export function uncompressedLayer(
  bytes: Uint8Array,
  options: { path: string; sizeBytesMax: number },
): UncompressedLayer {
  const compression = sniffCompression(bytes);
  if (compression !== "gzip" && compression !== "none") {
    throw new DockerArchiveError({
      reason: "unsupported",
      path: options.path,
      message: `${options.path}: ${compression}-compressed layers are not supported`,
    });
  }
  const tar =
    compression === "gzip"
      ? layerStep(options.path, () => gunzip(bytes, { sizeBytesMax: options.sizeBytesMax }))
      : bytes;
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
      message: `Error processing tar file(exit status 1): ${cause.message} (in ${path})`,
      cause,
    });
  }
}
