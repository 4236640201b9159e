import type { WorldFault } from "../world/world-fault.ts";
import type {
  HostSpec,
  LinkShapeSpec,
  LinkSpec,
  OfflineImageName,
  RegistrySpec,
} from "../world/world-spec.ts";
import type { DocReader } from "./doc-reader.ts";
import type { FaultBody, ScenarioLimits } from "./scenario.ts";

const IMAGE_NAMES: readonly OfflineImageName[] = ["busybox", "alpine"];
const NAME = /^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$/;
const REGISTRY_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

/** `hosts:` — `name: {images: [busybox], uplink: 100Mbit/s, clientLink: {…}, files: …}`. */
export function readHosts(reader: DocReader, limits: ScenarioLimits): HostSpec[] {
  const hosts: HostSpec[] = [];
  for (const [name, entry] of reader.entries(limits.hostCountMax)) {
    if (!NAME.test(name)) entry.fail("a host name is lowercase letters, digits, '.' and '-'");
    const host = entry.isMissing ? undefined : entry;
    host?.keys(["images", "uplink", "clientLink", "files"]);
    hosts.push({
      name,
      ...(host === undefined || host.key("images").isMissing
        ? {}
        : { baseImages: readImages(host.key("images")) }),
      ...(host === undefined || host.key("uplink").isMissing
        ? {}
        : { uplinkMbps: host.key("uplink").bandwidthMbps() }),
      ...(host === undefined || host.key("clientLink").isMissing
        ? {}
        : { clientLink: readShape(host.key("clientLink")) }),
    });
  }
  if (hosts.length === 0) reader.fail("a scenario needs at least one host");
  return hosts;
}

/**
 * `registries:` — `name: {images: [...], uplink: …}`. `docker.io` is always there: declared or
 * not, and holding the offline images unless it says otherwise, so `FROM busybox` pulls.
 */
export function readRegistries(reader: DocReader, limits: ScenarioLimits): RegistrySpec[] {
  const registries: RegistrySpec[] = [];
  const entries = reader.isMissing ? [] : reader.entries(limits.registryCountMax);
  for (const [name, entry] of entries) {
    if (!REGISTRY_NAME.test(name))
      entry.fail("a registry name is a domain with an optional port (registry.local:5000)");
    const registry = entry.isMissing ? undefined : entry;
    registry?.keys(["images", "uplink"]);
    const images =
      registry === undefined || registry.key("images").isMissing
        ? name === "docker.io"
          ? IMAGE_NAMES
          : []
        : readImages(registry.key("images"));
    registries.push({
      name,
      images,
      ...(registry === undefined || registry.key("uplink").isMissing
        ? {}
        : { uplinkMbps: registry.key("uplink").bandwidthMbps() }),
    });
  }
  if (!registries.some((registry) => registry.name === "docker.io"))
    registries.unshift({ name: "docker.io", images: IMAGE_NAMES });
  return registries;
}

/** `links:` — a list of `{host, registry, latency, bandwidth}`; both names must exist. */
export function readLinks(
  reader: DocReader,
  options: { limits: ScenarioLimits; hosts: readonly string[]; registries: readonly string[] },
): LinkSpec[] {
  if (reader.isMissing) return [];
  const seen = new Set<string>();
  return reader.items(options.limits.linkCountMax).map((item) => {
    const host = knownName(item.key("host"), options.hosts, "host");
    const registry = knownName(item.key("registry"), options.registries, "registry");
    if (seen.has(`${host}\n${registry}`))
      item.fail(`a second link between ${host} and ${registry}`);
    seen.add(`${host}\n${registry}`);
    return { host, registry, ...readShape(item, ["host", "registry"]) };
  });
}

/** `{latency: 20ms, bandwidth: 100Mbit/s}`: both required (`also`: other keys the caller reads). */
export function readShape(reader: DocReader, also: readonly string[] = []): LinkShapeSpec {
  reader.keys(["latency", "bandwidth", ...also]);
  return {
    latencyMs: reader.key("latency").durationUs() / 1_000,
    bandwidthMbps: reader.key("bandwidth").bandwidthMbps(),
  };
}

