import { createSha256 } from "../../digest/sha256.ts";

/** The header fields the classic builder's file hash covers (tarsum v1: everything but mtime). */
export interface TarsumHeader {
  /** The name as the archive (or Go's `FileInfoHeader`) wrote it: directories end in `/`. */
  readonly name: string;
  /** The raw mode field: permission bits, plus file-type bits when the writer put them there. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Content length for regular files, else what the header said (0). */
  readonly sizeBytes: number;
  /** The type flag character (`0`, `2`, `5`, …). */
  readonly typeflag: string;
  readonly linkname: string;
  /** User and group names; the build context's sums blank them, image sources keep them. */
  readonly uname: string;
  readonly gname: string;
  readonly devMajor: number;
  readonly devMinor: number;
  /** PAX `SCHILY.xattr.*` attributes by name, values as byte strings (Latin-1). */
  readonly xattrs: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * The hash dockerd 20.10's classic builder keys COPY/ADD sources by (`file:<hex>` in
 * `created_by`): moby's tarsum v1 for one entry — sha256 over `name<name>mode<mode>uid<uid>
 * gid<gid>size<size>typeflag<t>linkname<l>uname<u>gname<g>devmajor<M>devminor<m>` (numbers in
 * decimal, no separators, no mtime), then each xattr as `<key><value>` in key order, then the
 * file content. Returns 64 hex digits.
 */
export function tarsumEntryHash(header: TarsumHeader, content: Uint8Array): string {
  const hash = createSha256();
  const fields: readonly (readonly [string, string])[] = [
    ["name", header.name],
    ["mode", String(header.mode)],
    ["uid", String(header.uid)],
    ["gid", String(header.gid)],
    ["size", String(header.sizeBytes)],
    ["typeflag", header.typeflag],
    ["linkname", header.linkname],
    ["uname", header.uname],
    ["gname", header.gname],
    ["devmajor", String(header.devMajor)],
    ["devminor", String(header.devMinor)],
  ];
  for (const [key, value] of fields) hash.update(encoder.encode(`${key}${value}`));
  for (const key of Object.keys(header.xattrs).sort()) {
    hash.update(encoder.encode(key));
    hash.update(latin1(header.xattrs[key] ?? ""));
  }
  if (content.length > 0) hash.update(content);
  return hash.digestHex();
}
