/**
 * A small world for push and pull tests: one event loop, a registry double at `localhost:5000`
 * (optionally behind token auth at `auth.test`), and daemons that reach it through the
 * resolver, each with its own trace. `miniImage` is an image shaped like the recorded
 * `localhost:5000/mini:1` (five layers, one of them large).
 */
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { DEFAULT_EPOCH_US } from "../../../src/clock/clock.ts";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { Daemon } from "../../../src/daemon/daemon.ts";
import type { DaemonOptions } from "../../../src/daemon/daemon-options.ts";
import { CompressedLayerCache } from "../../../src/daemon/distribution/compressed-layer-cache.ts";
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
  return world.run(async () => {
    const messages: JsonMessage[] = [];
    try {
      for await (const message of stream) messages.push(message);
    } catch (error) {
      return { messages, error: error as Error };
    }
    return { messages };
  });
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
