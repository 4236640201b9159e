import { parseRfc3339 } from "../../clock/time-format.ts";
import { goTimeString } from "../format/text.ts";
import { goJsonText } from "../go-template/go-json-text.ts";
import { GoNil, GoStruct, type GoValue } from "../go-template/go-value.ts";

/**
 * The Go types of the objects `docker inspect` decodes, as far as templates see them: struct
 * field order (for `{{.State}}` printing `{running true …}`), typed nils (a nil slice prints `[]`,
 * a nil map `map[]`), pointers (printed as an address inside maps), `time.Time` (printed with its
 * `String()`). Fields not listed here are reached through docker's fallback to the raw JSON map.
 */
export type GoType =
  | "string"
  | "int"
  | "bool"
  | "any"
  | "time"
  | { readonly slice: GoType }
  | { readonly map: GoType }
  | { readonly set: true }
  | GoStructType;

/** A struct type: its name, fields in declaration order, and whether it is held by pointer. */
export interface GoStructType {
  readonly struct: string;
  /** Go field name, type, and the JSON name when it differs (`ID` ↔ `Id`). */
  readonly fields: readonly (readonly [string, GoType, string?])[];
  readonly pointer?: boolean;
}

const STRINGS: GoType = { slice: "string" };
const STRING_MAP: GoType = { map: "string" };

function ptr(type: GoStructType): GoStructType {
  return { ...type, pointer: true };
}

const HEALTH: GoStructType = {
  struct: "types.Health",
  fields: [
    ["Status", "string"],
    ["FailingStreak", "int"],
    ["Log", { slice: "any" }],
  ],
};

const STATE: GoStructType = {
  struct: "types.ContainerState",
  pointer: true,
  fields: [
    ["Status", "string"],
    ["Running", "bool"],
    ["Paused", "bool"],
    ["Restarting", "bool"],
    ["OOMKilled", "bool"],
    ["Dead", "bool"],
    ["Pid", "int"],
    ["ExitCode", "int"],
    ["Error", "string"],
    ["StartedAt", "string"],
    ["FinishedAt", "string"],
    ["Health", ptr(HEALTH)],
  ],
};

const CONFIG: GoStructType = {
  struct: "container.Config",
  pointer: true,
  fields: [
    ["Hostname", "string"],
    ["Domainname", "string"],
    ["User", "string"],
    ["AttachStdin", "bool"],
    ["AttachStdout", "bool"],
    ["AttachStderr", "bool"],
    ["ExposedPorts", { set: true }],
    ["Tty", "bool"],
    ["OpenStdin", "bool"],
    ["StdinOnce", "bool"],
    ["Env", STRINGS],
    ["Cmd", STRINGS],
    ["Healthcheck", "any"],
    ["ArgsEscaped", "bool"],
    ["Image", "string"],
    ["Volumes", { set: true }],
    ["WorkingDir", "string"],
    ["Entrypoint", STRINGS],
    ["NetworkDisabled", "bool"],
    ["MacAddress", "string"],
    ["OnBuild", STRINGS],
    ["Labels", STRING_MAP],
    ["StopSignal", "string"],
    ["StopTimeout", "any"],
    ["Shell", STRINGS],
  ],
};

const PORT_BINDING: GoStructType = {
  struct: "nat.PortBinding",
  fields: [
    ["HostIP", "string", "HostIp"],
    ["HostPort", "string"],
  ],
};

const HOST_CONFIG: GoStructType = {
  struct: "container.HostConfig",
  pointer: true,
  fields: [
    ["Binds", STRINGS],
    ["ContainerIDFile", "string"],
    ["LogConfig", "any"],
    ["NetworkMode", "string"],
    ["PortBindings", { map: { slice: PORT_BINDING } }],
    [
      "RestartPolicy",
      {
        struct: "container.RestartPolicy",
        fields: [
          ["Name", "string"],
          ["MaximumRetryCount", "int"],
        ],
      },
    ],
    ["AutoRemove", "bool"],
    ["VolumeDriver", "string"],
    ["VolumesFrom", STRINGS],
    ["CapAdd", STRINGS],
    ["CapDrop", STRINGS],
    ["Dns", STRINGS],
    ["DnsOptions", STRINGS],
    ["DnsSearch", STRINGS],
    ["ExtraHosts", STRINGS],
    ["Privileged", "bool"],
    ["PublishAllPorts", "bool"],
    ["ReadonlyRootfs", "bool"],
    ["ShmSize", "int"],
    ["Runtime", "string"],
    ["Init", "any"],
  ],
};

