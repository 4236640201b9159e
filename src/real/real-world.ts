/**
 * A drydock world on real Docker: one private dockerd per host, one docker-registry per registry,
 * and per host↔registry pair a link proxy on its own loopback address, shaped as the spec says.
 * Each dockerd finds a registry's domain at its pair's proxy through a private /etc/hosts, and
 * Docker Hub (`docker.io`) as a `--registry-mirror` at its pair's proxy. Faults act on the
 * proxies (and, for `daemon-restart`, on the dockerd). Everything lives under one temporary
 * directory that `stop()` removes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert, unreachable } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { WorldFault } from "../world/world-fault.ts";
import type { WorldSpec } from "../world/world-spec.ts";
import { type DockerdProcess, startDockerdProcess } from "./dockerd-process.ts";
import { cleanUpOnExit } from "./exit-cleanup.ts";
import {
  type LinkExchange,
  type LinkProxy,
  type LinkProxyOptions,
  startLinkProxy,
} from "./link-proxy.ts";
import { findRealPrograms, type RealPrograms } from "./real-programs.ts";
import { type PairPlan, planRealWorld, type RealWorldPlan } from "./real-world-plan.ts";
import { type RegistryProcess, startRegistryProcess } from "./registry-process.ts";
import { resetDockerd } from "./reset-dockerd.ts";
import { type SeededBusybox, seedRealWorld } from "./seed-real-world.ts";
import { stopAndRemove } from "./stop-and-remove.ts";

/** Options of {@link startRealWorld}. */
export interface RealWorldOptions {
  /** How long each dockerd and registry may take to answer; 30 s by default. */
  readonly startTimeoutMs?: number;
  /** Told of every request a link proxy carries, with the link it crossed. */
  readonly onExchange?: (link: { host: string; registry: string }, e: LinkExchange) => void;
  /** Starts a link proxy; {@link startLinkProxy} unless a test puts a stand-in here. */
  readonly startLinkProxy?: (options: LinkProxyOptions) => Promise<LinkProxy>;
  /** Where the world's directory is made; the system's temporary directory by default. */
  readonly parentDir?: string;
}

