import type { Clock } from "../clock/clock.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import { canonicalJson } from "../digest/canonical-json.ts";
import { digestOf } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { type Rng, SeededRng } from "../random/rng.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import type { RegistryTransport } from "../registry/registry-http.ts";
import { MemRegistry } from "../registry/server/mem-registry.ts";
import type { MemRegistrySnapshot } from "../registry/server/registry-snapshot.ts";
import { type SeedImage, seedImages } from "../registry/server/seed-images.ts";
import { alpineImage, busyboxImage } from "../runtime/offline-images.ts";
import type { Tracer } from "../trace/tracer.ts";
import type { RegistriesAtRest, RegistryRecord } from "./journal/world-file.ts";

/** A registry of the embedded world: its domain, and the images it holds when new. */
export interface EmbeddedRegistrySpec {
  readonly domain: string;
  /** Called only when the registry is made new (never for a saved one); none: empty. */
  readonly images?: () => readonly SeedImage[];
}

/**
 * The embedded world's registries: `docker.io` in Docker Hub's role, holding the offline images
 * (`library/busybox:latest`, `library/alpine:latest`, so `drydock pull busybox` works offline),
 * and an empty `localhost:5000` to push to.
 */
export const DEFAULT_EMBEDDED_REGISTRIES: readonly EmbeddedRegistrySpec[] = Object.freeze([
  {
    domain: "docker.io",
    images: () => [
      { repository: "library/busybox", tag: "latest", image: busyboxImage() },
      { repository: "library/alpine", tag: "latest", image: alpineImage() },
    ],
  },
  { domain: "localhost:5000" },
]);

/** How `EmbeddedRegistries` are made. */
export interface EmbeddedRegistriesOptions {
  readonly specs: readonly EmbeddedRegistrySpec[];
  /** The registries at the rest point the world opened from (no records: all new). */
  readonly saved: RegistriesAtRest;
  readonly clock: Clock;
  /** A new registry's stream is `rng.fork("registry/<domain>")`; a saved one continues its own. */
  readonly rng: Rng;
  readonly tracer: Tracer;
  /** The host's blob pool: a layer held by the daemon and by a registry is held once. */
  readonly pool: BlobPool;
}

interface Live {
  readonly registry: MemRegistry;
  readonly rng: Rng;
  /** The snapshot's digest and the Rng's words when it was made: unchanged means no new record. */
  readonly initial: string;
}

/**
 * The registries of an embedded world, reached by the daemon through `resolver` with no network
 * between (requests are answered at the instant they are sent, on the host's event loop). Each is
 * made only when the daemon first sends it a request, so commands that never push or pull
 * (`ps`) pay nothing for them; made from its saved record, or new. `atRest` gives their state
 * for the world file, `base` the state they were opened from (what a journal replays against).
 *
 * A registry is made synchronously but for seeding (promise reactions only), so making one
 * inside simulated time cannot let real time in: a replay makes it at the same step.
 */
export class EmbeddedRegistries {
  readonly resolver: RegistryResolver;
  readonly #options: EmbeddedRegistriesOptions;
  readonly #specs = new Map<string, EmbeddedRegistrySpec>();
  readonly #live = new Map<string, Promise<Live>>();
  readonly #transports = new Map<string, RegistryTransport>();

