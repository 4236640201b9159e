import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { treeFromEntries } from "../../../src/fs/apply-entries.ts";
import type { LayerTree } from "../../../src/fs/layer-tree.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import {
  assembleContainerRootfs,
  type ContainerRootfs,
} from "../../../src/runtime/container-rootfs.ts";
import type {
  ContainerProcess,
  ExitStatus,
  OutputStream,
  ProcessSpec,
} from "../../../src/runtime/container-runtime.ts";
import type { Mount } from "../../../src/runtime/mounted-fs.ts";
import { alpineImage, busyboxImage } from "../../../src/runtime/offline-images.ts";
import type { SimProgram } from "../../../src/runtime/process-host.ts";
import { SimRuntime } from "../../../src/runtime/sim-runtime.ts";
import { ClockTracer, MemoryTraceSink } from "../../../src/trace/tracer.ts";

export const DEFAULT_ENV: readonly string[] = [
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  "HOSTNAME=c0ffee000001",
];

/** One write a process made, with the simulated instant (µs since the world started). */
export interface Write {
  readonly atUs: number;
  readonly stream: OutputStream;
  readonly text: string;
}

/** A small simulated world: one container from an offline image plus extra layers. */
export class World {
  readonly clock = new VirtualClock();
  readonly loop = new EventLoop({ clock: this.clock });
  readonly startUs: number = this.clock.nowUs();
  readonly trace = new MemoryTraceSink();
  readonly runtime: SimRuntime;
  readonly rootfs: ContainerRootfs;
  readonly writes: Write[] = [];

  constructor(
    options: {
      seed?: number;
      image?: "busybox" | "alpine";
      layers?: readonly (readonly TarEntry[])[];
      mounts?: readonly Mount[];
      programs?: readonly SimProgram[];
    } = {},
  ) {
    const nowUs = this.startUs;
    const image = options.image === "alpine" ? alpineImage() : busyboxImage();
    const trees: LayerTree[] = image.layers.map((layer) =>
      treeFromEntries(layer.entries, { nowUs }),
    );
    for (const entries of options.layers ?? []) trees.push(treeFromEntries(entries, { nowUs }));
    this.rootfs = assembleContainerRootfs({
      imageLayers: trees,
      nowUs,
      hostname: "c0ffee000001",
      hosts: "127.0.0.1\tlocalhost\n",
      resolvConf: "nameserver 10.255.255.53\n",
      mounts: options.mounts,
    });
    const tracer = new ClockTracer({ clock: this.clock, sinks: [this.trace.sink] });
    this.runtime = new SimRuntime({
      scheduler: this.loop,
      rng: SeededRng.fromSeed(options.seed ?? 1).fork("runtime"),
      tracer,
      programs: options.programs,
    });
  }

  /** Starts a process (PID 1 unless `isInit: false`). */
  start(argv: readonly string[], spec: Partial<ProcessSpec> = {}): ContainerProcess {
    return this.runtime.start({
      containerId: "c0ffee000001",
      rootfs: this.rootfs.view,
      argv,
      env: DEFAULT_ENV,
      cwd: "/",
      user: "",
      hostname: "c0ffee000001",
      tty: false,
      openStdin: false,
      isInit: true,
      onOutput: (stream, bytes) =>
        this.writes.push({
          atUs: this.clock.nowUs() - this.startUs,
          stream,
          text: new TextDecoder().decode(bytes),
        }),
      ...spec,
    });
  }

  /** Runs the world until the process ends. */
  run(process: ContainerProcess): Promise<ExitStatus> {
    return this.loop.runUntil(process.exited);
  }

  /** `sh -c script` as PID 1, to completion. */
  async sh(
    script: string,
    spec: Partial<ProcessSpec> = {},
  ): Promise<{ status: ExitStatus; stdout: string; stderr: string }> {
    const status = await this.run(this.start(["/bin/sh", "-c", script], spec));
    return { status, stdout: this.text("stdout"), stderr: this.text("stderr") };
  }

  text(stream: OutputStream): string {
    return this.writes
      .filter((write) => write.stream === stream)
      .map((write) => write.text)
      .join("");
  }

  elapsedUs(): number {
    return this.clock.nowUs() - this.startUs;
  }
}

const encoder = new TextEncoder();

export function file(path: string, content: string | Uint8Array, mode = 0o644): TarEntry {
  return tarEntry({
    path,
    type: "file",
    mode,
    data: typeof content === "string" ? encoder.encode(content) : content,
  });
}

export function dir(path: string, mode = 0o755): TarEntry {
  return tarEntry({ path, type: "directory", mode });
}
