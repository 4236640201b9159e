import { parseRfc3339 } from "../../clock/time-format.ts";
import type { SystemInfo, VersionInfo } from "../../engine/api-types.ts";
import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { tabwriterFormat } from "../format/tab-writer.ts";
import { ansicDate } from "../format/text.ts";
import { bytesSize } from "../format/units.ts";
import { fromJson, type GoStructType, typedValue } from "../formatter/go-typed.ts";
import { VERSION } from "../formatter/inspect-types.ts";
import { goJsonText } from "../go-template/go-json-text.ts";
import { GoTemplate } from "../go-template/go-template.ts";
import { GoStruct, type GoValue } from "../go-template/go-value.ts";
import { TemplateError } from "../go-template/template-error.ts";
import { out } from "./common.ts";
import { FORMAT_INSPECT_FLAG } from "./shared-flags.ts";

/** What drydock's client reports about itself where the docker CLI reports its build. */
export const CLIENT = {
  version: "28.2.2-drydock",
  defaultApiVersion: "1.50",
  goVersion: "n/a (TypeScript)",
  gitCommit: "drydock",
  built: "n/a",
  os: "linux",
  arch: "amd64",
  context: "default",
} as const;

function built(text: string): string {
  const instant = parseRfc3339(text);
  return instant === undefined ? text : ansicDate(instant);
}

/**
 * The CLI rewrites the Engine component's `BuildTime` detail into ANSI C form before any
 * template sees it (`Thu May  7 21:09:36 2026`); the top-level `BuildTime` stays as sent.
 */
function withEngineBuildTimeReformatted(server: VersionInfo): VersionInfo {
  return {
    ...server,
    Components: server.Components?.map((component) =>
      component.Name === "Engine" && component.Details?.BuildTime !== undefined
        ? {
            ...component,
            Details: { ...component.Details, BuildTime: built(component.Details.BuildTime) },
          }
        : component,
    ),
  };
}

/** The CLI's `clientVersion`, in its declaration order (`Platform` is nil in Debian's build). */
const CLIENT_VERSION: GoStructType = {
  struct: "system.clientVersion",
  fields: [
    [
      "Platform",
      { struct: "system.platformInfo", pointer: true, fields: [["Name", "string"]] },
      ",omitempty",
    ],
    ["Version", "string"],
    ["APIVersion", "string", "ApiVersion"],
    ["DefaultAPIVersion", "string", "DefaultAPIVersion,omitempty"],
    ["GitCommit", "string"],
    ["GoVersion", "string"],
    ["Os", "string"],
    ["Arch", "string"],
    ["BuildTime", "string", ",omitempty"],
    ["Context", "string"],
  ],
};

function clientValue(apiVersion: string): GoValue {
  return typedValue(
    {
      Version: CLIENT.version,
      ApiVersion: apiVersion,
      DefaultAPIVersion: CLIENT.defaultApiVersion,
      GitCommit: CLIENT.gitCommit,
      GoVersion: CLIENT.goVersion,
      Os: CLIENT.os,
      Arch: CLIENT.arch,
      BuildTime: CLIENT.built,
      Context: CLIENT.context,
    },
    CLIENT_VERSION,
  );
}

function parseVersionTemplate(format: string): GoTemplate {
  try {
    return GoTemplate.parse(format, { name: "version" });
  } catch (error) {
    if (error instanceof TemplateError)
      throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
    throw error;
  }
}

function runFormat(format: string, data: GoValue): string {
  try {
    return `${GoTemplate.parse(format).execute(data)}\n`;
  } catch (error) {
    if (error instanceof TemplateError)
      throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
    throw error;
  }
}

