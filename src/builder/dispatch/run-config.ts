import { type ContainerConfig, EMPTY_CONTAINER_CONFIG } from "../../image/container-config.ts";

/** The shell of shell-form commands when no `SHELL` was given (Linux). */
export const DEFAULT_SHELL: readonly string[] = Object.freeze(["/bin/sh", "-c"]);

/** The `PATH` dockerd adds to a stage's environment when its base image has none (Linux). */
export const DEFAULT_PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A mutable copy of a container config, for a dispatcher to change and freeze again. */
export type MutableRunConfig = { -readonly [K in keyof ContainerConfig]: ContainerConfig[K] };

/** The `SHELL` in force, or `/bin/sh -c`. */
export function shellOf(config: ContainerConfig): readonly string[] {
  return config.shell === undefined || config.shell.length === 0 ? DEFAULT_SHELL : config.shell;
}

/**
 * dockerd's `withCmdComment`: the build container's `Cmd` for a metadata step, two arguments
 * after the shell (`/bin/sh -c #(nop)  ENV a=b` once joined: note the two spaces).
 */
export function withNopComment(config: ContainerConfig, comment: string): ContainerConfig {
  return { ...config, cmd: [...shellOf(config), "#(nop) ", comment] };
}

/**
 * dockerd's `withCmdCommentString`, kept for WORKDIR, COPY and ADD: one argument
 * (`/bin/sh -c #(nop) WORKDIR /app`, one space).
 */
export function withNopCommentString(config: ContainerConfig, comment: string): ContainerConfig {
  return { ...config, cmd: [...shellOf(config), `#(nop) ${comment}`] };
}

/** What the history records for a step: the build container's `Cmd`, joined with spaces. */
export function createdByOf(containerConfig: ContainerConfig): string {
  return (containerConfig.cmd ?? []).join(" ");
}

/**
 * A stage's starting config, as dockerd's `beginStage` makes it: the base image's config (or an
 * empty one), `PATH` added when missing, stdin flags cleared.
 */
export function stageRunConfig(base: ContainerConfig | undefined): ContainerConfig {
  const config = base ?? EMPTY_CONTAINER_CONFIG;
  const env = config.env ?? [];
  const hasPath = env.some((entry) => entry.split("=", 1)[0] === "PATH");
  return {
    ...config,
    env: hasPath ? config.env : [...env, DEFAULT_PATH_ENV],
    openStdin: false,
    stdinOnce: false,
  };
}
