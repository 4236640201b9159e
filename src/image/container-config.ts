import type { FieldReader } from "./json-reader.ts";
import { dropUndefined } from "./platform.ts";

/** Docker's `HealthConfig`; durations are Go `time.Duration`s, integer nanoseconds. */
export interface HealthConfig {
  /** `["NONE"]`, `["CMD", …]` or `["CMD-SHELL", "…"]`. */
  readonly test?: readonly string[];
  readonly intervalNs?: number;
  readonly timeoutNs?: number;
  readonly startPeriodNs?: number;
  /** Newer engines only (API 1.44); dockerd 20.10 never writes it. */
  readonly startIntervalNs?: number;
  readonly retries?: number;
}

/**
 * Docker's `container.Config` as it appears in an image config (`config` and
 * `container_config`). Members that Go writes even when empty are required here, with `null`
 * where Go has a nil slice or map, so that a config Docker wrote re-serialises to the same
 * bytes; `omitempty` members are optional.
 */
export interface ContainerConfig {
  readonly hostname: string;
  readonly domainname: string;
  readonly user: string;
  readonly attachStdin: boolean;
  readonly attachStdout: boolean;
  readonly attachStderr: boolean;
  /** `80/tcp`, `53/udp`: a set, kept sorted. Omitted when empty. */
  readonly exposedPorts?: readonly string[];
  readonly tty: boolean;
  readonly openStdin: boolean;
  readonly stdinOnce: boolean;
  readonly env: readonly string[] | null;
  readonly cmd: readonly string[] | null;
  readonly healthcheck?: HealthConfig;
  /** Windows only in practice; written only when true. */
  readonly argsEscaped?: boolean;
  /** The parent image ID the builder ran this step on (`sha256:…`), or a name for commits. */
  readonly image: string;
  /** Volume mount points: a set, kept sorted; `[]` is written `{}`, `null` is written `null`. */
  readonly volumes: readonly string[] | null;
  readonly workingDir: string;
  readonly entrypoint: readonly string[] | null;
  readonly networkDisabled?: boolean;
  readonly macAddress?: string;
  readonly onBuild: readonly string[] | null;
  readonly labels: Readonly<Record<string, string>> | null;
  readonly stopSignal?: string;
  /** Seconds; a pointer in Go, so 0 is written when set. */
  readonly stopTimeout?: number;
  readonly shell?: readonly string[];
}

/** The zero `container.Config`: what Go writes for a config it never filled in. */
export const EMPTY_CONTAINER_CONFIG: ContainerConfig = Object.freeze({
  hostname: "",
  domainname: "",
  user: "",
  attachStdin: false,
  attachStdout: false,
  attachStderr: false,
  tty: false,
  openStdin: false,
  stdinOnce: false,
  env: null,
  cmd: null,
  image: "",
  volumes: null,
  workingDir: "",
  entrypoint: null,
  onBuild: null,
  labels: null,
});

/** Reads a `container.Config` object (Go semantics: absent and `null` members take zero values). */
export function readContainerConfig(reader: FieldReader): ContainerConfig {
  const stopTimeout = reader.raw("StopTimeout");
  if (stopTimeout !== undefined && stopTimeout !== null && !Number.isSafeInteger(stopTimeout)) {
    reader.fail("StopTimeout", "expected an integer");
  }
  const exposedPorts = reader.stringSet("ExposedPorts");
  const shell = reader.strSlice("Shell");
  const health = reader.object("Healthcheck");
  const config: ContainerConfig = {
    hostname: reader.string("Hostname") ?? "",
    domainname: reader.string("Domainname") ?? "",
    user: reader.string("User") ?? "",
    attachStdin: reader.boolean("AttachStdin") ?? false,
    attachStdout: reader.boolean("AttachStdout") ?? false,
    attachStderr: reader.boolean("AttachStderr") ?? false,
    exposedPorts: exposedPorts === null || exposedPorts?.length === 0 ? undefined : exposedPorts,
    tty: reader.boolean("Tty") ?? false,
    openStdin: reader.boolean("OpenStdin") ?? false,
    stdinOnce: reader.boolean("StdinOnce") ?? false,
    env: reader.stringArray("Env") ?? null,
    cmd: reader.strSlice("Cmd") ?? null,
    healthcheck: health === undefined ? undefined : readHealthConfig(health),
    argsEscaped: reader.boolean("ArgsEscaped") === true ? true : undefined,
    image: reader.string("Image") ?? "",
    volumes: reader.stringSet("Volumes") ?? null,
    workingDir: reader.string("WorkingDir") ?? "",
    entrypoint: reader.strSlice("Entrypoint") ?? null,
    networkDisabled: reader.boolean("NetworkDisabled") === true ? true : undefined,
    macAddress: emptyToUndefined(reader.string("MacAddress")),
    onBuild: reader.stringArray("OnBuild") ?? null,
    labels: reader.stringMap("Labels") ?? null,
    stopSignal: emptyToUndefined(reader.string("StopSignal")),
    stopTimeout: stopTimeout === null ? undefined : (stopTimeout as number | undefined),
    shell: shell === null || shell?.length === 0 ? undefined : shell,
  };
  return Object.freeze(dropUndefined(config));
}

