/** Limits of a registry client: what it accepts from a registry. */
export interface RegistryClientLimits {
  /** dockerd refuses larger manifests (and indexes). */
  readonly manifestSizeBytesMax: number;
  /** Largest blob (layer or config) downloaded. */
  readonly blobSizeBytesMax: number;
  /** Largest token response read. */
  readonly tokenSizeBytesMax: number;
  /** How many requests one client may send (a push of 125 layers sends about 500). */
  readonly requestCountMax: number;
}

/** Defaults: 4 MiB manifests as dockerd, 512 MiB blobs as the content store, 1 MiB tokens. */
export const DEFAULT_REGISTRY_CLIENT_LIMITS: RegistryClientLimits = Object.freeze({
  manifestSizeBytesMax: 4 * 1024 * 1024,
  blobSizeBytesMax: 512 * 1024 * 1024,
  tokenSizeBytesMax: 1024 * 1024,
  requestCountMax: 10_000,
});
