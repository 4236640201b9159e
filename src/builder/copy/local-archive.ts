import { decompress, dockerdCompression } from "../../archive/decompress.ts";
import { sniffCompression } from "../../archive/sniff-compression.ts";
import { BLOCK_SIZE, isZeroBlock } from "../../archive/tar-block.ts";
import type { TarEntry } from "../../archive/tar-entry.ts";
import { decodeTarHeader } from "../../archive/tar-header-decoder.ts";
import { readTar } from "../../archive/tar-reader.ts";
import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
import { BuildError } from "../build-error.ts";

/**
 * ADD's archive test (`isArchivePath`) and unpacking: content is an archive when, once
 * decompressed, it starts with a valid tar header. Returns its entries, or undefined for
 * anything else (which ADD then copies as a plain file). gzip, bzip2 and xz are decoded, as
 * dockerd 20.10 does; zstd (and `.lzma`) it does not recognise, so such files are copied as
 * they are. Compressed data that does not decode is copied as a file too: drydock decodes the
 * whole stream up front, where dockerd would fail part-way through an archive whose start
 * decoded.
 */
export function localArchiveEntries(
  content: Uint8Array,
  limits: { extractSizeBytesMax: number; entryCountMax: number },
): TarEntry[] | undefined {
  let tar: Uint8Array;
  try {
    tar = decompress(content, {
      compression: dockerdCompression(sniffCompression(content)),
      sizeBytesMax: limits.extractSizeBytesMax,
    });
  } catch (error) {
    if (isDrydockError(error) && error.code !== "LimitExceeded") return undefined;
    throw error;
  }
  if (!startsWithTarHeader(tar)) return undefined;
  try {
    return readTar(tar, {
      entryCountMax: limits.entryCountMax,
      totalSizeBytesMax: limits.extractSizeBytesMax,
    });
  } catch (error) {
    if (error instanceof DrydockError && error.code !== "LimitExceeded") {
      throw new BuildError(`failed to copy files: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function startsWithTarHeader(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK_SIZE) return false;
  const block = bytes.subarray(0, BLOCK_SIZE);
  if (isZeroBlock(block)) return false;
  try {
    decodeTarHeader(block, 0);
    return true;
  } catch (error) {
    if (isDrydockError(error)) return false;
    throw error;
  }
}
