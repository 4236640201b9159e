import type fc from "fast-check";
import type { DaemonModel } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker create --name <name> <tag> sleep 10000`. */
export class CreateCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(
    readonly name: string,
    readonly tag: string,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const create = () =>
      real.daemon.containerCreate(
        { Image: this.tag, Cmd: ["sleep", "10000"] },
        { name: this.name },
      );
    const key = model.tags.get(this.tag);
    if (key === undefined) await actFails(real, create, "NotFound", /^No such image: /);
    else if (model.containers.has(this.name))
      await actFails(real, create, "Conflict", /is already in use by container/);
    else {
      await act(real, create);
      model.containers.set(this.name, { name: this.name, image: key, status: "created" });
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `create ${this.name} ${this.tag}`;
  }
}
