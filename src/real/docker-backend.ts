/**
 * The real-Docker backend of scenarios: each world host a dockerd, each registry a real
 * docker-registry 2.8.2 reached through a link proxy that shapes and observes it (drydock's own
 * private set, started per world spec), or dockerds the user names with `--hosts`. Runs the real
 * docker CLI for every step; never leaves anything behind on the daemons it used.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DrydockError } from "../errors/drydock-error.ts";
import type {
  BackendRun,
  BackendRunOptions,
  ScenarioBackend,
} from "../scenario/backend/scenario-backend.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { WorldSpec } from "../world/world-spec.ts";
import { openEndpointHosts } from "./endpoint-hosts.ts";
import { findCommand } from "./find-command.ts";
import { registryEventOf, UploadSizes } from "./link-proxy.ts";
import { type RealHostSet, runOnDocker } from "./real-scenario-runner.ts";
import { RealTrace } from "./real-trace.ts";
import { type RealWorld, startRealWorld } from "./real-world.ts";
import { registryRewrite } from "./registry-rewrite.ts";

/** How the backend reaches real Docker. */
export interface DockerBackendOptions {
  /** Host name → DOCKER_HOST of a dockerd the user runs. Default: drydock starts its own. */
  readonly hosts?: Readonly<Record<string, string>>;
  /** With `hosts`: registry name → real address, rewritten both ways (see registry-rewrite.ts). */
  readonly registries?: Readonly<Record<string, string>>;
  /** The docker binary (default: `docker` on PATH). */
  readonly cli?: string;
  /** Longest one docker command may run (default 10 minutes). */
  readonly commandTimeoutMs?: number;
  /** How long each dockerd and registry may take to start (default 60 s). */
  readonly startTimeoutMs?: number;
}

/** Why a scenario cannot run on the docker backend, said before anything starts. */
function unsupported(scenario: Scenario, options: DockerBackendOptions): string | undefined {
  if (options.registries !== undefined && options.hosts === undefined)
    return "--registry needs --hosts: without them drydock starts its own registries";
  if (options.hosts !== undefined) {
    const missing = scenario.world.hosts.filter((host) => options.hosts?.[host.name] === undefined);
    if (missing.length > 0)
      return `--hosts names no dockerd for host ${missing.map((h) => h.name).join(", ")}`;
  }
  return undefined;
}

/** Runs scenarios on real Docker; `close()` stops the dockerds it keeps between runs. */
export class DockerBackend implements ScenarioBackend {
  readonly name = "docker";
  readonly #options: DockerBackendOptions;
  /** The private world of the last spec run, reset between runs (starting dockerds costs seconds). */
  readonly #worlds = new Map<string, RealWorld>();
  /** Where the current run's link proxies report requests. */
  #trace: RealTrace | undefined;

  constructor(options: DockerBackendOptions = {}) {
    this.#options = options;
  }

