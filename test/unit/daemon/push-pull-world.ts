/**
 * A small world for push and pull tests: one event loop, a registry double at `localhost:5000`
 * (optionally behind token auth at `auth.test`), and daemons that reach it through the
 * resolver, each with its own trace. `miniImage` is an image shaped like the recorded
 * `localhost:5000/mini:1` (five layers, one of them large).
 */
import assert from "node:assert/strict";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { DEFAULT_EPOCH_US } from "../../../src/clock/clock.ts";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { Daemon } from "../../../src/daemon/daemon.ts";
import { NO_DAEMON_COSTS } from "../../../src/daemon/daemon-costs.ts";
import type { DaemonOptions } from "../../../src/daemon/daemon-options.ts";
import { CompressedLayerCache } from "../../../src/daemon/distribution/compressed-layer-cache.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import type { JsonMessage, JsonMessageStream } from "../../../src/engine/json-message.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  scratchImage,
  withConfig,
} from "../../../src/image/image.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import type { RegistryResolver } from "../../../src/registry/client/registry-resolver.ts";
import type { RegistryTransport } from "../../../src/registry/registry-http.ts";
import { type OfflineImage, offlineLayer } from "../../../src/runtime/offline-images.ts";
import { ClockTracer, MemoryTraceSink } from "../../../src/trace/tracer.ts";
import {
  type AccessPolicy,
  type Exchange,
  FakeRegistry,
  FakeTokenServer,
  handlerTransport,
} from "../registry/client/fake-registry.ts";
import { digestRoles } from "../registry/client/recorded.ts";

const encoder = new TextEncoder();

