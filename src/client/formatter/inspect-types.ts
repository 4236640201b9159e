import { embed, type GoStructType, type GoType } from "./go-typed.ts";

/**
 * The Go types the docker CLI 28.2 decodes `docker inspect`'s objects into (moby v28.2.2's
 * `api/types`, docker-image-spec, image-spec), field by field with their json tags. Templates
 * see these types: `{{json .Config}}` of an image writes the OCI image config (only its
 * non-empty members), `{{json .NetworkSettings.Networks}}` includes `GwPriority` and
 * `DNSNames` although dockerd 20.10 sends neither. Fields a type lacks are reached through
 * docker's fallback to the raw JSON map.
 */

const STRINGS: GoType = { slice: "string" };
const STRING_MAP: GoType = { map: "string" };
const OMIT = ",omitempty";

// ---- shared ----

/** `dockerspec.HealthcheckConfig` (container.HealthConfig is an alias of it). */
const HEALTHCHECK_CONFIG: GoStructType = {
  struct: "v1.HealthcheckConfig",
  pointer: true,
  fields: [
    ["Test", STRINGS, OMIT],
    ["Interval", "duration", OMIT],
    ["Timeout", "duration", OMIT],
    ["StartPeriod", "duration", OMIT],
    ["StartInterval", "duration", OMIT],
    ["Retries", "int", OMIT],
  ],
};

const PLATFORM: GoStructType = {
  struct: "v1.Platform",
  pointer: true,
  fields: [
    ["Architecture", "string", "architecture"],
    ["OS", "string", "os"],
    ["OSVersion", "string", "os.version,omitempty"],
    ["OSFeatures", STRINGS, "os.features,omitempty"],
    ["Variant", "string", "variant,omitempty"],
  ],
};

/** `ocispec.Descriptor`. */
const DESCRIPTOR: GoStructType = {
  struct: "v1.Descriptor",
  pointer: true,
  fields: [
    ["MediaType", "string", "mediaType"],
    ["Digest", "string", "digest"],
    ["Size", "int", "size"],
    ["URLs", STRINGS, "urls,omitempty"],
    ["Annotations", STRING_MAP, "annotations,omitempty"],
    ["Data", "bytes", "data,omitempty"],
    ["Platform", PLATFORM, "platform,omitempty"],
    ["ArtifactType", "string", "artifactType,omitempty"],
  ],
};

const DRIVER_DATA: GoStructType = {
  struct: "storage.DriverData",
  fields: [
    ["Data", STRING_MAP, "Data"],
    ["Name", "string", "Name"],
  ],
};

const PORT_BINDING: GoStructType = {
  struct: "nat.PortBinding",
  fields: [
    ["HostIP", "string", "HostIp"],
    ["HostPort", "string"],
  ],
};

const PORT_MAP: GoType = { map: { slice: PORT_BINDING } };

// ---- containers ----

/** `container.Config`. */
const CONTAINER_CONFIG: GoStructType = {
  struct: "container.Config",
  pointer: true,
  fields: [
    ["Hostname", "string"],
    ["Domainname", "string"],
    ["User", "string"],
    ["AttachStdin", "bool"],
    ["AttachStdout", "bool"],
    ["AttachStderr", "bool"],
    ["ExposedPorts", { set: true }, OMIT],
    ["Tty", "bool"],
    ["OpenStdin", "bool"],
    ["StdinOnce", "bool"],
    ["Env", STRINGS],
    ["Cmd", STRINGS],
    ["Healthcheck", HEALTHCHECK_CONFIG, OMIT],
    ["ArgsEscaped", "bool", OMIT],
    ["Image", "string"],
    ["Volumes", { set: true }],
    ["WorkingDir", "string"],
    ["Entrypoint", STRINGS],
    ["NetworkDisabled", "bool", OMIT],
    ["MacAddress", "string", OMIT],
    ["OnBuild", STRINGS],
    ["Labels", STRING_MAP],
    ["StopSignal", "string", OMIT],
    ["StopTimeout", { ptr: "int" }, OMIT],
    ["Shell", STRINGS, OMIT],
  ],
};

const HEALTHCHECK_RESULT: GoStructType = {
  struct: "container.HealthcheckResult",
  pointer: true,
  fields: [
    ["Start", "time"],
    ["End", "time"],
    ["ExitCode", "int"],
    ["Output", "string"],
  ],
};

