import type { TarLimits } from "../../archive/tar-limits.ts";

/** Bounds on what `docker load` and the OCI layout reader accept. All inclusive. */
export interface DockerArchiveLimits {
  /** The archive as received (compressed, if it is). Default 4 GiB. */
  readonly archiveSizeBytesMax: number;
  /** Entries in the archive. Default 100 000. */
  readonly entryCountMax: number;
  /** manifest.json, index.json, repositories and every config and OCI manifest. Default 8 MiB. */
  readonly documentSizeBytesMax: number;
  /** Images in one archive (manifest.json items or index.json entries). Default 1 000. */
  readonly imageCountMax: number;
  /** One layer once decompressed. Default 2 GiB. */
  readonly layerSizeBytesMax: number;
  /** Symbolic links followed while resolving one path (moby's FollowSymlinkInScope: 255). */
  readonly symlinkFollowMax: number;
}

/** The defaults documented on `DockerArchiveLimits`. */
export const DEFAULT_DOCKER_ARCHIVE_LIMITS: DockerArchiveLimits = Object.freeze({
  archiveSizeBytesMax: 4 * 1024 ** 3,
  entryCountMax: 100_000,
  documentSizeBytesMax: 8 * 1024 * 1024,
  imageCountMax: 1_000,
  layerSizeBytesMax: 2 * 1024 ** 3,
  symlinkFollowMax: 255,
});

/** The tar reader's limits for an outer archive under `limits`. */
export function archiveTarLimits(limits: DockerArchiveLimits): Partial<TarLimits> {
  return {
    entryCountMax: limits.entryCountMax,
    fileSizeBytesMax: limits.archiveSizeBytesMax,
    totalSizeBytesMax: limits.archiveSizeBytesMax,
  };
}
