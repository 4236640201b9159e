import { it } from "node:test";
import fc from "fast-check";
import { daemonCommands } from "./daemon-commands.ts";
import { initialModel } from "./daemon-model.ts";
import { createRealDaemon } from "./real-daemon.ts";

const SEED = Number(process.env.FC_SEED ?? 20261128);

it("the daemon's container and image lifecycle follows the model", async () => {
  await fc.assert(
    fc.asyncProperty(
      daemonCommands(40),
      fc.integer({ min: 0, max: 1000 }),
      async (commands, seed) => {
        const real = await createRealDaemon(seed);
        await fc.asyncModelRun(() => ({ model: initialModel(), real }), commands);
      },
    ),
    { seed: SEED, numRuns: Number(process.env.FC_RUNS ?? 60) },
  );
});
