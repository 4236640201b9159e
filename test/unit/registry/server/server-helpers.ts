/** Small helpers shared by the registry server's tests. */
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import { type Digest, digestOf } from "../../../../src/digest/digest.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import type { RegistryRequest, RegistryResponse } from "../../../../src/registry/registry-http.ts";
import {
  MemRegistry,
  type MemRegistryOptions,
} from "../../../../src/registry/server/mem-registry.ts";

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();

/** A registry at `localhost:5000` on a virtual clock, seed 1 unless told. */
export function newRegistry(options: Partial<MemRegistryOptions> & { seed?: number } = {}): {
  registry: MemRegistry;
  clock: VirtualClock;
} {
  const clock = (options.clock as VirtualClock | undefined) ?? new VirtualClock();
  const { seed, ...rest } = options;
  const registry = new MemRegistry({
    name: "localhost:5000",
    clock,
    rng: SeededRng.fromSeed(seed ?? 1),
    ...rest,
  });
  return { registry, clock };
}

/** Sends one request (Host `localhost:5000`), body as text or bytes. */
export function send(
  registry: { answer(request: RegistryRequest): RegistryResponse },
  method: RegistryRequest["method"],
  target: string,
  options: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
): RegistryResponse {
  const body = typeof options.body === "string" ? encoder.encode(options.body) : options.body;
  return registry.answer({
    method,
    target,
    headers: { host: "localhost:5000", ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
}

/** The request target of an absolute Location. */
export function targetOf(location: string | undefined): string {
  const url = new URL(location ?? "");
  return `${url.pathname}${url.search}`;
}

/** Uploads a blob with POST, PATCH, PUT; returns its digest. */
export function upload(
  registry: MemRegistry,
  repository: string,
  bytes: Uint8Array | string,
): Digest {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  const started = send(registry, "POST", `/v2/${repository}/blobs/uploads/`);
  const patched = send(registry, "PATCH", targetOf(started.headers.location), { body: data });
  const digest = digestOf(data);
  const put = send(
    registry,
    "PUT",
    `${targetOf(patched.headers.location)}&digest=${encodeURIComponent(digest)}`,
  );
  if (put.status !== 201)
    throw new Error(`upload failed: ${put.status} ${decoder.decode(put.body)}`);
  return digest;
}

/** A Docker schema 2 manifest of a config and layers (compact JSON). */
export function dockerManifest(
  config: { digest: Digest; size: number },
  layers: { digest: Digest; size: number }[],
): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
    config: {
      mediaType: "application/vnd.docker.container.image.v1+json",
      size: config.size,
      digest: config.digest,
    },
    layers: layers.map((layer) => ({
      mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
      size: layer.size,
      digest: layer.digest,
    })),
  });
}

/** Pushes a one-layer image (config text, layer text) and tags it; returns the manifest digest. */
export function pushImage(
  registry: MemRegistry,
  repository: string,
  tag: string,
  seed = "x",
): Digest {
  const config = `{"architecture":"amd64","os":"linux","seed":"${seed}"}`;
  const layer = `layer-${seed}`;
  const configDigest = upload(registry, repository, config);
  const layerDigest = upload(registry, repository, layer);
  const manifest = dockerManifest({ digest: configDigest, size: config.length }, [
    { digest: layerDigest, size: layer.length },
  ]);
  const put = send(registry, "PUT", `/v2/${repository}/manifests/${tag}`, {
    headers: { "content-type": "application/vnd.docker.distribution.manifest.v2+json" },
    body: manifest,
  });
  if (put.status !== 201)
    throw new Error(`manifest put failed: ${put.status} ${decoder.decode(put.body)}`);
  return put.headers["docker-content-digest"] as Digest;
}

export const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
