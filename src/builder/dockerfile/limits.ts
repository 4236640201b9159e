import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";

/**
 * Bounds on everything the Dockerfile front end lets grow. Docker itself only limits the length
 * of one line (64 KiB, `bufio.Scanner`); the others keep a hostile Dockerfile from exhausting
 * memory or time in the simulator.
 */
export interface DockerfileLimits {
  /** Whole Dockerfile, in UTF-8 bytes. */
  readonly sizeBytesMax: number;
  /** Physical lines. */
  readonly lineCountMax: number;
  /** Instructions, ONBUILD triggers included once each. */
  readonly instructionCountMax: number;
  /** One heredoc body, in UTF-8 bytes. */
  readonly heredocSizeBytesMax: number;
  /** Nesting of `${…}` inside `${…}` in one word. */
  readonly expansionDepthMax: number;
  /** Length of one expanded word or word list, in UTF-16 code units. */
  readonly expansionOutputLengthMax: number;
}

/** Generous defaults: far above any real Dockerfile, small enough to fail fast. */
export const DEFAULT_DOCKERFILE_LIMITS: DockerfileLimits = {
  sizeBytesMax: 4 * 1024 * 1024,
  lineCountMax: 100_000,
  instructionCountMax: 10_000,
  heredocSizeBytesMax: 1024 * 1024,
  expansionDepthMax: 64,
  expansionOutputLengthMax: 1024 * 1024,
};

/** Docker's own line limit: `bufio.MaxScanTokenSize - 1` bytes, newline excluded. */
export const DOCKERFILE_LINE_BYTES_MAX = 65_535;

/** Throws the `LimitExceededError` for one Dockerfile limit when `actual > limit`. */
export function checkLimit(
  what: keyof DockerfileLimits,
  { actual, limit }: { readonly actual: number; readonly limit: number },
): void {
  if (actual <= limit) return;
  throw new LimitExceededError({
    what: `dockerfile ${what}`,
    limit,
    actual,
    message: `Dockerfile limit exceeded: ${what} is ${actual}, the limit is ${limit}`,
  });
}
