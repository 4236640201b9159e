/** bzip2's CRC-32: polynomial 0x04C11DB7, not reflected (most significant bit first). */
const TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Continues bzip2's CRC over `bytes[start, end)`; start from 0xFFFFFFFF, invert at the end. */
export function bzip2CrcUpdate(
  crc: number,
  bytes: Uint8Array,
  range: { start: number; end: number },
): number {
  let c = crc;
  for (let i = range.start; i < range.end; i++)
    c = (c << 8) ^ TABLE[((c >>> 24) ^ bytes[i]!) & 0xff]!;
  return c >>> 0;
}
