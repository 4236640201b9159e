/** Linux's limit on symlinks followed while resolving one path (`MAXSYMLINKS`). */
export const SYMLINK_HOPS_MAX = 40;
/** Linux `PATH_MAX`: longest path accepted, in bytes. */
export const PATH_BYTES_MAX = 4096;
/** Linux `NAME_MAX`: longest single name, in bytes. */
export const NAME_BYTES_MAX = 255;

/** How big one tree may grow; writes beyond these throw `LimitExceededError`. */
export interface TreeLimits {
  /** Directory entries (links), the root excluded. */
  readonly entryCountMax: number;
  /** Bytes of file content held by the tree's inodes (shared views count in full). */
  readonly totalBytesMax: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = {
  entryCountMax: 1_000_000,
  totalBytesMax: 4 * 1024 * 1024 * 1024,
};

/** Limits on one layer being applied or turned into a tree. */
export interface ExtractLimits {
  readonly entryCountMax: number;
  /** Sum of the file contents in the layer. */
  readonly totalBytesMax: number;
  /** Path components in one entry's path. */
  readonly depthMax: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  entryCountMax: 500_000,
  totalBytesMax: 4 * 1024 * 1024 * 1024,
  depthMax: 256,
};