const STATE: GoStructType = {
  struct: "container.State",
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
    [
      "Health",
      {
        struct: "container.Health",
        pointer: true,
        fields: [
          ["Status", "string"],
          ["FailingStreak", "int"],
          ["Log", { slice: HEALTHCHECK_RESULT }],
        ],
      },
      OMIT,
    ],
  ],
};

const THROTTLE_DEVICES: GoType = {
  slice: {
    struct: "blkiodev.ThrottleDevice",
    pointer: true,
    fields: [
      ["Path", "string"],
      ["Rate", "int"],
    ],
  },
};

/** `container.Resources`, embedded in the host config. */
const RESOURCES: GoStructType = {
  struct: "container.Resources",
  fields: [
    ["CPUShares", "int", "CpuShares"],
    ["Memory", "int"],
    ["NanoCPUs", "int", "NanoCpus"],
    ["CgroupParent", "string"],
    ["BlkioWeight", "int"],
    [
      "BlkioWeightDevice",
      {
        slice: {
          struct: "blkiodev.WeightDevice",
          pointer: true,
          fields: [
            ["Path", "string"],
            ["Weight", "int"],
          ],
        },
      },
    ],
    ["BlkioDeviceReadBps", THROTTLE_DEVICES],
    ["BlkioDeviceWriteBps", THROTTLE_DEVICES],
    ["BlkioDeviceReadIOps", THROTTLE_DEVICES],
    ["BlkioDeviceWriteIOps", THROTTLE_DEVICES],
    ["CPUPeriod", "int", "CpuPeriod"],
    ["CPUQuota", "int", "CpuQuota"],
    ["CPURealtimePeriod", "int", "CpuRealtimePeriod"],
    ["CPURealtimeRuntime", "int", "CpuRealtimeRuntime"],
    ["CpusetCpus", "string"],
    ["CpusetMems", "string"],
    [
      "Devices",
      {
        slice: {
          struct: "container.DeviceMapping",
          fields: [
            ["PathOnHost", "string"],
            ["PathInContainer", "string"],
            ["CgroupPermissions", "string"],
          ],
        },
      },
    ],
    ["DeviceCgroupRules", STRINGS],
    [
      "DeviceRequests",
      {
        slice: {
          struct: "container.DeviceRequest",
          fields: [
            ["Driver", "string"],
            ["Count", "int"],
            ["DeviceIDs", STRINGS],
            ["Capabilities", { slice: STRINGS }],
            ["Options", STRING_MAP],
          ],
        },
      },
    ],
    ["KernelMemory", "int", OMIT],
    ["KernelMemoryTCP", "int", OMIT],
    ["MemoryReservation", "int"],
    ["MemorySwap", "int"],
    ["MemorySwappiness", { ptr: "int" }],
    ["OomKillDisable", { ptr: "bool" }],
    ["PidsLimit", { ptr: "int" }],
    [
      "Ulimits",
      {
        slice: {
          struct: "units.Ulimit",
          pointer: true,
          fields: [
            ["Name", "string"],
            ["Hard", "int"],
            ["Soft", "int"],
          ],
        },
      },
    ],
    ["CPUCount", "int", "CpuCount"],
    ["CPUPercent", "int", "CpuPercent"],
    ["IOMaximumIOps", "int"],
    ["IOMaximumBandwidth", "int"],
  ],
};

/** `mount.Mount` (the host config's `--mount` list). */
const MOUNT: GoStructType = {
  struct: "mount.Mount",
  fields: [
    ["Type", "string", OMIT],
    ["Source", "string", OMIT],
    ["Target", "string", OMIT],
    ["ReadOnly", "bool", OMIT],
    ["Consistency", "string", OMIT],
    [
      "BindOptions",
      {
        struct: "mount.BindOptions",
        pointer: true,
        fields: [
          ["Propagation", "string", OMIT],
          ["NonRecursive", "bool", OMIT],
          ["CreateMountpoint", "bool", OMIT],
          ["ReadOnlyNonRecursive", "bool", OMIT],
          ["ReadOnlyForceRecursive", "bool", OMIT],
        ],
      },
      OMIT,
    ],
    [
      "VolumeOptions",
      {
        struct: "mount.VolumeOptions",
        pointer: true,
        fields: [
          ["NoCopy", "bool", OMIT],
          ["Labels", STRING_MAP, OMIT],
          ["Subpath", "string", OMIT],
          [
            "DriverConfig",
            {
              struct: "mount.Driver",
              pointer: true,
              fields: [
                ["Name", "string", OMIT],
                ["Options", STRING_MAP, OMIT],
              ],
            },
            OMIT,
          ],
        ],
      },
      OMIT,
    ],
    [
      "ImageOptions",
      { struct: "mount.ImageOptions", pointer: true, fields: [["Subpath", "string", OMIT]] },
      OMIT,
    ],
    [
      "TmpfsOptions",
      {
        struct: "mount.TmpfsOptions",
        pointer: true,
        fields: [
          ["SizeBytes", "int", OMIT],
          ["Mode", "int", OMIT],
          ["Options", { slice: STRINGS }, OMIT],
        ],
      },
      OMIT,
    ],
    ["ClusterOptions", { struct: "mount.ClusterOptions", pointer: true, fields: [] }, OMIT],
  ],
};

