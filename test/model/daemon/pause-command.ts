import type fc from "fast-check";
import type { DaemonModel } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker pause <name>`. */
export class PauseCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const pause = () => real.daemon.containerPause(this.name);
    if (container === undefined) await actFails(real, pause, "NotFound", /^No such container: /);
    else if (container.status === "paused")
      await actFails(real, pause, "Conflict", /is already paused$/);
    else if (container.status !== "running")
      await actFails(real, pause, "Conflict", /is not running$/);
    else {
      await act(real, pause);
      container.status = "paused";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `pause ${this.name}`;
  }
}
