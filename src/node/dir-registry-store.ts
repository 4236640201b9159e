import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Digest, digestHex, isDigest } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { BlobContent, MemRegistrySnapshot } from "../registry/server/registry-snapshot.ts";

/** What a `DirRegistryStore` holds: the registry's snapshot and its blobs' bytes. */
export interface StoredRegistry {
  readonly snapshot: MemRegistrySnapshot;
  /** The bytes of each blob the snapshot lists, as read (the registry's restore verifies them). */
  readonly content: BlobContent;
}

const SNAPSHOT_FILE = "registry.json";

/**
 * A registry's state in a directory, for `drydock registry`:
 *
 * ```
 * <dir>/registry.json           the MemRegistrySnapshot (repositories, manifests, tags)   written last
 * <dir>/blobs/sha256/<hex>      one file per blob (layers, configs, manifests), written once
 * ```
 *
 * Every file is written under a temporary name, flushed to disk (`fsync`) and renamed into
 * place, and `registry.json` only once every blob it names is in place, so a process killed at
 * any point leaves the previous state whole. Blobs no longer named and temporary files of an
 * interrupted save are removed after the new `registry.json` is in place, or at the next open.
 */
export class DirRegistryStore {
  readonly dir: string;
  /** Hex digests of the blob files on disk. */
  #present = new Set<string>();
  #opened = false;

  constructor(options: { dir: string }) {
    this.dir = options.dir;
  }

  /** Reads the stored registry (undefined: none yet) and removes leftovers of an interrupted save. */
  async load(): Promise<StoredRegistry | undefined> {
    await mkdir(this.#blobDir, { recursive: true });
    this.#opened = true;
    const text = await readText(join(this.dir, SNAPSHOT_FILE));
    const snapshot = text === undefined ? undefined : parseSnapshot(text);
    const named = new Set((snapshot?.blobs ?? []).map((blob) => blob.digest));
    await this.#sweep(named);
    if (snapshot === undefined) return undefined;
    const bytesOf = new Map<Digest, Uint8Array>();
    for (const digest of named) {
      try {
        bytesOf.set(digest, new Uint8Array(await readFile(this.#blobPath(digest))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        // Left out: the restore reports the missing blob by digest.
      }
    }
    return { snapshot, content: (digest) => bytesOf.get(digest) };
  }

  /**
   * Saves a snapshot: first the blobs it names that are not on disk yet (`bytesOf` gives them),
   * then the snapshot itself, then removes the blob files it no longer names.
   */
  async save(
    snapshot: MemRegistrySnapshot,
    bytesOf: (digest: Digest) => Uint8Array | undefined,
  ): Promise<void> {
    if (!this.#opened) await this.load();
    const named = new Set<string>();
    let wrote = false;
    for (const blob of snapshot.blobs) {
      const hex = digestHex(blob.digest);
      named.add(hex);
      if (this.#present.has(hex)) continue;
      const bytes = bytesOf(blob.digest);
      if (bytes === undefined)
        throw new DrydockError("Internal", `registry blob ${blob.digest} has no bytes to save`, {
          data: { digest: blob.digest },
        });
      await durableWrite(this.#blobPath(blob.digest), bytes);
      this.#present.add(hex);
      wrote = true;
    }
    // The blobs' renames reach the disk before the snapshot that names them.
    if (wrote) await syncDir(this.#blobDir);
    const text = `${JSON.stringify(snapshot)}\n`;
    await durableWrite(join(this.dir, SNAPSHOT_FILE), new TextEncoder().encode(text));
    await syncDir(this.dir);
    for (const hex of [...this.#present]) {
      if (named.has(hex)) continue;
      await rm(join(this.#blobDir, hex), { force: true });
      this.#present.delete(hex);
    }
  }

  /** Hex digests of the blob files on disk, sorted (for tests and checks). */
  blobFiles(): string[] {
    return [...this.#present].sort();
  }

  get #blobDir(): string {
    return join(this.dir, "blobs", "sha256");
  }

  #blobPath(digest: Digest): string {
    return join(this.#blobDir, digestHex(digest));
  }

  /** Removes temporary files and blob files the snapshot does not name; notes the rest. */
  async #sweep(named: ReadonlySet<Digest>): Promise<void> {
    const keep = new Set([...named].map((digest) => digestHex(digest)));
    for (const name of await readdir(this.dir))
      if (name.includes(".tmp-")) await rm(join(this.dir, name), { force: true });
    this.#present = new Set();
    for (const name of await readdir(this.#blobDir)) {
      if (keep.has(name)) this.#present.add(name);
      else await rm(join(this.#blobDir, name), { force: true });
    }
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The snapshot's JSON, its shape checked enough to name its blobs (the restore checks the rest). */
function parseSnapshot(text: string): MemRegistrySnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw damaged("registry.json is not JSON", cause);
  }
  const snapshot = value as Partial<MemRegistrySnapshot> | null;
  if (
    snapshot === null ||
    typeof snapshot !== "object" ||
    !Array.isArray(snapshot.blobs) ||
    !Array.isArray(snapshot.repositories)
  )
    throw damaged("registry.json is malformed");
  for (const blob of snapshot.blobs)
    if (typeof blob?.digest !== "string" || !isDigest(blob.digest))
      throw damaged("registry.json names a blob by a malformed digest");
  return snapshot as MemRegistrySnapshot;
}

function damaged(what: string, cause?: unknown): DrydockError {
  return new DrydockError("DataLoss", `registry storage is damaged: ${what}`, {
    data: {},
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Writes a file under a temporary name, flushes it to disk, renames it into place. */
async function durableWrite(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
  const handle = await open(temporary, "w", 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** Flushes a directory, so the renames in it survive a crash of the machine. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
