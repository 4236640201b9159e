import type { Scenario } from "../scenario.ts";
import type { RunScenarioOptions } from "../scenario-runner.ts";
import { runScenario } from "../scenario-runner.ts";
import type { BackendRun, BackendRunOptions, ScenarioBackend } from "./scenario-backend.ts";

/** The simulator: the scenario's world built in this process, on virtual time, from its seed. */
export class SimBackend implements ScenarioBackend {
  readonly name = "sim";
  readonly #options: Omit<RunScenarioOptions, "seed" | "afterSteps">;

  /** `options` go to every `runScenario` (runtime, registry servers, event limits). */
  constructor(options: Omit<RunScenarioOptions, "seed" | "afterSteps"> = {}) {
    this.#options = options;
  }

  async run<T = never>(
    scenario: Scenario,
    options: BackendRunOptions<T> = {},
  ): Promise<BackendRun<T>> {
    const { inspect } = options;
    let inspected: { value: T } | undefined;
    const result = await runScenario(scenario, {
      ...this.#options,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(inspect === undefined
        ? {}
        : {
            afterSteps: async (docker, hosts) => {
              inspected = { value: await inspect(docker, hosts) };
            },
          }),
    });
    return {
      result,
      ...(inspected === undefined ? {} : { inspected: inspected.value }),
      limitations: [],
    };
  }
}
