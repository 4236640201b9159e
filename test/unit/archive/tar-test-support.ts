import { BLOCK_SIZE, FIELD, type TarField, writeChecksum } from "../../../src/archive/tar-block.ts";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";

export type FieldName = keyof typeof FIELD;

/** The raw bytes of a header field as Latin-1 text, NULs included (`"0000644\0"`). */
export function rawField(archive: Uint8Array, block: number, name: FieldName): string {
  const at: TarField = FIELD[name];
  const start = block * BLOCK_SIZE + at.offset;
  return String.fromCharCode(...archive.subarray(start, start + at.length));
}

/** The field up to its first NUL. */
export function textField(archive: Uint8Array, block: number, name: FieldName): string {
  const raw = rawField(archive, block, name);
  const nul = raw.indexOf("\0");
  return nul < 0 ? raw : raw.slice(0, nul);
}

export function blockCount(archive: Uint8Array): number {
  return archive.length / BLOCK_SIZE;
}

export const encoder: TextEncoder = new TextEncoder();

/** A regular file owned by root as Docker writes it. */
export function dockerFile(
  path: string,
  content: string,
  fields: Partial<TarEntry> = {},
): TarEntry {
  return tarEntry({
    path,
    type: "file",
    uname: "root",
    gname: "root",
    mtimeUs: 1_700_000_000_000_000,
    data: encoder.encode(content),
    ...fields,
  });
}

/** A header block built field by field, for reader tests of dialects drydock never writes. */
export function rawHeader(fields: Partial<Record<FieldName, string | Uint8Array>>): Uint8Array {
  const block = new Uint8Array(BLOCK_SIZE);
  for (const [name, value] of Object.entries(fields)) {
    const at = FIELD[name as FieldName];
    const bytes = typeof value === "string" ? latin1(value) : value;
    block.set(bytes.subarray(0, at.length), at.offset);
  }
  writeChecksum(block);
  return block;
}

export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Data padded with zeros to whole blocks. */
export function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK_SIZE) * BLOCK_SIZE);
  out.set(data);
  return out;
}

export const END_MARKER: Uint8Array = new Uint8Array(2 * BLOCK_SIZE);

/** One PAX record `"<length> key=value\n"`, its length found by iterating to a fixed point. */
export function paxRecord(key: string, value: string): string {
  const body = encoder.encode(` ${key}=${value}\n`).length;
  let length = body;
  while (String(length).length + body !== length) length = String(length).length + body;
  return `${length} ${key}=${value}\n`;
}
