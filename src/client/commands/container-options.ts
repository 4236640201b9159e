import type { ContainerCreateRequest, HostConfig, RestartPolicy } from "../../engine/api-types.ts";
import { CliError } from "../cli-error.ts";
import type { CommandIo } from "../command-io.ts";
import type { FlagSpec } from "../command-spec.ts";
import type { ParsedArgs } from "../parsed-args.ts";
import { addHostProblem, parseAddHost } from "./add-host.ts";
import { envProblem, readEnvFiles, resolveEnv } from "./env-options.ts";
import { HEALTH_FLAGS, healthcheckOf, NO_HEALTHCHECK_FLAG } from "./health-options.ts";
import { mountProblem, parseMount } from "./mount-spec.ts";
import { parsePortSpecs } from "./port-specs.ts";

/** The flags `docker run` and `docker create` share (the common ones; see the package README). */
export const CONTAINER_FLAGS: readonly FlagSpec[] = [
  {
    name: "add-host",
    type: "list",
    usage: "Add a custom host-to-IP mapping (host:ip)",
    validate: addHostProblem,
  },
  { name: "attach", short: "a", type: "list", usage: "Attach to STDIN, STDOUT or STDERR" },
  { name: "entrypoint", type: "string", usage: "Overwrite the default ENTRYPOINT of the image" },
  {
    name: "env",
    short: "e",
    type: "list",
    usage: "Set environment variables",
    validate: envProblem,
  },
  { name: "env-file", type: "list", usage: "Read in a file of environment variables" },
  { name: "expose", type: "list", usage: "Expose a port or a range of ports" },
  ...HEALTH_FLAGS,
  { name: "hostname", short: "h", type: "string", usage: "Container host name" },
  {
    name: "init",
    type: "bool",
    usage: "Run an init inside the container that forwards signals and reaps processes",
  },
  { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
  { name: "ip", type: "string", usage: "IPv4 address (e.g., 172.30.100.104)" },
  { name: "label", short: "l", type: "list", usage: "Set meta data on a container" },
  {
    name: "link",
    type: "list",
    usage: "Add link to another container",
    validate: linkProblem,
  },
  {
    name: "mount",
    type: "list",
    valueName: "mount",
    usage: "Attach a filesystem mount to the container",
    validate: mountProblem,
  },
  { name: "name", type: "string", usage: "Assign a name to the container" },
  {
    name: "network",
    type: "string",
    valueName: "network",
    usage: "Connect a container to a network",
  },
  { name: "network-alias", type: "list", usage: "Add network-scoped alias for the container" },
  NO_HEALTHCHECK_FLAG,
  { name: "platform", type: "string", usage: "Set platform if server is multi-platform capable" },
  { name: "privileged", type: "bool", usage: "Give extended privileges to this container" },
  { name: "publish", short: "p", type: "list", usage: "Publish a container's port(s) to the host" },
  {
    name: "publish-all",
    short: "P",
    type: "bool",
    usage: "Publish all exposed ports to random ports",
  },
  {
    name: "pull",
    type: "string",
    defaultValue: "missing",
    usage: 'Pull image before running ("always", "missing", "never")',
  },
  { name: "read-only", type: "bool", usage: "Mount the container's root filesystem as read only" },
  {
    name: "restart",
    type: "string",
    defaultValue: "no",
    usage: "Restart policy to apply when a container exits",
  },
  {
    name: "rm",
    type: "bool",
    usage: "Automatically remove the container and its associated anonymous volumes when it exits",
  },
  { name: "stop-signal", type: "string", usage: "Signal to stop the container" },
  { name: "stop-timeout", type: "int", usage: "Timeout (in seconds) to stop a container" },
  { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
  {
    name: "user",
    short: "u",
    type: "string",
    usage: "Username or UID (format: <name|uid>[:<group|gid>])",
  },
  { name: "volume", short: "v", type: "list", usage: "Bind mount a volume" },
  {
    name: "volumes-from",
    type: "list",
    usage: "Mount volumes from the specified container(s)",
  },
  { name: "workdir", short: "w", type: "string", usage: "Working directory inside the container" },
];

/** What `run`/`create` flags mean for the container and for the CLI's own flow. */
export interface ContainerOptions {
  readonly request: ContainerCreateRequest;
  readonly name?: string;
  readonly pull: "always" | "missing" | "never";
  readonly image: string;
  readonly platform?: string;
}

/** Builds the create request from `run`/`create` arguments; a bad value is a `CliError` (125). */
export async function containerOptions(
  args: ParsedArgs,
  io: CommandIo,
  options: { detach: boolean },
): Promise<ContainerOptions> {
  const [image = "", ...command] = args.positional;
  const pull = args.string("pull");
  if (pull !== "always" && pull !== "missing" && pull !== "never") {
    throw new CliError({
      status: `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`,
      exitCode: 125,
    });
  }
  const attach = attachStreams(args, options.detach);
  const ports = parsePortSpecs(args.strings("publish"), args.strings("expose"));
  const env = [
    ...(await readEnvFiles(io, args.strings("env-file"))),
    ...resolveEnv(args.strings("env"), io.env),
  ];
  // After ports and env files, before volumes and the restart policy: the CLI's order of errors.
  const healthcheck = healthcheckOf(args);
  const { binds, volumes } = splitVolumes(args.strings("volume"));
  const entrypoint = args.string("entrypoint");
  const request: ContainerCreateRequest = {
    Hostname: args.string("hostname"),
    Domainname: "",
    User: args.string("user"),
    AttachStdin: attach.stdin,
    AttachStdout: attach.stdout,
    AttachStderr: attach.stderr,
    ...(Object.keys(ports.exposed).length > 0 ? { ExposedPorts: ports.exposed } : {}),
    Tty: args.bool("tty"),
    OpenStdin: args.bool("interactive"),
    StdinOnce: args.bool("interactive") && attach.stdin,
    Env: env.length === 0 ? null : env,
    Cmd: command.length === 0 ? null : command,
    ...(healthcheck === undefined ? {} : { Healthcheck: healthcheck }),
    Image: image,
    Volumes: volumes,
    WorkingDir: args.string("workdir"),
    Entrypoint: entrypoint !== "" ? [entrypoint] : args.has("entrypoint") ? [""] : null,
    OnBuild: null,
    Labels: labelsOf(args.strings("label")),
    ...(args.has("stop-signal") ? { StopSignal: args.string("stop-signal") } : {}),
    ...(args.has("stop-timeout") ? { StopTimeout: args.int("stop-timeout") } : {}),
    HostConfig: hostConfig(args, { binds, bindings: ports.bindings }),
    NetworkingConfig: { EndpointsConfig: { [networkMode(args)]: endpointSettings(args) } },
  };
  const name = args.string("name");
  const platform = args.string("platform");
  return {
    request,
    pull,
    image,
    ...(name === "" ? {} : { name }),
    ...(platform === "" ? {} : { platform }),
  };
}

function attachStreams(
  args: ParsedArgs,
  detach: boolean,
): { stdin: boolean; stdout: boolean; stderr: boolean } {
  const attach = args.strings("attach").map((stream) => stream.toLowerCase());
  for (const stream of attach) {
    if (stream !== "stdin" && stream !== "stdout" && stream !== "stderr") {
      throw new CliError({
        status: `invalid argument "${stream}" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR`,
        exitCode: 125,
      });
    }
  }
  if (detach) {
    if (attach.length > 0)
      throw new CliError({
        status: "conflicting options: cannot specify both --attach and --detach",
        exitCode: 125,
      });
    return { stdin: false, stdout: false, stderr: false };
  }
  if (attach.length > 0) {
    return {
      stdin: attach.includes("stdin"),
      stdout: attach.includes("stdout"),
      stderr: attach.includes("stderr"),
    };
  }
  return { stdin: args.bool("interactive"), stdout: true, stderr: true };
}

/** What the container asks of its network: its own address (`--ip`), aliases. */
function endpointSettings(args: ParsedArgs): Record<string, unknown> {
  const ip = args.string("ip");
  const aliases = args.strings("network-alias");
  return {
    ...(ip === "" ? {} : { IPAMConfig: { IPv4Address: ip } }),
    ...(aliases.length === 0 ? {} : { Aliases: [...aliases] }),
  };
}

function networkMode(args: ParsedArgs): string {
  const network = args.string("network");
  return network === "" ? "default" : network;
}

function hostConfig(
  args: ParsedArgs,
  parts: { binds: string[]; bindings: Record<string, { HostIp: string; HostPort: string }[]> },
): HostConfig {
  const autoRemove = args.bool("rm");
  const restart = restartPolicy(args.string("restart"));
  if (autoRemove && restart.Name !== "no" && restart.Name !== "") {
    throw new CliError({
      status: "conflicting options: cannot specify both --restart and --rm",
      exitCode: 125,
    });
  }
  const addHosts = args.strings("add-host").map((value) => {
    const parsed = parseAddHost(value);
    return "entry" in parsed ? parsed.entry : value;
  });
  // Sent as typed (`web`, not `web:web`): the CLI only checks the form (recorded on CLI 28.2).
  const links = args.strings("link");
  return {
    Binds: parts.binds.length === 0 ? null : parts.binds,
    NetworkMode: networkMode(args),
    PortBindings: parts.bindings,
    RestartPolicy: restart,
    AutoRemove: autoRemove,
    VolumesFrom: args.strings("volumes-from").length === 0 ? null : args.strings("volumes-from"),
    Mounts: args.strings("mount").map(parseMount),
    ConsoleSize: [0, 0],
    ReadonlyRootfs: args.bool("read-only"),
    Init: args.has("init") ? args.bool("init") : null,
    ExtraHosts: addHosts.length === 0 ? null : [...addHosts],
    Links: links.length === 0 ? null : [...links],
    Privileged: args.bool("privileged"),
    PublishAllPorts: args.bool("publish-all"),
  };
}

/** The CLI's `ValidateLink` (`opts.ParseLink`): `NAME` or `NAME:ALIAS`, no more colons. */
function linkProblem(value: string): string | undefined {
  if (value === "") return "empty string specified for links";
  return value.split(":").length > 2 ? `bad format for links: ${value}` : undefined;
}

/**
 * `--restart NAME[:N]` as the CLI 28.2's `ParseRestartPolicy` reads it: only the form is
 * checked here (a name before a colon, an integer count); which names and counts make sense
 * is the daemon's to say (`invalid restart policy 'x'`, exit 1).
 */
export function restartPolicy(value: string): RestartPolicy {
  const colon = value.indexOf(":");
  const name = colon < 0 ? value : value.slice(0, colon);
  const count = colon < 0 ? "" : value.slice(colon + 1);
  if (colon >= 0 && name === "")
    throw new CliError({
      status: "invalid restart policy format: no policy provided before colon",
      exitCode: 125,
    });
  // Go's strconv.Atoi: an optional sign and decimal digits.
  if (count !== "" && !/^[+-]?\d+$/.test(count))
    throw new CliError({
      status: "invalid restart policy format: maximum retry count must be an integer",
      exitCode: 125,
    });
  return { Name: name, MaximumRetryCount: count === "" ? 0 : Number(count) };
}

function labelsOf(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals < 0) labels[value] = "";
    else labels[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return labels;
}

/** `-v` values: `SRC:DST[:MODE]` are binds, a lone `/path` is an anonymous volume. */
function splitVolumes(values: readonly string[]): {
  binds: string[];
  volumes: Record<string, Record<string, never>>;
} {
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const value of values) {
    const parts = value.split(":");
    if (parts.some((part) => part === "") && parts.length > 1) {
      throw new CliError({
        status: `invalid spec: ${value}: empty section between colons`,
        exitCode: 125,
      });
    }
    if (parts.length === 1) volumes[value] = {};
    else if (parts.length <= 3) binds.push(value);
    else throw new CliError({ status: `invalid spec: ${value}: too many colons`, exitCode: 125 });
  }
  return { binds, volumes };
}
