import { GO, type GoType } from "./go-decode.ts";

function struct(name: string, fields: Record<string, GoType>): GoType {
  return { kind: "struct", name, fields };
}

const EMPTY_STRUCT_MAP: GoType = { kind: "map", of: GO.any, name: "map[nat.Port]struct {}" };

const HEALTHCHECK = struct("container.HealthConfig", {
  Test: GO.strings,
  Interval: GO.int64,
  Timeout: GO.int64,
  StartPeriod: GO.int64,
  Retries: GO.int,
});

const CONFIG_FIELDS: Record<string, GoType> = {
  Hostname: GO.string,
  Domainname: GO.string,
  User: GO.string,
  AttachStdin: GO.bool,
  AttachStdout: GO.bool,
  AttachStderr: GO.bool,
  ExposedPorts: EMPTY_STRUCT_MAP,
  Tty: GO.bool,
  OpenStdin: GO.bool,
  StdinOnce: GO.bool,
  Env: GO.strings,
  Cmd: GO.strslice,
  Healthcheck: HEALTHCHECK,
  ArgsEscaped: GO.bool,
  Image: GO.string,
  Volumes: { kind: "map", of: GO.any, name: "map[string]struct {}" },
  WorkingDir: GO.string,
  Entrypoint: GO.strslice,
  NetworkDisabled: GO.bool,
  MacAddress: GO.string,
  OnBuild: GO.strings,
  Labels: GO.stringMap,
  StopSignal: GO.string,
  StopTimeout: GO.int,
  Shell: GO.strslice,
};

const HOST_CONFIG = struct("container.HostConfig", {
  Binds: GO.strings,
  ContainerIDFile: GO.string,
  NetworkMode: GO.string,
  PortBindings: { kind: "map", of: GO.any, name: "nat.PortMap" },
  RestartPolicy: struct("container.RestartPolicy", {
    Name: GO.string,
    MaximumRetryCount: GO.int,
  }),
  AutoRemove: GO.bool,
  VolumeDriver: GO.string,
  VolumesFrom: GO.strings,
  CapAdd: GO.strslice,
  CapDrop: GO.strslice,
  Dns: GO.strings,
  DnsOptions: GO.strings,
  DnsSearch: GO.strings,
  ExtraHosts: GO.strings,
  Links: GO.strings,
  Privileged: GO.bool,
  PublishAllPorts: GO.bool,
  ReadonlyRootfs: GO.bool,
  ConsoleSize: { kind: "slice", of: { kind: "int", name: "uint" }, name: "[2]uint" },
  Memory: GO.int64,
  MemorySwap: GO.int64,
  NanoCpus: GO.int64,
  CpuShares: GO.int64,
  Mounts: { kind: "slice", of: GO.any, name: "[]mount.Mount" },
  Init: GO.bool,
});

/** `POST /containers/create` (dockerd decodes a `ContainerConfigWrapper`). */
export const CONTAINER_CREATE_BODY: GoType = struct("container.ContainerConfigWrapper", {
  ...CONFIG_FIELDS,
  HostConfig: HOST_CONFIG,
  NetworkingConfig: struct("network.NetworkingConfig", {
    EndpointsConfig: { kind: "map", of: GO.any, name: "map[string]*network.EndpointSettings" },
  }),
});

/** `POST /containers/{name}/update` (`container.UpdateConfig`: resources and restart policy). */
export const CONTAINER_UPDATE_BODY: GoType = struct("container.UpdateConfig", {
  CpuShares: GO.int64,
  Memory: GO.int64,
  NanoCpus: GO.int64,
  CgroupParent: GO.string,
  BlkioWeight: { kind: "int", name: "uint16" },
  CpuPeriod: GO.int64,
  CpuQuota: GO.int64,
  CpuRealtimePeriod: GO.int64,
  CpuRealtimeRuntime: GO.int64,
  CpusetCpus: GO.string,
  CpusetMems: GO.string,
  MemoryReservation: GO.int64,
  MemorySwap: GO.int64,
  PidsLimit: GO.int64,
  RestartPolicy: struct("container.RestartPolicy", {
    Name: GO.string,
    MaximumRetryCount: GO.int,
  }),
});

/** `POST /containers/{name}/exec`. */
export const EXEC_CREATE_BODY: GoType = struct("types.ExecConfig", {
  User: GO.string,
  Privileged: GO.bool,
  Tty: GO.bool,
  AttachStdin: GO.bool,
  AttachStderr: GO.bool,
  AttachStdout: GO.bool,
  Detach: GO.bool,
  DetachKeys: GO.string,
  Env: GO.strings,
  WorkingDir: GO.string,
  Cmd: GO.strslice,
});

/** `POST /exec/{id}/start`. */
export const EXEC_START_BODY: GoType = struct("types.ExecStartCheck", {
  Detach: GO.bool,
  Tty: GO.bool,
});

/** `POST /volumes/create`. */
export const VOLUME_CREATE_BODY: GoType = struct("volume.VolumeCreateBody", {
  Driver: GO.string,
  DriverOpts: GO.stringMap,
  Labels: GO.stringMap,
  Name: GO.string,
});

/** `POST /networks/create`. */
export const NETWORK_CREATE_BODY: GoType = struct("types.NetworkCreateRequest", {
  Name: GO.string,
  CheckDuplicate: GO.bool,
  Driver: GO.string,
  Scope: GO.string,
  EnableIPv6: GO.bool,
  IPAM: GO.any,
  Internal: GO.bool,
  Attachable: GO.bool,
  Ingress: GO.bool,
  ConfigOnly: GO.bool,
  ConfigFrom: GO.any,
  Options: GO.stringMap,
  Labels: GO.stringMap,
});

/** `POST /networks/{id}/connect`. */
export const NETWORK_CONNECT_BODY: GoType = struct("types.NetworkConnect", {
  Container: GO.string,
  EndpointConfig: struct("network.EndpointSettings", {
    IPAMConfig: struct("network.EndpointIPAMConfig", {
      IPv4Address: GO.string,
      IPv6Address: GO.string,
      LinkLocalIPs: GO.strings,
    }),
    Links: GO.strings,
    Aliases: GO.strings,
    NetworkID: GO.string,
    EndpointID: GO.string,
    Gateway: GO.string,
    IPAddress: GO.string,
    MacAddress: GO.string,
    DriverOpts: GO.stringMap,
  }),
});

/** `POST /networks/{id}/disconnect`. */
export const NETWORK_DISCONNECT_BODY: GoType = struct("types.NetworkDisconnect", {
  Container: GO.string,
  Force: GO.bool,
});

/** `POST /auth`. */
export const AUTH_BODY: GoType = struct("types.AuthConfig", {
  username: GO.string,
  password: GO.string,
  auth: GO.string,
  email: GO.string,
  serveraddress: GO.string,
  identitytoken: GO.string,
  registrytoken: GO.string,
});

/** `POST /commit` (a container config; drydock reads `changes` instead). */
export const COMMIT_BODY: GoType = struct("container.Config", CONFIG_FIELDS);

/**
 * Whether a decoded create body carries a container config at all: dockerd decodes into a
 * wrapper whose embedded `*Config` stays nil when no config field is present.
 */
export function hasContainerConfig(body: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(body).some((key) => CONFIG_FIELDS[key] !== undefined);
}
