import { utf8String } from "../../archive/byte-strings.ts";
import { BLOCK_SIZE, isZeroBlock, paddedSize } from "../../archive/tar-block.ts";
import { type TarEntry, tarEntry } from "../../archive/tar-entry.ts";
import { writeTar } from "../../archive/tar-writer.ts";
import { compareNames } from "../../fs/compare-names.ts";
import { contextExcludes, DockerignoreMatcher, parseDockerignore } from "../dockerignore.ts";

const encoder = new TextEncoder();

/**
 * The build context the docker CLI sends for a directory (`docker build DIR`): the entries
 * `.dockerignore` lets through (the Dockerfile and `.dockerignore` always go), in the CLI's
 * walk order, owned by root, written as the CLI 28 writes them — modes without file-type bits,
 * directories with a trailing `/`. `entries` are the directory's entries, relative paths.
 */
export function cliContextTar(
  entries: readonly TarEntry[],
  options: { dockerfile?: string } = {},
): Uint8Array {
  const ignore = entries.find((entry) => entry.path === ".dockerignore" && entry.type === "file");
  const patterns = ignore === undefined ? [] : parseDockerignore(ignore.data);
  const matcher = new DockerignoreMatcher(
    contextExcludes(patterns, { dockerfile: options.dockerfile }),
  );
  const kept = entries
    .filter((entry) => entry.path !== "" && matcher.includes(entry.path))
    .map((entry) => ({ ...entry, uid: 0, gid: 0, uname: "", gname: "" }))
    .sort((a, b) => compareWalkOrder(a.path, b.path));
  return withoutModeTypeBits(writeTar(kept));
}

/** What `docker build -` sends for a Dockerfile read from stdin: one `Dockerfile`, 0644. */
export function dockerfileContextTar(text: string, options: { mtimeUs: number }): Uint8Array {
  const entry = tarEntry({
    path: "Dockerfile",
    type: "file",
    mode: 0o644,
    mtimeUs: options.mtimeUs,
    data: encoder.encode(text),
  });
  return withoutModeTypeBits(writeTar([entry]));
}

/** Go's `filepath.Walk` order: component by component, a directory before what it holds. */
function compareWalkOrder(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareNames(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/**
 * Clears the file-type bits `writeTar` puts in mode fields (as Docker's layer tars have them),
 * fixing each header's checksum: the docker CLI 28 writes contexts without them, and the
 * classic builder's file hashes cover the mode field as written.
 */
export function withoutModeTypeBits(tar: Uint8Array): Uint8Array {
  const out = tar.slice();
  let offset = 0;
  while (offset + BLOCK_SIZE <= out.length) {
    const block = out.subarray(offset, offset + BLOCK_SIZE);
    if (isZeroBlock(block)) break;
    const sizeBytes = readOctalField(block, 124, 12);
    const mode = readOctalField(block, 100, 8) & 0o7777;
    block.set(encoder.encode(`${mode.toString(8).padStart(7, "0")}\0`), 100);
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of block) sum += byte;
    block.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    offset += BLOCK_SIZE + paddedSize(sizeBytes);
  }
  return out;
}

function readOctalField(block: Uint8Array, start: number, length: number): number {
  const text = utf8String(block.subarray(start, start + length))
    .replace(/[\0 ]+$/g, "")
    .trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}
