import { gunzip } from "../../archive/gzip.ts";
import { type Digest, digestOf, shortId } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { nextChainId } from "../../image/chain-id.ts";
import type { Descriptor } from "../../image/descriptor.ts";
import { layerCompression } from "../../image/media-types.ts";
import { layerExtractUs } from "../daemon-costs.ts";
import { isRetryableTransferError } from "./distribution-errors.ts";
import { statusMessage } from "./json-progress.ts";
import { ProgressMeter } from "./progress-meter.ts";
import type { PullSession } from "./pull-session.ts";
import { TransferLimiter } from "./transfer-limiter.ts";
import { retryTransfer } from "./transfer-retry.ts";

/** dockerd's `max-concurrent-downloads` default. */
const CONCURRENT_DOWNLOADS_MAX = 3;
/** The decompressor reads the blob in 32 KiB steps (the `Extracting` counts). */
const EXTRACT_READ_BYTES = 32 * 1024;
/** dockerd's `max-download-attempts` default, 5, counts retries: six attempts at most. */
const DOWNLOAD_RETRIES_MAX = 5;

/** A layer of the pulled image: present already, or downloaded and inflated (not stored yet). */
export interface PulledLayer {
  readonly descriptor: Descriptor;
  readonly diffId: Digest;
  /** The uncompressed tar; undefined when the layer was already present. */
  readonly tar?: Uint8Array;
}

/**
 * The layers of a pull, as dockerd's download manager handles them: from the bottom, layers
 * whose stack is already in the layer store (known by the distribution metadata) are `Already
 * exists`; from the first missing one on, every layer is `Pulling fs layer`, downloaded at
 * most three at once (`Waiting` for the others) with `Downloading` progress, verified
 * (`Verifying Checksum`; a mismatch fails the pull), `Download complete`, then inflated in
 * order (`Extracting`, `Pull complete`). A download that fails on the way (the registry went
 * away) is retried as dockerd's download manager does: `Retrying in 5 seconds`, 10, … up to
 * five retries. Nothing is stored here: the caller commits once
 * everything checked out, so a failed pull leaves nothing behind. `cancel` (the config failed)
 * drops queued downloads and stops before the next extraction, as dockerd cancels its context.
 */
export function pullLayers(
  session: PullSession,
  layers: readonly Descriptor[],
): { readonly done: Promise<PulledLayer[]>; cancel(reason: unknown): void } {
  let cancelled: { reason: unknown } | undefined;
  let downloads: ReturnType<typeof scheduleDownloads> | undefined;
  const throwIfCancelled = () => {
    if (cancelled !== undefined) throw cancelled.reason;
  };
  const run = async (): Promise<PulledLayer[]> => {
    const pulled = presentLayers(session, layers);
    const missing = layers.slice(pulled.length);
    downloads = scheduleDownloads(session, missing, () => cancelled !== undefined);
    try {
      for (const descriptor of missing) {
        const bytes = await downloads.get(descriptor.digest)!;
        throwIfCancelled();
        // Layers are extracted one after another, each taking its time.
        const extractUs = layerExtractUs(session.ctx.costs, bytes.length);
        if (extractUs > 0) await session.ctx.scheduler.sleep(extractUs);
        throwIfCancelled();
        pulled.push(extract(session, descriptor, bytes));
      }
    } catch (error) {
      downloads.cancel(error);
      throw error;
    }
    return pulled;
  };
  const done = run();
  // The caller awaits `done` late (after the config); this keeps an early failure handled.
  done.catch(() => undefined);
  return {
    done,
    cancel(reason) {
      cancelled ??= { reason };
      downloads?.cancel(reason);
    },
  };
}

/** From the bottom, the layers whose stack is already in the layer store (`Already exists`). */
function presentLayers(session: PullSession, layers: readonly Descriptor[]): PulledLayer[] {
  const { ctx, distribution, emit } = session;
  const pulled: PulledLayer[] = [];
  let chainId: Digest | undefined;
  for (const descriptor of layers) {
    const diffId = distribution.metadata.diffIdOf(descriptor.digest);
    if (diffId === undefined) break;
    const next: Digest = chainId === undefined ? diffId : nextChainId(chainId, diffId);
    if (!ctx.images.layers.has(next)) break;
    emit(statusMessage(shortId(descriptor.digest), "Already exists"));
    ctx.tracer.emit({
      kind: "daemon.pull.layer.exists",
      step: 6,
      data: { digest: descriptor.digest, diffId },
    });
    pulled.push({ descriptor, diffId });
    chainId = next;
  }
  return pulled;
}