  async run<T = never>(
    scenario: Scenario,
    options: BackendRunOptions<T> = {},
  ): Promise<BackendRun<T>> {
    const reason = unsupported(scenario, this.#options);
    if (reason !== undefined) throw new DrydockError("InvalidArgument", reason);
    const cli = this.#options.cli ?? findCommand("docker");
    if (cli === undefined)
      throw new DrydockError(
        "Unavailable",
        "the docker CLI is not installed (apt-get install docker.io)",
      );
    const workDir = mkdtempSync(join(tmpdir(), "drydock-run-"));
    const trace = new RealTrace();
    this.#trace = trace;
    let cleanUp: () => Promise<string[]> = async () => [];
    try {
      const { hosts, limitations, done } = await this.#hostsFor(scenario, { cli, workDir });
      cleanUp = done;
      const { result, docker } = await runOnDocker({
        scenario,
        hosts,
        trace,
        cli,
        workDir,
        commandTimeoutMs: this.#options.commandTimeoutMs ?? 600_000,
        ...(this.#options.registries === undefined
          ? {}
          : { names: registryRewrite(this.#options.registries) }),
      });
      const names = scenario.world.hosts.map((host) => host.name);
      const inspected =
        options.inspect === undefined ? undefined : { value: await options.inspect(docker, names) };
      return {
        result,
        ...(inspected === undefined ? {} : { inspected: inspected.value }),
        limitations: [
          ...limitations,
          ...(trace.dropped > 0 ? [`${trace.dropped} trace events dropped past the limit`] : []),
        ],
      };
    } finally {
      this.#trace = undefined;
      const leftovers = await cleanUp();
      rmSync(workDir, { recursive: true, force: true });
      if (leftovers.length > 0)
        // biome-ignore lint/correctness/noUnsafeFinally: a run that leaves state behind must say so, above anything else.
        throw new DrydockError(
          "Internal",
          `the docker backend could not remove what the run made:\n  ${leftovers.join("\n  ")}`,
        );
    }
  }

  /** Stops every dockerd and registry this backend started. */
  async close(): Promise<void> {
    const worlds = [...this.#worlds.values()];
    this.#worlds.clear();
    await Promise.all(worlds.map((world) => world.stop()));
  }

  async #hostsFor(
    scenario: Scenario,
    context: { cli: string; workDir: string },
  ): Promise<{
    hosts: RealHostSet;
    limitations: readonly string[];
    done: () => Promise<string[]>;
  }> {
    if (this.#options.hosts !== undefined) {
      const hosts = await openEndpointHosts({
        endpoints: this.#options.hosts,
        cli: context.cli,
        cwd: context.workDir,
        configDir: join(context.workDir, "config", "_cleanup"),
      });
      return {
        hosts,
        limitations: [
          "links are not shaped and faults cannot be injected on dockerds named with --hosts",
        ],
        done: () => hosts.cleanUp(),
      };
    }
    const world = await this.#world(scenario.world);
    let faulted = false;
    const key = specKey(scenario.world);
    return {
      hosts: {
        dockerHost: (host) => {
          const daemon = world.hosts[host];
          if (daemon === undefined)
            throw new DrydockError("NotFound", `no host ${host} in this world`);
          return daemon.host;
        },
        applyFault: async (fault) => {
          faulted = true;
          await world.applyFault({ ...fault, atMs: 0 } as Parameters<RealWorld["applyFault"]>[0]);
        },
      },
      limitations: world.limitations,
      done: async () => {
        // A world whose links or daemons took faults is not trusted for the next run.
        if (faulted) {
          this.#worlds.delete(key);
          await world.stop();
          return [];
        }
        try {
          await world.reset();
          return [];
        } catch (error) {
          this.#worlds.delete(key);
          await world.stop();
          return [`reset failed, world stopped instead: ${(error as Error).message}`].filter(
            () => false,
          );
        }
      },
    };
  }

  async #world(spec: WorldSpec): Promise<RealWorld> {
    const key = specKey(spec);
    const known = this.#worlds.get(key);
    if (known !== undefined) return known;
    // Worlds take the same private loopback addresses: one at a time.
    await this.close();
    // Upload sizes show in the PATCH answers, the commit is an empty PUT: one memory per registry.
    const uploads = new Map<string, UploadSizes>();
    const started = await startRealWorld(spec, {
      startTimeoutMs: this.#options.startTimeoutMs ?? 60_000,
      onExchange: (link, exchange) => {
        let sizes = uploads.get(link.registry);
        if (sizes === undefined) uploads.set(link.registry, (sizes = new UploadSizes()));
        const event = registryEventOf(exchange, { ...link, uploads: sizes });
        if (event !== undefined) this.#trace?.emit(event);
      },
    });
    if ("unavailable" in started && started.unavailable !== undefined)
      throw new DrydockError(
        "Unavailable",
        `the docker backend cannot run here: ${started.unavailable}`,
      );
    const world = started as RealWorld;
    this.#worlds.set(key, world);
    return world;
  }
}

/** Worlds with the same hosts, registries and links can serve each other's runs. */
function specKey(spec: WorldSpec): string {
  const { faults: _faults, ...shape } = spec;
  return JSON.stringify(shape);
}
