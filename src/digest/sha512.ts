/**
 * SHA-512 (FIPS 180-4), synchronous and portable, for busybox's `sha512sum` inside simulated
 * time. JavaScript has no fast 64-bit integers, so every word is a (high, low) pair of 32-bit
 * halves.
 */

/** The first 64 bits of the fractional part of `root(p)` for each prime p, as [hi, lo] pairs. */
function fractionalRoots(count: number, degree: 2n | 3n): Uint32Array {
  const out = new Uint32Array(count * 2);
  let found = 0;
  for (let p = 2n; found < count; p++) {
    if (!isPrime(p)) continue;
    // floor(root(p · 2^(64·degree))) = floor(root(p) · 2^64); its low 64 bits are the fraction.
    const bits = integerRoot(p << (64n * degree), degree) & (2n ** 64n - 1n);
    out[found * 2] = Number(bits >> 32n);
    out[found * 2 + 1] = Number(bits & 0xffffffffn);
    found++;
  }
  return out;
}

function isPrime(n: bigint): boolean {
  for (let d = 2n; d * d <= n; d++) if (n % d === 0n) return false;
  return true;
}

/** floor(n^(1/degree)) by Newton's method on integers. */
function integerRoot(n: bigint, degree: bigint): bigint {
  let x = 1n << (BigInt(n.toString(2).length) / degree + 1n);
  for (;;) {
    const next = ((degree - 1n) * x + n / x ** (degree - 1n)) / degree;
    if (next >= x) return x;
    x = next;
  }
}

const K: Uint32Array = fractionalRoots(80, 3n);
const INITIAL: Uint32Array = fractionalRoots(8, 2n);

function rotrHi(hi: number, lo: number, n: number): number {
  return n < 32 ? (hi >>> n) | (lo << (32 - n)) : (lo >>> (n - 32)) | (hi << (64 - n));
}

function rotrLo(hi: number, lo: number, n: number): number {
  return n < 32 ? (lo >>> n) | (hi << (32 - n)) : (hi >>> (n - 32)) | (lo << (64 - n));
}

/** The 64-byte SHA-512 digest of `data`. */
export function sha512(data: Uint8Array): Uint8Array {
  const state = INITIAL.slice();
  const length = (((data.length + 16) >> 7) + 1) << 7;
  const padded = new Uint8Array(length);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(length - 4, bits >>> 0);
  const w = new Uint32Array(160);
  for (let offset = 0; offset < length; offset += 128) {
    for (let i = 0; i < 32; i++) w[i] = view.getUint32(offset + i * 4);
    expand(w);
    compress(state, w);
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) outView.setUint32(i * 4, state[i]!);
  return out;
}

/** The message schedule: w[i] = σ1(w[i-2]) + w[i-7] + σ0(w[i-15]) + w[i-16]. */
function expand(w: Uint32Array): void {
  for (let i = 16; i < 80; i++) {
    const h2 = w[(i - 2) * 2]!;
    const l2 = w[(i - 2) * 2 + 1]!;
    const h15 = w[(i - 15) * 2]!;
    const l15 = w[(i - 15) * 2 + 1]!;
    const s1h = rotrHi(h2, l2, 19) ^ rotrHi(h2, l2, 61) ^ (h2 >>> 6);
    const s1l = rotrLo(h2, l2, 19) ^ rotrLo(h2, l2, 61) ^ ((l2 >>> 6) | (h2 << 26));
    const s0h = rotrHi(h15, l15, 1) ^ rotrHi(h15, l15, 8) ^ (h15 >>> 7);
    const s0l = rotrLo(h15, l15, 1) ^ rotrLo(h15, l15, 8) ^ ((l15 >>> 7) | (h15 << 25));
    const lo = (s1l >>> 0) + w[(i - 7) * 2 + 1]! + (s0l >>> 0) + w[(i - 16) * 2 + 1]!;
    const hi = s1h + w[(i - 7) * 2]! + s0h + w[(i - 16) * 2]! + Math.floor(lo / 2 ** 32);
    w[i * 2] = hi;
    w[i * 2 + 1] = lo;
  }
}

/** 80 rounds over the working variables a..h, each a hi/lo pair of locals. */
function compress(state: Uint32Array, w: Uint32Array): void {
  let [ah, al, bh, bl, ch, cl, dh, dl] = [
    state[0]!,
    state[1]!,
    state[2]!,
    state[3]!,
    state[4]!,
    state[5]!,
    state[6]!,
    state[7]!,
  ];
  let [eh, el, fh, fl, gh, gl, hh, hl] = [
    state[8]!,
    state[9]!,
    state[10]!,
    state[11]!,
    state[12]!,
    state[13]!,
    state[14]!,
    state[15]!,
  ];
  for (let i = 0; i < 80; i++) {
    const sum1h = rotrHi(eh, el, 14) ^ rotrHi(eh, el, 18) ^ rotrHi(eh, el, 41);
    const sum1l = rotrLo(eh, el, 14) ^ rotrLo(eh, el, 18) ^ rotrLo(eh, el, 41);
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    const t1l = hl + (sum1l >>> 0) + (chl >>> 0) + K[i * 2 + 1]! + w[i * 2 + 1]!;
    const t1h = hh + sum1h + chh + K[i * 2]! + w[i * 2]! + Math.floor(t1l / 2 ** 32);
    const sum0h = rotrHi(ah, al, 28) ^ rotrHi(ah, al, 34) ^ rotrHi(ah, al, 39);
    const sum0l = rotrLo(ah, al, 28) ^ rotrLo(ah, al, 34) ^ rotrLo(ah, al, 39);
    const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
    const t2l = (sum0l >>> 0) + (majl >>> 0);
    const t2h = sum0h + majh + Math.floor(t2l / 2 ** 32);
    [hh, hl, gh, gl, fh, fl] = [gh, gl, fh, fl, eh, el];
    const newEl = dl + (t1l >>> 0);
    eh = (dh + t1h + Math.floor(newEl / 2 ** 32)) >>> 0;
    el = newEl >>> 0;
    [dh, dl, ch, cl, bh, bl] = [ch, cl, bh, bl, ah, al];
    const newAl = (t1l >>> 0) + (t2l >>> 0);
    ah = (t1h + t2h + Math.floor(newAl / 2 ** 32)) >>> 0;
    al = newAl >>> 0;
  }
  const v = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
  for (let i = 0; i < 16; i += 2) {
    const lo = state[i + 1]! + v[i + 1]!;
    state[i] = state[i]! + v[i]! + Math.floor(lo / 2 ** 32);
    state[i + 1] = lo;
  }
}