/** A world of daemons around one registry double. */
export interface PushPullWorld {
  readonly loop: EventLoop;
  readonly registry: FakeRegistry;
  readonly tokens: FakeTokenServer | undefined;
  /** Every exchange with the registry and the token server, in order. */
  readonly journal: Exchange[];
  /** The transports by domain; tests may replace one (`localhost:5999` is down). */
  readonly transports: Map<string, RegistryTransport>;
  readonly resolver: RegistryResolver;
  readonly compressed: CompressedLayerCache;
  /** A daemon of this world (with `miniImage` tagged `localhost:5000/mini:1` unless told). */
  daemon(options?: {
    host?: string;
    images?: readonly OfflineImage[];
    overrides?: Partial<DaemonOptions>;
  }): Promise<TestHost>;
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface TestHost {
  readonly daemon: Daemon;
  readonly trace: MemoryTraceSink;
}

/** What a stream gave: its messages, or the plain error it failed with before any. */
export interface Collected {
  readonly messages: JsonMessage[];
  readonly error?: Error;
}

export function createWorld(
  options: { auth?: AccessPolicy; users?: Record<string, string> } = {},
): PushPullWorld {
  const clock = new VirtualClock();
  const loop = new EventLoop({ clock });
  const journal: Exchange[] = [];
  const tokens =
    options.auth === undefined
      ? undefined
      : new FakeTokenServer({ users: options.users ?? {}, policy: options.auth, journal });
  const registry = new FakeRegistry({
    host: "localhost:5000",
    journal,
    ...(tokens === undefined
      ? {}
      : { auth: { realm: "http://auth.test/token", service: "fake-registry", tokens } }),
  });
  const transports = new Map<string, RegistryTransport>([
    ["localhost:5000", handlerTransport(registry)],
    ["localhost:5999", handlerTransport(registry, { down: "127.0.0.1:5999" })],
  ]);
  if (tokens !== undefined) transports.set("auth.test", handlerTransport(tokens));
  const resolver: RegistryResolver = (domain) => transports.get(domain);
  const compressed = new CompressedLayerCache();
  let seed = 1;
  return {
    loop,
    registry,
    tokens,
    journal,
    transports,
    resolver,
    compressed,
    async daemon(hostOptions = {}) {
      const trace = new MemoryTraceSink();
      const tracer = new ClockTracer({ clock, sinks: [trace.sink] });
      const daemon = new Daemon({
        scheduler: loop,
        rng: SeededRng.fromSeed(seed++),
        tracer,
        host: hostOptions.host ?? `host-${seed}`,
        registries: resolver,
        compressedLayers: compressed,
        // Exact instants of retries and races: the daemon's own work takes no virtual time.
        costs: NO_DAEMON_COSTS,
        ...hostOptions.overrides,
      });
      await daemon.installBaseImages(hostOptions.images ?? [miniImage()]);
      return { daemon, trace };
    },
    run: (work) => loop.runUntil(work()),
  };
}

/**
 * An image like the recorded `mini:1`: five layers, the bottom one about 1 MiB of bytes that
 * gzip cannot shrink much (so transfers show progress), the others small.
 */
export function miniImage(reference = "localhost:5000/mini:1", layerCount = 5): OfflineImage {
  const mtimeUs = DEFAULT_EPOCH_US;
  const rng = SeededRng.fromSeed("mini-image");
  const layers = Array.from({ length: layerCount }, (_, index) =>
    offlineLayer([
      tarEntry({ path: `layer${index}`, type: "directory", mtimeUs }),
      tarEntry({
        path: `layer${index}/data`,
        type: "file",
        data: index === 0 ? rng.bytes(1024 * 1024) : encoder.encode(`layer ${index}\n`),
        mtimeUs,
      }),
    ]),
  );
  let image = scratchImage({ createdUs: mtimeUs });
  image = appendEmptyLayerHistory(image, {
    createdUs: mtimeUs,
    createdBy: "/bin/sh -c #(nop)  LABEL a=b",
  });
  for (const [index, layer] of layers.entries()) {
    image = appendLayer(image, {
      diffId: layer.diffId,
      history: { createdUs: mtimeUs, createdBy: `/bin/sh -c #(nop) COPY file:${index} in / ` },
    });
  }
  image = withConfig(image, {
    config: { cmd: ["sh"], labels: { "org.example.research": "protocol" } },
  });
  return { reference, image, layers };
}

/** Reads a whole stream inside the world's loop. */
export async function collect(world: PushPullWorld, stream: JsonMessageStream): Promise<Collected> {
  return world.run(() => drain(stream));
}

/** Reads a whole stream (whoever drives the loop); a failure ends it as `error`. */
export async function drain(stream: AsyncIterable<JsonMessage>): Promise<Collected> {
  const messages: JsonMessage[] = [];
  try {
    for await (const message of stream) messages.push(message);
  } catch (error) {
    return { messages, error: error as Error };
  }
  return { messages };
}

/** An image manifest as these tests read it. */
export interface PutManifest {
  readonly config: { readonly digest: string };
  readonly layers: readonly { readonly digest: string }[];
}

/**
 * The manifest of `path` a journal last shows put, with the roles (`L0`…, `C`, `M`) of its
 * digests, as the recorded sequences name them.
 */
export function lastManifestPut(
  journal: readonly Exchange[],
  path = "mini",
): { manifest: PutManifest; digest: string; roles: Map<string, string> } {
  const put = journal.findLast(
    (exchange) =>
      exchange.request.method === "PUT" &&
      exchange.request.target.startsWith(`/v2/${path}/manifests/`),
  );
  assert(put?.request.body !== undefined, `a manifest of ${path} was put`);
  const body = put.request.body;
  const manifest = JSON.parse(new TextDecoder().decode(body)) as PutManifest;
  const digest = digestOf(body);
  const roles = digestRoles({
    layers: manifest.layers.map((layer) => layer.digest),
    config: manifest.config.digest,
    manifest: digest,
  });
  return { manifest, digest, roles };
}

/**
 * A world whose registry holds `mini:1`, pushed by a first daemon (`source`), and a second
 * daemon without images (`host`); the journal is cleared after the push.
 */
export async function seededWorld(): Promise<
  { world: PushPullWorld; source: TestHost; host: TestHost } & ReturnType<typeof lastManifestPut>
> {
  const world = createWorld();
  const source = await world.daemon();
  const pushed = await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert(pushed.error === undefined, `the seeding push failed: ${pushed.error?.message}`);
  const put = lastManifestPut(world.journal);
  world.journal.length = 0;
  return { world, source, host: await world.daemon({ images: [] }), ...put };
}

/** The lines the docker CLI prints for a stream when not on a terminal (no progress bars). */
export function cliLines(messages: readonly JsonMessage[]): string[] {
  return messages
    .filter((message) => message.progress === undefined && message.aux === undefined)
    .map((message) =>
      message.errorDetail !== undefined
        ? `ERROR ${message.errorDetail.message}`
        : `${message.id === undefined ? "" : `${message.id}: `}${message.status ?? ""}`,
    );
}
