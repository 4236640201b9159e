import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";

/** Where the recorded Docker layers live (see test/fixtures/fs/README.md). */
export const FS_FIXTURES: string = join(import.meta.dirname, "..", "..", "fixtures", "fs");

interface FixtureEntry {
  path: string;
  /** The tar header's mode field, type bits included (for the codec; not a TarEntry field). */
  headerMode: string;
  type: TarEntry["type"];
  mode: string;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtimeUs: number;
  linkTarget: string;
  devMajor: number;
  devMinor: number;
  data: string;
}

/** A recorded layer, from its JSON listing (independent of the tar codec). */
export function fixtureLayer(name: string): TarEntry[] {
  const raw = JSON.parse(
    readFileSync(join(FS_FIXTURES, `${name}.layer.json`), "utf8"),
  ) as FixtureEntry[];
  return raw.map(({ headerMode: _headerMode, ...entry }) =>
    tarEntry({
      ...entry,
      mode: Number.parseInt(entry.mode.slice(2), 8),
      data: new TextEncoder().encode(entry.data),
    }),
  );
}

/** The raw bytes of a recorded layer.tar. */
export function fixtureLayerTar(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FS_FIXTURES, `${name}.layer.tar`)));
}

/** Entries with the content as text, for readable assertion diffs. */
export function readable(entries: readonly TarEntry[]): object[] {
  return entries.map((entry) => ({ ...entry, data: new TextDecoder().decode(entry.data) }));
}

export const text = (value: string): Uint8Array => new TextEncoder().encode(value);
export const SECOND_US = 1_000_000;
