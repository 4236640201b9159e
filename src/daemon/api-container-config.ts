import type {
  ContainerConfig as ApiContainerConfig,
  HealthConfig as ApiHealthConfig,
} from "../engine/api-types.ts";
import type { ContainerConfig, HealthConfig } from "../image/container-config.ts";
import { dropUndefined } from "../image/platform.ts";

/**
 * A container config in the Engine API's shape (`Config` of inspect, the create request), with
 * members in Go struct order so a facade that keeps insertion order writes dockerd's bytes.
 */
export function toApiConfig(config: ContainerConfig): ApiContainerConfig {
  const out: ApiContainerConfig = {
    Hostname: config.hostname,
    Domainname: config.domainname,
    User: config.user,
    AttachStdin: config.attachStdin,
    AttachStdout: config.attachStdout,
    AttachStderr: config.attachStderr,
    ExposedPorts: config.exposedPorts === undefined ? undefined : setRecord(config.exposedPorts),
    Tty: config.tty,
    OpenStdin: config.openStdin,
    StdinOnce: config.stdinOnce,
    Env: config.env,
    Cmd: config.cmd,
    Healthcheck: config.healthcheck === undefined ? undefined : apiHealth(config.healthcheck),
    ArgsEscaped: config.argsEscaped,
    Image: config.image,
    Volumes: config.volumes === null ? null : setRecord(config.volumes),
    WorkingDir: config.workingDir,
    Entrypoint: config.entrypoint,
    NetworkDisabled: config.networkDisabled,
    MacAddress: config.macAddress,
    OnBuild: config.onBuild,
    Labels: config.labels === null ? null : sortedRecord(config.labels),
    StopSignal: config.stopSignal,
    StopTimeout: config.stopTimeout,
    Shell: config.shell,
  };
  return dropUndefined(out);
}

/** Reads the container config members of an API request (absent members take Go's zero values). */
export function fromApiConfig(request: Partial<ApiContainerConfig>): ContainerConfig {
  const ports = Object.keys(request.ExposedPorts ?? {}).sort();
  const shell = request.Shell ?? [];
  const config: ContainerConfig = {
    hostname: request.Hostname ?? "",
    domainname: request.Domainname ?? "",
    user: request.User ?? "",
    attachStdin: request.AttachStdin ?? false,
    attachStdout: request.AttachStdout ?? false,
    attachStderr: request.AttachStderr ?? false,
    exposedPorts: ports.length === 0 ? undefined : ports,
    tty: request.Tty ?? false,
    openStdin: request.OpenStdin ?? false,
    stdinOnce: request.StdinOnce ?? false,
    env: request.Env ?? null,
    cmd: request.Cmd ?? null,
    healthcheck: request.Healthcheck === undefined ? undefined : imageHealth(request.Healthcheck),
    argsEscaped: request.ArgsEscaped === true ? true : undefined,
    image: request.Image ?? "",
    volumes:
      request.Volumes === null || request.Volumes === undefined
        ? null
        : Object.keys(request.Volumes).sort(),
    workingDir: request.WorkingDir ?? "",
    entrypoint: request.Entrypoint ?? null,
    networkDisabled: request.NetworkDisabled === true ? true : undefined,
    macAddress: request.MacAddress === "" ? undefined : request.MacAddress,
    onBuild: request.OnBuild ?? null,
    labels: request.Labels ?? null,
    stopSignal: request.StopSignal === "" ? undefined : request.StopSignal,
    stopTimeout: request.StopTimeout ?? undefined,
    shell: shell.length === 0 ? undefined : shell,
  };
  return dropUndefined(config);
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]!]),
  );
}

function setRecord(members: readonly string[]): Record<string, Record<string, never>> {
  return Object.fromEntries(members.map((member) => [member, {}]));
}

function apiHealth(health: HealthConfig): ApiHealthConfig {
  return dropUndefined({
    Test: health.test,
    Interval: health.intervalNs,
    Timeout: health.timeoutNs,
    StartPeriod: health.startPeriodNs,
    Retries: health.retries,
  });
}

function imageHealth(health: ApiHealthConfig): HealthConfig {
  return dropUndefined({
    test: health.Test,
    intervalNs: health.Interval || undefined,
    timeoutNs: health.Timeout || undefined,
    startPeriodNs: health.StartPeriod || undefined,
    retries: health.Retries || undefined,
  });
}
