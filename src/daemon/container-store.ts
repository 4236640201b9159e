import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { Container } from "./container.ts";
import { ContainerNameError } from "./container-name-error.ts";
import { ContainerNotFoundError } from "./container-not-found-error.ts";

const NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Checks a container name as dockerd does and returns it with its leading slash. */
export function normalizeContainerName(name: string): string {
  if (!NAME_PATTERN.test(name)) throw new ContainerNameError({ kind: "invalid", name });
  return name.startsWith("/") ? name : `/${name}`;
}

/**
 * The daemon's containers: by ID, by name (each name reserved by one container), and by unique
 * ID prefix, resolved in dockerd's order (full ID, then name, then prefix).
 */
export class ContainerStore {
  readonly #byId = new Map<string, Container>();
  readonly #names = new Map<string, string>();
  readonly #countMax: number;

  constructor(options: { containerCountMax: number }) {
    this.#countMax = options.containerCountMax;
  }

  get size(): number {
    return this.#byId.size;
  }

  /**
   * Containers newest first, as `docker ps` lists them. Several containers can share one
   * simulated instant (time stands still between two commands), so ties go by creation order:
   * the store keeps containers in the order they were made (a restore re-adds them oldest first).
   */
  list(): Container[] {
    return [...this.#byId.values()].reverse().sort((a, b) => b.createdUs - a.createdUs);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Whether `name` (with its slash) is free. */
  nameHolder(name: string): string | undefined {
    return this.#names.get(name);
  }

  /** Reserves `name` (with its slash) for `id`; a conflict if another container has it. */
  reserveName(name: string, id: string): void {
    const holder = this.#names.get(name);
    if (holder !== undefined && holder !== id)
      throw new ContainerNameError({ kind: "conflict", name, holderId: holder });
    this.#names.set(name, id);
  }

  releaseName(name: string): void {
    this.#names.delete(name);
  }

  add(container: Container): void {
    if (this.#byId.size >= this.#countMax)
      throw new LimitExceededError({ what: "containers", limit: this.#countMax });
    this.reserveName(container.name, container.id);
    this.#byId.set(container.id, container);
  }

  delete(container: Container): void {
    this.#byId.delete(container.id);
    if (this.#names.get(container.name) === container.id) this.#names.delete(container.name);
  }

  /** Finds a container by full ID, name (with or without `/`) or unique ID prefix. */
  get(prefixOrName: string): Container {
    const found = this.find(prefixOrName);
    if (found === undefined) throw new ContainerNotFoundError({ name: prefixOrName });
    return found;
  }

  /** Like `get`, but undefined when nothing matches. */
  find(prefixOrName: string): Container | undefined {
    if (prefixOrName === "") return undefined;
    const byId = this.#byId.get(prefixOrName);
    if (byId !== undefined) return byId;
    const name = prefixOrName.startsWith("/") ? prefixOrName : `/${prefixOrName}`;
    const named = this.#names.get(name);
    if (named !== undefined) return this.#byId.get(named);
    if (!/^[a-f0-9]+$/.test(prefixOrName)) return undefined;
    const matches = [...this.#byId.keys()].filter((id) => id.startsWith(prefixOrName));
    if (matches.length > 1) {
      throw new DrydockError(
        "Internal",
        `Multiple IDs found with provided prefix: ${prefixOrName}`,
        {
          data: { prefix: prefixOrName },
        },
      );
    }
    return matches.length === 1 ? this.#byId.get(matches[0]!) : undefined;
  }
}
