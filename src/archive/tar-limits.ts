/**
 * Bounds on what `readTar` accepts, so a hostile archive fails with `LimitExceededError` rather
 * than exhausting memory or time. All limits are inclusive.
 */
export interface TarLimits {
  /** Entries returned (extended headers not counted). Default 1,000,000. */
  readonly entryCountMax: number;
  /** UTF-8 bytes of an entry's path or link target. Default 4096 (Linux PATH_MAX). */
  readonly pathBytesMax: number;
  /** Body of one PAX extended header or GNU long-name header. Default 1 MiB (Go's limit). */
  readonly paxHeaderBytesMax: number;
  /** Data of one file. Default 8 GiB. */
  readonly fileSizeBytesMax: number;
  /** Data of all files together. Default 64 GiB. */
  readonly totalSizeBytesMax: number;
}

/** The defaults documented on `TarLimits`. */
export const DEFAULT_TAR_LIMITS: TarLimits = {
  entryCountMax: 1_000_000,
  pathBytesMax: 4096,
  paxHeaderBytesMax: 1 << 20,
  fileSizeBytesMax: 8 * 1024 ** 3,
  totalSizeBytesMax: 64 * 1024 ** 3,
};
