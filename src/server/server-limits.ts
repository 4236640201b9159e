/** Limits of the Engine API server: every body it reads is bounded. */
export interface ServerLimits {
  /** A build context (`POST /build`), as the builder's own context limit. */
  readonly buildContextBytesMax: number;
  /** A `docker load` archive. */
  readonly loadArchiveBytesMax: number;
  /** A `docker cp` archive into a container. */
  readonly extractArchiveBytesMax: number;
}

/** Defaults, matching the builder's and the daemon's own limits. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  buildContextBytesMax: 512 * 1024 * 1024,
  loadArchiveBytesMax: 1024 * 1024 * 1024,
  extractArchiveBytesMax: 512 * 1024 * 1024,
});
