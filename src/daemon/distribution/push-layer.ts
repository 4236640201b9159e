import { type Digest, shortId } from "../../digest/digest.ts";
import { assert } from "../../errors/assert.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import type { Descriptor } from "../../image/descriptor.ts";
import { MediaType } from "../../image/media-types.ts";
import { RemoteRepository, type UploadStart } from "../../registry/client/remote-repository.ts";
import { domainOfRepository, pathOfRepository, sortByLikeness } from "./blob-sources.ts";
import { isRetryableTransferError, layerUploadError } from "./distribution-errors.ts";
import type { BlobSource } from "./distribution-metadata.ts";
import { statusMessage } from "./json-progress.ts";
import { ProgressMeter } from "./progress-meter.ts";
import type { PushSession } from "./push-session.ts";
import { tarWriteSizes } from "./tar-writes.ts";
import { retryTransfer } from "./transfer-retry.ts";

/** dockerd checks at most one known digest for existence per layer… */
const EXISTENCE_CHECKS_MAX = 1;
/** …and tries at most three other repositories to mount from. */
const MOUNT_ATTEMPTS_MAX = 3;
/** dockerd's `maxUploadAttempts` is 5: four retries, after 5, 10, 15 and 20 s. */
const UPLOAD_RETRIES_MAX = 4;

/**
 * Pushes one layer as dockerd 20.10 does: when its metadata knows blobs for the layer, `HEAD`
 * the best one in the target repository (`Layer already exists`); else try to mount it from
 * other repositories of the same registry (`Mounted from mini`); else upload the gzip of the
 * layer (compressed once per process): `POST`, `PATCH` (whole blob, `Pushing` progress),
 * `PUT ?digest=`, `HEAD` (`Pushed`). Returns the layer's descriptor for the manifest. A failed
 * upload is retried as dockerd's upload manager does (`Retrying in 5 seconds`, up to five
 * attempts), unless `cancelled` says the push has failed already.
 */
