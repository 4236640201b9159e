import { canonicalJson } from "../digest/canonical-json.ts";
import { digestOf } from "../digest/digest.ts";
import type { Container } from "./container.ts";
import type { Daemon } from "./daemon.ts";
import type { ContainerJson, DaemonStateJson, NetworkJson } from "./daemon-state.ts";
import type { NetworkRecord } from "./network-store.ts";
import { encodeLog, encodeTree, encodeUpper } from "./state-codecs.ts";
import type { SavedState } from "./state-store.ts";

/**
 * The whole state of a daemon as a manifest and blobs: images and tags, the content store,
 * containers with their writable layers and logs, volumes with their content, networks, the
 * clock and the random streams' positions. Deterministic: the same daemon gives the same bytes.
 * Processes are not state: save after `daemon.shutdown()` (a restored daemon treats containers
 * that were still running as having died with the host, exit code 255).
 */
export async function saveDaemon(
  daemon: Daemon,
  options: { host?: Readonly<Record<string, unknown>> } = {},
): Promise<SavedState> {
  const ctx = daemon.context;
  const blobs = new Map<string, Uint8Array>();
  const blob = (bytes: Uint8Array): string => {
    const digest = digestOf(bytes);
    blobs.set(digest, bytes);
    return digest;
  };
  const content: string[] = [];
  await ctx.layers.content.walk(async (info) => {
    blobs.set(info.digest, await ctx.layers.content.read(info.digest));
    content.push(info.digest);
  });
  const manifest: DaemonStateJson = {
    format: "drydock-daemon-state",
    version: 1,
    daemonId: daemon.daemonId,
    clockUs: ctx.clock.nowUs(),
    rng: ctx.rngs.positions(),
    content,
    images: ctx.images.toJSON(),
    layerSizes: ctx.layers.sizes(),
    containers: [...ctx.containers.list()]
      .reverse()
      .map((container) => containerJson(container, blob)),
    volumes: ctx.volumes.list().map((volume) => ({
      name: volume.name,
      createdUs: volume.createdUs,
      labels: volume.labels,
      options: volume.options,
      anonymous: volume.anonymous,
      content: blob(encodeTree(volume.content)),
    })),
    networks: ctx.networks.list().map(networkJson),
    distribution: ctx.distribution.metadata.toJSON(),
    host: options.host ?? {},
  };
  return { manifest: new TextEncoder().encode(canonicalJson(manifest)), blobs };
}

function containerJson(container: Container, blob: (bytes: Uint8Array) => string): ContainerJson {
  return {
    id: container.id,
    name: container.name,
    createdUs: container.createdUs,
    path: container.path,
    args: container.args,
    config: container.config,
    hostConfig: container.hostConfig,
    imageId: container.imageId,
    layerDiffIds: container.layerDiffIds,
    state: container.state,
    mounts: container.mounts,
    endpoints: container.endpoints,
    restartCount: container.restartCount,
    hasBeenManuallyStopped: container.hasBeenManuallyStopped,
    hasBeenStartedBefore: container.hasBeenStartedBefore,
    sandboxId: container.sandboxId,
    restartBackoffUs: container.restartBackoffUs,
    upper: blob(encodeUpper(container.rootfs.upper)),
    log: blob(encodeLog(container.logs.entries)),
  };
}

function networkJson(network: NetworkRecord): NetworkJson {
  return {
    name: network.name,
    id: network.id,
    createdUs: network.createdUs,
    driver: network.driver,
    internal: network.internal,
    attachable: network.attachable,
    ipamOptions: network.ipamOptions,
    showGateway: network.showGateway,
    subnet: network.subnet ?? null,
    ...(network.gateway === undefined ? {} : { gateway: network.gateway }),
    ...(network.userIpam === undefined ? {} : { userIpam: network.userIpam }),
    options: network.options,
    labels: network.labels,
    predefined: network.predefined,
  };
}