/** Starts the downloads (one per distinct blob), three at a time. */
function scheduleDownloads(
  session: PullSession,
  missing: readonly Descriptor[],
  cancelled: () => boolean,
): { get(digest: Digest): Promise<Uint8Array> | undefined; cancel(error: unknown): void } {
  const distinct = [
    ...new Map(missing.map((descriptor) => [descriptor.digest, descriptor])).values(),
  ];
  for (const descriptor of distinct)
    session.emit(statusMessage(shortId(descriptor.digest), "Pulling fs layer"));
  const limiter = new TransferLimiter({ concurrencyMax: CONCURRENT_DOWNLOADS_MAX });
  const results = new Map<Digest, Promise<Uint8Array>>();
  // Set once the pull has failed: downloads waiting to retry then give up.
  let failed = false;
  for (const descriptor of distinct) {
    const scheduled = limiter.schedule(() =>
      retryTransfer({
        scheduler: session.ctx.scheduler,
        emit: session.emit,
        id: shortId(descriptor.digest),
        retriesMax: DOWNLOAD_RETRIES_MAX,
        attempt: () => download(session, descriptor),
        retryable: isRetryableTransferError,
        cancelled: () => failed || cancelled(),
        onRetry: ({ retry, delaySeconds, error }) =>
          session.ctx.tracer.emit({
            kind: "daemon.pull.layer.retry",
            step: 6,
            data: {
              digest: descriptor.digest,
              retry,
              delaySeconds,
              error: error instanceof Error ? error.message : String(error),
            },
          }),
      }),
    );
    if (scheduled.waiting) session.emit(statusMessage(shortId(descriptor.digest), "Waiting"));
    // Failures surface where the result is awaited; this keeps an unawaited one from being
    // reported as unhandled once an earlier layer has failed the pull.
    scheduled.result.catch(() => undefined);
    results.set(descriptor.digest, scheduled.result);
  }
  return {
    get: (digest) => results.get(digest),
    cancel: (error) => {
      failed = true;
      limiter.cancel(error);
    },
  };
}

async function download(session: PullSession, descriptor: Descriptor): Promise<Uint8Array> {
  const { ctx, emit } = session;
  const id = shortId(descriptor.digest);
  if (layerCompression(descriptor.mediaType) === undefined || descriptor.urls !== undefined) {
    throw new DrydockError(
      "Unimplemented",
      `unsupported layer media type ${descriptor.mediaType} (drydock pulls only gzip and plain tar layers)`,
      { data: { mediaType: descriptor.mediaType, digest: descriptor.digest } },
    );
  }
  const meter = new ProgressMeter({
    id,
    action: "Downloading",
    totalBytes: descriptor.sizeBytes,
    clock: ctx.clock,
    emit,
  });
  const bytes = await session.repository.fetchBlob(descriptor.digest, {
    onDownload: (progress) => meter.read(progress.doneBytes),
  });
  meter.complete(bytes.length);
  emit(statusMessage(id, "Verifying Checksum"));
  if (digestOf(bytes) !== descriptor.digest) {
    throw new DrydockError(
      "DataLoss",
      `filesystem layer verification failed for digest ${descriptor.digest}`,
      { data: { digest: descriptor.digest } },
    );
  }
  emit(statusMessage(id, "Download complete"));
  ctx.tracer.emit({
    kind: "daemon.pull.layer.download",
    step: 6,
    data: { digest: descriptor.digest, sizeBytes: bytes.length },
  });
  return bytes;
}

/** Inflates a verified blob (once per process for a given blob) and reports it as dockerd does. */
function extract(session: PullSession, descriptor: Descriptor, bytes: Uint8Array): PulledLayer {
  const { ctx, distribution, emit } = session;
  const id = shortId(descriptor.digest);
  const meter = new ProgressMeter({
    id,
    action: "Extracting",
    totalBytes: bytes.length,
    clock: ctx.clock,
    emit,
  });
  for (let read = EXTRACT_READ_BYTES; read < bytes.length; read += EXTRACT_READ_BYTES)
    meter.read(read);
  meter.read(bytes.length);
  meter.read(bytes.length, { end: true });
  let layer = distribution.compressed.decompressed(descriptor.digest);
  if (layer === undefined) {
    const tar =
      layerCompression(descriptor.mediaType) === "gzip"
        ? gunzip(bytes, { sizeBytesMax: ctx.limits.archiveBytesMax })
        : bytes;
    layer = { diffId: distribution.compressed.rememberDecompressed(descriptor.digest, tar), tar };
  }
  emit(statusMessage(id, "Pull complete"));
  ctx.tracer.emit({
    kind: "daemon.pull.layer.extract",
    step: 6,
    data: { digest: descriptor.digest, diffId: layer.diffId },
  });
  return { descriptor, diffId: layer.diffId, tar: layer.tar };
}