export async function pushLayer(
  session: PushSession,
  diffId: Digest,
  options: { cancelled?: () => boolean } = {},
): Promise<Descriptor> {
  return retryTransfer({
    scheduler: session.ctx.scheduler,
    emit: session.emit,
    id: shortId(diffId),
    retriesMax: UPLOAD_RETRIES_MAX,
    attempt: () => pushLayerOnce(session, diffId),
    retryable: isRetryableTransferError,
    ...(options.cancelled === undefined ? {} : { cancelled: options.cancelled }),
    onRetry: ({ retry, delaySeconds, error }) =>
      trace(session, "daemon.push.layer.retry", {
        diffId,
        retry,
        delaySeconds,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
}

async function pushLayerOnce(session: PushSession, diffId: Digest): Promise<Descriptor> {
  const { distribution, target, account } = session;
  const id = shortId(diffId);
  const sources = distribution.metadata.sourcesOf(diffId);
  const existing = await findExisting(session, diffId, sources);
  if (existing !== undefined) {
    session.emit(statusMessage(id, "Layer already exists"));
    trace(session, "daemon.push.layer.exists", { diffId, digest: existing.digest });
    return existing;
  }
  const candidates = sortByLikeness(
    sources.filter(
      (source) =>
        domainOfRepository(source.repository) === target.domain &&
        source.repository !== target.name,
    ),
    { repository: target.name, account },
  ).slice(0, MOUNT_ATTEMPTS_MAX);
  let upload: { repository: RemoteRepository; location: string } | undefined;
  for (const source of candidates) {
    const from = pathOfRepository(source.repository);
    const repository = new RemoteRepository({
      client: session.client,
      path: target.path,
      scopes: [RemoteRepository.scope(target.path, true), `repository:${from}:pull`],
    });
    let started: UploadStart;
    try {
      started = await repository.startUpload({ mountFrom: { path: from, digest: source.digest } });
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      continue;
    }
    if (started.kind === "session") {
      upload = { repository, location: started.location };
      break;
    }
    const descriptor = layerDescriptor(started.blob.digest, started.blob.sizeBytes);
    record(session, diffId, descriptor.digest);
    session.emit(statusMessage(id, `Mounted from ${from}`));
    trace(session, "daemon.push.layer.mount", { diffId, digest: descriptor.digest, from });
    return descriptor;
  }
  try {
    return await uploadLayer(session, diffId, upload);
  } catch (error) {
    throw layerUploadError(error);
  }
}

/** The existence check: `HEAD` of the most alike known digest in the target repository. */
async function findExisting(
  session: PushSession,
  diffId: Digest,
  sources: readonly BlobSource[],
): Promise<Descriptor | undefined> {
  const { target, account, checkedDigests } = session;
  const ordered = sortByLikeness(sources, { repository: target.name, account });
  const toCheck: BlobSource[] = [];
  for (const source of ordered) {
    if (toCheck.length >= EXISTENCE_CHECKS_MAX) break;
    if (toCheck.some((item) => item.digest === source.digest) || checkedDigests.has(source.digest))
      continue;
    toCheck.push(source);
  }
  for (const source of toCheck) {
    checkedDigests.add(source.digest);
    let blob: Awaited<ReturnType<RemoteRepository["statBlob"]>>;
    try {
      blob = await session.repository.statBlob(source.digest);
    } catch (error) {
      // dockerd only logs a failed check and goes on to mount or upload.
      if (!isDrydockError(error)) throw error;
      continue;
    }
    if (blob === undefined) {
      if (source.repository === target.name) session.distribution.metadata.remove(diffId, source);
      continue;
    }
    record(session, diffId, source.digest);
    return layerDescriptor(source.digest, blob.sizeBytes);
  }
  return undefined;
}

async function uploadLayer(
  session: PushSession,
  diffId: Digest,
  opened: { repository: RemoteRepository; location: string } | undefined,
): Promise<Descriptor> {
  const { ctx, distribution } = session;
  const id = shortId(diffId);
  // Reading and compressing the layer before its bytes leave (DaemonCosts).
  if (ctx.costs.layerUploadUs > 0) await ctx.scheduler.sleep(ctx.costs.layerUploadUs);
  let repository = session.repository;
  let location: string;
  if (opened === undefined) {
    const started = await repository.startUpload();
    assert(started.kind === "session", "a plain upload cannot mount");
    location = started.location;
  } else {
    ({ repository, location } = opened);
  }
  const tar = await ctx.layers.content.read(diffId);
  const layer = await distribution.compressed.compress(diffId, async () => tar);
  const meter = new ProgressMeter({
    id,
    action: "Pushing",
    totalBytes: ctx.layers.sizeOf(diffId),
    clock: ctx.clock,
    emit: session.emit,
  });
  // dockerd counts the tar as its writer hands it to the compressor; the transport counts
  // compressed bytes sent, so the tar's writes are replayed in step with the upload.
  const reads = tarReads(meter, tar);
  const next = await repository.uploadChunk(location, layer.bytes, {
    onUpload: (progress) =>
      reads.upTo(Math.floor((progress.doneBytes / Math.max(1, progress.totalBytes)) * tar.length)),
  });
  reads.upTo(tar.length);
  meter.read(tar.length, { end: true });
  const blob = await repository.commitUpload(next, layer.descriptor.digest);
  const descriptor = layerDescriptor(blob.digest, layer.descriptor.sizeBytes);
  record(session, diffId, descriptor.digest);
  session.emit(statusMessage(id, "Pushed"));
  trace(session, "daemon.push.layer.upload", {
    diffId,
    digest: descriptor.digest,
    sizeBytes: descriptor.sizeBytes,
  });
  return descriptor;
}

/** Replays the tar writer's writes into the meter, up to a byte count. */
function tarReads(meter: ProgressMeter, tar: Uint8Array): { upTo(bytes: number): void } {
  const writes = tarWriteSizes(tar);
  let next = 0;
  let readBytes = 0;
  return {
    upTo(bytes) {
      while (next < writes.length && readBytes + writes[next]! <= bytes) {
        readBytes += writes[next++]!;
        meter.read(readBytes);
      }
    },
  };
}

function layerDescriptor(digest: Digest, sizeBytes: number): Descriptor {
  return Object.freeze({ mediaType: MediaType.dockerLayerGzip, digest, sizeBytes });
}

function record(session: PushSession, diffId: Digest, digest: Digest): void {
  session.distribution.metadata.add(diffId, {
    digest,
    repository: session.target.name,
    account: session.account,
  });
}

function trace(session: PushSession, kind: string, data: Record<string, string | number>): void {
  session.ctx.tracer.emit({ kind, step: 5, data: { repository: session.target.name, ...data } });
}
