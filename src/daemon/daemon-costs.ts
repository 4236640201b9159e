/**
 * Virtual durations of dockerd's own work (the network's share is the links'), calibrated
 * against dockerd 20.10.24 (Debian 12, overlay2, a 2-core VM) on 2026-11-28 with
 * `bench/time-model.bench.ts` and single commands timed by hand:
 *
 * - `docker run --rm busybox true` takes 110–130 ms of which the CLI and `create` take about
 *   35 ms: starting the container (containerd task, runc, its network namespace) about 90 ms.
 * - A pull shows each layer's `Pull complete` about 40–50 ms after the one before, for layers
 *   of a few kB: extracting and registering a layer is sequential and costs about 40 ms plus
 *   the gunzip and untar of its bytes (about 60 MB/s of compressed bytes).
 * - An exec's first output comes 52–68 ms after dockerd answered `POST /exec/{id}/start` with
 *   its upgrade head (head at 1–2 ms; `echo hi` in a running busybox container, six runs);
 *   `docker exec` as a whole takes 83–89 ms.
 * - A push spends about 30 ms per uploaded layer before its bytes leave (reading and gzipping
 *   the layer, the upload session), up to five layers at once.
 *
 * The defaults sit above these bare figures (start 110 ms, extract 55 ms, upload 50 ms) because
 * they also carry what the model has no separate cost for (the CLI's own start, verifying and
 * registering a layer, gzip while uploading); with them the seed workflow and the slow-link pull
 * agree with real Docker within the factor the README states (bench/README.md, "Time model").
 */
export interface DaemonCosts {
  /** From `POST /containers/{id}/start` to the container running. */
  readonly containerStartUs: number;
  /** From `POST /exec/{id}/start` to the exec's process running (runc joining the container). */
  readonly execStartUs: number;
  /** Extracting and registering one pulled layer, before its bytes count. */
  readonly layerExtractUs: number;
  /** Compressed bytes of a pulled layer extracted per second. */
  readonly layerExtractBytesPerSecond: number;
  /** Preparing one layer upload (reading and compressing it) before its bytes leave. */
  readonly layerUploadUs: number;
}

/** The costs a daemon has unless told otherwise. */
export const DEFAULT_DAEMON_COSTS: DaemonCosts = Object.freeze({
  containerStartUs: 110_000,
  execStartUs: 50_000,
  layerExtractUs: 55_000,
  layerExtractBytesPerSecond: 60_000_000,
  layerUploadUs: 50_000,
});

/** The time one pulled layer of `sizeBytes` compressed bytes takes to extract. */
export function layerExtractUs(costs: DaemonCosts, sizeBytes: number): number {
  if (costs.layerExtractUs === 0) return 0;
  return costs.layerExtractUs + Math.round((sizeBytes / costs.layerExtractBytesPerSecond) * 1e6);
}

/** No cost at all (and no extract time per byte): for tests that pin dockerd's semantics to exact instants. */
export const NO_DAEMON_COSTS: DaemonCosts = Object.freeze({
  containerStartUs: 0,
  execStartUs: 0,
  layerExtractUs: 0,
  layerExtractBytesPerSecond: 60_000_000,
  layerUploadUs: 0,
});
