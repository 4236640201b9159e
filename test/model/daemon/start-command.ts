import type fc from "fast-check";
import type { DaemonModel } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker start <name>`: a running container is left as it is; a paused one is refused. */
export class StartCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const start = () => real.daemon.containerStart(this.name);
    if (container === undefined) await actFails(real, start, "NotFound", /^No such container: /);
    else if (container.status === "paused")
      await actFails(real, start, "Conflict", /^cannot start a paused container/);
    else {
      await act(real, start);
      container.status = "running";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `start ${this.name}`;
  }
}
