/**
 * The seed workflow on real Docker: two private dockerds (the scenario's `dev` builds and
 * pushes, `prod` pulls and runs) and a private docker-registry, each step timed as a user runs
 * it (a docker CLI process per step). Every repetition is cold: before it the registry's storage is emptied and
 * the previous images are removed from both daemons, as each drydock run starts a fresh world.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startDockerdSet } from "../../src/real/dockerd-set.ts";
import type { ScenarioFile } from "../../src/scenario/scenario.ts";
import type { RealDockerd } from "../../test/support/real-docker.ts";
import type { RealRegistry } from "./registry-process.ts";
import type { BenchStep } from "./seed-scenario.ts";
import { sumTimes, type WorkflowRun, type WorkflowStepName } from "./workflow-times.ts";

/** The real daemons and registry of the benchmark. */
export interface RealWorkflowWorld {
  readonly dev: RealDockerd;
  /** The same daemon as `dev` when a second one could not start. */
  readonly prod: RealDockerd;
  readonly registry: RealRegistry;
  /** How the world is laid out, for the report. */
  readonly layout: string;
  stop(): Promise<void>;
}

/**
 * Starts the registry and both daemons and builds busybox on them (not timed), or returns why the
 * real side cannot run; when two daemons cannot start, one is tried alone (`prod` is then `dev`).
 */
export async function startRealWorkflowWorld(): Promise<RealWorkflowWorld | string> {
  const both = await startDockerdSet({
    hosts: ["dev", "prod"],
    registries: ["registry"],
    baseImages: true,
  });
  if (both.unavailable === undefined) {
    return {
      dev: both.hosts.dev,
      prod: both.hosts.prod,
      registry: both.registries.registry,
      layout: "two dockerds (dev builds and pushes, prod pulls and runs), one docker-registry",
      stop: both.stop,
    };
  }
  const one = await startDockerdSet({ hosts: ["dev"], registries: ["registry"], baseImages: true });
  if (one.unavailable !== undefined) return one.unavailable;
  return {
    dev: one.hosts.dev,
    prod: one.hosts.dev,
    registry: one.registries.registry,
    layout: `one dockerd (two did not start: ${both.unavailable}); the image is removed between push and pull`,
    stop: one.stop,
  };
}

/** The scenario's steps as the real side runs them. */
export interface RealSteps {
  readonly steps: readonly BenchStep[];
  /** Each host's client files, written under a directory per host. */
  readonly files: Readonly<Record<string, readonly ScenarioFile[]>>;
  /** Registry domains of the scenario, all mapped to the real registry's address. */
  readonly registryNames: readonly string[];
}

/**
 * A step's words for the real docker CLI: the scenario's registries renamed to the real one's
 * address, words naming a client file made absolute (the CLI runs in no particular directory),
 * and `--pull=never` on `run`.
 */
export function realArgv(options: {
  step: BenchStep;
  registryNames: readonly string[];
  address: string;
  clientDir: string;
  clientPaths: ReadonlySet<string>;
}): string[] {
  const { step } = options;
  const words = step.argv.map((word) => {
    let out = word;
    for (const name of options.registryNames) out = out.replaceAll(name, options.address);
    const top = out.split("/")[0]!;
    return options.clientPaths.has(top) ? `${options.clientDir}/${out}` : out;
  });
  if (step.step !== "run") return words;
  const at = words.indexOf("run");
  return [...words.slice(0, at + 1), "--pull=never", ...words.slice(at + 1)];
}

function writeClientFiles(dir: string, files: readonly ScenarioFile[]): Set<string> {
  const tops = new Set<string>();
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.data, { mode: file.mode ?? 0o644 });
    tops.add(file.path.split("/")[0]!);
  }
  return tops;
}

/**
 * One cold run of the steps (each a docker CLI process, timed), then removes what the run left
 * (images on both daemons, the registry's storage) so the next one starts cold. `output` is the
 * last step's stdout.
 */
export async function runRealWorkflow(
  world: RealWorkflowWorld,
  real: RealSteps,
): Promise<WorkflowRun> {
  const clientRoot = mkdtempSync(join(tmpdir(), "drydock-bench-client-"));
  const images = new Set<string>();
  try {
    const timedSteps: { step: WorkflowStepName; ms: number }[] = [];
    let output = "";
    for (const step of real.steps) {
      // The first step's host is `dev`, every other one `prod`.
      const daemon = step.on === real.steps[0]!.on ? world.dev : world.prod;
      const clientDir = join(clientRoot, step.on);
      const argv = realArgv({
        step,
        registryNames: real.registryNames,
        address: world.registry.address,
        clientDir,
        clientPaths: writeClientFiles(clientDir, real.files[step.on] ?? []),
      });
      for (const word of argv) if (word.startsWith(`${world.registry.address}/`)) images.add(word);
      // With one daemon for both roles, pull would find the image already there.
      if (step.step === "pull" && world.prod === world.dev)
        for (const image of images) await daemon.docker(["rmi", image]).catch(() => undefined);
      const started = performance.now();
      output = (await daemon.docker(argv)).stdout.toString();
      timedSteps.push({ step: step.step, ms: performance.now() - started });
    }
    return { times: sumTimes(timedSteps), output };
  } finally {
    await clean(world, images);
    rmSync(clientRoot, { recursive: true, force: true });
  }
}

/** Removes the run's images (and its build's intermediate images) and empties the registry. */
async function clean(world: RealWorkflowWorld, images: ReadonlySet<string>): Promise<void> {
  for (const daemon of new Set([world.dev, world.prod])) {
    for (const image of images) await daemon.docker(["rmi", "-f", image]).catch(() => undefined);
    await daemon.docker(["image", "prune", "-f"]);
  }
  await world.registry.reset();
}
