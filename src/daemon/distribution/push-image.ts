import { type Digest, shortId } from "../../digest/digest.ts";
import type { AuthConfig } from "../../engine/api-types.ts";
import type { JsonMessageStream } from "../../engine/json-message.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import type { Descriptor } from "../../image/descriptor.ts";
import { configBytes, configDescriptor, type Image } from "../../image/image.ts";
import { createManifest, encodeManifest } from "../../image/manifest.ts";
import {
  familiarName,
  familiarString,
  type NamedReference,
  parseNormalizedNamed,
  referenceName,
  trimToName,
  withDigest,
  withTag,
} from "../../image/reference.ts";
import { usernameOf } from "../../registry/client/registry-credentials.ts";
import { RemoteRepository } from "../../registry/client/remote-repository.ts";
import type { DaemonContext } from "../daemon-context.ts";
import type { DaemonDistribution } from "./daemon-distribution.ts";
import { statusMessage } from "./json-progress.ts";
import { messageStream } from "./message-stream.ts";
import { pushLayer } from "./push-layer.ts";
import type { PushSession } from "./push-session.ts";
import { TransferLimiter } from "./transfer-limiter.ts";

/** dockerd's `max-concurrent-uploads` default. */
const CONCURRENT_UPLOADS_MAX = 5;

/**
 * `docker push` (`POST /images/{name}/push?tag=`): dockerd 20.10's stream. `The push refers to
 * repository [localhost:5000/mini]`; then per tag (one, or every tag of the repository when
 * none is given): `Preparing` for each layer, top first (ids are diff ID prefixes), up to five
 * uploads at once (`Waiting` beyond), each ending `Pushed`, `Layer already exists` or
 * `Mounted from …`; the config blob (`HEAD` first); the manifest (Docker schema 2, 3-space
 * indent); `1: digest: sha256:… size: N` and the `aux` `{Tag,Digest,Size}`. Records
 * `name@digest`, the compressed layers and the distribution metadata; logs `push`.
 */
export function pushImage(
  ctx: DaemonContext,
  distribution: DaemonDistribution,
  options: { name: string; tag?: string; auth?: AuthConfig },
): JsonMessageStream {
  return messageStream(async (emit) => {
    let named = parseNormalizedNamed(options.name);
    if (options.tag !== undefined && options.tag !== "") named = withTag(named, options.tag);
    const name = trimToName(named);
    emit({ status: `The push refers to repository [${referenceName(name)}]` });
    const tags = associations(ctx, named);
    ctx.tracer.emit({
      kind: "daemon.push.start",
      step: 4,
      data: { repository: referenceName(name), tags: tags.map((item) => item.tag) },
    });
    const credentials = distribution.credentialsFor(name.domain, options.auth);
    const client = distribution.client({ domain: name.domain, clock: ctx.clock, credentials });
    await client.ping();
    const session: PushSession = {
      ctx,
      distribution,
      client,
      repository: new RemoteRepository({
        client,
        path: name.path,
        scopes: [RemoteRepository.scope(name.path, true)],
      }),
      target: { name: referenceName(name), path: name.path, domain: name.domain },
      account: usernameOf(credentials),
      emit,
      checkedDigests: new Set(),
    };
    for (const { tag, imageId } of tags) {
      await pushTag(session, { reference: withTag(name, tag), image: ctx.images.get(imageId) });
    }
  });
}

/** The tags to push: the one asked for, or all of the repository, sorted (dockerd's errors). */
function associations(
  ctx: DaemonContext,
  named: NamedReference,
): { tag: string; imageId: Digest }[] {
  const name = trimToName(named);
  const all = ctx.images.references
    .list()
    .filter(
      (entry) =>
        entry.reference.digest === undefined &&
        entry.reference.tag !== undefined &&
        referenceName(entry.reference) === referenceName(name),
    )
    .map((entry) => ({ tag: entry.reference.tag!, imageId: entry.id }))
    .sort((left, right) => (left.tag < right.tag ? -1 : left.tag > right.tag ? 1 : 0));
  if (all.length === 0) {
    throw new DrydockError(
      "NotFound",
      `An image does not exist locally with the tag: ${familiarName(name)}`,
      { data: { repository: referenceName(name) } },
    );
  }
  if (named.tag === undefined) return all;
  const chosen = all.filter((item) => item.tag === named.tag);
  if (chosen.length === 0) {
    throw new DrydockError("NotFound", `tag does not exist: ${familiarString(named)}`, {
      data: { reference: familiarString(named) },
    });
  }
  return chosen;
}

