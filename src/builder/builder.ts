import type { Clock } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import type { Digest } from "../digest/digest.ts";
import type { BuildContextInput, ImageBuildOptions } from "../engine/engine.ts";
import type { JsonMessage, JsonMessageStream } from "../engine/json-message.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { NULL_TRACER, type Tracer } from "../trace/tracer.ts";
import { BuildError } from "./build-error.ts";
import type { BuildHost } from "./build-host.ts";
import { type BuildLimits, DEFAULT_BUILD_LIMITS } from "./build-limits.ts";
import { BuildOutput } from "./build-output.ts";
import { runBuild } from "./build-run.ts";
import type { GitContextOptions } from "./context/git-context.ts";
import { type BuildCosts, DEFAULT_BUILD_COSTS } from "./dispatch/build-session.ts";
import { DEFAULT_DOCKER_VERSION } from "./dispatch/child-image.ts";
import type { DockerfileDialect } from "./dockerfile/ast.ts";
import { MessageChannel } from "./message-channel.ts";

/** Options of a `Builder`. */
export interface BuilderOptions {
  /** The daemon the builder runs in (images, layers, build containers). */
  readonly host: BuildHost;
  /** Where history timestamps come from: the world's virtual clock. */
  readonly clock: Clock;
  /** When given, the builder's own work (container creates, commits, copies) takes simulated time. */
  readonly scheduler?: Scheduler;
  readonly tracer?: Tracer;
  /** The host's name in trace events. */
  readonly hostName?: string;
  readonly limits?: Partial<BuildLimits>;
  readonly costs?: Partial<BuildCosts>;
  /** `docker_version` of the images built (default dockerd 20.10's, `20.10.24+dfsg1`). */
  readonly dockerVersion?: string;
  /**
   * `extended` (default): Docker 20.10's classic builder plus the BuildKit syntax it lacks
   * (heredocs); `classic`: exactly Docker 20.10, for differential tests.
   */
  readonly dialect?: DockerfileDialect;
  /** How `remote` git contexts reach repositories. */
  readonly git?: GitContextOptions;
}

/**
 * dockerd 20.10's classic Dockerfile builder (`POST /build?version=1`): reads the context,
 * runs the Dockerfile step by step with the layer cache, stores each step's image (untagged,
 * linked to its parent) and tags the result, writing the build stream exactly as dockerd does.
 *
 * @example
 * const builder = new Builder({ host, clock });
 * for await (const message of builder.build({ kind: "tar", archive }, { tags: ["app:1"] })) {
 *   if (message.stream !== undefined) process.stdout.write(message.stream);
 * }
 */
export class Builder {
  readonly #options: BuilderOptions;
  readonly #limits: BuildLimits;
  readonly #costs: BuildCosts;
  readonly #tracer: Tracer;

  constructor(options: BuilderOptions) {
    this.#options = options;
    this.#limits = Object.freeze({ ...DEFAULT_BUILD_LIMITS, ...options.limits });
    this.#costs = Object.freeze({ ...DEFAULT_BUILD_COSTS, ...options.costs });
    this.#tracer = (options.tracer ?? NULL_TRACER).with({
      host: options.hostName,
      component: "builder",
    });
  }

  /**
   * Starts a build when the stream is first read. The stream carries `stream`, `aux` and pull
   * progress messages, and ends with `Successfully tagged …` or an `errorDetail` message. A
   * failure before anything was written (bad tag, context or Dockerfile) is thrown by the
   * iterator instead, as dockerd answers it with an HTTP error.
   */
  build(context: BuildContextInput, options: ImageBuildOptions): JsonMessageStream {
    const channel: MessageChannel<JsonMessage> = new MessageChannel({
      onFirstRead: () => {
        void this.#run(context, options, channel);
      },
    });
    return channel;
  }

  async #run(
    context: BuildContextInput,
    options: ImageBuildOptions,
    channel: MessageChannel<JsonMessage>,
  ): Promise<void> {
    const output = new BuildOutput({ channel, quiet: options.quiet === true });
    let imageId: Digest;
    try {
      imageId = await runBuild({
        context,
        build: options,
        output,
        host: this.#options.host,
        clock: this.#options.clock,
        scheduler: this.#options.scheduler,
        tracer: this.#tracer,
        limits: this.#limits,
        costs: this.#costs,
        dockerVersion: this.#options.dockerVersion ?? DEFAULT_DOCKER_VERSION,
        dialect: this.#options.dialect ?? "extended",
        git: this.#options.git,
      });
    } catch (error) {
      if (!isDrydockError(error)) {
        channel.fail(error);
        return;
      }
      this.#tracer.emit({
        kind: "builder.build.fail",
        step: 2,
        data: { message: error.message, code: error.code },
      });
      output.fail(error, error instanceof BuildError ? error.exitCode : undefined);
      return;
    }
    output.finish(imageId);
  }
}
