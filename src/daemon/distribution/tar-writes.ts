import { BLOCK_SIZE, FIELD, isZeroBlock, readNumeric } from "../../archive/tar-block.ts";

/** Go's `io.Copy` moves file data in 32 KiB buffers. */
const COPY_BUFFER_BYTES = 32 * 1024;

/**
 * The sizes of the writes in which dockerd's tar writer produces a layer tar, which are the reads
 * its push progress counts (the tar goes through a pipe into the compressor): each 512-byte
 * header on its own, file data 32 KiB at a time, the padding of a file's last block, then the
 * end-of-archive blocks in one write. An unreadable header ends the list with one write of the
 * rest, so the sizes always add up to the tar's length.
 */
export function tarWriteSizes(tar: Uint8Array): number[] {
  const writes: number[] = [];
  let at = 0;
  while (at + BLOCK_SIZE <= tar.length) {
    const header = tar.subarray(at, at + BLOCK_SIZE);
    const size = isZeroBlock(header) ? undefined : readNumeric(header, FIELD.size);
    if (size === undefined) break;
    const padding = (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;
    if (at + BLOCK_SIZE + size + padding > tar.length) break;
    writes.push(BLOCK_SIZE);
    for (let left = size; left > 0; left -= COPY_BUFFER_BYTES)
      writes.push(Math.min(COPY_BUFFER_BYTES, left));
    if (padding > 0) writes.push(padding);
    at += BLOCK_SIZE + size + padding;
  }
  if (at < tar.length) writes.push(tar.length - at);
  return writes;
}
