/**
 * SHA-3 (FIPS 202: Keccak-f[1600] sponge, domain bits 01), synchronous and portable, for
 * busybox's `sha3sum -a 224|256|384|512`. Each 64-bit lane is a (high, low) pair of 32-bit
 * halves; round constants and rotation offsets are derived from the spec's definitions.
 */

/** The digest sizes `sha3sum -a` accepts. */
export type Sha3Bits = 224 | 256 | 384 | 512;

const ROUNDS = 24;

/** Iota's round constants from the spec's LFSR (x^8 + x^6 + x^5 + x^4 + 1), as hi/lo pairs. */
const ROUND_CONSTANTS: Int32Array = (() => {
  const out = new Int32Array(ROUNDS * 2);
  let lfsr = 1;
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < 7; j++) {
      const bit = lfsr & 1;
      lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : lfsr << 1;
      if (bit === 0) continue;
      const position = (1 << j) - 1;
      if (position < 32) out[round * 2 + 1]! |= 1 << position;
      else out[round * 2]! |= 1 << (position - 32);
    }
  }
  return out;
})();

/** Rho's offsets and pi's destinations, walking (x, y) → (y, 2x + 3y) from (1, 0). */
const RHO_PI: { readonly offsets: Uint8Array; readonly lanes: Uint8Array } = (() => {
  const offsets = new Uint8Array(24);
  const lanes = new Uint8Array(24);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    offsets[t] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
    lanes[t] = x + 5 * y;
  }
  return { offsets, lanes };
})();

/** The SHA3-`bits` digest of `data`. */
export function sha3(data: Uint8Array, bits: Sha3Bits): Uint8Array {
  const rate = 200 - bits / 4;
  const length = (Math.floor(data.length / rate) + 1) * rate;
  const padded = new Uint8Array(length);
  padded.set(data);
  padded[data.length]! |= 0x06;
  padded[length - 1]! |= 0x80;
  const view = new DataView(padded.buffer);
  const state = new Int32Array(50);
  for (let offset = 0; offset < length; offset += rate) {
    for (let lane = 0; lane < rate / 8; lane++) {
      state[lane * 2 + 1]! ^= view.getUint32(offset + lane * 8, true);
      state[lane * 2]! ^= view.getUint32(offset + lane * 8 + 4, true);
    }
    keccakF1600(state);
  }
  const out = new Uint8Array(bits / 8);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < out.length; i += 4) {
    const lane = i >> 3;
    outView.setUint32(i, state[lane * 2 + (i & 4 ? 0 : 1)]!, true);
  }
  return out;
}

function rotlHi(hi: number, lo: number, n: number): number {
  if (n === 0) return hi;
  if (n < 32) return (hi << n) | (lo >>> (32 - n));
  if (n === 32) return lo;
  return (lo << (n - 32)) | (hi >>> (64 - n));
}

function rotlLo(hi: number, lo: number, n: number): number {
  if (n === 0) return lo;
  if (n < 32) return (lo << n) | (hi >>> (32 - n));
  if (n === 32) return hi;
  return (hi << (n - 32)) | (lo >>> (64 - n));
}

/** Scratch for θ's column parities and χ's row copy (the permutation is not re-entrant). */
const scratch = new Int32Array(10);
const NEXT: Uint8Array = Uint8Array.of(1, 2, 3, 4, 0);
const AFTER_NEXT: Uint8Array = Uint8Array.of(2, 3, 4, 0, 1);
const PREVIOUS: Uint8Array = Uint8Array.of(4, 0, 1, 2, 3);

/** The permutation, in place; lane (x, y) is at index 2(x + 5y) (high) and +1 (low). */
function keccakF1600(s: Int32Array): void {
  const c = scratch;
  for (let round = 0; round < ROUNDS; round++) {
    theta(s, c);
    rhoPi(s);
    // χ: a row-wise non-linear mix.
    for (let y = 0; y < 50; y += 10) {
      for (let x = 0; x < 10; x++) c[x] = s[y + x]!;
      for (let x = 0; x < 5; x++) {
        const b = NEXT[x]! * 2;
        const d = AFTER_NEXT[x]! * 2;
        s[y + x * 2] = c[x * 2]! ^ (~c[b]! & c[d]!);
        s[y + x * 2 + 1] = c[x * 2 + 1]! ^ (~c[b + 1]! & c[d + 1]!);
      }
    }
    // ι
    s[0]! ^= ROUND_CONSTANTS[round * 2]!;
    s[1]! ^= ROUND_CONSTANTS[round * 2 + 1]!;
  }
}

/** θ: xor each column's parity into its neighbours. */
function theta(s: Int32Array, c: Int32Array): void {
  for (let x = 0; x < 10; x++) c[x] = s[x]! ^ s[x + 10]! ^ s[x + 20]! ^ s[x + 30]! ^ s[x + 40]!;
  for (let x = 0; x < 5; x++) {
    const left = PREVIOUS[x]! * 2;
    const rh = c[NEXT[x]! * 2]!;
    const rl = c[NEXT[x]! * 2 + 1]!;
    const dh = c[left]! ^ ((rh << 1) | (rl >>> 31));
    const dl = c[left + 1]! ^ ((rl << 1) | (rh >>> 31));
    for (let y = x * 2; y < 50; y += 10) {
      s[y]! ^= dh;
      s[y + 1]! ^= dl;
    }
  }
}

/** ρ and π together: each lane moves along the (x, y) walk, rotated by its offset. */
function rhoPi(s: Int32Array): void {
  let hi = s[2]!;
  let lo = s[3]!;
  for (let t = 0; t < 24; t++) {
    const lane = RHO_PI.lanes[t]! * 2;
    const nextHi = s[lane]!;
    const nextLo = s[lane + 1]!;
    const n = RHO_PI.offsets[t]!;
    s[lane] = rotlHi(hi, lo, n);
    s[lane + 1] = rotlLo(hi, lo, n);
    hi = nextHi;
    lo = nextLo;
  }
}
