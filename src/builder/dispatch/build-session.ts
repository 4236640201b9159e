import type { TarEntry } from "../../archive/tar-entry.ts";
import { writeTar } from "../../archive/tar-writer.ts";
import type { Clock } from "../../clock/clock.ts";
import type { Scheduler } from "../../clock/event-loop.ts";
import { digestOf } from "../../digest/digest.ts";
import type { ContainerConfig } from "../../image/container-config.ts";
import type { Tracer } from "../../trace/tracer.ts";
import type { BuildHost, CreatedBuildContainer, NewLayer } from "../build-host.ts";
import { type BuildLimits, checkBuildLimit } from "../build-limits.ts";
import type { BuildOutput } from "../build-output.ts";
import { truncateId } from "../build-output.ts";
import type { ImageProbe } from "../cache/image-probe.ts";
import type { BuildContext } from "../context/build-context.ts";
import type { DockerfileDialect } from "../dockerfile/ast.ts";
import type { ExpansionDialect } from "../dockerfile/shell-lexer.ts";
import { childImage } from "./child-image.ts";
import type { DispatchState, StageResults } from "./dispatch-state.ts";
import { withNopComment } from "./run-config.ts";

/**
 * Simulated durations of a build's own work, spent on the scheduler when one is given (RUN
 * takes whatever its process takes in the runtime). Defaults are in the range the protocol
 * recording shows for dockerd 20.10 (about 130 ms per metadata step).
 */
export interface BuildCosts {
  readonly containerCreateUs: number;
  readonly commitUs: number;
  readonly copyUs: number;
}

/** The costs a builder uses unless told otherwise. */
export const DEFAULT_BUILD_COSTS: BuildCosts = Object.freeze({
  containerCreateUs: 40_000,
  commitUs: 90_000,
  copyUs: 150_000,
});

/** Everything one build shares across its steps. */
export interface BuildSessionOptions {
  readonly host: BuildHost;
  readonly output: BuildOutput;
  readonly tracer: Tracer;
  readonly clock: Clock;
  readonly scheduler?: Scheduler;
  readonly costs: BuildCosts;
  readonly probe: ImageProbe;
  readonly limits: BuildLimits;
  readonly context: BuildContext;
  readonly stages: StageResults;
  /** Remove intermediate containers after each successful step (`--rm`, default). */
  readonly rm: boolean;
  /** Remove them after failed steps too (`--force-rm`). */
  readonly forceRm: boolean;
  readonly dockerVersion: string;
  readonly escapeToken: string;
  /** The Dockerfile dialect (ONBUILD triggers are parsed with it). */
  readonly dockerfileDialect: DockerfileDialect;
  /** The `${…}` forms expansion accepts: `classic` for Docker 20.10, `buildkit` otherwise. */
  readonly dialect: ExpansionDialect;
  /** The build's `--platform`. */
  readonly platform?: string;
}

/**
 * The classic builder's commit machinery for one build (dockerd's `Builder` internals): cache
 * probes, build containers, commits and the intermediate images they leave, with the stream
 * lines dockerd prints for each and the trace events of workflow steps 2 and 3.
 */
export class BuildSession {
  readonly options: BuildSessionOptions;
  /** The Dockerfile step being run (`Step N/M`), for trace events. */
  stepNumber = 0;
  readonly #tmpContainers: string[] = [];
  #stepsRun = 0;

  constructor(options: BuildSessionOptions) {
    this.options = options;
  }

  get host(): BuildHost {
    return this.options.host;
  }

  get output(): BuildOutput {
    return this.options.output;
  }

  /** Counts one more step or ONBUILD trigger against `stepCountMax`. */
  countStep(): void {
    this.#stepsRun += 1;
    checkBuildLimit("stepCountMax", {
      actual: this.#stepsRun,
      limit: this.options.limits.stepCountMax,
    });
  }

  /** Lets `durationUs` of simulated time pass, when the builder was given a scheduler. */
  async spend(durationUs: number): Promise<void> {
    if (this.options.scheduler !== undefined && durationUs > 0) {
      await this.options.scheduler.sleep(durationUs);
    }
  }

