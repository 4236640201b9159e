/**
 * `drydock scenario up FILE`: a scenario's world on real Docker, for experiments by hand — one
 * private dockerd per host, a real docker-registry per registry behind its link proxies, as
 * `--backend docker` starts them — kept running until Ctrl-C, then stopped and removed.
 */
import type { CommandIo } from "../client/command-io.ts";
import { startRealWorld } from "../real/real-world.ts";
import { readScenario } from "../scenario/read-scenario.ts";
import { nodeScenarioSource } from "./node-scenario-source.ts";
import { scenarioFile } from "./scenario-command.ts";
import { untilStopSignal } from "./stop-signal.ts";

/** Starts the world, prints how to reach each host, waits for a stop signal; returns the exit code. */
export async function runScenarioUp(argv: readonly string[], io: CommandIo): Promise<number> {
  const [target, ...rest] = argv;
  if (target === undefined || rest.length > 0) {
    io.stderr.write("drydock scenario up: takes one scenario (file, folder or name)\n");
    return 2;
  }
  const file = scenarioFile(target);
  if (file === undefined) {
    io.stderr.write(`drydock scenario up: no scenario "${target}"\n`);
    return 1;
  }
  const scenario = readScenario({ file, source: nodeScenarioSource });
  const world = await startRealWorld(scenario.world);
  if ("unavailable" in world && world.unavailable !== undefined) {
    io.stderr.write(`drydock scenario up: real Docker cannot run here: ${world.unavailable}\n`);
    return 1;
  }
  const started = world as Exclude<typeof world, { unavailable: string }>;
  try {
    io.stdout.write(`World of ${scenario.name} on real Docker (in ${started.dir}):\n`);
    for (const [name, daemon] of Object.entries(started.hosts))
      io.stdout.write(`  host ${name}: DOCKER_HOST=${daemon.host}\n`);
    for (const [name, registry] of Object.entries(started.registries))
      io.stdout.write(`  registry ${name}: served by docker-registry at ${registry.address}\n`);
    for (const line of started.limitations) io.stdout.write(`  not reproduced: ${line}\n`);
    io.stdout.write("Registry names resolve inside each dockerd only. Ctrl-C stops everything.\n");
    await untilStopSignal();
  } finally {
    await started.stop();
  }
  return 0;
}
