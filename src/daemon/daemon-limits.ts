/** Limits of one simulated daemon; every collection it keeps has one. */
export interface DaemonLimits {
  readonly containerCountMax: number;
  /** Bytes of log kept per container; the oldest lines go first (json-file with rotation). */
  readonly logBytesMax: number;
  readonly volumeCountMax: number;
  readonly networkCountMax: number;
  /** Exec instances remembered per daemon (dockerd forgets finished ones after 5 minutes). */
  readonly execCountMax: number;
  /** Events kept for `--since` (dockerd keeps the last 256). */
  readonly eventCountMax: number;
  /** Attach sessions and log followers open at once, per container. */
  readonly streamCountMax: number;
  /** Size of a `docker cp` archive going into a container. */
  readonly archiveBytesMax: number;
}

/** Defaults: generous for simulations, small enough to stop a runaway scenario. */
export const DEFAULT_DAEMON_LIMITS: DaemonLimits = Object.freeze({
  containerCountMax: 10_000,
  logBytesMax: 16 * 1024 * 1024,
  volumeCountMax: 10_000,
  networkCountMax: 1_000,
  execCountMax: 10_000,
  eventCountMax: 256,
  streamCountMax: 256,
  archiveBytesMax: 512 * 1024 * 1024,
});
