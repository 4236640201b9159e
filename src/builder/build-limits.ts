import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

/**
 * Bounds on everything a build lets grow. dockerd has none of these (a build context may fill a
 * disk); the simulator keeps a hostile or runaway build from exhausting memory or time, and fails
 * with a `LimitExceededError` that names the limit.
 */
export interface BuildLimits {
  /** The build context after decompression, in bytes. */
  readonly contextSizeBytesMax: number;
  /** Entries in the build context (files, directories, links). */
  readonly contextEntryCountMax: number;
  /** The Dockerfile, in bytes. */
  readonly dockerfileSizeBytesMax: number;
  /** Steps printed as `Step N/M`, plus ONBUILD triggers run. */
  readonly stepCountMax: number;
  /** Output one RUN step may write (stdout and stderr together), in bytes. */
  readonly runOutputBytesMax: number;
  /** Files one COPY/ADD may copy (after directory and wildcard expansion). */
  readonly copyEntryCountMax: number;
  /** Bytes an ADD may extract from one local archive. */
  readonly extractSizeBytesMax: number;
}

/** Generous defaults: far above a teaching build, small enough to fail fast in a browser. */
export const DEFAULT_BUILD_LIMITS: BuildLimits = Object.freeze({
  contextSizeBytesMax: 512 * 1024 * 1024,
  contextEntryCountMax: 200_000,
  dockerfileSizeBytesMax: 4 * 1024 * 1024,
  stepCountMax: 10_000,
  runOutputBytesMax: 64 * 1024 * 1024,
  copyEntryCountMax: 200_000,
  extractSizeBytesMax: 1024 * 1024 * 1024,
});

/** Throws the `LimitExceededError` for one build limit when `actual > limit`. */
export function checkBuildLimit(
  what: keyof BuildLimits,
  { actual, limit }: { readonly actual: number; readonly limit: number },
): void {
  if (actual <= limit) return;
  throw new LimitExceededError({
    what: `build ${what}`,
    limit,
    actual,
    message: `build limit exceeded: ${what} is ${actual}, the limit is ${limit}`,
  });
}
