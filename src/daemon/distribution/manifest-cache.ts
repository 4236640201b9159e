import type { Digest } from "../../digest/digest.ts";

/** A manifest (or index) as a registry sent it. */
export interface CachedManifest {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

/** Manifests kept per daemon. */
const MANIFEST_COUNT_MAX = 1000;

/**
 * The manifests a daemon fetched in pulls that succeeded, by registry and digest, as dockerd
 * 20.10 keeps them in its content store: a later pull of a tag that still points at a known
 * digest only sends `HEAD` (`Image is up to date`), no `GET`. Oldest entries go first.
 */
export class ManifestCache {
  readonly #entries = new Map<string, CachedManifest>();

  get(domain: string, digest: Digest): CachedManifest | undefined {
    return this.#entries.get(`${domain}@${digest}`);
  }

  put(domain: string, digest: Digest, manifest: CachedManifest): void {
    const key = `${domain}@${digest}`;
    this.#entries.delete(key);
    this.#entries.set(key, manifest);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= MANIFEST_COUNT_MAX) break;
      this.#entries.delete(oldest);
    }
  }
}
