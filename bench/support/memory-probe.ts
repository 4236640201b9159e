/**
 * One memory measurement, meant to run in a process of its own with `--expose-gc` (the workflow
 * bench spawns it): a world like the seed scenario's, where `dev` runs the scenario's build and
 * push, then HOSTS more hosts each run its pull. The build context is the scenario's plus
 * PAYLOAD_MIB MiB of seeded random bytes copied into the image (default 4), so that a copy per
 * host would show. Prints one JSON line (`MemoryProbeResult`).
 *
 *   node --expose-gc --import tsx bench/support/memory-probe.ts HOSTS [PAYLOAD_MIB]
 */
import { join } from "node:path";
import { SeededRng } from "../../src/random/rng.ts";
import type { ScenarioFile } from "../../src/scenario/scenario.ts";
import { memRegistryServer } from "../../src/world/mem-registry-server.ts";
import { World } from "../../src/world/world.ts";
import { clientFiles, docker, drivableHost } from "./client-workflow.ts";
import type { MemoryProbeResult } from "./memory-table.ts";
import { benchSteps, loadSeedScenario } from "./seed-scenario.ts";

function settledBytes(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The dev host's files with the payload added to the build context and to the Dockerfile. */
function withPayload(
  files: readonly ScenarioFile[],
  contextDir: string,
  payloadMib: number,
): ScenarioFile[] {
  const payload = SeededRng.fromSeed("bench/memory-payload").bytes(payloadMib * 1024 * 1024);
  const dockerfile = `${contextDir}/Dockerfile`;
  return [
    ...files.map((file) =>
      file.path === dockerfile
        ? {
            ...file,
            data: new TextEncoder().encode(
              `${new TextDecoder().decode(file.data)}COPY payload.bin /data/\n`,
            ),
          }
        : file,
    ),
    { path: `${contextDir}/payload.bin`, data: payload },
  ];
}

async function probe(hosts: number, payloadMib: number): Promise<MemoryProbeResult> {
  const scenario = loadSeedScenario(join(import.meta.dirname, "../.."));
  const steps = benchSteps(scenario);
  const build = steps.find((step) => step.step === "build")!;
  const push = steps.find((step) => step.step === "push")!;
  const pull = steps.find((step) => step.step === "pull")!;
  const names = Array.from({ length: hosts }, (_, index) => `host-${index}`);
  // A throwaway world first: the simulated userland's modules load once per process.
  await World.create({ hosts: [{ name: "warm" }] });
  const baselineBytes = settledBytes();
  const world = await World.create(
    {
      ...scenario.world,
      hosts: [{ name: build.on }, ...names.map((name) => ({ name }))],
      links: [],
    },
    { seed: scenario.seed, registryServer: memRegistryServer },
  );
  const files = clientFiles(
    withPayload(scenario.files[build.on] ?? [], build.argv.at(-1)!, payloadMib),
  );
  await docker(drivableHost(world, build.on), build.argv, files);
  await docker(drivableHost(world, build.on), push.argv, files);
  for (const name of names) await docker(drivableHost(world, name), pull.argv);
  const afterBytes = settledBytes();
  const image = pull.argv.at(-1)!;
  const inspect = await drivableHost(world, names[0]!).run((engine) => engine.imageInspect(image));
  return {
    hosts,
    baselineBytes,
    afterBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    pool: world.pool.stats(),
    imageSizeBytes: inspect.Size,
    gc: typeof (globalThis as { gc?: unknown }).gc === "function",
  };
}

const hosts = Number(process.argv[2] ?? "1");
const payloadMib = Number(process.argv[3] ?? "4");
process.stdout.write(`${JSON.stringify(await probe(hosts, payloadMib))}\n`);
