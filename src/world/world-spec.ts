import type { WorldFault } from "./world-fault.ts";

/**
 * A world as plain, JSON-able data: hosts (each a dockerd), registries, the links between them
 * and faults at instants. Scenario files hold one; `World.create` builds it. Times are
 * milliseconds (fractions allowed, rounded to whole microseconds), bandwidths megabits per
 * second (1 Mbit/s = 125 000 bytes/s).
 */
export interface WorldSpec {
  readonly hosts: readonly HostSpec[];
  readonly registries?: readonly RegistrySpec[];
  /** Host↔registry links that differ from `defaultLink`. */
  readonly links?: readonly LinkSpec[];
  /** Every host↔registry pair without a `links` entry gets its own link shaped so. */
  readonly defaultLink?: LinkShapeSpec;
  /** Scheduled when the world is made; `atMs` counts from the world's start. */
  readonly faults?: readonly WorldFault[];
}

/** Latency (one way) and bandwidth (each direction) of a link. */
export interface LinkShapeSpec {
  readonly latencyMs: number;
  readonly bandwidthMbps: number;
}

/** One simulated machine running dockerd. */
export interface HostSpec {
  /** Unique; trace events carry it as `host`, and `docker info` shows it. */
  readonly name: string;
  /** Offline images the daemon has from the start (`busybox`, `alpine`). Default: none. */
  readonly baseImages?: readonly OfflineImageName[];
  /** The docker client ↔ dockerd link build contexts cross. Default 0.05 ms, 8000 Mbit/s. */
  readonly clientLink?: LinkShapeSpec;
  /** The host's own access link, shared by all its registry traffic. Default: none (no limit). */
  readonly uplinkMbps?: number;
}

/** A registry server, named by the domain image references use. */
export interface RegistrySpec {
  /** `docker.io` (Docker Hub's role), `localhost:5000`, `registry.example:5000`. */
  readonly name: string;
  /** Offline images it holds from the start (`busybox`, `alpine`). Default: none. */
  readonly images?: readonly OfflineImageName[];
  /** Token auth: users and what they may do. Default: anyone may push and pull. */
  readonly auth?: RegistryAuthSpec;
  /** The registry's access link, shared by every host's traffic. Default: none (no limit). */
  readonly uplinkMbps?: number;
}

/**
 * A registry's token auth (a token server beside it, as Docker Hub's `auth.docker.io`): users
 * and who may pull and push where. The shape of `AccessPolicyOptions` in `src/registry/server/`.
 */
export interface RegistryAuthSpec {
  /** User name → password. */
  readonly users?: Readonly<Record<string, string>>;
  /** Repository (exact, `prefix/*` or `*`) → access. */
  readonly repositories?: Readonly<Record<string, RepositoryAccessSpec>>;
  /** For unmatched repositories. Default: public, pushable by any signed-in user. */
  readonly defaults?: RepositoryAccessSpec;
}

/** Who may pull and push a repository; `*` in a list: any signed-in user. */
export interface RepositoryAccessSpec {
  /** Anyone, signed in or not, may pull. */
  readonly public?: boolean;
  readonly pull?: readonly string[];
  /** Push implies pull. */
  readonly push?: readonly string[];
}

/** A host↔registry link. */
export interface LinkSpec extends LinkShapeSpec {
  readonly host: string;
  readonly registry: string;
}

/** The images drydock ships offline (see `src/runtime/offline-images.ts`). */
export type OfflineImageName = "busybox" | "alpine";

/** The link every pair gets unless told otherwise: 1 ms, 1000 Mbit/s. */
export const DEFAULT_LINK: LinkShapeSpec = { latencyMs: 1, bandwidthMbps: 1_000 };

/** The client ↔ daemon link: a unix socket, fast and close. */
export const DEFAULT_CLIENT_LINK: LinkShapeSpec = { latencyMs: 0.05, bandwidthMbps: 8_000 };

/** Bytes per second of `mbps` megabits per second. */
export function bytesPerSecondOfMbps(mbps: number): number {
  return mbps * 125_000;
}

/** Whole microseconds of `ms` milliseconds. */
export function usOfMs(ms: number): number {
  return Math.round(ms * 1_000);
}
