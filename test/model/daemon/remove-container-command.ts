import type fc from "fast-check";
import { type DaemonModel, isActive } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker rm [-f] <name>`: a running or paused container only with `-f`. */
export class RemoveContainerCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(
    readonly name: string,
    readonly force: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const remove = () => real.daemon.containerRemove(this.name, { force: this.force });
    if (container === undefined) await actFails(real, remove, "NotFound", /^No such container: /);
    else if (isActive(container.status) && !this.force)
      await actFails(
        real,
        remove,
        "Conflict",
        new RegExp(`^You cannot remove a ${container.status} container [a-f0-9]{64}\\. `),
      );
    else {
      await act(real, remove);
      model.containers.delete(this.name);
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `rm${this.force ? " -f" : ""} ${this.name}`;
  }
}