const MOUNT_POINT: GoStructType = {
  struct: "types.MountPoint",
  fields: [
    ["Type", "string"],
    ["Name", "string"],
    ["Source", "string"],
    ["Destination", "string"],
    ["Driver", "string"],
    ["Mode", "string"],
    ["RW", "bool"],
    ["Propagation", "string"],
  ],
};

const ENDPOINT: GoStructType = {
  struct: "network.EndpointSettings",
  pointer: true,
  fields: [
    ["IPAMConfig", "any"],
    ["Links", STRINGS],
    ["Aliases", STRINGS],
    ["NetworkID", "string"],
    ["EndpointID", "string"],
    ["Gateway", "string"],
    ["IPAddress", "string"],
    ["IPPrefixLen", "int"],
    ["IPv6Gateway", "string"],
    ["GlobalIPv6Address", "string"],
    ["GlobalIPv6PrefixLen", "int"],
    ["MacAddress", "string"],
    ["DriverOpts", STRING_MAP],
  ],
};

const NETWORK_SETTINGS: GoStructType = {
  struct: "types.NetworkSettings",
  pointer: true,
  fields: [
    ["Bridge", "string"],
    ["SandboxID", "string"],
    ["HairpinMode", "bool"],
    ["Ports", { map: { slice: PORT_BINDING } }],
    ["SandboxKey", "string"],
    ["EndpointID", "string"],
    ["Gateway", "string"],
    ["IPAddress", "string"],
    ["IPPrefixLen", "int"],
    ["MacAddress", "string"],
    ["Networks", { map: ENDPOINT }],
  ],
};

/** `types.ContainerJSON` (what `docker inspect CONTAINER` decodes). */
export const CONTAINER_JSON: GoStructType = {
  struct: "types.ContainerJSON",
  fields: [
    ["Id", "string"],
    ["Created", "string"],
    ["Path", "string"],
    ["Args", STRINGS],
    ["State", STATE],
    ["Image", "string"],
    ["ResolvConfPath", "string"],
    ["HostnamePath", "string"],
    ["HostsPath", "string"],
    ["LogPath", "string"],
    ["Name", "string"],
    ["RestartCount", "int"],
    ["Driver", "string"],
    ["Platform", "string"],
    ["MountLabel", "string"],
    ["ProcessLabel", "string"],
    ["AppArmorProfile", "string"],
    ["ExecIDs", STRINGS],
    ["HostConfig", HOST_CONFIG],
    ["GraphDriver", "any"],
    ["SizeRw", "any"],
    ["SizeRootFs", "any"],
    ["Mounts", { slice: MOUNT_POINT }],
    ["Config", CONFIG],
    ["NetworkSettings", NETWORK_SETTINGS],
  ],
};

/** `types.ImageInspect`. */
export const IMAGE_INSPECT: GoStructType = {
  struct: "types.ImageInspect",
  fields: [
    ["Id", "string"],
    ["RepoTags", STRINGS],
    ["RepoDigests", STRINGS],
    ["Parent", "string"],
    ["Comment", "string"],
    ["Created", "string"],
    ["Container", "string"],
    ["ContainerConfig", CONFIG],
    ["DockerVersion", "string"],
    ["Author", "string"],
    ["Config", CONFIG],
    ["Architecture", "string"],
    ["Variant", "string"],
    ["Os", "string"],
    ["OsVersion", "string"],
    ["Size", "int"],
    ["VirtualSize", "int"],
    ["GraphDriver", "any"],
    [
      "RootFS",
      {
        struct: "types.RootFS",
        fields: [
          ["Type", "string"],
          ["Layers", STRINGS],
          ["BaseLayer", "string"],
        ],
      },
    ],
    ["Metadata", { struct: "types.ImageMetadata", fields: [["LastTagTime", "time"]] }],
  ],
};