  constructor(options: EmbeddedRegistriesOptions) {
    this.#options = options;
    for (const spec of options.specs) this.#specs.set(spec.domain, spec);
    // A saved registry lives on even if the caller no longer names it.
    for (const domain of options.saved.records.keys())
      if (!this.#specs.has(domain)) this.#specs.set(domain, { domain });
    this.resolver = (domain) => this.#transport(domain);
  }

  /** Domains of the registries, sorted. */
  get domains(): string[] {
    return [...this.#specs.keys()].sort();
  }

  /** The registry of a domain (made now if it was not yet), or undefined: no such registry. */
  async registry(domain: string): Promise<MemRegistry | undefined> {
    if (!this.#specs.has(domain)) return undefined;
    return (await this.#made(domain)).registry;
  }

  /** The registries as this world opened them: a journal's replay starts from these. */
  base(): RegistriesAtRest {
    const { records } = this.#options.saved;
    const out = new Map<string, Uint8Array>();
    for (const [domain, record] of records) this.#copySaved(domain, record, out);
    return { records, blobs: out };
  }

  /** The registries now, for a rest point: a new record for each that changed since it was made. */
  async atRest(): Promise<RegistriesAtRest> {
    const records = new Map<string, RegistryRecord>();
    const blobs = new Map<string, Uint8Array>();
    for (const domain of this.domains) {
      const saved = this.#options.saved.records.get(domain);
      const made = this.#live.get(domain);
      // One that could not be restored (a damaged snapshot) keeps its record.
      const live = made === undefined ? undefined : await made.catch(() => undefined);
      const current = live === undefined ? undefined : recordOf(live);
      if (current === undefined || current.key === live?.initial) {
        if (saved === undefined) continue;
        records.set(domain, saved);
        this.#copySaved(domain, saved, blobs);
        continue;
      }
      records.set(domain, current.record);
      blobs.set(current.record.snapshot, current.bytes);
      const store = live!.registry.context.store;
      for (const blob of current.snapshot.blobs) {
        const bytes = store.pool.bytesOf(blob.digest);
        if (bytes === undefined)
          throw new DrydockError("Internal", `registry blob ${blob.digest} has no bytes`);
        blobs.set(blob.digest, bytes);
      }
    }
    return { records, blobs };
  }

  #transport(domain: string): RegistryTransport | undefined {
    if (!this.#specs.has(domain)) return undefined;
    let transport = this.#transports.get(domain);
    if (transport === undefined) {
      transport = { send: async (request) => (await this.#made(domain)).registry.handle(request) };
      this.#transports.set(domain, transport);
    }
    return transport;
  }

  #made(domain: string): Promise<Live> {
    let made = this.#live.get(domain);
    if (made === undefined) {
      made = this.#make(domain);
      this.#live.set(domain, made);
    }
    return made;
  }

  async #make(domain: string): Promise<Live> {
    const { clock, tracer, pool } = this.#options;
    const saved = this.#options.saved.records.get(domain);
    let registry: MemRegistry;
    let rng: Rng;
    if (saved === undefined) {
      rng = this.#options.rng.fork(`registry/${domain}`);
      registry = new MemRegistry({ name: domain, clock, rng, tracer, pool });
      const images = this.#specs.get(domain)?.images?.() ?? [];
      if (images.length > 0) await seedImages(registry, images);
    } else {
      rng = SeededRng.restore(saved.rng);
      const snapshot = readSnapshot(this.#savedBlob(saved.snapshot), domain);
      registry = MemRegistry.restore(snapshot, {
        name: domain,
        clock,
        rng,
        tracer,
        pool,
        content: (digest) => this.#options.saved.blobs.get(digest),
      });
    }
    const live = { registry, rng, initial: "" };
    return { ...live, initial: recordOf(live).key };
  }

  #savedBlob(digest: string): Uint8Array {
    const bytes = this.#options.saved.blobs.get(digest);
    if (bytes === undefined) throw damaged(`blob ${digest} is missing`);
    return bytes;
  }

  /**
   * Copies a saved record's snapshot and the blobs it names. A damaged one is kept as it is
   * (its registry fails when used, the rest of the world saves and opens).
   */
  #copySaved(domain: string, record: RegistryRecord, into: Map<string, Uint8Array>): void {
    const saved = this.#options.saved.blobs;
    const bytes = this.#savedBlob(record.snapshot);
    into.set(record.snapshot, bytes);
    let snapshot: MemRegistrySnapshot;
    try {
      snapshot = readSnapshot(bytes, domain);
    } catch {
      return;
    }
    for (const blob of snapshot.blobs) {
      const held = saved.get(blob.digest);
      if (held !== undefined) into.set(blob.digest, held);
    }
  }
}

/** A registry's record now, its snapshot bytes, and a key that changes when either changes. */
function recordOf(live: { registry: MemRegistry; rng: Rng }): {
  record: RegistryRecord;
  snapshot: MemRegistrySnapshot;
  bytes: Uint8Array;
  key: string;
} {
  const snapshot = live.registry.snapshot();
  const bytes = new TextEncoder().encode(canonicalJson(snapshot));
  const record = { snapshot: digestOf(bytes), rng: live.rng.snapshot() };
  return { record, snapshot, bytes, key: canonicalJson(record) };
}

/** A saved snapshot's JSON; its contents are checked when a registry is restored from it. */
function readSnapshot(bytes: Uint8Array, domain: string): MemRegistrySnapshot {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw damaged(`the snapshot of registry ${domain} is not JSON`, cause);
  }
  const snapshot = value as Partial<MemRegistrySnapshot> | null;
  if (snapshot === null || !Array.isArray(snapshot.blobs) || !Array.isArray(snapshot.repositories))
    throw damaged(`the snapshot of registry ${domain} is malformed`);
  return snapshot as MemRegistrySnapshot;
}

function damaged(what: string, cause?: unknown): DrydockError {
  return new DrydockError("DataLoss", `the saved embedded world is damaged: ${what}`, { cause });
}
