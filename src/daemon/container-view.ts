import { utf8String } from "../archive/byte-strings.ts";
import { FsError } from "../errors/fs-error.ts";
import { standardMounts } from "../runtime/container-rootfs.ts";
import { type Mount, MountedFs } from "../runtime/mounted-fs.ts";
import { hostsFile, type NetworkFilesMode, resolvConfFile } from "../runtime/network-files.ts";
import type { Container } from "./container.ts";
import { hostsNames } from "./container-hosts.ts";
import { linkHostsEntries } from "./container-links.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { formatIpv4 } from "./ipv4.ts";

/**
 * What a starting container's processes see: its overlay with the standard mounts (`/dev`,
 * `/sys`, the three files dockerd writes) and its volumes and bind mounts, as the runtime's
 * `MountedFs`. Made at each start, after the endpoints have their addresses.
 */
export function containerView(ctx: DaemonContext, container: Container): MountedFs {
  const mode = networkMode(container);
  const endpoint = container.endpoints.find((candidate) => candidate.ipAddress !== "");
  const hosts = `${hostsFile({
    mode,
    hostname: container.config.hostname,
    domainname: container.config.domainname,
    ip: endpoint?.ipAddress,
    // `--add-host` entries, then legacy links' lines (default bridge only), as dockerd adds
    // them to the sandbox; the container's own line comes last.
    extraHosts: [...addHostEntries(ctx, container), ...linkHostsEntries(ctx, container)],
    hostHosts: readHostFile(ctx, "/etc/hosts"),
  })}${otherNetworkLines(container, mode)}`;
  const resolvConf = resolvConfFile({
    mode,
    hostResolvConf: readHostFile(ctx, "/etc/resolv.conf") ?? "",
  });
  const volumes = volumeMounts(ctx, container);
  return new MountedFs({
    root: container.rootfs,
    mounts: [
      ...standardMounts({
        nowUs: ctx.clock.nowUs(),
        hostname: container.config.hostname,
        hosts,
        resolvConf,
      }),
      ...volumes,
    ],
    rootReadOnly: container.hostConfig.ReadonlyRootfs === true,
  });
}

/** The container's volumes and bind mounts, as the runtime's mounts. */
function volumeMounts(ctx: DaemonContext, container: Container): Mount[] {
  return container.mounts.map((mount) =>
    mount.type === "volume"
      ? { target: mount.destination, fs: ctx.volumes.get(mount.name!).content, readOnly: !mount.rw }
      : { target: mount.destination, fs: ctx.hostFs, source: mount.source, readOnly: !mount.rw },
  );
}

/**
 * What `docker cp` and `HEAD …/archive` see, running or not: the container's filesystem with
 * its volumes and bind mounts, as dockerd mounts them for the copy (creating missing mount
 * points in the writable layer). The files dockerd writes (`/etc/hosts` …) are not mounted.
 */
export function archiveView(ctx: DaemonContext, container: Container): MountedFs {
  const nowUs = ctx.clock.nowUs();
  for (const mount of container.mounts) {
    if (!container.rootfs.exists(mount.destination))
      container.rootfs.mkdirp(mount.destination, { nowUs });
  }
  return new MountedFs({ root: container.rootfs, mounts: volumeMounts(ctx, container) });
}

/** One `/etc/hosts` line per further network with an address, in join order (libnetwork). */
function otherNetworkLines(container: Container, mode: NetworkFilesMode): string {
  if (mode === "host" || mode === "none") return "";
  const addressed = container.endpoints.filter((endpoint) => endpoint.ipAddress !== "");
  return addressed
    .slice(1)
    .map((endpoint) => `${endpoint.ipAddress}\t${hostsNames(container)}\n`)
    .join("");
}

function networkMode(container: Container): NetworkFilesMode {
  const network = container.endpoints[0]?.network;
  if (network === undefined || network === "none") return "none";
  if (network === "host") return "host";
  return network === "bridge" ? "bridge" : "user";
}

function readHostFile(ctx: DaemonContext, path: string): string | undefined {
  try {
    return utf8String(ctx.hostFs.readFile(path));
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
}

/**
 * `HostConfig.ExtraHosts` (`name:ip`, split at the first colon so IPv6 addresses stay whole);
 * `host-gateway` is the default bridge's gateway, dockerd's host-gateway IP when none is set.
 */
function addHostEntries(ctx: DaemonContext, container: Container): { name: string; ip: string }[] {
  const bridge = ctx.networks.find("bridge");
  const gateway =
    bridge?.subnet === undefined ? "" : formatIpv4(bridge.gateway ?? bridge.subnet.base + 1);
  return (container.hostConfig.ExtraHosts ?? []).flatMap((entry) => {
    const colon = entry.indexOf(":");
    if (colon < 0) return [];
    const ip = entry.slice(colon + 1);
    return [{ name: entry.slice(0, colon), ip: ip === "host-gateway" ? gateway : ip }];
  });
}
