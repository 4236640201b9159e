/**
 * A fault at an instant, as plain data (scenario files and `WorldSpec.faults` hold these).
 * `atMs` counts from the world's start (`World.startUs`); an instant already past applies now.
 *
 * - `registry-down` / `registry-up`: the registry refuses connections (requests in flight are
 *   reset) / accepts them again. Its state is kept.
 * - `registry-restart`: down for `downMs` (default 0), state saved and restored into a new
 *   server instance, then up.
 * - `link-cut` / `link-restore`: the host↔registry link (`registry` omitted: the host's uplink;
 *   `host` omitted: the registry's uplink) drops everything in flight and routes nothing / again.
 * - `link-slow`: that link's latency and/or bandwidth from this instant on; transfers in flight
 *   adjust.
 * - `daemon-restart`: the host's dockerd stops its containers, is down for `downMs` (default 0;
 *   Engine calls fail as the docker CLI's do when dockerd is not running), and starts again
 *   from its saved state: restart policies act.
 */
export type WorldFault =
  | { readonly atMs: number; readonly kind: "registry-down"; readonly registry: string }
  | { readonly atMs: number; readonly kind: "registry-up"; readonly registry: string }
  | {
      readonly atMs: number;
      readonly kind: "registry-restart";
      readonly registry: string;
      readonly downMs?: number;
    }
  | ({ readonly atMs: number; readonly kind: "link-cut" } & LinkRef)
  | ({ readonly atMs: number; readonly kind: "link-restore" } & LinkRef)
  | ({
      readonly atMs: number;
      readonly kind: "link-slow";
      readonly latencyMs?: number;
      readonly bandwidthMbps?: number;
    } & LinkRef)
  | {
      readonly atMs: number;
      readonly kind: "daemon-restart";
      readonly host: string;
      readonly downMs?: number;
    };

/** Which link a fault names: a host↔registry pair, a host's uplink, or a registry's uplink. */
export interface LinkRef {
  readonly host?: string;
  readonly registry?: string;
}
