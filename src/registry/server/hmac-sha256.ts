import { createSha256 } from "../../digest/sha256.ts";

const BLOCK_BYTES = 64;

/** HMAC-SHA256 (RFC 2104), as 2.8.2 signs its upload state. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK_BYTES);
  block.set(key.length > BLOCK_BYTES ? hexBytes(createSha256().update(key).digestHex()) : key);
  const inner = new Uint8Array(BLOCK_BYTES);
  const outer = new Uint8Array(BLOCK_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  const innerHash = hexBytes(createSha256().update(inner).update(message).digestHex());
  return hexBytes(createSha256().update(outer).update(innerHash).digestHex());
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
