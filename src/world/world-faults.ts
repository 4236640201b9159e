import { DrydockError } from "../errors/drydock-error.ts";
import type { Link } from "../net/link.ts";
import type { LinkRef, WorldFault } from "./world-fault.ts";
import type { WorldNetwork } from "./world-network.ts";
import { bytesPerSecondOfMbps, usOfMs } from "./world-spec.ts";

/** Throws `InvalidArgument` when a fault names a host, registry or link the world lacks. */
export function checkFault(net: WorldNetwork, fault: WorldFault): void {
  if (!(Number.isFinite(fault.atMs) && fault.atMs >= 0))
    invalid(`fault ${fault.kind}: atMs must be a number >= 0`);
  switch (fault.kind) {
    case "registry-down":
    case "registry-up":
    case "registry-restart":
      registryOf(net, fault.registry);
      return;
    case "daemon-restart":
      hostOf(net, fault.host);
      return;
    case "link-cut":
    case "link-restore":
    case "link-slow":
      linkOf(net, fault);
      return;
  }
}

/** Applies a fault now; restarts settle when the restarted server is up again. */
export async function applyFault(net: WorldNetwork, fault: WorldFault): Promise<void> {
  net.tracer.emit({ kind: "world.fault", component: "world", data: { ...fault } });
  switch (fault.kind) {
    case "registry-down":
      return registryOf(net, fault.registry).down();
    case "registry-up":
      return registryOf(net, fault.registry).up();
    case "registry-restart":
      return registryOf(net, fault.registry).restart(usOfMs(fault.downMs ?? 0));
    case "daemon-restart":
      return hostOf(net, fault.host).restart(usOfMs(fault.downMs ?? 0));
    case "link-cut":
      return net.network.cut(linkOf(net, fault));
    case "link-restore":
      return net.network.restore(linkOf(net, fault));
    case "link-slow":
      return net.network.reshape(linkOf(net, fault), {
        latencyUs: fault.latencyMs === undefined ? undefined : usOfMs(fault.latencyMs),
        bandwidthBytesPerSecond:
          fault.bandwidthMbps === undefined ? undefined : bytesPerSecondOfMbps(fault.bandwidthMbps),
      });
  }
}

function linkOf(net: WorldNetwork, ref: LinkRef): Link {
  if (ref.host !== undefined && ref.registry !== undefined) {
    hostOf(net, ref.host);
    registryOf(net, ref.registry);
    return net.pairLinks.get(`${ref.host}\n${ref.registry}`)!;
  }
  if (ref.host !== undefined) {
    const uplink = hostOf(net, ref.host).uplink;
    if (uplink === undefined) invalid(`host ${ref.host} has no uplink (set uplinkMbps)`);
    return uplink;
  }
  if (ref.registry !== undefined) {
    const uplink = registryOf(net, ref.registry).uplink;
    if (uplink === undefined) invalid(`registry ${ref.registry} has no uplink (set uplinkMbps)`);
    return uplink;
  }
  return invalid("a link fault names a host, a registry, or both");
}

function hostOf(net: WorldNetwork, name: string) {
  const host = net.hosts.get(name);
  if (host === undefined) invalid(`no host named ${name}`);
  return host;
}

function registryOf(net: WorldNetwork, name: string) {
  const registry = net.registries.get(name);
  if (registry === undefined) invalid(`no registry named ${name}`);
  return registry;
}

function invalid(message: string): never {
  throw new DrydockError("InvalidArgument", `world fault: ${message}`);
}
