import type fc from "fast-check";
import type { DaemonModel } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker unpause <name>` (dockerd answers 500 when the container is not paused). */
export class UnpauseCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const unpause = () => real.daemon.containerUnpause(this.name);
    if (container === undefined) await actFails(real, unpause, "NotFound", /^No such container: /);
    else if (container.status !== "paused")
      await actFails(real, unpause, "Internal", /is not paused$/);
    else {
      await act(real, unpause);
      container.status = "running";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `unpause ${this.name}`;
  }
}
