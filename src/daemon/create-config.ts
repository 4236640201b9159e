import { DrydockError } from "../errors/drydock-error.ts";
import type { ContainerConfig } from "../image/container-config.ts";

/**
 * Fills a container's config from its image as dockerd's `merge` does: the user's values win;
 * `Env` keeps the user's entries and adds the image's other keys after them; labels are merged
 * (user first); `Cmd` comes from the image only when the user gave neither entrypoint nor
 * command, and the image's entrypoint only when the user gave none (`--entrypoint ""` is kept,
 * and cleared afterwards); `WorkingDir`, `User`, `StopSignal`, ports, volumes and the
 * healthcheck fall back to the image's.
 */
export function mergeImageConfig(
  user: ContainerConfig,
  image: ContainerConfig | undefined,
): ContainerConfig {
  if (image === undefined) return finish(user);
  const userEnvKeys = new Set((user.env ?? []).map(envKey));
  const env =
    (user.env ?? []).length === 0
      ? image.env
      : [
          ...(user.env ?? []),
          ...(image.env ?? []).filter((entry) => !userEnvKeys.has(envKey(entry))),
        ];
  const inheritCommand = (user.entrypoint ?? []).length === 0;
  const ports = [...new Set([...(user.exposedPorts ?? []), ...(image.exposedPorts ?? [])])].sort();
  const volumes =
    (user.volumes ?? []).length === 0
      ? image.volumes
      : [...new Set([...(user.volumes ?? []), ...(image.volumes ?? [])])].sort();
  const merged: ContainerConfig = {
    ...user,
    user: user.user === "" ? image.user : user.user,
    exposedPorts: ports.length === 0 ? undefined : ports,
    env,
    labels: { ...(image.labels ?? {}), ...(user.labels ?? {}) },
    cmd: inheritCommand && (user.cmd ?? []).length === 0 ? image.cmd : user.cmd,
    argsEscaped:
      inheritCommand && (user.cmd ?? []).length === 0 ? image.argsEscaped : user.argsEscaped,
    entrypoint: inheritCommand && user.entrypoint === null ? image.entrypoint : user.entrypoint,
    healthcheck: user.healthcheck ?? image.healthcheck,
    workingDir: user.workingDir === "" ? image.workingDir : user.workingDir,
    volumes,
    stopSignal: user.stopSignal ?? image.stopSignal,
  };
  return finish(merged);
}

/** `--entrypoint ""` clears the entrypoint; with neither entrypoint nor command there is nothing to run. */
function finish(config: ContainerConfig): ContainerConfig {
  const entrypoint =
    config.entrypoint?.length === 1 && config.entrypoint[0] === "" ? null : config.entrypoint;
  if ((entrypoint ?? []).length === 0 && (config.cmd ?? []).length === 0) {
    throw new DrydockError("InvalidArgument", "No command specified", { data: {} });
  }
  return dropUndefinedMembers({ ...config, entrypoint });
}

/** The process a container runs: entrypoint then command, as `Path` and `Args` of inspect. */
export function entrypointAndArgs(config: ContainerConfig): {
  path: string;
  args: readonly string[];
} {
  const argv = [...(config.entrypoint ?? []), ...(config.cmd ?? [])];
  return { path: argv[0] ?? "", args: argv.slice(1) };
}

function envKey(entry: string): string {
  const equals = entry.indexOf("=");
  return equals < 0 ? entry : entry.slice(0, equals);
}

function dropUndefinedMembers(config: ContainerConfig): ContainerConfig {
  return Object.fromEntries(
    Object.entries(config).filter(([, value]) => value !== undefined),
  ) as unknown as ContainerConfig;
}
