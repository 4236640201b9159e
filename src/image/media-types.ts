/**
 * Every media type drydock reads or writes, Docker's and OCI's. Docker's distribution types and
 * the OCI image-spec types describe the same things with different names; the helpers below
 * classify a media type so callers never compare strings by hand.
 */
export const MediaType = {
  /** Docker image manifest, v2 schema 2 (what `docker push` writes). */
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  /** Docker manifest list (multi-platform). */
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  /** Docker image config (the image ID is the sha256 of its bytes). */
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  /** Docker plugin config: recognised so it can be refused clearly. */
  dockerPluginConfig: "application/vnd.docker.plugin.v1+json",
  /** Docker layer: tar compressed with gzip. */
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  /** Docker layer: plain tar (allowed by the spec, rarely seen). */
  dockerLayerTar: "application/vnd.docker.image.rootfs.diff.tar",
  /** Docker foreign layer (Windows base layers), fetched from `urls`, never pushed. */
  dockerForeignLayerGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",

  /** OCI image manifest. */
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  /** OCI image index (multi-platform, and the top of an OCI layout). */
  ociIndex: "application/vnd.oci.image.index.v1+json",
  /** OCI image config. */
  ociConfig: "application/vnd.oci.image.config.v1+json",
  /** OCI layer, uncompressed tar. */
  ociLayerTar: "application/vnd.oci.image.layer.v1.tar",
  /** OCI layer, tar compressed with gzip. */
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  /** OCI layer, tar compressed with zstd. */
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  /** OCI non-distributable layers (deprecated in image-spec 1.1), never pushed. */
  ociForeignLayerTar: "application/vnd.oci.image.layer.nondistributable.v1.tar",
  ociForeignLayerGzip: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  ociForeignLayerZstd: "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
  /** The empty JSON object `{}`, used as the config of artifacts. */
  ociEmptyJson: "application/vnd.oci.empty.v1+json",
  /** `oci-layout` file of an OCI image layout. */
  ociLayoutHeader: "application/vnd.oci.layout.header.v1+json",

  /** Docker image manifest v2 schema 1: recognised only to reject it with a clear error. */
  dockerSchema1Manifest: "application/vnd.docker.distribution.manifest.v1+json",
  /** Signed schema 1 manifest (JWS). Rejected like the unsigned one. */
  dockerSchema1SignedManifest: "application/vnd.docker.distribution.manifest.v1+prettyjws",
} as const;

/** One of the media types in `MediaType`. */
export type KnownMediaType = (typeof MediaType)[keyof typeof MediaType];

/** The `{}` blob that `application/vnd.oci.empty.v1+json` names: 2 bytes, fixed digest. */
export const OCI_EMPTY_JSON: {
  readonly text: "{}";
  readonly digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  readonly sizeBytes: 2;
} = {
  text: "{}",
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  sizeBytes: 2,
};

/** How a layer's bytes are compressed, read from its media type. */
export type LayerCompression = "none" | "gzip" | "zstd";

const LAYER_COMPRESSION: ReadonlyMap<string, LayerCompression> = new Map([
  [MediaType.dockerLayerGzip, "gzip"],
  [MediaType.dockerLayerTar, "none"],
  [MediaType.dockerForeignLayerGzip, "gzip"],
  [MediaType.ociLayerTar, "none"],
  [MediaType.ociLayerGzip, "gzip"],
  [MediaType.ociLayerZstd, "zstd"],
  [MediaType.ociForeignLayerTar, "none"],
  [MediaType.ociForeignLayerGzip, "gzip"],
  [MediaType.ociForeignLayerZstd, "zstd"],
]);

const FOREIGN_LAYERS: ReadonlySet<string> = new Set([
  MediaType.dockerForeignLayerGzip,
  MediaType.ociForeignLayerTar,
  MediaType.ociForeignLayerGzip,
  MediaType.ociForeignLayerZstd,
]);

const SCHEMA1: ReadonlySet<string> = new Set([
  MediaType.dockerSchema1Manifest,
  MediaType.dockerSchema1SignedManifest,
]);

/** The compression of a layer media type, or undefined if it is not a layer type. */
export function layerCompression(mediaType: string): LayerCompression | undefined {
  return LAYER_COMPRESSION.get(mediaType);
}

/** True for every Docker and OCI layer media type, foreign ones included. */
export function isLayerMediaType(mediaType: string): boolean {
  return LAYER_COMPRESSION.has(mediaType);
}

/** True for foreign / non-distributable layers, which registries do not receive on push. */
export function isForeignLayer(mediaType: string): boolean {
  return FOREIGN_LAYERS.has(mediaType);
}

/** True for the single-image manifest types (Docker schema 2 and OCI). */
export function isImageManifestMediaType(mediaType: string): boolean {
  return mediaType === MediaType.dockerManifest || mediaType === MediaType.ociManifest;
}

/** True for the multi-platform types (Docker manifest list and OCI index). */
export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MediaType.dockerManifestList || mediaType === MediaType.ociIndex;
}

/** True for image config types drydock can run (Docker and OCI configs). */
export function isImageConfigMediaType(mediaType: string): boolean {
  return mediaType === MediaType.dockerConfig || mediaType === MediaType.ociConfig;
}

/** True for the obsolete schema 1 manifest types, which drydock refuses. */
export function isSchema1MediaType(mediaType: string): boolean {
  return SCHEMA1.has(mediaType);
}

/**
 * The `Accept` header values dockerd 20.10 sends when it resolves a tag, in its order
 * (recorded, docker-wire README d.2). Schema 1 and `application/json` are still announced there.
 */
export const DOCKERD_MANIFEST_ACCEPT: readonly string[] = [
  MediaType.ociManifest,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
  MediaType.ociIndex,
  MediaType.dockerSchema1SignedManifest,
  "application/json",
];

const DOCKER_TO_OCI: ReadonlyMap<string, string> = new Map([
  [MediaType.dockerManifest, MediaType.ociManifest],
  [MediaType.dockerManifestList, MediaType.ociIndex],
  [MediaType.dockerConfig, MediaType.ociConfig],
  [MediaType.dockerLayerGzip, MediaType.ociLayerGzip],
  [MediaType.dockerLayerTar, MediaType.ociLayerTar],
  [MediaType.dockerForeignLayerGzip, MediaType.ociForeignLayerGzip],
]);

/**
 * The OCI media type for a Docker one, as skopeo converts when it writes OCI (the blobs keep
 * their digests; only the names change). Types without a Docker spelling come back unchanged.
 */
export function ociMediaTypeOf(mediaType: string): string {
  return DOCKER_TO_OCI.get(mediaType) ?? mediaType;
}
