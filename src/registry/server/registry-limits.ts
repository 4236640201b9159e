/** Bounds on everything a registry holds, so no client can grow it without end. */
export interface RegistryLimits {
  /** Open upload sessions at once (beyond: `TOOMANYREQUESTS`). */
  readonly uploadSessionCountMax: number;
  /** One blob's size (beyond: `SIZE_INVALID`). */
  readonly blobSizeBytesMax: number;
  /** One manifest's size; 2.8.2 reads at most 4 MiB (beyond: `MANIFEST_INVALID`). */
  readonly manifestSizeBytesMax: number;
  /** Repositories (beyond: `DENIED`). */
  readonly repositoryCountMax: number;
  /** Tags per repository (beyond: `DENIED`). */
  readonly tagCountMax: number;
  /** Manifests per repository (beyond: `DENIED`). */
  readonly manifestCountMax: number;
  /** Entries of one catalog page; 2.8.2's `catalog.maxentries` default. */
  readonly catalogPageSizeMax: number;
  /** Requests per client per virtual second; 0 disables the limit (`TOOMANYREQUESTS`). */
  readonly requestsPerSecondMax: number;
}

/** Generous defaults: far above what a simulated world pushes, far below what exhausts memory. */
export const DEFAULT_REGISTRY_LIMITS: RegistryLimits = Object.freeze({
  uploadSessionCountMax: 1024,
  blobSizeBytesMax: 1024 * 1024 * 1024,
  manifestSizeBytesMax: 4 * 1024 * 1024,
  repositoryCountMax: 10_000,
  tagCountMax: 10_000,
  manifestCountMax: 10_000,
  catalogPageSizeMax: 1000,
  requestsPerSecondMax: 0,
});
