import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { Filters, Volume } from "../engine/api-types.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { LayerTree } from "../fs/layer-tree.ts";
import { treeSizeBytes } from "../fs/tree-size.ts";
import { allLabelsMatch, anyValue, booleanFilter, checkFilterKeys } from "./filters.ts";
import { VolumeError } from "./volume-error.ts";

/** Where dockerd keeps its data; paths shown to users are built under it. */
export const DOCKER_ROOT_DIR = "/var/lib/docker";

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** One volume of the `local` driver; its content is a writable tree. */
export interface VolumeRecord {
  readonly name: string;
  readonly createdUs: number;
  readonly labels: Readonly<Record<string, string>> | null;
  readonly options: Readonly<Record<string, string>> | null;
  /** Created for an image `VOLUME` or a bare `-v /path`: named by a random 64-hex ID. */
  readonly anonymous: boolean;
  readonly content: LayerTree;
}

/**
 * The daemon's volumes (`local` driver only): create, look up, reference counts by container
 * (a volume in use cannot be removed), listing with filters and pruning as API 1.41 does
 * (every unused volume, named or anonymous).
 */
export class VolumeStore {
  readonly #volumes = new Map<string, VolumeRecord>();
  readonly #users = new Map<string, Set<string>>();
  readonly #countMax: number;

  constructor(options: { volumeCountMax: number }) {
    this.#countMax = options.volumeCountMax;
  }

  get size(): number {
    return this.#volumes.size;
  }

  /** Checks a create request the way the local driver does (`create <name>: <reason>`). */
  validate(name: string, driver: string): void {
    if (driver !== "local") {
      throw new VolumeError({
        code: "NotFound",
        operation: "create",
        volume: name,
        reason: `error looking up volume plugin ${driver}: plugin "${driver}" not found`,
      });
    }
    if (name.length === 1) {
      throw new VolumeError({
        code: "InvalidArgument",
        operation: "create",
        volume: name,
        reason: "volume name is too short, names should be at least two alphanumeric characters",
      });
    }
    if (!NAME_PATTERN.test(name)) {
      throw new VolumeError({
        code: "InvalidArgument",
        operation: "create",
        volume: name,
        reason: `"${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      });
    }
  }

  /**
   * Creates a volume, or returns the existing one of that name unchanged (dockerd ignores the
   * new labels). `created` tells which.
   */
  create(options: {
    name: string;
    nowUs: number;
    anonymous: boolean;
    labels?: Readonly<Record<string, string>> | null;
    options?: Readonly<Record<string, string>> | null;
  }): { volume: VolumeRecord; created: boolean } {
    const existing = this.#volumes.get(options.name);
    if (existing !== undefined) return { volume: existing, created: false };
    if (this.#volumes.size >= this.#countMax)
      throw new LimitExceededError({ what: "volumes", limit: this.#countMax });
    const volume: VolumeRecord = {
      name: options.name,
      createdUs: options.nowUs,
      labels: nonEmpty(options.labels),
      options: nonEmpty(options.options),
      anonymous: options.anonymous,
      content: new LayerTree({ nowUs: options.nowUs }),
    };
    this.#volumes.set(volume.name, volume);
    return { volume, created: true };
  }

  /** Restores a saved volume as it was. */
  restore(volume: VolumeRecord): void {
    this.#volumes.set(volume.name, volume);
  }

  has(name: string): boolean {
    return this.#volumes.has(name);
  }

  get(name: string): VolumeRecord {
    const volume = this.#volumes.get(name);
    if (volume === undefined) throw VolumeError.notFound(name);
    return volume;
  }

  /** Records that a container uses the volume. */
  acquire(name: string, containerId: string): void {
    let users = this.#users.get(name);
    if (users === undefined) this.#users.set(name, (users = new Set()));
    users.add(containerId);
  }

  release(name: string, containerId: string): void {
    const users = this.#users.get(name);
    users?.delete(containerId);
    if (users?.size === 0) this.#users.delete(name);
  }

  /** Containers using the volume, sorted. */
  usersOf(name: string): readonly string[] {
    return [...(this.#users.get(name) ?? [])].sort();
  }

  /** Removes a volume; `remove x: volume is in use - [ids]` while a container uses it. */
  remove(name: string): VolumeRecord {
    const volume = this.get(name);
    const users = this.usersOf(name);
    if (users.length > 0) throw VolumeError.inUse(name, users);
    this.#volumes.delete(name);
    return volume;
  }

  /** Volumes sorted by name, filtered as `docker volume ls --filter` does. */
  list(filters: Filters = {}): readonly VolumeRecord[] {
    checkFilterKeys(filters, ["dangling", "driver", "label", "name"]);
    const dangling = booleanFilter(filters, "dangling");
    return [...this.#volumes.keys()]
      .sort()
      .map((name) => this.#volumes.get(name)!)
      .filter(
        (volume) =>
          (dangling === undefined || dangling === (this.usersOf(volume.name).length === 0)) &&
          anyValue(filters, "driver", (value) => value === "local") &&
          anyValue(filters, "name", (value) => volume.name.includes(value)) &&
          allLabelsMatch(filters, volume.labels),
      );
  }
}

/** A volume as the Engine API shows it. */
export function volumeJson(volume: VolumeRecord): Volume {
  return {
    CreatedAt: formatRfc3339Nano(Math.floor(volume.createdUs / 1_000_000) * 1_000_000),
    Driver: "local",
    Labels: volume.labels,
    Mountpoint: volumeMountpoint(volume.name),
    Name: volume.name,
    Options: volume.options,
    Scope: "local",
  };
}

/** Where dockerd keeps a local volume's data: `/var/lib/docker/volumes/<name>/_data`. */
export function volumeMountpoint(name: string): string {
  return `${DOCKER_ROOT_DIR}/volumes/${name}/_data`;
}

function nonEmpty(
  record: Readonly<Record<string, string>> | null | undefined,
): Readonly<Record<string, string>> | null {
  return record === null || record === undefined || Object.keys(record).length === 0
    ? null
    : record;
}

/** The bytes a volume's files hold (what `system df -v` and `volume prune` report). */
export function volumeSizeBytes(volume: VolumeRecord): number {
  return treeSizeBytes(volume.content);
}