async function pushTag(
  session: PushSession,
  options: { reference: NamedReference; image: Image },
): Promise<void> {
  const { emit } = session;
  const { reference, image } = options;
  const diffIds = [...new Set(image.layers.map((layer) => layer.diffId))];
  const topFirst = [...diffIds].reverse();
  for (const diffId of topFirst) emit(statusMessage(shortId(diffId), "Preparing"));
  const limiter = new TransferLimiter({ concurrencyMax: CONCURRENT_UPLOADS_MAX });
  const uploads = new Map<Digest, Promise<Descriptor>>();
  // Once one layer has failed the push, the others stop retrying (dockerd cancels the context).
  let failed = false;
  const cancelled = (): boolean => failed;
  for (const diffId of topFirst) {
    const scheduled = limiter.schedule(() => pushLayer(session, diffId, { cancelled }));
    if (scheduled.waiting) emit(statusMessage(shortId(diffId), "Waiting"));
    uploads.set(diffId, scheduled.result);
  }
  let byDiffId: Map<Digest, Descriptor>;
  try {
    const done = await Promise.all(topFirst.map((diffId) => uploads.get(diffId)!));
    byDiffId = new Map(topFirst.map((diffId, index) => [diffId, done[index]!]));
  } catch (error) {
    failed = true;
    limiter.cancel(error);
    throw error;
  }
  await pushConfig(session, image);
  const layers = image.layers.map((layer) => byDiffId.get(layer.diffId)!);
  const manifest = encodeManifest(
    createManifest({ dialect: "docker", config: configDescriptor(image), layers }),
  );
  const tag = reference.tag!;
  const digest = await session.repository.putManifest(tag, manifest);
  const sizeBytes = manifest.bytes.length;
  emit({ status: `${tag}: digest: ${digest} size: ${sizeBytes}` });
  emit({ progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: sizeBytes } });
  recordPush(session, { reference, image, layers, digest, sizeBytes });
}

/** What a push leaves behind: `name@digest`, compressed layers, the `push` event, the trace. */
function recordPush(
  session: PushSession,
  pushed: {
    reference: NamedReference;
    image: Image;
    layers: readonly Descriptor[];
    digest: Digest;
    sizeBytes: number;
  },
): void {
  const { ctx } = session;
  const { reference, image, digest } = pushed;
  ctx.images.addDigestReference(withDigest(trimToName(reference), digest), image.id);
  ctx.images.recordCompressedLayers(image.id, pushed.layers);
  ctx.events.log({
    type: "image",
    action: "push",
    actorId: familiarString(reference),
    attributes: { ...(image.config.config?.labels ?? {}), name: familiarName(reference) },
  });
  ctx.tracer.emit({
    kind: "daemon.push.manifest.put",
    step: 5,
    data: {
      reference: familiarString(reference),
      digest,
      sizeBytes: pushed.sizeBytes,
      imageId: image.id,
    },
  });
}

/** The config blob: `HEAD`, and when the registry lacks it `POST`, `PATCH`, `PUT`, `HEAD`. */
async function pushConfig(session: PushSession, image: Image): Promise<void> {
  const repository = session.repository;
  const descriptor = configDescriptor(image);
  if ((await repository.statBlob(descriptor.digest)) !== undefined) return;
  const started = await repository.startUpload();
  if (started.kind !== "session") return;
  const next = await repository.uploadChunk(started.location, configBytes(image));
  await repository.commitUpload(next, descriptor.digest);
  session.ctx.tracer.emit({
    kind: "daemon.push.config.upload",
    step: 5,
    data: { digest: descriptor.digest, sizeBytes: descriptor.sizeBytes },
  });
}
