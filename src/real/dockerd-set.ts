/**
 * A set of private dockerds (one per simulated host) and docker-registries on one Linux machine,
 * for tests, benchmarks and experiments that run drydock's scenarios on real Docker. Everything
 * lives under one temporary directory; `stop()` (or, failing that, the process-exit hook) ends
 * every process and removes that directory.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert } from "../errors/assert.ts";
import { buildBusyboxImage } from "./busybox-image.ts";
import { type DockerdProcess, startDockerdProcess } from "./dockerd-process.ts";
import { cleanUpOnExit } from "./exit-cleanup.ts";
import { findRealPrograms } from "./real-programs.ts";
import { type RegistryProcess, startRegistryProcess } from "./registry-process.ts";
import { stopAndRemove } from "./stop-and-remove.ts";

/** Options of {@link startDockerdSet}. */
export interface DockerdSetOptions<H extends string, R extends string> {
  /** One dockerd per name, e.g. `["dev", "prod"]`. */
  readonly hosts: readonly H[];
  /** One docker-registry per name. */
  readonly registries?: readonly R[];
  /** Build `busybox:latest` offline on every daemon (not timed by callers). */
  readonly baseImages?: boolean;
  /** How long one daemon or registry may take to answer; 30 s by default. */
  readonly startTimeoutMs?: number;
}

/** A running set; `stop()` may be called more than once. */
export interface DockerdSet<H extends string, R extends string> {
  readonly unavailable?: undefined;
  /** The temporary directory holding every daemon's and registry's state. */
  readonly dir: string;
  readonly hosts: Readonly<Record<H, DockerdProcess>>;
  readonly registries: Readonly<Record<R, RegistryProcess>>;
  stop(): Promise<void>;
}

/** Why the real side cannot run here (not root, not installed, did not start in time). */
export interface DockerdSetUnavailable {
  readonly unavailable: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_MEMBERS = 16;

/**
 * Starts every daemon and registry (in parallel) and, with `baseImages`, builds the busybox base
 * image on each daemon. Returns `{ unavailable }` instead of throwing when the real side cannot
 * run; whatever had started is stopped and removed again first.
 */
export async function startDockerdSet<H extends string, R extends string = never>(
  options: DockerdSetOptions<H, R>,
): Promise<DockerdSet<H, R> | DockerdSetUnavailable> {
  const registryNames = options.registries ?? [];
  const names = [...options.hosts, ...registryNames];
  assert(options.hosts.length > 0, "a dockerd set needs at least one host");
  assert(names.length <= MAX_MEMBERS, `a dockerd set holds at most ${MAX_MEMBERS} members`);
  assert(new Set(names).size === names.length, "host and registry names must be distinct");
  for (const name of names) assert(NAME.test(name), `bad host or registry name: ${name}`);
  const found = findRealPrograms({
    registries: registryNames.length > 0,
    baseImages: options.baseImages === true,
  });
  if (typeof found === "string") return { unavailable: found };
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const dir = mkdtempSync(join(tmpdir(), "drydock-set-"));
  const daemons: DockerdProcess[] = [];
  const registries: RegistryProcess[] = [];
  const pids = () => [
    ...daemons.flatMap((d) => d.pids()),
    ...registries.flatMap((r) => optional(r.pid())),
  ];
  const forget = cleanUpOnExit({ pids, dir });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopAndRemove({ daemons, registries, dir }).finally(forget);
    return stopped;
  };
  try {
    const started = await Promise.all([
      ...options.hosts.map((name) =>
        startDockerdProcess({
          name,
          dir: join(dir, name),
          dockerd: found.dockerd,
          cli: found.cli,
          startTimeoutMs,
        }),
      ),
      ...registryNames.map((name) =>
        startRegistryProcess({
          name,
          dir: join(dir, name),
          binary: found.registry,
          startTimeoutMs,
        }),
      ),
    ]);
    for (const member of started) {
      if (typeof member === "string") continue;
      if ("socket" in member) daemons.push(member);
      else registries.push(member);
    }
    const failure = started.find((member) => typeof member === "string");
    if (failure !== undefined) {
      await stop();
      return { unavailable: failure };
    }
    if (options.baseImages === true) {
      await Promise.all(
        daemons.map((daemon) =>
          buildBusyboxImage({
            docker: daemon.docker,
            busybox: found.busybox,
            contextDir: join(daemon.dir, "busybox-context"),
          }),
        ),
      );
    }
    return {
      dir,
      hosts: byName(daemons) as Record<H, DockerdProcess>,
      registries: byName(registries) as Record<R, RegistryProcess>,
      stop,
    };
  } catch (error) {
    await stop();
    return { unavailable: `the real side failed to start: ${(error as Error).message}` };
  }
}

function byName<T extends { readonly name: string }>(members: readonly T[]): Record<string, T> {
  return Object.fromEntries(members.map((member) => [member.name, member]));
}

function optional(pid: number | undefined): number[] {
  return pid === undefined ? [] : [pid];
}
