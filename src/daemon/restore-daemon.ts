import { writeBlob } from "../content/write-blob.ts";
import type { Digest } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { OverlayFs } from "../fs/overlay-fs.ts";
import { ImageStore } from "../image/image-store.ts";
import { initLayerTree } from "../runtime/container-rootfs.ts";
import { Container } from "./container.ts";
import { ContainerStdio } from "./container-stdio.ts";
import { Daemon } from "./daemon.ts";
import type { DaemonContext } from "./daemon-context.ts";
import type { DaemonOptions } from "./daemon-options.ts";
import type { ContainerJson, DaemonStateJson } from "./daemon-state.ts";
import { DistributionMetadata } from "./distribution/distribution-metadata.ts";
import { LogStore } from "./log-store.ts";
import { decodeLog, decodeTree, decodeUpper } from "./state-codecs.ts";
import type { SavedState } from "./state-store.ts";

/** Reads and checks a saved manifest; a damaged one is a `DataLoss` error, never a half daemon. */
export function readDaemonState(saved: SavedState): DaemonStateJson {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(saved.manifest));
  } catch (cause) {
    throw damaged("the manifest is not JSON", cause);
  }
  const state = value as Partial<DaemonStateJson> | null;
  if (
    state === null ||
    typeof state !== "object" ||
    state.format !== "drydock-daemon-state" ||
    state.version !== 1
  )
    throw damaged("the manifest is not a drydock daemon state (version 1)");
  for (const key of ["containers", "volumes", "networks", "content", "layerSizes"] as const)
    if (!Array.isArray(state[key])) throw damaged(`the manifest has no ${key} list`);
  if (!Number.isSafeInteger(state.clockUs) || typeof state.daemonId !== "string")
    throw damaged("the manifest lacks the clock or the daemon ID");
  return state as DaemonStateJson;
}

/**
 * Rebuilds a daemon from its saved state, as dockerd comes back after a restart: every store
 * as it was, containers stopped (one still marked running died with the host: exit code 255).
 * The caller's scheduler clock should already stand at `clockUs`. Call `daemon.boot()` next so
 * restart policies act, as they do when dockerd starts.
 */
export async function restoreDaemon(options: DaemonOptions, saved: SavedState): Promise<Daemon> {
  const state = readDaemonState(saved);
  const blob = (digest: string): Uint8Array => {
    const bytes = saved.blobs.get(digest);
    if (bytes === undefined) throw damaged(`blob ${digest} is missing`);
    return bytes;
  };
  const images = ImageStore.fromJSON(state.images);
  const distribution = DistributionMetadata.fromJSON(state.distribution);
  const daemon = new Daemon(options, {
    daemonId: state.daemonId,
    rngPositions: state.rng,
    images,
    distribution,
  });
  const ctx = daemon.context;
  for (const digest of state.content)
    await writeBlob(ctx.layers.content, blob(digest), { expectedDigest: digest as Digest });
  for (const [diffId, size] of state.layerSizes) ctx.layers.recordSize(diffId as Digest, size);
  for (const network of state.networks)
    ctx.networks.restore({ ...network, subnet: network.subnet ?? undefined, allocated: new Set() });
  for (const volume of state.volumes) {
    ctx.volumes.restore({
      ...volume,
      content: decodeTree(blob(volume.content), { nowUs: volume.createdUs }),
    });
  }
  for (const record of state.containers)
    await restoreContainer(ctx, record, { blob, nowUs: state.clockUs });
  return daemon;
}

async function restoreContainer(
  ctx: DaemonContext,
  record: ContainerJson,
  options: { blob: (digest: string) => Uint8Array; nowUs: number },
): Promise<void> {
  const lowers = await Promise.all(
    record.layerDiffIds.map((diffId) => ctx.layers.layer(diffId as Digest)),
  );
  const rootfs = new OverlayFs({
    lowers: [...lowers.map((layer) => layer.tree), initLayerTree({ nowUs: record.createdUs })],
    upper: decodeUpper(options.blob(record.upper), { nowUs: record.createdUs }),
    nowUs: record.createdUs,
  });
  const logs = new LogStore({
    bytesMax: ctx.limits.logBytesMax,
    entries: decodeLog(options.blob(record.log)),
  });
  const state = { ...record.state };
  if (state.running)
    Object.assign(state, {
      running: false,
      paused: false,
      restarting: false,
      pid: 0,
      exitCode: 255,
      finishedAtUs: options.nowUs,
    });
  const container = new Container({
    ...record,
    imageId: record.imageId as Digest,
    layerDiffIds: record.layerDiffIds as Digest[],
    state,
    endpoints: record.endpoints.map((endpoint) => ({
      ...endpoint,
      endpointId: "",
      ipAddress: "",
      gateway: "",
      ipPrefixLen: 0,
      macAddress: "",
    })),
    rootfs,
    logs,
    stdio: ContainerStdio.forConfig({
      logs,
      clock: ctx.clock,
      config: record.config,
      sessionCountMax: ctx.limits.streamCountMax,
    }),
  });
  container.sandboxId = record.sandboxId;
  container.restartBackoffUs = record.restartBackoffUs;
  ctx.containers.add(container);
  for (const mount of container.mounts)
    if (mount.type === "volume") ctx.volumes.acquire(mount.name!, container.id);
}

function damaged(detail: string, cause?: unknown): DrydockError {
  return new DrydockError("DataLoss", `daemon state is damaged: ${detail}`, {
    data: { detail },
    cause,
  });
}