/** The server half of `docker version`, as the CLI's template lays it out. */
function serverLines(server: VersionInfo): string {
  let text = `Server:${server.Platform.Name === "" ? "" : ` ${server.Platform.Name}`}\n`;
  for (const component of server.Components) {
    text += ` ${component.Name}:\n`;
    const details = component.Details;
    if (component.Name === "Engine") {
      text +=
        `  Version:\t${component.Version}\n` +
        `  API version:\t${details.ApiVersion} (minimum version ${details.MinAPIVersion})\n` +
        `  Go version:\t${details.GoVersion}\n` +
        `  Git commit:\t${details.GitCommit}\n` +
        `  Built:\t${built(details.BuildTime ?? "")}\n` +
        `  OS/Arch:\t${details.Os}/${details.Arch}\n` +
        `  Experimental:\t${details.Experimental}\n`;
      continue;
    }
    text += `  Version:\t${component.Version}\n`;
    for (const key of Object.keys(details).sort()) text += `  ${key}:\t${details[key]}\n`;
  }
  return text;
}

/** `docker version`. */
export const versionCommand: CommandSpec = {
  name: "version",
  useArgs: "[OPTIONS]",
  short: "Show the Docker version information",
  args: { kind: "none" },
  flags: [FORMAT_INSPECT_FLAG],
  async run(engine, args, io) {
    const server = await engine.version();
    const apiVersion = server.ApiVersion;
    const format = args.string("format");
    if (format !== "") {
      const client = clientValue(apiVersion);
      const typedServer = typedValue(withEngineBuildTimeReformatted(server), VERSION);
      const data = new GoStruct({
        typeName: "system.versionInfo",
        fields: new Map<string, GoValue>([
          ["Client", client],
          ["Server", typedServer],
        ]),
        toJson: () => `{"Client":${goJsonText(client)},"Server":${goJsonText(typedServer)}}`,
      });
      // docker runs its own template named "version" and prints what it wrote before an error.
      const parsed = parseVersionTemplate(format === "json" ? "{{json .}}" : format);
      const { output, error } = parsed.executePartial(data);
      out(io, `${output}\n`);
      if (error !== undefined) throw new CliError({ status: error.message, exitCode: 1 });
      return 0;
    }
    const downgraded =
      apiVersion === CLIENT.defaultApiVersion
        ? ""
        : ` (downgraded from ${CLIENT.defaultApiVersion})`;
    const client =
      "Client:\n" +
      ` Version:\t${CLIENT.version}\n` +
      ` API version:\t${apiVersion}${downgraded}\n` +
      ` Go version:\t${CLIENT.goVersion}\n` +
      ` Git commit:\t${CLIENT.gitCommit}\n` +
      ` Built:\t${CLIENT.built}\n` +
      ` OS/Arch:\t${CLIENT.os}/${CLIENT.arch}\n` +
      ` Context:\t${CLIENT.context}\n`;
    out(io, tabwriterFormat(`${client}\n${serverLines(server)}`, { minWidth: 20, padding: 1 }));
    return 0;
  },
};

function field(info: SystemInfo, name: string): unknown {
  return info[name];
}

