import type { MemRegistry } from "../registry/server/mem-registry.ts";
import { type SeedImage, seedImages } from "../registry/server/seed-images.ts";
import type { SeedImageSource } from "./registry-server.ts";

/** An image waiting to be seeded: its repository and tag in the registry, and its maker. */
export interface PendingSeed {
  readonly repository: string;
  readonly tag: string;
  readonly source: SeedImageSource;
}

/**
 * The offline images a registry holds from the start, put into it only when a request first
 * names their repository (`/v2/<repository>/…`, a mount `from=<repository>`, or the catalog).
 * A request sees the same registry as if every image had been seeded at boot, since seeding
 * leaves no trace events; a world that never asks for alpine never builds nor compresses it.
 * Requests that need no seeding go straight through, without an extra await, so their timing
 * is the same as before.
 */
export class LazySeeds {
  readonly #registry: MemRegistry;
  /** Repository → what waits for it (in spec order). */
  readonly #pending = new Map<string, PendingSeed[]>();
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(registry: MemRegistry, pending: readonly PendingSeed[]) {
    this.#registry = registry;
    for (const seed of pending) {
      const list = this.#pending.get(seed.repository) ?? [];
      list.push(seed);
      this.#pending.set(seed.repository, list);
    }
  }

  /** What is still unseeded, for a restart to carry over. */
  remaining(): PendingSeed[] {
    return [...this.#pending.values()].flat();
  }

  /** A promise to wait for before answering `target`, or undefined when nothing is due. */
  due(target: string): Promise<void> | undefined {
    if (this.#pending.size === 0 && this.#inFlight.size === 0) return undefined;
    const repositories = this.#touched(target);
    const waits: Promise<void>[] = [];
    for (const repository of repositories) {
      let wait = this.#inFlight.get(repository);
      const seeds = this.#pending.get(repository);
      if (wait === undefined && seeds !== undefined) {
        this.#pending.delete(repository);
        wait = this.#seed(seeds).finally(() => this.#inFlight.delete(repository));
        this.#inFlight.set(repository, wait);
      }
      if (wait !== undefined) waits.push(wait);
    }
    if (waits.length === 0) return undefined;
    return Promise.all(waits).then(() => undefined);
  }

  async #seed(seeds: readonly PendingSeed[]): Promise<void> {
    const images: SeedImage[] = seeds.map(({ repository, tag, source }) => ({
      repository,
      tag,
      image: source.load(),
    }));
    await seedImages(this.#registry, images);
  }

  /** The waiting repositories a request target names, in a fixed order. */
  #touched(target: string): string[] {
    const question = target.indexOf("?");
    const path = question === -1 ? target : target.slice(0, question);
    const candidates = [...this.#pending.keys(), ...this.#inFlight.keys()].sort();
    if (path === "/v2/_catalog") return candidates;
    const from =
      question === -1 ? null : new URLSearchParams(target.slice(question + 1)).get("from");
    return candidates.filter(
      (repository) => path.startsWith(`/v2/${repository}/`) || from === repository,
    );
  }
}
