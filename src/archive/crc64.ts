/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected: 0xC96C5795D7870F42), as xz's check type 4. Kept
 * as two 32-bit halves so no BigInt is needed in the byte loop.
 */
const TABLE_LOW = new Uint32Array(256);
const TABLE_HIGH = new Uint32Array(256);

for (let n = 0; n < 256; n++) {
  let low = n;
  let high = 0;
  for (let k = 0; k < 8; k++) {
    const carry = low & 1;
    low = ((low >>> 1) | (high << 31)) >>> 0;
    high >>>= 1;
    if (carry) {
      low = (low ^ 0xd7870f42) >>> 0;
      high = (high ^ 0xc96c5795) >>> 0;
    }
  }
  TABLE_LOW[n] = low;
  TABLE_HIGH[n] = high;
}

/** The CRC-64 of `bytes`, as its 8 little-endian bytes (the order xz stores it in). */
export function crc64(bytes: Uint8Array): Uint8Array {
  let low = 0xffffffff;
  let high = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    const index = (low ^ bytes[i]!) & 0xff;
    low = ((low >>> 8) | (high << 24)) ^ TABLE_LOW[index]!;
    high = (high >>> 8) ^ TABLE_HIGH[index]!;
  }
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, ~low >>> 0, true);
  view.setUint32(4, ~high >>> 0, true);
  return out;
}
