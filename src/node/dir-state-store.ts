import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SavedState, StateStore } from "../daemon/state-store.ts";
import { canonicalJson } from "../digest/canonical-json.ts";
import { type Digest, parseDigest, verifyDigest } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A `StateStore` in a directory, for the embedded engine:
 *
 * ```
 * <dir>/state.json              {"blobs":[digest…],"manifest":"<daemon manifest>"}   written last
 * <dir>/blobs/sha256/<hex>      one file per blob, content-addressed, written once
 * ```
 *
 * Every file is written to a temporary name and renamed into place, and `state.json` only after
 * all the blobs it names are on disk, so a crash at any point leaves the previous state whole.
 * Blobs no longer named, and temporary files of a crashed save, are deleted after the new
 * `state.json` is in place. Blobs are verified
 * against their digests when loaded.
 */
export class DirStateStore implements StateStore {
  readonly #dir: string;

  constructor(options: { dir: string }) {
    this.#dir = options.dir;
  }

  async load(): Promise<SavedState | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.#dir, "state.json"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const index = parseIndex(text);
    const blobs = new Map<string, Uint8Array>();
    for (const digest of index.blobs) {
      const bytes = new Uint8Array(await readFile(this.#blobPath(digest)));
      verifyDigest(bytes, digest, `saved blob ${digest}`);
      blobs.set(digest, bytes);
    }
    return { manifest: new TextEncoder().encode(index.manifest), blobs };
  }

  async save(state: SavedState): Promise<void> {
    await mkdir(join(this.#dir, "blobs", "sha256"), { recursive: true });
    const digests = [...state.blobs.keys()].map((digest) => parseDigest(digest)).sort();
    const present = new Set(await readdir(join(this.#dir, "blobs", "sha256")));
    for (const digest of digests) {
      if (present.has(digest.slice(7))) continue;
      const bytes = state.blobs.get(digest)!;
      verifyDigest(bytes, digest, `blob ${digest}`);
      await atomicWrite(this.#blobPath(digest), bytes);
    }
    const manifest = new TextDecoder().decode(state.manifest);
    await atomicWrite(
      join(this.#dir, "state.json"),
      new TextEncoder().encode(canonicalJson({ blobs: digests, manifest })),
    );
    const keep = new Set(digests.map((digest) => digest.slice(7)));
    for (const name of present)
      if (!keep.has(name)) await rm(join(this.#dir, "blobs", "sha256", name), { force: true });
    // Temporary files a crashed save left behind.
    for (const name of await readdir(this.#dir))
      if (name.includes(".tmp-")) await rm(join(this.#dir, name), { force: true });
  }

  #blobPath(digest: Digest): string {
    return join(this.#dir, "blobs", "sha256", digest.slice(7));
  }
}

let temporaryCount = 0;

/** Writes a file under a temporary name in the same directory, then renames it into place. */
async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${temporaryCount++}`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

function parseIndex(text: string): { blobs: Digest[]; manifest: string } {
  try {
    const value = JSON.parse(text) as { blobs?: unknown; manifest?: unknown };
    if (!Array.isArray(value.blobs) || typeof value.manifest !== "string")
      throw new Error("bad shape");
    return {
      blobs: value.blobs.map((digest) => parseDigest(String(digest))),
      manifest: value.manifest,
    };
  } catch (cause) {
    throw new DrydockError("DataLoss", "daemon state is damaged: state.json is malformed", {
      data: {},
      cause,
    });
  }
}