/** A running real world; `stop()` may be called more than once. */
export interface RealWorld {
  readonly dir: string;
  /** Per world host: its dockerd (DOCKER_HOST address, a DockerCli, its dir). */
  readonly hosts: Readonly<Record<string, DockerdProcess>>;
  /** Per world registry name: the real registry process behind it. */
  readonly registries: Readonly<Record<string, RegistryProcess>>;
  /** What of the spec the real world does not reproduce, one line each. */
  readonly limitations: readonly string[];
  /** The proxy of one host↔registry link (for faults). */
  link(host: string, registry: string): LinkProxy;
  /** Applies a world fault now (its `atMs` is the caller's business). */
  applyFault(fault: WorldFault): Promise<void>;
  /** Back to the state right after start: base images only, seeded registries, links as specified. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** What has started so far; `stop` ends it in reverse. */
interface Members {
  readonly dir: string;
  readonly daemons: DockerdProcess[];
  readonly registries: RegistryProcess[];
  readonly proxies: Map<string, { proxy: LinkProxy; pair: PairPlan }>;
}

const BUSYBOX = "busybox:latest";

function pairKey(host: string, registry: string): string {
  return JSON.stringify([host, registry]);
}

let worldsStarted = 0;

/**
 * The second octet of the next world's loopback addresses: from the process id and a count of
 * worlds this process started, so that worlds of concurrent processes (a bench beside a test
 * run) do not take each other's addresses. 127.64.0.0–127.253.255.255 stay clear of 127.0.0.1.
 */
function nextSubnet(): number {
  worldsStarted += 1;
  return 64 + ((process.pid * 31 + worldsStarted) % 190);
}

/**
 * Starts the world `spec` describes. Returns `{ unavailable }` instead of throwing when it cannot
 * run here (not root, not installed, a port taken, a member did not answer in time); whatever had
 * started is stopped and removed first.
 */
export async function startRealWorld(
  spec: WorldSpec,
  options: RealWorldOptions = {},
): Promise<RealWorld | { unavailable: string }> {
  // Another process's world may hold the subnet picked (the pick only spreads them out): a
  // taken address is tried again on the next subnets before the world counts as unavailable.
  let started = await startRealWorldOnce(spec, options);
  for (let attempt = 1; attempt < SUBNET_ATTEMPTS_MAX; attempt++) {
    if (!("unavailable" in started) || !started.unavailable.includes("already in use")) break;
    started = await startRealWorldOnce(spec, options);
  }
  return started;
}

/** How many subnets a world tries when its addresses are taken. */
const SUBNET_ATTEMPTS_MAX = 5;

async function startRealWorldOnce(
  spec: WorldSpec,
  options: RealWorldOptions,
): Promise<RealWorld | { unavailable: string }> {
  if (spec.hosts.length === 0) return { unavailable: "a world needs at least one host" };
  const plan = planRealWorld(spec, nextSubnet());
  if (typeof plan === "string") return { unavailable: plan };
  const needsBusybox =
    plan.hosts.some((host) => host.busybox) ||
    plan.registries.some((registry) => registry.busyboxRepository !== undefined);
  const found = findRealPrograms({
    registries: plan.registries.length > 0,
    baseImages: needsBusybox,
  });
  if (typeof found === "string") return { unavailable: found };
  const members: Members = {
    dir: mkdtempSync(join(options.parentDir ?? tmpdir(), "drydock-world-")),
    daemons: [],
    registries: [],
    proxies: new Map(),
  };
  const forget = cleanUpOnExit({
    dir: members.dir,
    pids: () => [
      ...members.daemons.flatMap((daemon) => daemon.pids()),
      ...members.registries.flatMap((registry) => registry.pid() ?? []),
    ],
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopMembers(members).finally(forget);
    return stopped;
  };
  try {
    const failure = await startMembers({ plan, found, members, options });
    if (failure !== undefined) {
      await stop();
      return { unavailable: failure };
    }
    const builder = members.daemons[0];
    assert(builder !== undefined, "a started world has a daemon");
    const seeded = await seedRealWorld({
      builder,
      busybox: found.busybox,
      registries: plan.registries.flatMap((registry, index) => {
        const process = members.registries[index];
        const repository = registry.busyboxRepository;
        return process === undefined || repository === undefined ? [] : [{ process, repository }];
      }),
      baseHosts: members.daemons.filter((_, index) => plan.hosts[index]?.busybox === true),
      workDir: join(members.dir, "seed"),
      archive: join(members.dir, "busybox.tar"),
    });
    return worldOf({ plan, members, seeded, stop });
  } catch (error) {
    await stop();
    return { unavailable: `the real world failed to start: ${(error as Error).message}` };
  }
}

/** Starts registries, then link proxies to them, then daemons; the first failure's reason. */
async function startMembers(context: {
  plan: RealWorldPlan;
  found: RealPrograms;
  members: Members;
  options: RealWorldOptions;
}): Promise<string | undefined> {
  const { plan, found, members, options } = context;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const registries = await Promise.all(
    plan.registries.map((registry, index) =>
      startRegistryProcess({
        name: registry.name,
        dir: join(members.dir, `registry-${index}`),
        binary: found.registry,
        startTimeoutMs,
      }),
    ),
  );
  for (const registry of registries)
    if (typeof registry !== "string") members.registries.push(registry);
  const registryFailure = registries.find((registry) => typeof registry === "string");
  if (registryFailure !== undefined) return registryFailure;
  const linkFailure = await startLinks({ plan, members, options });
  if (linkFailure !== undefined) return linkFailure;
  const daemons = await Promise.all(
    plan.hosts.map((host, index) =>
      startDockerdProcess({
        name: host.name,
        dir: join(members.dir, `host-${index}`),
        dockerd: found.dockerd,
        cli: found.cli,
        startTimeoutMs,
        hosts: host.hostsEntries,
        registryMirrors: host.registryMirrors,
        insecureRegistries: host.insecureRegistries,
      }),
    ),
  );
  for (const daemon of daemons) if (typeof daemon !== "string") members.daemons.push(daemon);
  return daemons.find((daemon) => typeof daemon === "string");
}

/** Starts one link proxy per host↔registry pair, in front of that registry; a failure's reason. */
async function startLinks(context: {
  plan: RealWorldPlan;
  members: Members;
  options: RealWorldOptions;
}): Promise<string | undefined> {
  const { plan, members, options } = context;
  const start = options.startLinkProxy ?? startLinkProxy;
  for (const pair of plan.pairs) {
    const target = members.registries[plan.registries.findIndex((r) => r.name === pair.registry)];
    const [host = "", port = ""] = (target?.address ?? "").split(":");
    const link = { host: pair.host, registry: pair.registry };
    const onExchange = options.onExchange;
    const proxy = await start({
      name: `${pair.host}↔${pair.registry}`,
      listen: pair.listen,
      target: { host, port: Number(port) },
      latencyMs: pair.shape.latencyMs,
      bandwidthMbps: pair.shape.bandwidthMbps,
      ...(onExchange === undefined ? {} : { onExchange: (e: LinkExchange) => onExchange(link, e) }),
    }).catch(
      (error: Error) =>
        `link ${link.host}↔${link.registry} on ${pair.listen.host}:${pair.listen.port}: ${error.message}`,
    );
    if (typeof proxy === "string") return proxy;
    members.proxies.set(pairKey(pair.host, pair.registry), { proxy, pair });
  }
  return undefined;
}

async function stopMembers(members: Members): Promise<void> {
  const proxies = [...members.proxies.values()];
  members.proxies.clear();
  await Promise.all(proxies.map(({ proxy }) => proxy.close().catch(() => undefined)));
  await stopAndRemove(members);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The running world over its started members. */
function worldOf(context: {
  plan: RealWorldPlan;
  members: Members;
  seeded: SeededBusybox | undefined;
  stop: () => Promise<void>;
}): RealWorld {
  const { plan, members, seeded } = context;
  const hosts = Object.fromEntries(members.daemons.map((daemon) => [daemon.name, daemon]));
  const registries = Object.fromEntries(members.registries.map((r) => [r.name, r]));
  const link = (host: string, registry: string): LinkProxy => {
    const entry = members.proxies.get(pairKey(host, registry));
    if (entry === undefined)
      throw new DrydockError("NotFound", `no link between host ${host} and registry ${registry}`, {
        data: { host, registry },
      });
    return entry.proxy;
  };
  const linksOf = (registry: string): LinkProxy[] => {
    if (registries[registry] === undefined)
      throw new DrydockError("NotFound", `no registry ${registry} in this world`, {
        data: { registry },
      });
    return [...members.proxies.values()]
      .filter((entry) => entry.pair.registry === registry)
      .map((entry) => entry.proxy);
  };
  const reset = async () => {
    await Promise.all(
      [...members.proxies.values()].map(async ({ proxy, pair }) => {
        await proxy.restore();
        await proxy.up();
        proxy.setShape(pair.shape);
      }),
    );
    await Promise.all([
      ...members.daemons.map((daemon, index) =>
        resetHost({ daemon, busybox: plan.hosts[index]?.busybox === true, seeded, members }),
      ),
      ...members.registries.map((registry) => registry.reset()),
    ]);
  };
  return {
    dir: members.dir,
    hosts,
    registries,
    limitations: plan.limitations,
    link,
    applyFault: (fault) => applyFault(fault, { link, linksOf, hosts }),
    reset,
    stop: context.stop,
  };
}

async function resetHost(context: {
  daemon: DockerdProcess;
  busybox: boolean;
  seeded: SeededBusybox | undefined;
  members: Members;
}): Promise<void> {
  const { daemon, seeded } = context;
  const keep: Record<string, string> =
    context.busybox && seeded !== undefined ? { [BUSYBOX]: seeded.id } : {};
  const missing = await resetDockerd(daemon.docker, { keep });
  // Logins a run made with the daemon's CLI go too.
  rmSync(join(daemon.configDir, "config.json"), { force: true });
  // A run removed or re-tagged the base image: load the seeded one again.
  if (missing.length > 0)
    await daemon.docker(["load", "-q", "-i", join(context.members.dir, "busybox.tar")]);
}

/** Applies one fault through the world's link proxies and daemons. */
async function applyFault(
  fault: WorldFault,
  world: {
    link: (host: string, registry: string) => LinkProxy;
    linksOf: (registry: string) => LinkProxy[];
    hosts: Readonly<Record<string, DockerdProcess>>;
  },
): Promise<void> {
  const pair = (ref: { kind: string; host?: string; registry?: string }): LinkProxy => {
    if (ref.host === undefined || ref.registry === undefined)
      throw new DrydockError(
        "Unimplemented",
        `${ref.kind} of ${ref.host === undefined ? `registry ${ref.registry}'s` : `host ${ref.host}'s`} uplink is not supported on the docker backend (only host↔registry links are modelled)`,
        { data: { kind: ref.kind, host: ref.host ?? null, registry: ref.registry ?? null } },
      );
    return world.link(ref.host, ref.registry);
  };
  switch (fault.kind) {
    case "registry-down":
      await Promise.all(world.linksOf(fault.registry).map((proxy) => proxy.down()));
      return;
    case "registry-up":
      await Promise.all(world.linksOf(fault.registry).map((proxy) => proxy.up()));
      return;
    case "registry-restart": {
      const proxies = world.linksOf(fault.registry);
      await Promise.all(proxies.map((proxy) => proxy.down()));
      await sleep(fault.downMs ?? 0);
      await Promise.all(proxies.map((proxy) => proxy.up()));
      return;
    }
    case "link-cut":
      await pair(fault).cut();
      return;
    case "link-restore":
      await pair(fault).restore();
      return;
    case "link-slow":
      pair(fault).setShape({
        ...(fault.latencyMs === undefined ? {} : { latencyMs: fault.latencyMs }),
        ...(fault.bandwidthMbps === undefined ? {} : { bandwidthMbps: fault.bandwidthMbps }),
      });
      return;
    case "daemon-restart": {
      const daemon = world.hosts[fault.host];
      if (daemon === undefined)
        throw new DrydockError("NotFound", `no host ${fault.host} in this world`, {
          data: { host: fault.host },
        });
      await daemon.restart({ downMs: fault.downMs ?? 0 });
      return;
    }
    default:
      unreachable(fault);
  }
}
