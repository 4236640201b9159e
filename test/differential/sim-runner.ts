/**
 * Runs differential cases on drydock: the classic-dialect `Builder` on a `MemBuildHost` with a
 * busybox-shaped base image, printing what the docker CLI would print, normalised like the
 * recordings. `docker run` steps run through the same host's containers; other CLI commands
 * need the daemon and are left out (`undefined`).
 */
import { utf8Bytes } from "../../src/archive/byte-strings.ts";
import { Builder } from "../../src/builder/builder.ts";
import { cliContextTar, dockerfileContextTar } from "../../src/builder/context/client-context.ts";
import { type BuildProcessRunner, MemBuildHost } from "../../src/builder/mem-build-host.ts";
import { VirtualClock } from "../../src/clock/virtual-clock.ts";
import { writeGoJson } from "../../src/digest/go-json.ts";
import { isDrydockError } from "../../src/errors/drydock-error.ts";
import { containerConfigJson } from "../../src/image/container-config.ts";
import type { Image } from "../../src/image/image.ts";
import { SeededRng } from "../../src/random/rng.ts";
import { seedBusybox } from "../unit/builder/executor/support/fake-busybox.ts";
import { type ContextFile, contextEntries, materialize, TOUCHED_MTIME_US } from "./case-context.ts";
import type { CaseStep, DiffCase, ImageRecord, StepRecord } from "./diff-case.ts";
import { normalizeConfig, normalizeLines, Placeholders } from "./normalize.ts";
import { commandOf } from "./real-runner.ts";

const decoder = new TextDecoder();

/** One drydock world for one case. */
export class SimCase {
  readonly clock = new VirtualClock();
  readonly host: MemBuildHost;
  readonly builder: Builder;
  readonly #files = new Map<string, ContextFile>();
  readonly #ids = new Placeholders();
  readonly #busybox: Image;

  constructor(testCase: DiffCase, runner: BuildProcessRunner) {
    this.host = new MemBuildHost({
      clock: this.clock,
      rng: SeededRng.fromSeed(testCase.name).fork("ids"),
      runner,
    });
    this.#busybox = seedBusybox(this.host);
    this.builder = new Builder({ host: this.host, clock: this.clock, dialect: "classic" });
    for (const [path, file] of Object.entries(testCase.files))
      this.#files.set(path, materialize(file));
  }

  /** The step's record, or undefined for a step that prints nothing or needs the daemon. */
  async run(step: CaseStep): Promise<StepRecord | undefined> {
    this.clock.advanceBy(1_000_000);
    switch (step.kind) {
      case "write":
        if (step.content === null) this.#files.delete(step.path);
        else
          this.#files.set(step.path, {
            data: utf8Bytes(step.content),
            mode: step.mode ?? 0o644,
            mtimeUs: TOUCHED_MTIME_US - 1,
          });
        return undefined;
      case "touch": {
        const file = this.#files.get(step.path);
        if (file !== undefined) this.#files.set(step.path, { ...file, mtimeUs: TOUCHED_MTIME_US });
        return undefined;
      }
      case "build":
        return this.#build(step);
      case "run":
        return this.#runImage(step);
      case "cli":
        return undefined;
    }
  }

  async #build(step: Extract<CaseStep, { kind: "build" }>): Promise<StepRecord> {
    const archive =
      step.stdinDockerfile === undefined
        ? cliContextTar(contextEntries(this.#files), { dockerfile: step.dockerfile })
        : dockerfileContextTar(step.stdinDockerfile, { mtimeUs: this.clock.nowUs() });
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    try {
      const stream = this.builder.build(
        { kind: "tar", archive },
        {
          tags: step.tag === undefined ? [] : [step.tag],
          noCache: step.noCache,
          target: step.target,
          buildArgs: step.buildArgs,
          labels: step.labels,
          dockerfile: step.dockerfile,
        },
      );
      for await (const message of stream) {
        if (message.stream !== undefined) stdout += message.stream;
        if (message.errorDetail !== undefined) {
          stderr += `${message.errorDetail.message}\n`;
          exitCode = message.errorDetail.code ?? 1;
        }
      }
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      stderr += `Error response from daemon: ${error.message}\n`;
      exitCode = 1;
    }
    const record = this.#record(step, { stdout, stderr, exitCode });
    if (exitCode !== 0 || step.tag === undefined) return record;
    return { ...record, images: this.#imageChain(this.host.store.resolve(step.tag)) };
  }

  async #runImage(step: Extract<CaseStep, { kind: "run" }>): Promise<StepRecord> {
    const image = this.host.store.resolve(step.image);
    const config = image.config.config!;
    const entrypoint =
      step.entrypoint === undefined ? (config.entrypoint ?? []) : [step.entrypoint];
    const cmd =
      step.cmd !== undefined && step.cmd.length > 0
        ? step.cmd
        : step.entrypoint === undefined
          ? (config.cmd ?? [])
          : [];
    const created = await this.host.containers.create({
      image,
      config: { ...config, entrypoint, cmd: [...cmd] },
    });
    let stdout = "";
    let stderr = "";
    let exitCode: number;
    try {
      exitCode = await this.host.containers.run(created.id, {
        onOutput: (frame) => {
          if (frame.stream === "stdout") stdout += decoder.decode(frame.data);
          else stderr += decoder.decode(frame.data);
        },
      });
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      stderr += `docker: Error response from daemon: ${error.message}.\n`;
      exitCode = 127;
    }
    await this.host.containers.remove(created.id);
    return this.#record(step, { stdout, stderr, exitCode });
  }

  #record(
    step: CaseStep,
    result: { stdout: string; stderr: string; exitCode: number },
  ): StepRecord {
    return {
      command: commandOf(step),
      exitCode: result.exitCode,
      stdout: normalizeLines(result.stdout, this.#ids),
      stderr: normalizeLines(result.stderr, this.#ids),
    };
  }

  #imageChain(top: Image): ImageRecord[] {
    const records: ImageRecord[] = [];
    for (
      let image: Image | undefined = top;
      image !== undefined && image.id !== this.#busybox.id;
    ) {
      const parent = this.host.store.parentOf(image.id);
      records.push({
        id: this.#ids.image(image.id),
        parent: this.#ids.image(parent ?? ""),
        container: this.#ids.container(image.config.container ?? ""),
        author: image.config.author ?? "",
        config: normalizeConfig(apiJson(image.config.config), this.#ids),
        containerConfig: normalizeConfig(apiJson(image.config.containerConfig), this.#ids),
        layerCount: image.layers.length,
        ...(image === top
          ? {
              history: (image.config.history ?? []).map(
                (h) => `${h.emptyLayer === true ? "(empty) " : ""}${h.createdBy ?? ""}`,
              ),
            }
          : {}),
      });
      image = parent === undefined ? undefined : this.host.store.get(parent);
    }
    return records;
  }
}

/** A config as `docker image inspect` shows it (Go's JSON of `container.Config`). */
function apiJson(config: Parameters<typeof containerConfigJson>[0] | undefined): unknown {
  return config === undefined ? null : JSON.parse(writeGoJson(containerConfigJson(config)));
}

/** Replays a whole case; steps drydock cannot run yet come back as undefined. */
export async function replayCase(
  testCase: DiffCase,
  runner: BuildProcessRunner,
): Promise<(StepRecord | undefined)[]> {
  const sim = new SimCase(testCase, runner);
  const out: (StepRecord | undefined)[] = [];
  for (const step of testCase.steps) {
    const record = await sim.run(step);
    if (step.kind !== "write" && step.kind !== "touch") out.push(record);
  }
  return out;
}
