import { type Digest, digestOf, isDigest } from "../../digest/digest.ts";
import type { AuthConfig } from "../../engine/api-types.ts";
import type { JsonMessageStream } from "../../engine/json-message.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { type Image, imageFromConfigBytes } from "../../image/image.ts";
import { DEFAULT_PLATFORM, type Platform, parsePlatformSpecifier } from "../../image/platform.ts";
import {
  familiarString,
  type NamedReference,
  parseNormalizedNamed,
  referenceName,
  trimToName,
  withDefaultTag,
  withDigest,
  withTag,
} from "../../image/reference.ts";
import { usernameOf } from "../../registry/client/registry-credentials.ts";
import { RemoteRepository } from "../../registry/client/remote-repository.ts";
import type { DaemonContext } from "../daemon-context.ts";
import type { DaemonDistribution } from "./daemon-distribution.ts";
import { translatePullError } from "./distribution-errors.ts";
import { messageStream } from "./message-stream.ts";
import { type PulledLayer, pullLayers } from "./pull-layers.ts";
import { fetchImageManifest, type PulledManifest } from "./pull-manifest.ts";
import type { PullSession } from "./pull-session.ts";

/** Options of `docker pull` as the Engine API takes them (`POST /images/create`). */
export interface PullOptions {
  readonly fromImage: string;
  /** A tag, or a digest (`sha256:…`) as the CLI sends it for `name@digest`. */
  readonly tag?: string;
  readonly auth?: AuthConfig;
  readonly platform?: string;
}

/**
 * `docker pull`: dockerd 20.10's requests and stream. `GET /v2/`, `HEAD` of the tag (errors so
 * far are plain errors: `manifest for … not found: manifest unknown: manifest unknown`), then
 * the stream: `Pulling from mini`; the manifest (cached, or `GET` by digest, verified; a list
 * or index resolved to linux/amd64); when the image is already here nothing more is fetched;
 * otherwise the config and the layers (see `pullLayers`) are fetched and verified, the diff IDs
 * checked against the config, and only then is anything stored. Ends with `Digest: sha256:…`
 * and `Status: Downloaded newer image for …` or `Status: Image is up to date for …`, records
 * `name@digest` and the tag, logs `pull`.
 */
export function pullImage(
  ctx: DaemonContext,
  distribution: DaemonDistribution,
  options: PullOptions,
): JsonMessageStream {
  return messageStream(async (emit) => {
    const reference = pullReference(options);
    const platform = pullPlatform(options.platform);
    const name = trimToName(reference);
    ctx.tracer.emit({
      kind: "daemon.pull.start",
      step: 6,
      data: { reference: familiarString(reference) },
    });
    const credentials = distribution.credentialsFor(name.domain, options.auth);
    const client = distribution.client({ domain: name.domain, clock: ctx.clock, credentials });
    const repository = new RemoteRepository({
      client,
      path: name.path,
      scopes: [RemoteRepository.scope(name.path, false)],
    });
    const session: PullSession = {
      ctx,
      distribution,
      repository,
      name: referenceName(name),
      account: usernameOf(credentials),
      emit,
    };
    try {
      await client.ping();
      const head = await repository.resolveManifest(reference.digest ?? reference.tag!);
      const id = reference.digest === undefined ? reference.tag! : familiarString(reference);
      emit({ status: `Pulling from ${name.path}`, id });
      const pulled = await fetchImageManifest({
        repository,
        cache: distribution.manifests,
        domain: name.domain,
        topDigest: reference.digest === undefined ? head.digest : (reference.digest as Digest),
        platform,
        sizeBytesMax: client.limits.manifestSizeBytesMax,
      });
      const image = await fetchImage(session, pulled);
      finishPull(session, { reference, image, pulled, topDigest: head.digest });
    } catch (error) {
      throw translatePullError(error, reference);
    }
  });
}

/** The reference pulled: `fromImage` with the tag or digest (default `latest`). */
function pullReference(options: PullOptions): NamedReference {
  const named = parseNormalizedNamed(options.fromImage);
  const tag = options.tag ?? "";
  if (tag === "") return withDefaultTag(named);
  return isDigest(tag) ? withDigest(trimToName(named), tag) : withTag(named, tag);
}

function pullPlatform(text: string | undefined): Platform {
  if (text === undefined || text === "") return DEFAULT_PLATFORM;
  const platform = parsePlatformSpecifier(text);
  if (platform === undefined)
    throw new DrydockError(
      "InvalidArgument",
      `"${text}": unknown operating system or architecture: invalid argument`,
    );
  return platform;
}

