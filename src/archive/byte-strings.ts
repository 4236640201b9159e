/**
 * Conversions between JS strings and the byte strings tar headers hold. Go strings are bytes, so
 * Go's archive/tar round-trips any byte sequence; drydock decodes names as UTF-8 (invalid
 * sequences become U+FFFD) and xattr values as Latin-1 (one char per byte, lossless).
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

/** Encodes `text` as UTF-8. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, replacing invalid sequences with U+FFFD; ASCII takes a faster path. */
export function utf8String(bytes: Uint8Array): string {
  if (bytes.length <= 256 && isAsciiBytes(bytes)) return String.fromCharCode(...bytes);
  return utf8Decoder.decode(bytes);
}

/** Length of `text` in UTF-8 bytes, without allocating. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** Each char of `text` (all must be ≤ U+00FF) becomes one byte. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Each byte becomes one char U+0000..U+00FF, so binary values survive a round trip. */
export function latin1String(bytes: Uint8Array): string {
  let text = "";
  const step = 4096;
  for (let i = 0; i < bytes.length; i += step) {
    text += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return text;
}

/** True when every char is ≤ U+00FF, so `latin1Bytes` is lossless. */
export function isLatin1String(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

function isAsciiBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

/** Go's `isASCII`: every char is below 0x80 and none is NUL. */
export function isAsciiString(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80 || unit === 0) return false;
  }
  return true;
}

/** Go's `toASCII`: drops every non-ASCII char and NUL, as archive/tar does for header fields. */
export function asciiOnly(text: string): string {
  if (isAsciiString(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80 && unit !== 0) out += text[i];
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when `text` holds a lone surrogate, which UTF-8 cannot encode faithfully. */
export function isWellFormedUnicode(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Orders strings by their UTF-8 bytes, as Go's `sort.Strings` does. */
export function compareUtf8(left: string, right: string): number {
  if (isAsciiString(left) && isAsciiString(right)) return left < right ? -1 : left > right ? 1 : 0;
  const a = utf8Bytes(left);
  const b = utf8Bytes(right);
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The chunks one after another in one array. */
export function joinBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