/** `volume.Volume`. */
export const VOLUME: GoStructType = {
  struct: "volume.Volume",
  fields: [
    ["ClusterVolume", ptr({ struct: "volume.ClusterVolume", fields: [] })],
    ["CreatedAt", "string"],
    ["Driver", "string"],
    ["Labels", STRING_MAP],
    ["Mountpoint", "string"],
    ["Name", "string"],
    ["Options", STRING_MAP],
    ["Scope", "string"],
    ["Status", { map: "any" }],
    [
      "UsageData",
      ptr({
        struct: "volume.UsageData",
        fields: [
          ["RefCount", "int"],
          ["Size", "int"],
        ],
      }),
    ],
  ],
};

/** `types.NetworkResource`. */
export const NETWORK: GoStructType = {
  struct: "types.NetworkResource",
  fields: [
    ["Name", "string"],
    ["ID", "string", "Id"],
    ["Created", "time"],
    ["Scope", "string"],
    ["Driver", "string"],
    ["EnableIPv6", "bool"],
    ["IPAM", "any"],
    ["Internal", "bool"],
    ["Attachable", "bool"],
    ["Ingress", "bool"],
    ["ConfigFrom", { struct: "network.ConfigReference", fields: [["Network", "string"]] }],
    ["ConfigOnly", "bool"],
    ["Containers", { map: "any" }],
    ["Options", STRING_MAP],
    ["Labels", STRING_MAP],
  ],
};

/** `types.Version` (the server half of `docker version --format`). */
export const VERSION: GoStructType = {
  struct: "types.Version",
  pointer: true,
  fields: [
    ["Platform", { struct: "struct { Name string }", fields: [["Name", "string"]] }],
    [
      "Components",
      {
        slice: {
          struct: "types.ComponentVersion",
          fields: [
            ["Name", "string"],
            ["Version", "string"],
            ["Details", STRING_MAP],
          ],
        },
      },
    ],
    ["Version", "string"],
    ["APIVersion", "string", "ApiVersion"],
    ["MinAPIVersion", "string"],
    ["GitCommit", "string"],
    ["GoVersion", "string"],
    ["Os", "string"],
    ["Arch", "string"],
    ["KernelVersion", "string"],
    ["Experimental", "bool"],
    ["BuildTime", "string"],
  ],
};

/** Decodes JSON into `interface{}` values, as docker's raw fallback does (objects become maps). */
export function fromJson(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const out: Record<string, GoValue> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    out[key] = fromJson(item);
  return out;
}

/** Decodes JSON into the typed value Go's `json.Unmarshal` would make for `type`. */
export function typedValue(value: unknown, type: GoType): GoValue {
  if (type === "any") return fromJson(value);
  if (type === "string") return typeof value === "string" ? value : "";
  if (type === "int") return typeof value === "number" ? value : 0;
  if (type === "bool") return typeof value === "boolean" ? value : false;
  if (type === "time") return timeValue(value);
  if ("slice" in type) {
    if (!Array.isArray(value)) return new GoNil("slice");
    return value.map((item) => typedValue(item, type.slice));
  }
  if ("map" in type || "set" in type) {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return new GoNil("map");
    const out: Record<string, GoValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] =
        "set" in type ? new GoStruct({ typeName: "struct {}" }) : typedValue(item, type.map);
    }
    return out;
  }
  if (type.pointer === true && (value === null || value === undefined)) return new GoNil("pointer");
  const object = (value ?? {}) as Record<string, unknown>;
  const fields = new Map<string, GoValue>();
  for (const [name, fieldType, jsonName] of type.fields) {
    fields.set(name, typedValue(object[jsonName ?? name], fieldType));
  }
  // JSON goes back out with the wire's member names (`HostIp`, not Go's `HostIP`).
  return new GoStruct({
    typeName: type.struct,
    fields,
    pointer: type.pointer === true,
    toJson: () => goJsonText(fromJson(value ?? null)),
  });
}

function timeValue(value: unknown): GoValue {
  const text = typeof value === "string" ? value : "0001-01-01T00:00:00Z";
  const instant = parseRfc3339(text);
  const fraction = /\.(\d+)/.exec(text)?.[1]?.replace(/0+$/, "") ?? "";
  const shown =
    instant === undefined || text.startsWith("0001-")
      ? "0001-01-01 00:00:00 +0000 UTC"
      : goTimeString(instant - (((instant % 1_000_000) + 1_000_000) % 1_000_000), fraction);
  return new GoStruct({ typeName: "time.Time", text: shown, toJson: () => JSON.stringify(text) });
}
