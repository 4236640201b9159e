import assert from "node:assert/strict";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { DEFAULT_EPOCH_US } from "../../../src/clock/clock.ts";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { Daemon } from "../../../src/daemon/daemon.ts";
import { NO_DAEMON_COSTS } from "../../../src/daemon/daemon-costs.ts";
import type { DaemonOptions } from "../../../src/daemon/daemon-options.ts";
import type { ContainerCreateRequest } from "../../../src/engine/api-types.ts";
import { httpStatusOf } from "../../../src/engine/http-status.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  scratchImage,
  withConfig,
} from "../../../src/image/image.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import {
  busyboxImage,
  type OfflineImage,
  offlineLayer,
} from "../../../src/runtime/offline-images.ts";
import { SimRuntime } from "../../../src/runtime/sim-runtime.ts";
import { ClockTracer, MemoryTraceSink } from "../../../src/trace/tracer.ts";

const encoder = new TextEncoder();

/** A small stand-in for busybox: /bin with a few "programs", /etc/passwd, /data, CMD ["sh"]. */
export function testBaseImage(reference = "busybox:latest"): OfflineImage {
  const mtimeUs = DEFAULT_EPOCH_US;
  const layer = offlineLayer([
    tarEntry({ path: "bin", type: "directory", mtimeUs }),
    tarEntry({
      path: "bin/busybox",
      type: "file",
      mode: 0o755,
      data: encoder.encode("#busybox\n"),
      mtimeUs,
    }),
    tarEntry({ path: "bin/sh", type: "symlink", linkTarget: "/bin/busybox", mtimeUs }),
    tarEntry({ path: "data", type: "directory", mtimeUs }),
    tarEntry({ path: "data/seed.txt", type: "file", data: encoder.encode("seed\n"), mtimeUs }),
    tarEntry({ path: "etc", type: "directory", mtimeUs }),
    tarEntry({
      path: "etc/passwd",
      type: "file",
      data: encoder.encode("root:x:0:0:root:/root:/bin/sh\n"),
      mtimeUs,
    }),
  ]);
  let image = appendLayer(scratchImage({ createdUs: mtimeUs }), {
    diffId: layer.diffId,
    history: { createdUs: mtimeUs, createdBy: "/bin/sh -c #(nop) ADD file:rootfs in / " },
  });
  image = appendEmptyLayerHistory(image, {
    createdUs: mtimeUs,
    createdBy: '/bin/sh -c #(nop)  CMD ["sh"]',
  });
  image = withConfig(image, {
    config: {
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      cmd: ["sh"],
    },
  });
  return { reference, image, layers: [layer] };
}

/** A daemon on its own event loop, with a trace kept in memory. */
export interface TestDaemon {
  readonly daemon: Daemon;
  readonly loop: EventLoop;
  readonly trace: MemoryTraceSink;
  /** Drives the loop until `work` settles (virtual time passes only here). */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Advances virtual time by `seconds`, firing what falls due. */
  advance(seconds: number): Promise<void>;
}

export async function createTestDaemon(
  options: {
    seed?: number;
    images?: readonly OfflineImage[];
    overrides?: Partial<DaemonOptions>;
  } = {},
): Promise<TestDaemon> {
  const clock = new VirtualClock();
  const loop = new EventLoop({ clock });
  const trace = new MemoryTraceSink();
  const tracer = new ClockTracer({ clock, sinks: [trace.sink] });
  const daemon = new Daemon({
    scheduler: loop,
    rng: SeededRng.fromSeed(options.seed ?? 1),
    tracer,
    // These tests pin dockerd's semantics to exact instants: the daemon's own work takes no
    // virtual time here unless a test asks (the calibrated costs are tested on their own).
    costs: NO_DAEMON_COSTS,
    ...options.overrides,
  });
  await daemon.installBaseImages(options.images ?? [testBaseImage()]);
  return {
    daemon,
    loop,
    trace,
    run: (work) => loop.runUntil(work()),
    advance: async (seconds) => {
      const untilUs = clock.nowUs() + seconds * 1_000_000;
      await loop.runUntilIdle({ untilUs });
      if (clock.nowUs() < untilUs) clock.advanceTo(untilUs);
    },
  };
}

/** Collects a stream's frames as text. */
export async function collectText(frames: AsyncIterable<{ data: Uint8Array }>): Promise<string> {
  let text = "";
  for await (const frame of frames) text += new TextDecoder().decode(frame.data);
  return text;
}

/** Runs `work` and expects it to fail with dockerd's recorded message and HTTP status. */
export async function expectDockerError(
  t: TestDaemon,
  work: () => Promise<unknown>,
  expected: { message: string; status: number },
): Promise<void> {
  let failure: unknown;
  try {
    await t.run(work);
  } catch (error) {
    failure = error;
  }
  assert.ok(isDrydockError(failure), `expected a DrydockError, got ${String(failure)}`);
  assert.equal(failure.message, expected.message);
  assert.equal(httpStatusOf(failure.code), expected.status);
}

/** Creates (and optionally starts) a container, returning its ID. */
export async function runContainer(
  t: TestDaemon,
  options: {
    cmd: readonly string[];
    name?: string;
    start?: boolean;
    hostConfig?: ContainerCreateRequest["HostConfig"];
  } & Partial<ContainerCreateRequest>,
): Promise<string> {
  const { cmd, name, start, hostConfig, ...rest } = options;
  return t.run(async () => {
    const { Id } = await t.daemon.containerCreate(
      { Image: "busybox", Cmd: cmd, HostConfig: hostConfig, ...rest },
      { name },
    );
    if (start !== false) await t.daemon.containerStart(Id);
    return Id;
  });
}

/**
 * A daemon on the simulated runtime (busybox applets in just-bash) with the offline busybox
 * image, for tests that read what processes print (`cat /etc/hosts`, `nslookup`). Call
 * `prepareUserland()` first.
 */
export async function createSimDaemon(): Promise<TestDaemon> {
  const clock = new VirtualClock();
  const loop = new EventLoop({ clock });
  const rng = SeededRng.fromSeed(1);
  const daemon = new Daemon({
    scheduler: loop,
    rng,
    costs: NO_DAEMON_COSTS,
    runtime: new SimRuntime({ scheduler: loop, rng: rng.fork("runtime") }),
  });
  await daemon.installBaseImages([busyboxImage()]);
  return {
    daemon,
    loop,
    trace: undefined as never,
    run: (work) => loop.runUntil(work()),
    advance: async (seconds) => {
      const untilUs = clock.nowUs() + seconds * 1_000_000;
      await loop.runUntilIdle({ untilUs });
      if (clock.nowUs() < untilUs) clock.advanceTo(untilUs);
    },
  };
}
