import type fc from "fast-check";
import { type DaemonModel, isActive } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker kill <name>`: only a running (or paused) container. */
export class KillCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const kill = () => real.daemon.containerKill(this.name);
    if (container === undefined)
      await actFails(real, kill, "NotFound", /^Cannot kill container: \S+: No such container/);
    else if (!isActive(container.status))
      await actFails(
        real,
        kill,
        "Conflict",
        /^Cannot kill container: \S+: Container [a-f0-9]{64} is not running$/,
      );
    else {
      await act(real, kill);
      container.status = "exited";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `kill ${this.name}`;
  }
}