/** The `Server:` section of `docker info`, for the fields the engine reports. */
function infoLines(info: SystemInfo): string[] {
  const lines: string[] = [];
  const add = (label: string, name: string, show: (value: unknown) => string = String) => {
    const value = field(info, name);
    if (value !== undefined && value !== null) lines.push(` ${label}: ${show(value)}`);
  };
  lines.push(` Containers: ${info.Containers}`, `  Running: ${info.ContainersRunning}`);
  lines.push(`  Paused: ${info.ContainersPaused}`, `  Stopped: ${info.ContainersStopped}`);
  lines.push(` Images: ${info.Images}`);
  add("Server Version", "ServerVersion");
  add("Storage Driver", "Driver");
  for (const [key, value] of (field(info, "DriverStatus") as [string, string][] | undefined) ?? [])
    lines.push(`  ${key}: ${value}`);
  add("Logging Driver", "LoggingDriver");
  add("Cgroup Driver", "CgroupDriver");
  add("Cgroup Version", "CgroupVersion");
  const plugins = field(info, "Plugins") as Record<string, string[] | null> | undefined;
  if (plugins !== undefined) {
    lines.push(" Plugins:");
    for (const kind of ["Volume", "Network", "Authorization", "Log"]) {
      const list = plugins[kind];
      if (list !== undefined && list !== null && list.length > 0)
        lines.push(`  ${kind}: ${list.join(" ")}`);
    }
  }
  const swarm = field(info, "Swarm") as { LocalNodeState?: string } | undefined;
  if (swarm !== undefined) lines.push(` Swarm: ${swarm.LocalNodeState ?? "inactive"}`);
  const runtimes = field(info, "Runtimes") as Record<string, unknown> | undefined;
  if (runtimes !== undefined) lines.push(` Runtimes: ${Object.keys(runtimes).sort().join(" ")}`);
  add("Default Runtime", "DefaultRuntime");
  add("Init Binary", "InitBinary");
  const commit = (name: string) => (field(info, name) as { ID?: string } | undefined)?.ID;
  if (field(info, "ContainerdCommit") !== undefined)
    lines.push(` containerd version: ${commit("ContainerdCommit")}`);
  if (field(info, "RuncCommit") !== undefined) lines.push(` runc version: ${commit("RuncCommit")}`);
  if (field(info, "InitCommit") !== undefined) lines.push(` init version: ${commit("InitCommit")}`);
  securityLines(info, lines);
  add("Kernel Version", "KernelVersion");
  add("Operating System", "OperatingSystem");
  add("OSType", "OSType");
  add("Architecture", "Architecture");
  add("CPUs", "NCPU");
  add("Total Memory", "MemTotal", (value) => bytesSize(Number(value)));
  add("Name", "Name");
  add("ID", "ID");
  add("Docker Root Dir", "DockerRootDir");
  add("Debug Mode", "Debug");
  add("Experimental", "ExperimentalBuild");
  registryLines(info, lines);
  add("Live Restore Enabled", "LiveRestoreEnabled");
  return lines;
}

function securityLines(info: SystemInfo, lines: string[]): void {
  const options = field(info, "SecurityOptions") as string[] | undefined;
  if (options === undefined || options.length === 0) return;
  lines.push(" Security Options:");
  for (const option of options) {
    const parts = option.split(",").map((part) => part.split("="));
    const name = parts.find(([key]) => key === "name")?.[1] ?? option;
    lines.push(`  ${name}`);
    for (const [key = "", value = ""] of parts) {
      if (key !== "name") lines.push(`   ${key.charAt(0).toUpperCase()}${key.slice(1)}: ${value}`);
    }
  }
}

function registryLines(info: SystemInfo, lines: string[]): void {
  const registry = field(info, "RegistryConfig") as
    | { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> }
    | undefined;
  if (registry === undefined) return;
  const insecure = [
    ...Object.entries(registry.IndexConfigs ?? {})
      .filter(([, config]) => config.Secure === false)
      .map(([name]) => name),
    ...(registry.InsecureRegistryCIDRs ?? []),
  ];
  if (insecure.length > 0)
    lines.push(" Insecure Registries:", ...insecure.map((name) => `  ${name}`));
}

/** `docker info`. */
export const infoCommand: CommandSpec = {
  name: "info",
  useArgs: "[OPTIONS]",
  short: "Display system-wide information",
  aliases: "docker system info, docker info",
  args: { kind: "none" },
  flags: [FORMAT_INSPECT_FLAG],
  async run(engine, args, io) {
    const info = await engine.info();
    const format = args.string("format");
    if (format !== "") {
      out(io, runFormat(format === "json" ? "{{json .}}" : format, fromJson(info)));
      return 0;
    }
    const client = tabwriterFormat(
      `Client:\n Version:\t${CLIENT.version}\n Context:\t${CLIENT.context}\n Debug Mode:\tfalse\n`,
      { minWidth: 0, padding: 1 },
    );
    out(io, `${client}\nServer:\n${infoLines(info).join("\n")}\n\n`);
    return 0;
  },
};