  /** dockerd's `probeCache`: on a hit, ` ---> Using cache` and the cached image becomes current. */
  async probeCache(state: DispatchState, config: ContainerConfig): Promise<boolean> {
    const probe = this.options.probe;
    const skipped = probe.noCache ? "no-cache" : probe.busted ? "earlier-miss" : undefined;
    const parent = state.imageId === "" ? null : state.imageId;
    const cached = await probe.probe(state.imageId, config);
    const data = { buildStep: this.stepNumber, parent };
    if (cached === undefined) {
      this.options.tracer.emit({
        kind: "builder.cache.miss",
        step: 2,
        data: { ...data, reason: skipped ?? "no-match" },
      });
      return false;
    }
    this.options.tracer.emit({
      kind: "builder.cache.hit",
      step: 2,
      data: { ...data, image: cached.id },
    });
    this.output.stdout(" ---> Using cache\n");
    state.setImage(cached);
    return true;
  }

  /** Creates a build container and prints ` ---> Running in <id>`. */
  async createContainer(
    state: DispatchState,
    config: ContainerConfig,
  ): Promise<CreatedBuildContainer> {
    await this.spend(this.options.costs.containerCreateUs);
    const created = await this.host.containers.create({ image: state.image, config });
    this.#tmpContainers.push(created.id);
    for (const warning of created.warnings) this.output.stdout(` ---> [Warning] ${warning}\n`);
    this.output.stdout(` ---> Running in ${truncateId(created.id)}\n`);
    return created;
  }

  /**
   * A metadata step (dockerd's `commit`): probe the cache with the `#(nop)` config; on a miss,
   * create a container with it and commit that container.
   */
  async commitMetadata(state: DispatchState, comment: string): Promise<void> {
    const config = withNopComment(state.runConfig, comment);
    if (await this.probeCache(state, config)) return;
    const created = await this.createContainer(state, config);
    await this.commitContainer(state, created.id, created.config);
  }

  /** dockerd's `commitContainer`: the container's changes become the step's layer (if any). */
  async commitContainer(
    state: DispatchState,
    containerId: string,
    containerConfig: ContainerConfig,
  ): Promise<void> {
    const entries = await this.host.containers.changes(containerId);
    await this.spend(this.options.costs.commitUs);
    await this.commitStep(state, { entries, containerConfig, containerId });
  }

  /**
   * Stores a step's image on top of the current one (`NewChildImage` + `CreateImage`): the
   * layer when `entries` is not empty, `empty_layer` otherwise.
   */
  async commitStep(
    state: DispatchState,
    step: { entries: readonly TarEntry[]; containerConfig: ContainerConfig; containerId?: string },
  ): Promise<void> {
    const layer = step.entries.length === 0 ? undefined : makeLayer(step.entries);
    if (layer !== undefined) {
      this.options.tracer.emit({
        kind: "builder.layer.commit",
        step: 3,
        data: {
          buildStep: this.stepNumber,
          diffId: layer.diffId,
          sizeBytes: layer.tar.length,
          entryCount: layer.entries.length,
        },
      });
    }
    const image = childImage({
      parent: state.image,
      config: { ...state.runConfig },
      containerConfig: step.containerConfig,
      containerId: step.containerId,
      author: state.maintainer,
      diffId: layer?.diffId,
      createdUs: this.options.clock.nowUs(),
      dockerVersion: this.options.dockerVersion,
      os: state.os,
    });
    const parent = state.imageId === "" ? undefined : state.imageId;
    await this.host.images.commitImage({ image, parent, layer });
    this.options.tracer.emit({
      kind: "builder.image.create",
      step: 3,
      data: {
        buildStep: this.stepNumber,
        image: image.id,
        parent: parent ?? null,
        emptyLayer: layer === undefined,
      },
    });
    state.setImage(image);
  }

  /**
   * After each step (dockerd's deferred `RemoveAll`): the step's containers go when `--rm` and
   * the step succeeded, or always with `--force-rm`, each announced on the stream.
   */
  async afterStep(succeeded: boolean): Promise<void> {
    if (!(this.options.forceRm || (this.options.rm && succeeded))) return;
    while (this.#tmpContainers.length > 0) {
      const id = this.#tmpContainers[0]!;
      await this.host.containers.remove(id);
      this.#tmpContainers.shift();
      this.output.stdout(`Removing intermediate container ${truncateId(id)}\n`);
    }
  }
}

/** A layer from a container's changes: its tar, whose sha256 is the diffID. */
function makeLayer(entries: readonly TarEntry[]): NewLayer {
  const tar = writeTar(entries);
  return { diffId: digestOf(tar), tar, entries };
}