const HOST_CONFIG: GoStructType = {
  struct: "container.HostConfig",
  pointer: true,
  fields: [
    ["Binds", STRINGS],
    ["ContainerIDFile", "string"],
    [
      "LogConfig",
      {
        struct: "container.LogConfig",
        fields: [
          ["Type", "string"],
          ["Config", STRING_MAP],
        ],
      },
    ],
    ["NetworkMode", "string"],
    ["PortBindings", PORT_MAP],
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
    ["ConsoleSize", { array: "int", length: 2 }],
    ["Annotations", STRING_MAP, OMIT],
    ["CapAdd", STRINGS],
    ["CapDrop", STRINGS],
    ["CgroupnsMode", "string"],
    ["DNS", STRINGS, "Dns"],
    ["DNSOptions", STRINGS, "DnsOptions"],
    ["DNSSearch", STRINGS, "DnsSearch"],
    ["ExtraHosts", STRINGS],
    ["GroupAdd", STRINGS],
    ["IpcMode", "string"],
    ["Cgroup", "string"],
    ["Links", STRINGS],
    ["OomScoreAdj", "int"],
    ["PidMode", "string"],
    ["Privileged", "bool"],
    ["PublishAllPorts", "bool"],
    ["ReadonlyRootfs", "bool"],
    ["SecurityOpt", STRINGS],
    ["StorageOpt", STRING_MAP, OMIT],
    ["Tmpfs", STRING_MAP, OMIT],
    ["UTSMode", "string"],
    ["UsernsMode", "string"],
    ["ShmSize", "int"],
    ["Sysctls", STRING_MAP, OMIT],
    ["Runtime", "string", OMIT],
    ["Isolation", "string"],
    embed(RESOURCES),
    ["Mounts", { slice: MOUNT }, OMIT],
    ["MaskedPaths", STRINGS],
    ["ReadonlyPaths", STRINGS],
    ["Init", { ptr: "bool" }, OMIT],
  ],
};

const MOUNT_POINT: GoStructType = {
  struct: "container.MountPoint",
  fields: [
    ["Type", "string", OMIT],
    ["Name", "string", OMIT],
    ["Source", "string"],
    ["Destination", "string"],
    ["Driver", "string", OMIT],
    ["Mode", "string"],
    ["RW", "bool"],
    ["Propagation", "string"],
  ],
};

const ADDRESSES: GoType = {
  slice: {
    struct: "network.Address",
    fields: [
      ["Addr", "string"],
      ["PrefixLen", "int"],
    ],
  },
};

const ENDPOINT_SETTINGS: GoStructType = {
  struct: "network.EndpointSettings",
  pointer: true,
  fields: [
    [
      "IPAMConfig",
      {
        struct: "network.EndpointIPAMConfig",
        pointer: true,
        fields: [
          ["IPv4Address", "string", OMIT],
          ["IPv6Address", "string", OMIT],
          ["LinkLocalIPs", STRINGS, OMIT],
        ],
      },
    ],
    ["Links", STRINGS],
    ["Aliases", STRINGS],
    ["MacAddress", "string"],
    ["DriverOpts", STRING_MAP],
    ["GwPriority", "int"],
    ["NetworkID", "string"],
    ["EndpointID", "string"],
    ["Gateway", "string"],
    ["IPAddress", "string"],
    ["IPPrefixLen", "int"],
    ["IPv6Gateway", "string"],
    ["GlobalIPv6Address", "string"],
    ["GlobalIPv6PrefixLen", "int"],
    ["DNSNames", STRINGS],
  ],
};

