import { readFileSync } from "node:fs";

const CODECS = new URL("../../fixtures/archive/codecs/", import.meta.url);

/** A file of `test/fixtures/archive/codecs/` (see its README for how each was made). */
export function codecFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, CODECS)));
}

/** The 300 000-byte input of the `big.bin.*` fixtures, regenerated as the README says. */
export function bigInput(): Uint8Array {
  return Uint8Array.from(
    { length: 300_000 },
    (_, i) => ((i % 997) * 31 + Math.floor(i / 50_000)) & 0xff,
  );
}

/** A copy of `bytes` with the byte at `index` xor-ed with `mask`. */
export function flipped(bytes: Uint8Array, index: number, mask = 0x55): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= mask;
  return copy;
}