const FAULT_KINDS = [
  "registry-down",
  "registry-up",
  "registry-restart",
  "link-cut",
  "link-restore",
  "link-slow",
  "daemon-restart",
] as const;

/** One fault, without its time: `{kind: registry-down, registry: …}` and the like. */
export function readFaultBody(
  reader: DocReader,
  options: { hosts: readonly string[]; registries: readonly string[]; timeKey: "at" | "after" },
): FaultBody {
  reader.keys([options.timeKey, "kind", "registry", "host", "down", "latency", "bandwidth"]);
  const kindText = reader.key("kind").string();
  const kind = FAULT_KINDS.find((known) => known === kindText);
  if (kind === undefined)
    return reader.key("kind").fail(`expected one of: ${FAULT_KINDS.join(", ")}`);
  const registry = reader.key("registry").isMissing
    ? undefined
    : knownName(reader.key("registry"), options.registries, "registry");
  const host = reader.key("host").isMissing
    ? undefined
    : knownName(reader.key("host"), options.hosts, "host");
  const downMs = reader.key("down").isMissing ? undefined : reader.key("down").durationUs() / 1_000;
  switch (kind) {
    case "registry-down":
    case "registry-up":
      return { kind, registry: required(reader, "registry", registry) };
    case "registry-restart":
      return { kind, registry: required(reader, "registry", registry), ...opt({ downMs }) };
    case "daemon-restart":
      return { kind, host: required(reader, "host", host), ...opt({ downMs }) };
    case "link-cut":
    case "link-restore":
      return { kind, ...linkRef(reader, host, registry) };
    case "link-slow": {
      const latencyMs = reader.key("latency").isMissing
        ? undefined
        : reader.key("latency").durationUs() / 1_000;
      const bandwidthMbps = reader.key("bandwidth").isMissing
        ? undefined
        : reader.key("bandwidth").bandwidthMbps();
      if (latencyMs === undefined && bandwidthMbps === undefined)
        reader.fail("link-slow needs latency:, bandwidth: or both");
      return { kind, ...linkRef(reader, host, registry), ...opt({ latencyMs, bandwidthMbps }) };
    }
  }
}

/** `faults:` at the top: each with `at:` (from the world's start). */
export function readFaults(
  reader: DocReader,
  options: { limits: ScenarioLimits; hosts: readonly string[]; registries: readonly string[] },
): WorldFault[] {
  if (reader.isMissing) return [];
  return reader.items(options.limits.faultCountMax).map(
    (item) =>
      ({
        atMs: item.key("at").durationUs() / 1_000,
        ...readFaultBody(item, { ...options, timeKey: "at" }),
      }) as WorldFault,
  );
}

function readImages(reader: DocReader): OfflineImageName[] {
  return reader.items(IMAGE_NAMES.length).map((item) => {
    const name = item.string();
    const image = IMAGE_NAMES.find((known) => known === name);
    if (image === undefined)
      return item.fail(`expected one of the offline images: ${IMAGE_NAMES.join(", ")}`);
    return image;
  });
}

function knownName(reader: DocReader, names: readonly string[], what: string): string {
  const name = reader.string();
  if (!names.includes(name))
    reader.fail(`no ${what} "${name}"; the scenario has: ${names.join(", ") || "none"}`);
  return name;
}

function required(reader: DocReader, key: string, value: string | undefined): string {
  if (value === undefined) return reader.key(key).fail(`this fault needs ${key}:`);
  return value;
}

function linkRef(reader: DocReader, host: string | undefined, registry: string | undefined) {
  if (host === undefined && registry === undefined)
    reader.fail("a link fault needs host:, registry: or both");
  return opt({ host, registry });
}

/** Drops undefined members, for exactOptionalPropertyTypes-style plain data. */
function opt<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
