import { sha256Hex } from "../digest/sha256.ts";
import { crc32 } from "./crc32.ts";
import { crc64 } from "./crc64.ts";

/** The size in bytes of xz check type `type` (0–15), from the format's fixed table. */
export function xzCheckSize(type: number): number {
  if (type === 0) return 0;
  return 4 << Math.floor((type - 1) / 3);
}

/**
 * The check of `data` for the types xz verifies (0 none, 1 CRC-32, 4 CRC-64, 10 SHA-256), as the
 * bytes stored after a block; undefined for the other types, which xz skips with a warning.
 */
export function xzCheck(type: number, data: Uint8Array): Uint8Array | undefined {
  switch (type) {
    case 0:
      return new Uint8Array(0);
    case 1: {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, crc32(data), true);
      return out;
    }
    case 4:
      return crc64(data);
    case 10:
      return hexBytes(sha256Hex(data));
    default:
      return undefined;
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
