import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { LinkShapeSpec, OfflineImageName, WorldSpec } from "./world-spec.ts";

/** How big a world may be. */
export const WORLD_LIMITS: {
  readonly hostCountMax: number;
  readonly registryCountMax: number;
  readonly faultCountMax: number;
} = { hostCountMax: 10_000, registryCountMax: 100, faultCountMax: 100_000 };

const OFFLINE_IMAGE_NAMES: ReadonlySet<string> = new Set<OfflineImageName>(["busybox", "alpine"]);

/**
 * Checks a spec before anything is built from it: unique names, links between known ends,
 * sane numbers, known offline images. Throws `InvalidArgument` naming the first problem.
 */
export function checkWorldSpec(spec: WorldSpec): void {
  const registries = spec.registries ?? [];
  limit("hosts in a world", spec.hosts.length, WORLD_LIMITS.hostCountMax);
  limit("registries in a world", registries.length, WORLD_LIMITS.registryCountMax);
  limit("faults in a world spec", spec.faults?.length ?? 0, WORLD_LIMITS.faultCountMax);
  const hosts = uniqueNames("host", spec.hosts);
  const registryNames = uniqueNames("registry", registries);
  for (const host of spec.hosts) {
    images(`host ${host.name}`, host.baseImages);
    if (host.clientLink !== undefined) shape(`client link of ${host.name}`, host.clientLink);
    if (host.uplinkMbps !== undefined) positive(`uplinkMbps of ${host.name}`, host.uplinkMbps);
  }
  for (const registry of registries) {
    images(`registry ${registry.name}`, registry.images);
    if (registry.uplinkMbps !== undefined)
      positive(`uplinkMbps of ${registry.name}`, registry.uplinkMbps);
  }
  if (spec.defaultLink !== undefined) shape("default link", spec.defaultLink);
  const pairs = new Set<string>();
  for (const link of spec.links ?? []) {
    const label = `link ${link.host}<->${link.registry}`;
    if (!hosts.has(link.host)) invalid(`${label}: no host named ${link.host}`);
    if (!registryNames.has(link.registry)) invalid(`${label}: no registry named ${link.registry}`);
    if (pairs.has(`${link.host}\n${link.registry}`)) invalid(`${label} is given twice`);
    pairs.add(`${link.host}\n${link.registry}`);
    shape(label, link);
  }
}

function uniqueNames(what: string, items: readonly { readonly name: string }[]): Set<string> {
  const names = new Set<string>();
  for (const { name } of items) {
    if (typeof name !== "string" || name === "") invalid(`a ${what} needs a name`);
    if (names.has(name)) invalid(`two ${what}s are named ${name}`);
    names.add(name);
  }
  return names;
}

function images(owner: string, names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (!OFFLINE_IMAGE_NAMES.has(name))
      invalid(`${owner}: unknown offline image ${name} (known: busybox, alpine)`);
  }
}

function shape(label: string, link: LinkShapeSpec): void {
  if (!(Number.isFinite(link.latencyMs) && link.latencyMs >= 0))
    invalid(`${label}: latencyMs must be a number >= 0`);
  positive(`${label}: bandwidthMbps`, link.bandwidthMbps);
}

function positive(label: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) invalid(`${label} must be a number > 0`);
}

function limit(what: string, actual: number, max: number): void {
  if (actual > max) throw new LimitExceededError({ what, limit: max, actual });
}

function invalid(message: string): never {
  throw new DrydockError("InvalidArgument", `world spec: ${message}`);
}