const NETWORK_SETTINGS: GoStructType = {
  struct: "container.NetworkSettings",
  pointer: true,
  fields: [
    embed({
      struct: "container.NetworkSettingsBase",
      fields: [
        ["Bridge", "string"],
        ["SandboxID", "string"],
        ["SandboxKey", "string"],
        ["Ports", PORT_MAP],
        ["HairpinMode", "bool"],
        ["LinkLocalIPv6Address", "string"],
        ["LinkLocalIPv6PrefixLen", "int"],
        ["SecondaryIPAddresses", ADDRESSES],
        ["SecondaryIPv6Addresses", ADDRESSES],
      ],
    }),
    embed({
      struct: "container.DefaultNetworkSettings",
      fields: [
        ["EndpointID", "string"],
        ["Gateway", "string"],
        ["GlobalIPv6Address", "string"],
        ["GlobalIPv6PrefixLen", "int"],
        ["IPAddress", "string"],
        ["IPPrefixLen", "int"],
        ["IPv6Gateway", "string"],
        ["MacAddress", "string"],
      ],
    }),
    ["Networks", { map: ENDPOINT_SETTINGS }],
  ],
};

const CONTAINER_JSON_BASE: GoStructType = {
  struct: "container.ContainerJSONBase",
  pointer: true,
  fields: [
    ["ID", "string", "Id"],
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
    ["GraphDriver", DRIVER_DATA],
    ["SizeRw", { ptr: "int" }, OMIT],
    ["SizeRootFs", { ptr: "int" }, OMIT],
  ],
};

/** `container.InspectResponse` (what `docker inspect CONTAINER` decodes). */
export const CONTAINER_INSPECT: GoStructType = {
  struct: "container.InspectResponse",
  fields: [
    embed(CONTAINER_JSON_BASE),
    ["Mounts", { slice: MOUNT_POINT }],
    ["Config", CONTAINER_CONFIG],
    ["NetworkSettings", NETWORK_SETTINGS],
    ["ImageManifestDescriptor", DESCRIPTOR, "ImageManifestDescriptor,omitempty"],
  ],
};

// ---- images ----

/** `dockerspec.DockerOCIImageConfig`: the OCI image config plus Docker's extensions. */
const IMAGE_CONFIG: GoStructType = {
  struct: "v1.DockerOCIImageConfig",
  pointer: true,
  fields: [
    embed({
      struct: "v1.ImageConfig",
      fields: [
        ["User", "string", "User,omitempty"],
        ["ExposedPorts", { set: true }, "ExposedPorts,omitempty"],
        ["Env", STRINGS, "Env,omitempty"],
        ["Entrypoint", STRINGS, "Entrypoint,omitempty"],
        ["Cmd", STRINGS, "Cmd,omitempty"],
        ["Volumes", { set: true }, "Volumes,omitempty"],
        ["WorkingDir", "string", "WorkingDir,omitempty"],
        ["Labels", STRING_MAP, "Labels,omitempty"],
        ["StopSignal", "string", "StopSignal,omitempty"],
        ["ArgsEscaped", "bool", "ArgsEscaped,omitempty"],
      ],
    }),
    embed({
      struct: "v1.DockerOCIImageConfigExt",
      fields: [
        ["Healthcheck", HEALTHCHECK_CONFIG, OMIT],
        ["OnBuild", STRINGS, OMIT],
        ["Shell", STRINGS, OMIT],
      ],
    }),
  ],
};

/** `image.InspectResponse`. */
export const IMAGE_INSPECT: GoStructType = {
  struct: "image.InspectResponse",
  fields: [
    ["ID", "string", "Id"],
    ["RepoTags", STRINGS],
    ["RepoDigests", STRINGS],
    ["Parent", "string"],
    ["Comment", "string"],
    ["Created", "string", OMIT],
    ["Container", "string", OMIT],
    ["ContainerConfig", CONTAINER_CONFIG, OMIT],
    ["DockerVersion", "string"],
    ["Author", "string"],
    ["Config", IMAGE_CONFIG],
    ["Architecture", "string"],
    ["Variant", "string", OMIT],
    ["Os", "string"],
    ["OsVersion", "string", OMIT],
    ["Size", "int"],
    ["VirtualSize", "int", "VirtualSize,omitempty"],
    ["GraphDriver", DRIVER_DATA],
    [
      "RootFS",
      {
        struct: "image.RootFS",
        fields: [
          ["Type", "string", OMIT],
          ["Layers", STRINGS, OMIT],
        ],
      },
    ],
    ["Metadata", { struct: "image.Metadata", fields: [["LastTagTime", "time", OMIT]] }],
    ["Descriptor", DESCRIPTOR, "Descriptor,omitempty"],
    // image.ManifestSummary: only with the containerd image store (API ≥ 1.48), never here.
    ["Manifests", { slice: "any" }, "Manifests,omitempty"],
  ],
};

