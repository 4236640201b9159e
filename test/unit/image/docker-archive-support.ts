import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TarEntry } from "../../../src/archive/tar-entry.ts";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { MemContentStore } from "../../../src/content/mem-content-store.ts";
import { ImageStore } from "../../../src/image/image-store.ts";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "docker-archive");

/** A recorded `docker save` archive (see test/fixtures/docker-archive/README.md). */
export function fixtureArchive(
  name: "save-tagged.tar" | "save-untagged.tar" | "save-two-images.tar",
): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

/** A recorded text fixture, exactly as written. */
export function fixtureText(name: string): string {
  return readFileSync(join(DIR, name), "utf8");
}

/** What `docker load` printed for the recorded archives. */
export function recordedLoadOutput(): { tagged: string; retagged: string; untagged: string } {
  return JSON.parse(fixtureText("load-output.json"));
}

/** A daemon's two stores, empty. */
export function emptyStores(): { images: ImageStore; content: MemContentStore } {
  return { images: new ImageStore(), content: new MemContentStore() };
}

/** Everything the stores hold, as plain data, to show that a failed load changed nothing. */
export async function storeSnapshot(stores: {
  images: ImageStore;
  content: MemContentStore;
}): Promise<unknown> {
  const blobs: string[] = [];
  await stores.content.walk((info) => {
    blobs.push(`${info.digest} ${info.sizeBytes}`);
  });
  return { images: stores.images.toJSON(), blobs, ingests: await stores.content.ingests() };
}

/** The archive with its entries rewritten by `change` (drop one by returning undefined). */
export function rewriteArchive(
  archive: Uint8Array,
  change: (entry: TarEntry) => TarEntry | readonly TarEntry[] | undefined,
): Uint8Array {
  return writeTar(readTar(archive).flatMap((entry) => change(entry) ?? []));
}

/** One file of an archive. */
export function archiveFile(archive: Uint8Array, path: string): Uint8Array {
  const entry = readTar(archive).find((item) => item.path === path);
  if (entry === undefined) throw new Error(`no ${path} in the archive`);
  return entry.data;
}

/** The parsed manifest.json of an archive. */
export function archiveManifest(
  archive: Uint8Array,
): { Config: string; RepoTags: string[] | null; Layers: string[]; Parent?: string }[] {
  return JSON.parse(new TextDecoder().decode(archiveFile(archive, "manifest.json")));
}