function readHealthConfig(reader: FieldReader): HealthConfig {
  const test = reader.stringArray("Test");
  const health: HealthConfig = {
    test: test === null || test?.length === 0 ? undefined : test,
    intervalNs: zeroToUndefined(reader.integer("Interval")),
    timeoutNs: zeroToUndefined(reader.integer("Timeout")),
    startPeriodNs: zeroToUndefined(reader.integer("StartPeriod")),
    startIntervalNs: zeroToUndefined(reader.integer("StartInterval")),
    retries: zeroToUndefined(reader.integer("Retries")),
  };
  return Object.freeze(dropUndefined(health));
}

/** `container.Config` members in Go struct order, as dockerd writes them. */
export function containerConfigJson(config: ContainerConfig): Record<string, unknown> {
  return {
    Hostname: config.hostname,
    Domainname: config.domainname,
    User: config.user,
    AttachStdin: config.attachStdin,
    AttachStdout: config.attachStdout,
    AttachStderr: config.attachStderr,
    ExposedPorts: setJson(config.exposedPorts, { omitEmpty: true }),
    Tty: config.tty,
    OpenStdin: config.openStdin,
    StdinOnce: config.stdinOnce,
    Env: config.env,
    Cmd: config.cmd,
    Healthcheck:
      config.healthcheck === undefined ? undefined : healthConfigJson(config.healthcheck),
    ArgsEscaped: config.argsEscaped === true ? true : undefined,
    Image: config.image,
    Volumes: config.volumes === null ? null : setJson(config.volumes, { omitEmpty: false }),
    WorkingDir: config.workingDir,
    Entrypoint: config.entrypoint,
    NetworkDisabled: config.networkDisabled === true ? true : undefined,
    MacAddress: emptyToUndefined(config.macAddress),
    OnBuild: config.onBuild,
    Labels: config.labels === null ? null : new Map(Object.entries(config.labels)),
    StopSignal: emptyToUndefined(config.stopSignal),
    StopTimeout: config.stopTimeout,
    Shell: config.shell === undefined || config.shell.length === 0 ? undefined : config.shell,
  };
}

/**
 * The OCI image-spec `ImageConfig` members, in its struct order, every one `omitempty`. Members
 * OCI has no place for (Healthcheck, Shell, OnBuild, Hostname…) are dropped, as skopeo drops them.
 */
export function ociContainerConfigJson(
  config: ContainerConfig | undefined,
): Record<string, unknown> {
  if (config === undefined) return {};
  return {
    User: emptyToUndefined(config.user),
    ExposedPorts: setJson(config.exposedPorts, { omitEmpty: true }),
    Env: nonEmpty(config.env),
    Entrypoint: nonEmpty(config.entrypoint),
    Cmd: nonEmpty(config.cmd),
    Volumes: setJson(config.volumes ?? undefined, { omitEmpty: true }),
    WorkingDir: emptyToUndefined(config.workingDir),
    Labels:
      config.labels === null || Object.keys(config.labels).length === 0
        ? undefined
        : new Map(Object.entries(config.labels)),
    StopSignal: emptyToUndefined(config.stopSignal),
    ArgsEscaped: config.argsEscaped === true ? true : undefined,
  };
}

function healthConfigJson(health: HealthConfig): Record<string, unknown> {
  return {
    Test: nonEmpty(health.test ?? null),
    Interval: zeroToUndefined(health.intervalNs),
    Timeout: zeroToUndefined(health.timeoutNs),
    StartPeriod: zeroToUndefined(health.startPeriodNs),
    StartInterval: zeroToUndefined(health.startIntervalNs),
    Retries: zeroToUndefined(health.retries),
  };
}

/** A Go `map[string]struct{}`: sorted keys, each mapped to `{}`. */
function setJson(
  members: readonly string[] | undefined,
  options: { omitEmpty: boolean },
): Map<string, object> | undefined {
  if (members === undefined || (options.omitEmpty && members.length === 0)) return undefined;
  return new Map(members.map((member) => [member, {}]));
}

function nonEmpty(value: readonly string[] | null): readonly string[] | undefined {
  return value === null || value.length === 0 ? undefined : value;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === "" ? undefined : value;
}

function zeroToUndefined(value: number | undefined): number | undefined {
  return value === 0 ? undefined : value;
}
