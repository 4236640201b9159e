import { randomBytes } from "node:crypto";
import type { Clock } from "../clock/clock.ts";
import { SystemClock } from "../clock/system-clock.ts";
import type { Digest } from "../digest/digest.ts";
import { type Rng, SeededRng } from "../random/rng.ts";
import type {
  RegistryHandler,
  RegistryRequest,
  RegistryResponse,
} from "../registry/registry-http.ts";
import { MemRegistry, type MemRegistryOptions } from "../registry/server/mem-registry.ts";
import { errorOf } from "../registry/server/registry-reply.ts";
import type { MemRegistrySnapshot } from "../registry/server/registry-snapshot.ts";
import { DirRegistryStore } from "./dir-registry-store.ts";

/** How a `PersistentRegistry` is opened. */
export interface PersistentRegistryOptions
  extends Omit<MemRegistryOptions, "clock" | "rng" | "pool"> {
  /** Where its state lives (see `DirRegistryStore`). */
  readonly dir: string;
  /** Default: the wall clock (a real server). */
  readonly clock?: Clock;
  /** Upload UUIDs and the upload-state key; default: seeded from the operating system's randomness. */
  readonly rng?: Rng;
}

/** One save in the making: the snapshot and the bytes of the blobs not yet on disk, taken together. */
interface PendingSave {
  readonly generation: number;
  readonly snapshot: MemRegistrySnapshot;
  readonly json: string;
  readonly bytes: Map<Digest, Uint8Array>;
}

/**
 * A `MemRegistry` whose state survives restarts: after each request that can change what it
 * holds (a `PUT`, `POST` or `DELETE` that succeeded) the registry's snapshot is saved to a
 * `DirRegistryStore`, and the answer goes out only once that save is on disk, so a client
 * never sees a push acknowledged that a crash could lose. Saves are made one at a time; requests
 * that finish while one is being written share the next. Opening restores the saved registry,
 * every blob verified against its digest. Upload sessions are not saved (as after a restart of
 * 2.8.2 without a configured secret, their Locations stop working).
 */
export class PersistentRegistry implements RegistryHandler {
  readonly registry: MemRegistry;
  readonly store: DirRegistryStore;
  /** Generation of the registry's state: bumped by each request that may have changed it. */
  #generation = 0;
  #savedGeneration = 0;
  #savedJson: string;
  #writing: Promise<void> | undefined;
  #saveCount = 0;

  private constructor(registry: MemRegistry, store: DirRegistryStore) {
    this.registry = registry;
    this.store = store;
    this.#savedJson = JSON.stringify(registry.snapshot());
  }

  /** Opens the registry saved in `options.dir`, or a new empty one. */
  static async open(options: PersistentRegistryOptions): Promise<PersistentRegistry> {
    const { dir, clock, rng, ...rest } = options;
    const store = new DirRegistryStore({ dir });
    const stored = await store.load();
    const memOptions: MemRegistryOptions = {
      ...rest,
      clock: clock ?? new SystemClock(),
      rng: rng ?? SeededRng.fromSeed(randomBytes(16).toString("hex")),
    };
    const registry =
      stored === undefined
        ? new MemRegistry(memOptions)
        : MemRegistry.restore(stored.snapshot, { ...memOptions, content: stored.content });
    return new PersistentRegistry(registry, store);
  }

  /** Snapshots written since open (unchanged states are not written again). */
  get saveCount(): number {
    return this.#saveCount;
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    const response = this.registry.answer(request);
    if (!mayChange(request, response)) return response;
    try {
      await this.flush();
    } catch (error) {
      return errorOf(request, "UNKNOWN", `saving the registry failed: ${String(error)}`);
    }
    return response;
  }

  /** Resolves once the registry's state as it is now is on disk. */
  async flush(): Promise<void> {
    const wanted = ++this.#generation;
    while (this.#savedGeneration < wanted) {
      if (this.#writing === undefined) {
        const pending = this.#capture();
        this.#writing = this.#write(pending).finally(() => {
          this.#writing = undefined;
        });
      }
      await this.#writing;
    }
  }

  /** The state to save, taken synchronously so no request can change it half-way. */
  #capture(): PendingSave {
    const snapshot = this.registry.snapshot();
    const present = new Set(this.store.blobFiles());
    const bytes = new Map<Digest, Uint8Array>();
    for (const blob of snapshot.blobs) {
      if (present.has(blob.digest.slice("sha256:".length))) continue;
      const held = this.registry.blobBytes(blob.digest);
      if (held !== undefined) bytes.set(blob.digest, held);
    }
    return { generation: this.#generation, snapshot, json: JSON.stringify(snapshot), bytes };
  }

  async #write(pending: PendingSave): Promise<void> {
    if (pending.json !== this.#savedJson) {
      await this.store.save(pending.snapshot, (digest) => pending.bytes.get(digest));
      this.#savedJson = pending.json;
      this.#saveCount++;
    }
    this.#savedGeneration = Math.max(this.#savedGeneration, pending.generation);
  }
}

/** Requests after which the registry may hold something new: successful `PUT`, `POST`, `DELETE`. */
function mayChange(request: RegistryRequest, response: RegistryResponse): boolean {
  const method = request.method;
  return (
    (method === "PUT" || method === "POST" || method === "DELETE") &&
    response.status >= 200 &&
    response.status < 300
  );
}
