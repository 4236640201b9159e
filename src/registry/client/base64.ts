const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (RFC 4648 §4), as HTTP Basic credentials are encoded. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index]!;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const word = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(word >> 18) & 63]! + ALPHABET[(word >> 12) & 63]!;
    out += b === undefined ? "=" : ALPHABET[(word >> 6) & 63]!;
    out += c === undefined ? "=" : ALPHABET[word & 63]!;
  }
  return out;
}

/**
 * Decodes standard or URL-safe base64, padded or not (the CLI sends `X-Registry-Auth` as
 * base64url). Returns undefined for anything else.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, "").replaceAll("-", "+").replaceAll("_", "/");
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of clean) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
