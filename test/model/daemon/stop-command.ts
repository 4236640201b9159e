import type fc from "fast-check";
import { type DaemonModel, isActive } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker stop -t 0 <name>`: paused containers too; stopping a stopped one does nothing. */
export class StopCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const stop = () => real.daemon.containerStop(this.name, { timeoutSeconds: 0 });
    if (container === undefined) await actFails(real, stop, "NotFound", /^No such container: /);
    else {
      await act(real, stop);
      if (isActive(container.status)) container.status = "exited";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `stop ${this.name}`;
  }
}
