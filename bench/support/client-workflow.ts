/**
 * The benchmark's steps driven through drydock's own docker client (`runDocker`) on hosts of a
 * simulated `World`, as the scenario runner drives them, each step timed in wall time. A step
 * that exits non-zero fails the run with what it printed.
 */
import type { CommandIo, HostFiles } from "../../src/client/command-io.ts";
import { runDocker } from "../../src/client/docker-cli.ts";
import { type DrivableEngine, drivenEngine } from "../../src/client/driven-engine.ts";
import { MemoryHostFiles } from "../../src/client/memory-host-files.ts";
import type { ScenarioFile } from "../../src/scenario/scenario.ts";
import { CLIENT_CWD } from "../../src/scenario/scenario-runner.ts";
import type { World } from "../../src/world/world.ts";
import type { BenchStep } from "./seed-scenario.ts";
import { sumTimes, type WorkflowRun, type WorkflowStepName } from "./workflow-times.ts";

/** A host's client files in memory, under the scenario's working directory. */
export function clientFiles(files: readonly ScenarioFile[] = []): MemoryHostFiles {
  const entries = Object.fromEntries(
    files.map((file) => [
      file.path,
      {
        type: "file" as const,
        data: file.data,
        ...(file.mode === undefined ? {} : { mode: file.mode }),
      },
    ]),
  );
  return new MemoryHostFiles({ cwd: CLIENT_CWD, entries });
}

/** A world's host as the client drives it: engine calls run the world's loop. */
export function drivableHost(world: World, name: string): DrivableEngine {
  const host = world.host(name);
  return { engine: host.engine, run: (work) => world.run(() => work(host.engine)) };
}

/** Runs one docker command line against a host; returns its stdout, throws on failure. */
export async function docker(
  host: DrivableEngine,
  argv: readonly string[],
  files: HostFiles = clientFiles(),
): Promise<string> {
  const decoder = new TextDecoder();
  let stdout = "";
  let stderr = "";
  const io: CommandIo = {
    stdout: {
      write: (chunk) => (stdout += typeof chunk === "string" ? chunk : decoder.decode(chunk)),
    },
    stderr: {
      write: (chunk) => (stderr += typeof chunk === "string" ? chunk : decoder.decode(chunk)),
    },
    stdin: async function* () {},
    stdinIsTerminal: false,
    stdoutIsTerminal: false,
    env: {},
    files,
  };
  const exitCode = await runDocker((work) => work(drivenEngine(host)), argv, io);
  if (exitCode !== 0) throw new Error(`docker ${argv.join(" ")}: exit ${exitCode}: ${stderr}`);
  return stdout;
}

/** Runs the steps in order on the world's hosts, timing each; `output` is the last step's stdout. */
export async function runWorldSteps(options: {
  world: World;
  steps: readonly BenchStep[];
  files: Readonly<Record<string, readonly ScenarioFile[]>>;
}): Promise<WorkflowRun> {
  const { world } = options;
  const files = new Map<string, MemoryHostFiles>();
  const timed: { step: WorkflowStepName; ms: number }[] = [];
  let output = "";
  for (const step of options.steps) {
    let hostFiles = files.get(step.on);
    if (hostFiles === undefined) {
      hostFiles = clientFiles(options.files[step.on]);
      files.set(step.on, hostFiles);
    }
    const started = performance.now();
    output = await docker(drivableHost(world, step.on), step.argv, hostFiles);
    timed.push({ step: step.step, ms: performance.now() - started });
  }
  return { times: sumTimes(timed), output };
}
