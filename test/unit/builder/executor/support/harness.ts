/** Builds Dockerfiles on a `MemBuildHost` with the toy runner, for the executor tests. */

import { tarEntry } from "../../../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../../../src/archive/tar-writer.ts";
import { Builder, type BuilderOptions } from "../../../../../src/builder/builder.ts";
import { MemBuildHost } from "../../../../../src/builder/mem-build-host.ts";
import { VirtualClock } from "../../../../../src/clock/virtual-clock.ts";
import type { ImageBuildOptions } from "../../../../../src/engine/engine.ts";
import type { JsonMessage } from "../../../../../src/engine/json-message.ts";
import { OverlayFs } from "../../../../../src/fs/overlay-fs.ts";
import { SeededRng } from "../../../../../src/random/rng.ts";
import { ClockTracer, MemoryTraceSink } from "../../../../../src/trace/tracer.ts";
import { seedBusybox } from "./fake-busybox.ts";
import { toyRunner } from "./toy-runner.ts";

const encoder = new TextEncoder();
export const CONTEXT_MTIME_US = 1_767_225_600_000_000;

/** A context tar as the docker CLI writes one: 0644 files, 0755 dirs, root, no type bits in modes. */
export function contextTar(files: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const entries = [];
  const dirs = new Set<string>();
  for (const path of Object.keys(files).sort()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  for (const dir of [...dirs].sort())
    entries.push(tarEntry({ path: dir, type: "directory", mtimeUs: CONTEXT_MTIME_US }));
  for (const [path, content] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const data = typeof content === "string" ? encoder.encode(content) : content;
    entries.push(tarEntry({ path, type: "file", mode: 0o644, mtimeUs: CONTEXT_MTIME_US, data }));
  }
  return stripTypeBits(writeTar(entries));
}

/** The docker CLI writes modes without file-type bits; `writeTar` adds them as layers have them. */
function stripTypeBits(tar: Uint8Array): Uint8Array {
  const out = tar.slice();
  for (let offset = 0; offset + 512 <= out.length; ) {
    const block = out.subarray(offset, offset + 512);
    if (block.every((b) => b === 0)) break;
    const size = Number.parseInt(
      new TextDecoder().decode(block.subarray(124, 135)).trim() || "0",
      8,
    );
    const modeText = new TextDecoder().decode(block.subarray(100, 107));
    const mode = Number.parseInt(modeText, 8) & 0o7777;
    block.set(encoder.encode(mode.toString(8).padStart(7, "0")), 100);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
    block.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

export interface Harness {
  readonly clock: VirtualClock;
  readonly host: MemBuildHost;
  readonly builder: Builder;
  readonly trace: MemoryTraceSink;
  build(
    files: Readonly<Record<string, string | Uint8Array>>,
    options?: ImageBuildOptions,
  ): Promise<BuildResult>;
  /** Builds from a ready-made context archive. */
  buildArchive(archive: Uint8Array, options?: ImageBuildOptions): Promise<BuildResult>;
  /** The root filesystem of an image, read-only. */
  rootfs(name: string): Promise<OverlayFs>;
}

export interface BuildResult {
  readonly messages: JsonMessage[];
  /** The stream as the CLI prints it. */
  readonly text: string;
  readonly error?: JsonMessage["errorDetail"];
  /** An error thrown before any output (dockerd's HTTP error). */
  readonly thrown?: Error;
}

export function makeHarness(options: Partial<BuilderOptions> = {}): Harness {
  const clock = new VirtualClock();
  const trace = new MemoryTraceSink();
  const tracer = new ClockTracer({ clock, sinks: [trace.sink] });
  const host = new MemBuildHost({
    clock,
    rng: SeededRng.fromSeed(7).fork("containers"),
    runner: toyRunner,
  });
  seedBusybox(host);
  const builder = new Builder({ host, clock, tracer, hostName: "host-a", ...options });
  return {
    clock,
    host,
    builder,
    trace,
    build(files, buildOptions = {}) {
      return this.buildArchive(contextTar(files), buildOptions);
    },
    async rootfs(name) {
      const image = host.store.resolve(name);
      return new OverlayFs({ lowers: await host.layerTrees(image), nowUs: clock.nowUs() });
    },
    async buildArchive(archive, buildOptions = {}) {
      clock.advanceBy(1_000_000);
      const messages: JsonMessage[] = [];
      try {
        for await (const message of builder.build({ kind: "tar", archive }, buildOptions)) {
          messages.push(message);
        }
      } catch (error) {
        return { messages, text: "", thrown: error as Error };
      }
      const text = messages
        .map((m) => m.stream ?? (m.error !== undefined ? `${m.error}\n` : ""))
        .join("");
      const last = messages.at(-1);
      return {
        messages,
        text,
        ...(last?.errorDetail === undefined ? {} : { error: last.errorDetail }),
      };
    },
  };
}

/** The stream text with container and image IDs replaced, for comparisons. */
export function withoutIds(text: string): string {
  return text
    .replace(/(Running in|intermediate container) [0-9a-f]{12}/g, "$1 <id>")
    .replace(/ ---> [0-9a-f]{12}/g, " ---> <id>")
    .replace(/Successfully built [0-9a-f]{12}/, "Successfully built <id>");
}