/** The image itself: already here, or its config and layers fetched, checked, then stored. */
async function fetchImage(session: PullSession, pulled: PulledManifest): Promise<Image> {
  const { ctx } = session;
  const configDigest = pulled.manifest.config.digest;
  if (ctx.images.has(configDigest)) return ctx.images.get(configDigest);
  // dockerd fetches the config while the layers download and waits for it first: a bad config
  // cancels the downloads.
  const configWork = fetchConfig(session, configDigest);
  const layerPull = pullLayers(session, pulled.manifest.layers);
  let configBytes: Uint8Array;
  try {
    configBytes = await configWork;
  } catch (error) {
    layerPull.cancel(error);
    await layerPull.done.catch(() => undefined);
    throw error;
  }
  const layers = await layerPull.done;
  const image = imageFromConfigBytes(configBytes, {
    compressedLayers: pulled.manifest.layers,
  });
  if (image.config.os !== undefined && image.config.os !== "linux") {
    throw new DrydockError(
      "InvalidArgument",
      `image operating system "${image.config.os}" cannot be used on this platform`,
    );
  }
  const diffIds = image.config.rootfs.diffIds;
  if (
    diffIds.length !== layers.length ||
    layers.some((layer, index) => layer.diffId !== diffIds[index])
  )
    throw new DrydockError(
      "InvalidArgument",
      "layers from manifest don't match image configuration",
    );
  await storeImage(session, image, layers);
  return image;
}

async function fetchConfig(session: PullSession, digest: Digest): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await session.repository.fetchBlob(digest);
  } catch (error) {
    throw prefixed(error, "error pulling image configuration: ");
  }
  if (digestOf(bytes) !== digest) {
    throw new DrydockError(
      "DataLoss",
      `error pulling image configuration: image config verification failed for digest ${digest}`,
      { data: { digest } },
    );
  }
  return bytes;
}

/** Commits a verified pull: layer tars, config, image; the distribution metadata. */
async function storeImage(
  session: PullSession,
  image: Image,
  layers: readonly PulledLayer[],
): Promise<void> {
  const { ctx } = session;
  for (const layer of layers) {
    if (layer.tar === undefined) continue;
    const stored = await ctx.layers.storeTar(layer.tar);
    if (stored.diffId !== layer.diffId)
      throw new DrydockError("DataLoss", `layer ${layer.diffId} changed while stored`);
  }
  await ctx.layers.storeConfig(image.configJson);
  ctx.images.add(image);
}

function finishPull(
  session: PullSession,
  done: { reference: NamedReference; image: Image; pulled: PulledManifest; topDigest: Digest },
): void {
  const { ctx, distribution, emit } = session;
  const { reference, image, pulled } = done;
  const name = trimToName(reference);
  const topDigest = (reference.digest as Digest | undefined) ?? done.topDigest;
  image.layers.forEach((layer, index) => {
    const digest = pulled.manifest.layers[index]?.digest;
    if (digest === undefined) return;
    distribution.metadata.add(layer.diffId, {
      digest,
      repository: session.name,
      account: session.account,
    });
  });
  for (const [digest, document] of pulled.documents)
    distribution.manifests.put(name.domain, digest, document);
  const target = reference.digest === undefined ? reference : withDigest(name, topDigest);
  const before = ctx.images.references.get(target);
  if (reference.digest === undefined) ctx.images.tag(reference, image.id);
  ctx.images.addDigestReference(withDigest(name, topDigest), image.id);
  ctx.images.recordCompressedLayers(image.id, pulled.manifest.layers);
  const updated = before !== image.id;
  emit({ status: `Digest: ${topDigest}` });
  emit({
    status: `Status: ${updated ? "Downloaded newer image" : "Image is up to date"} for ${familiarString(reference)}`,
  });
  ctx.events.log({
    type: "image",
    action: "pull",
    actorId: familiarString(reference),
    attributes: { ...(image.config.config?.labels ?? {}), name: familiarString(name) },
  });
  ctx.tracer.emit({
    kind: "daemon.pull.done",
    step: 6,
    data: { reference: familiarString(reference), digest: topDigest, imageId: image.id, updated },
  });
}

function prefixed(error: unknown, prefix: string): unknown {
  if (!(error instanceof DrydockError)) return error;
  return new DrydockError(error.code, `${prefix}${error.message}`, {
    data: error.data,
    cause: error,
  });
}
