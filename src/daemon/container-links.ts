import type { HostConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { isUserDefinedNetwork } from "./container-network.ts";
import { ContainerNotFoundError } from "./container-not-found-error.ts";
import type { DaemonContext } from "./daemon-context.ts";

/*
 * Legacy links (`--link NAME[:ALIAS]`) as dockerd 20.10 keeps them. On the default bridge (and
 * `none`), create resolves each link to a container and registers `/parent/alias` for it; the
 * container's `HostConfig.Links` then holds dockerd's own form `/child:/parent/alias`, which is
 * also what inspect shows. At start the child must be on the default bridge and running; the
 * parent's `/etc/hosts` gains a line per child and its processes the child's variables
 * (`links.go`'s `ToEnv`). On a user-defined network nothing is resolved: the strings go to the
 * endpoint (`NetworkSettings.Networks.X.Links`) and only make the alias a DNS name for the parent.
 * Recorded on dockerd 20.10.24 with a bridge: test/fixtures/daemon/container-links.json.
 *
 * dockerd's link index holds the child container itself; drydock finds it by the stored name,
 * taking only a container made before the parent (a link always targets an existing one), so
 * a removed child stays "non running" even when its name is used again, as on dockerd. A renamed
 * child is not followed (dockerd follows it).
 */

/** One link of a container: the child's name (`/web`) and the alias (`db`). */
export interface LinkRecord {
  readonly child: string;
  readonly alias: string;
}

/**
 * The CLI's and dockerd's `opts.ParseLink`: `name`, `name:alias`, or dockerd's own stored form
 * `/name:/parent/alias` (so a container's `HostConfig.Links` can be sent back as is).
 */
export function parseLink(value: string): { name: string; alias: string } {
  if (value === "") throw linkError("empty string specified for links");
  const parts = value.split(":");
  if (parts.length > 2) throw linkError(`bad format for links: ${value}`);
  if (parts.length === 1) return { name: value, alias: value };
  const [name, alias] = parts as [string, string];
  if (name.startsWith("/"))
    return { name: name.slice(1), alias: alias.slice(alias.lastIndexOf("/") + 1) };
  return { name, alias };
}

/** The parse errors come out of dockerd's create unclassified: HTTP 500. */
function linkError(message: string): DrydockError {
  return new DrydockError("Internal", message, { data: {} });
}

/** dockerd's `verifyContainerSettings`: links need a network of the container's own (400). */
export function checkLinksNetworkMode(hostConfig: HostConfig): void {
  if ((hostConfig.Links ?? []).length === 0) return;
  const mode = hostConfig.NetworkMode ?? "default";
  if (mode === "host") throw conflictingOptions("host type networking");
  if (mode.startsWith("container:")) throw conflictingOptions("container type network");
}

function conflictingOptions(what: string): DrydockError {
  return new DrydockError(
    "InvalidArgument",
    `conflicting options: ${what} can't be used with links. This would result in undefined behavior`,
    { data: {} },
  );
}

/**
 * dockerd's `registerLinks` at create, for a container named `parentName`: on a user-defined
 * network the request's strings are kept for the endpoint and `HostConfig.Links` stays empty;
 * otherwise each link's container must exist (400 `could not get container for …`) and must not
 * use the host's network (through `container:` modes too). A link whose `/parent/alias` is taken
 * (the same alias twice, or an empty alias, which names the parent itself) is dropped, as
 * dockerd drops it with only a warning in its log.
 */
export function registerLinks(
  ctx: DaemonContext,
  parentName: string,
  hostConfig: HostConfig,
): { links: readonly string[] | null; endpointLinks: string[] } {
  const requested = hostConfig.Links ?? [];
  const mode = hostConfig.NetworkMode ?? "default";
  if (requested.length === 0) return { links: hostConfig.Links ?? null, endpointLinks: [] };
  if (isUserDefinedNetwork(mode)) {
    for (const value of requested) parseLink(value);
    return { links: null, endpointLinks: [...requested] };
  }
  const links: string[] = [];
  const taken = new Set([parentName]);
  for (const value of requested) {
    const { name, alias } = parseLink(value);
    const child = childContainer(ctx, name);
    if ((networkOwner(ctx, child).hostConfig.NetworkMode ?? "") === "host")
      throw conflictingOptions("host type networking");
    // Go's `path.Join`: `web:` names the parent itself, `web:/db` is `/parent/db`.
    const fullName = `${parentName}/${alias}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
    if (taken.has(fullName)) continue;
    taken.add(fullName);
    links.push(`${child.name}:${fullName}`);
  }
  return { links: links.length === 0 ? null : links, endpointLinks: [] };
}

function childContainer(ctx: DaemonContext, name: string): Container {
  try {
    if (name === "")
      throw new DrydockError("InvalidArgument", 'invalid name or ID supplied: ""', { data: {} });
    return ctx.containers.get(name);
  } catch (error) {
    if (!(error instanceof DrydockError)) throw error;
    // dockerd wraps the lookup's error and answers 400 for a missing container.
    const code = error instanceof ContainerNotFoundError ? "InvalidArgument" : error.code;
    throw new DrydockError(code, `could not get container for ${name}: ${error.message}`, {
      data: { name },
      cause: error,
    });
  }
}

/** A child in `container:X` network mode shares X's network: dockerd checks X's mode. */
function networkOwner(ctx: DaemonContext, child: Container): Container {
  let owner = child;
  for (let hops = 0; hops < 16; hops++) {
    const mode = owner.hostConfig.NetworkMode ?? "";
    if (!mode.startsWith("container:")) return owner;
    const next = ctx.containers.find(mode.slice("container:".length));
    if (next === undefined) return owner;
    owner = next;
  }
  return owner;
}

/** The container's links, from its stored `HostConfig.Links` (`/child:/parent/alias`). */
export function linksOf(container: Container): LinkRecord[] {
  return (container.hostConfig.Links ?? []).map((value) => {
    const { name, alias } = parseLink(value);
    return { child: `/${name}`, alias };
  });
}

/** `HostConfig.Links` as inspect shows it: rebuilt from the link index with the current name. */
export function linksJson(container: Container): string[] | null {
  const links = linksOf(container);
  if (links.length === 0) return null;
  return links.map((link) => `${link.child}:${container.name}/${link.alias}`);
}

/** The linked container, while it is the one the link was made to (see the note above). */
function linkedChild(
  ctx: DaemonContext,
  parent: Container,
  link: LinkRecord,
): Container | undefined {
  const child = ctx.containers.find(link.child);
  if (child === undefined) return undefined;
  // `list()` is newest first, ties in creation order: the child must come after the parent.
  const order = ctx.containers.list();
  return order.indexOf(child) > order.indexOf(parent) ? child : undefined;
}

function bridgeAddress(container: Container): string | undefined {
  return container.endpoints.find((endpoint) => endpoint.network === "bridge")?.ipAddress;
}

/**
 * Before a container on the default bridge joins it (dockerd's `buildSandboxOptions`): each
 * child must be on the default bridge too (500, and no network events).
 */
export function checkLinkedNetworks(ctx: DaemonContext, container: Container): void {
  if (container.endpoints[0]?.network !== "bridge") return;
  for (const link of linksOf(container)) {
    const child = linkedChild(ctx, container, link);
    if (child !== undefined && bridgeAddress(child) === undefined)
      throw new DrydockError(
        "Internal",
        `Cannot link to ${child.name}, as it does not belong to the default network`,
        { data: { containerId: container.id } },
      );
  }
}

/**
 * dockerd's `setupLinkedContainers`, at start (after the endpoints joined) and at exec create:
 * every child must be running (500 `Cannot link to a non running container: /c AS /p/alias`);
 * the variables of each link in order. Nothing when the container is not on the default bridge.
 */
export function linkedEnvironment(ctx: DaemonContext, container: Container): string[] {
  if (bridgeAddress(container) === undefined) return [];
  const env: string[] = [];
  for (const link of linksOf(container)) {
    const fullName = `${container.name}/${link.alias}`;
    const child = linkedChild(ctx, container, link);
    if (child === undefined || !child.isRunning)
      throw new DrydockError(
        "Internal",
        `Cannot link to a non running container: ${link.child} AS ${fullName}`,
        { data: { containerId: container.id } },
      );
    const ip = bridgeAddress(child);
    if (ip === undefined)
      throw new DrydockError(
        "Internal",
        `container ${child.id} not attached to default bridge network`,
        { data: { containerId: container.id } },
      );
    env.push(
      ...linkEnv({
        fullName,
        ip,
        env: child.config.env ?? [],
        exposed: child.config.exposedPorts ?? [],
      }),
    );
  }
  return env;
}

/** A port as `nat.Port` holds it: number and protocol. */
interface LinkPort {
  readonly port: number;
  readonly proto: string;
}

/**
 * `links.Link.ToEnv`: `ALIAS_PORT` for the lowest port, `_START`/`_END` groups for runs of
 * consecutive ports of one protocol, four variables per port, `ALIAS_NAME`, then the child's
 * `Env` as `ALIAS_ENV_K` (without `HOME` and `PATH`). The alias is upper-cased with `-` → `_`
 * (dots stay, so such names do not reach a shell).
 */
export function linkEnv(options: {
  fullName: string;
  ip: string;
  env: readonly string[];
  exposed: readonly string[];
}): string[] {
  const { fullName, ip } = options;
  const prefix = fullName
    .slice(fullName.lastIndexOf("/") + 1)
    .toUpperCase()
    .replaceAll("-", "_");
  const ports = sortedPorts(options.exposed);
  const out: string[] = [];
  const key = (p: LinkPort) => `${prefix}_PORT_${p.port}_${p.proto.toUpperCase()}`;
  if (ports.length > 0) out.push(`${prefix}_PORT=${ports[0]!.proto}://${ip}:${ports[0]!.port}`);
  let start = 0;
  for (let i = 1; i <= ports.length; i++) {
    const previous = ports[i - 1]!;
    const current = ports[i];
    if (
      current !== undefined &&
      current.proto === previous.proto &&
      current.port - previous.port === 1
    )
      continue;
    if (i - 1 > start) {
      const first = ports[start]!;
      out.push(
        `${key(first)}_START=${first.proto}://${ip}:${first.port}`,
        `${key(first)}_ADDR=${ip}`,
        `${key(first)}_PROTO=${first.proto}`,
        `${key(first)}_PORT_START=${first.port}`,
        `${key(first)}_END=${first.proto}://${ip}:${previous.port}`,
        `${key(first)}_PORT_END=${previous.port}`,
      );
    }
    start = i;
  }
  for (const p of ports)
    out.push(
      `${key(p)}=${p.proto}://${ip}:${p.port}`,
      `${key(p)}_ADDR=${ip}`,
      `${key(p)}_PORT=${p.port}`,
      `${key(p)}_PROTO=${p.proto}`,
    );
  out.push(`${prefix}_NAME=${fullName}`);
  for (const entry of options.env) {
    const equals = entry.indexOf("=");
    if (equals < 0) continue;
    const name = entry.slice(0, equals);
    // dockerd leaves out the two variables a build adds anyway.
    if (name === "HOME" || name === "PATH") continue;
    out.push(`${prefix}_ENV_${name}=${entry.slice(equals + 1)}`);
  }
  return out;
}

/** Exposed ports by number, TCP first on a tie (dockerd's sort before grouping). */
function sortedPorts(exposed: readonly string[]): LinkPort[] {
  return exposed
    .map((spec) => {
      const slash = spec.indexOf("/");
      return slash < 0
        ? { port: Number(spec), proto: "tcp" }
        : { port: Number(spec.slice(0, slash)), proto: spec.slice(slash + 1).toLowerCase() };
    })
    .sort((a, b) => a.port - b.port || (a.proto === "tcp" ? -1 : b.proto === "tcp" ? 1 : 0));
}

/**
 * The `/etc/hosts` lines libnetwork adds for the links of a container on the default bridge,
 * after `--add-host`'s: `IP\talias hostname name` (the name only when it differs from the alias).
 */
export function linkHostsEntries(
  ctx: DaemonContext,
  container: Container,
): { ip: string; name: string }[] {
  if (container.endpoints[0]?.network !== "bridge") return [];
  const entries: { ip: string; name: string }[] = [];
  for (const link of linksOf(container)) {
    const child = linkedChild(ctx, container, link);
    if (child === undefined) continue;
    const childName = child.name.slice(1);
    const names = `${link.alias} ${child.config.hostname}${link.alias === childName ? "" : ` ${childName}`}`;
    entries.push({ ip: bridgeAddress(child) ?? "", name: names });
  }
  return entries;
}

/**
 * `docker rm -l PARENT/ALIAS` (dockerd's `rmLink`): the link goes from the parent's index, so
 * from inspect, and from the `/etc/hosts` and variables of what starts next. A name without a
 * parent part is the container's own name (500 Conflict); an unknown link is `No such container`.
 */
export function removeLink(
  ctx: DaemonContext,
  name: string,
): { parent: Container; removed: LinkRecord } {
  const full = name.startsWith("/") ? name : `/${name}`;
  const slash = full.lastIndexOf("/");
  if (slash === 0) {
    ctx.containers.get(name);
    throw new DrydockError(
      "Internal",
      "Conflict, cannot remove the default link name of the container",
      {
        data: { name },
      },
    );
  }
  const parent = ctx.containers.find(full.slice(0, slash));
  const alias = full.slice(slash + 1);
  const links = parent === undefined ? [] : linksOf(parent);
  const index = links.findIndex((link) => link.alias === alias);
  if (parent === undefined || index < 0) throw new ContainerNotFoundError({ name });
  const kept = (parent.hostConfig.Links ?? []).filter((_, i) => i !== index);
  parent.hostConfig = { ...parent.hostConfig, Links: kept.length === 0 ? null : kept };
  return { parent, removed: links[index]! };
}
