/**
 * XXH64 with seed 0, the checksum of zstd frames, computed on 32-bit halves: no BigInt, and
 * the hot loop allocates nothing (results of 64-bit steps land in `hi`/`lo`).
 */
let hi = 0;
let lo = 0;

const P1H = 0x9e3779b1;
const P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d;
const P2L = 0x27d4eb4f;
const P3H = 0x165667b1;
const P3L = 0x9e3779f9;
const P4H = 0x85ebca77;
const P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f;
const P5L = 0x165667c5;

/** (ah:al) * (bh:bl) mod 2^64 into hi:lo; the high half of al*bl from 16-bit pieces. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const m1 = a1 * b0 + ((a0 * b0) >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  const high = a1 * b1 + (m1 >>> 16) + (m2 >>> 16);
  hi = (high + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  lo = Math.imul(al, bl) >>> 0;
}

/** (ah:al) + (bh:bl) mod 2^64 into hi:lo. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const sum = al + bl;
  hi = (ah + bh + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  lo = sum >>> 0;
}

/** Rotates hi:lo left by `bits` (1–63, not 32). */
function rotl(bits: number): void {
  let h = hi;
  let l = lo;
  if (bits > 32) {
    [h, l] = [l, h];
    bits -= 32;
  }
  hi = ((h << bits) | (l >>> (32 - bits))) >>> 0;
  lo = ((l << bits) | (h >>> (32 - bits))) >>> 0;
}

/** round(acc, input) = rotl(acc + input * P2, 31) * P1, into hi:lo. */
function round(accHi: number, accLo: number, inputHi: number, inputLo: number): void {
  mul(inputHi, inputLo, P2H, P2L);
  add(accHi, accLo, hi, lo);
  rotl(31);
  mul(hi, lo, P1H, P1L);
}

function read32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/** Four 32-byte-stripe accumulators, then merged (inputs of 32 bytes or more). */
function stripes(bytes: Uint8Array): { at: number; h: [number, number] } {
  add(P1H, P1L, P2H, P2L);
  let v1h = hi;
  let v1l = lo;
  let v2h = P2H;
  let v2l = P2L;
  let v3h = 0;
  let v3l = 0;
  let v4h = (0 - P1H - 1) >>> 0;
  let v4l = (0 - P1L) >>> 0;
  let at = 0;
  for (; at + 32 <= bytes.length; at += 32) {
    round(v1h, v1l, read32(bytes, at + 4), read32(bytes, at));
    v1h = hi;
    v1l = lo;
    round(v2h, v2l, read32(bytes, at + 12), read32(bytes, at + 8));
    v2h = hi;
    v2l = lo;
    round(v3h, v3l, read32(bytes, at + 20), read32(bytes, at + 16));
    v3h = hi;
    v3l = lo;
    round(v4h, v4l, read32(bytes, at + 28), read32(bytes, at + 24));
    v4h = hi;
    v4l = lo;
  }
  const lanes: [number, number][] = [
    [v1h, v1l],
    [v2h, v2l],
    [v3h, v3l],
    [v4h, v4l],
  ];
  let h: [number, number] = [0, 0];
  [1, 7, 12, 18].forEach((bits, lane) => {
    [hi, lo] = lanes[lane]!;
    rotl(bits);
    add(h[0], h[1], hi, lo);
    h = [hi, lo];
  });
  for (const lane of lanes) {
    round(0, 0, lane[0], lane[1]);
    hi = (hi ^ h[0]) >>> 0;
    lo = (lo ^ h[1]) >>> 0;
    mul(hi, lo, P1H, P1L);
    add(hi, lo, P4H, P4L);
    h = [hi, lo];
  }
  return { at, h };
}

/** The low 32 bits of XXH64(`bytes`, seed 0), as zstd stores them after a frame. */
export function xxhash64Low32(bytes: Uint8Array): number {
  const length = bytes.length;
  let { at, h } = length >= 32 ? stripes(bytes) : { at: 0, h: [P5H, P5L] as [number, number] };
  add(h[0], h[1], Math.floor(length / 4294967296) >>> 0, length >>> 0);
  for (; at + 8 <= length; at += 8) {
    const [h0, h1] = [hi, lo];
    round(0, 0, read32(bytes, at + 4), read32(bytes, at));
    hi = (hi ^ h0) >>> 0;
    lo = (lo ^ h1) >>> 0;
    rotl(27);
    mul(hi, lo, P1H, P1L);
    add(hi, lo, P4H, P4L);
  }
  if (at + 4 <= length) {
    const [h0, h1] = [hi, lo];
    mul(0, read32(bytes, at), P1H, P1L);
    hi = (hi ^ h0) >>> 0;
    lo = (lo ^ h1) >>> 0;
    rotl(23);
    mul(hi, lo, P2H, P2L);
    add(hi, lo, P3H, P3L);
    at += 4;
  }
  for (; at < length; at++) {
    const [h0, h1] = [hi, lo];
    mul(0, bytes[at]!, P5H, P5L);
    hi = (hi ^ h0) >>> 0;
    lo = (lo ^ h1) >>> 0;
    rotl(11);
    mul(hi, lo, P1H, P1L);
  }
  h = [hi, lo];
  for (const [shift, primeHi, primeLo] of [
    [33, P2H, P2L],
    [29, P3H, P3L],
    [32, 0, 0],
  ] as const) {
    const shiftedLo =
      shift >= 32 ? h[0] >>> (shift - 32) : ((h[1] >>> shift) | (h[0] << (32 - shift))) >>> 0;
    const shiftedHi = shift >= 32 ? 0 : h[0] >>> shift;
    hi = (h[0] ^ shiftedHi) >>> 0;
    lo = (h[1] ^ shiftedLo) >>> 0;
    if (primeHi !== 0) mul(hi, lo, primeHi, primeLo);
    h = [hi, lo];
  }
  return h[1];
}