// ---- volumes, networks, version ----

/** `volume.Volume`. */
export const VOLUME: GoStructType = {
  struct: "volume.Volume",
  fields: [
    // A swarm cluster volume's details; a local daemon never has one.
    ["ClusterVolume", "any", "ClusterVolume,omitempty"],
    ["CreatedAt", "string", "CreatedAt,omitempty"],
    ["Driver", "string", "Driver"],
    ["Labels", STRING_MAP, "Labels"],
    ["Mountpoint", "string", "Mountpoint"],
    ["Name", "string", "Name"],
    ["Options", STRING_MAP, "Options"],
    ["Scope", "string", "Scope"],
    ["Status", { map: "any" }, "Status,omitempty"],
    [
      "UsageData",
      {
        struct: "volume.UsageData",
        pointer: true,
        fields: [
          ["RefCount", "int", "RefCount"],
          ["Size", "int", "Size"],
        ],
      },
      "UsageData,omitempty",
    ],
  ],
};

/** `network.Inspect`. */
export const NETWORK: GoStructType = {
  struct: "network.Inspect",
  fields: [
    ["Name", "string"],
    ["ID", "string", "Id"],
    ["Created", "time"],
    ["Scope", "string"],
    ["Driver", "string"],
    ["EnableIPv4", "bool"],
    ["EnableIPv6", "bool"],
    [
      "IPAM",
      {
        struct: "network.IPAM",
        fields: [
          ["Driver", "string"],
          ["Options", STRING_MAP],
          [
            "Config",
            {
              slice: {
                struct: "network.IPAMConfig",
                fields: [
                  ["Subnet", "string", OMIT],
                  ["IPRange", "string", OMIT],
                  ["Gateway", "string", OMIT],
                  ["AuxAddress", STRING_MAP, "AuxiliaryAddresses,omitempty"],
                ],
              },
            },
          ],
        ],
      },
    ],
    ["Internal", "bool"],
    ["Attachable", "bool"],
    ["Ingress", "bool"],
    ["ConfigFrom", { struct: "network.ConfigReference", fields: [["Network", "string"]] }],
    ["ConfigOnly", "bool"],
    [
      "Containers",
      {
        map: {
          struct: "network.EndpointResource",
          fields: [
            ["Name", "string"],
            ["EndpointID", "string"],
            ["MacAddress", "string"],
            ["IPv4Address", "string"],
            ["IPv6Address", "string"],
          ],
        },
      },
    ],
    ["Options", STRING_MAP],
    ["Labels", STRING_MAP],
    [
      "Peers",
      {
        slice: {
          struct: "network.PeerInfo",
          fields: [
            ["Name", "string"],
            ["IP", "string"],
          ],
        },
      },
      OMIT,
    ],
    // Swarm services; never on a local network.
    ["Services", { map: "any" }, OMIT],
  ],
};

/** `types.Version` (the server half of `docker version --format`). */
export const VERSION: GoStructType = {
  struct: "types.Version",
  pointer: true,
  fields: [
    ["Platform", { struct: "struct { Name string }", fields: [["Name", "string"]] }, OMIT],
    [
      "Components",
      {
        slice: {
          struct: "types.ComponentVersion",
          fields: [
            ["Name", "string"],
            ["Version", "string"],
            ["Details", STRING_MAP, OMIT],
          ],
        },
      },
      OMIT,
    ],
    ["Version", "string"],
    ["APIVersion", "string", "ApiVersion"],
    ["MinAPIVersion", "string", "MinAPIVersion,omitempty"],
    ["GitCommit", "string"],
    ["GoVersion", "string"],
    ["Os", "string"],
    ["Arch", "string"],
    ["KernelVersion", "string", OMIT],
    ["Experimental", "bool", OMIT],
    ["BuildTime", "string", OMIT],
  ],
};
