import type fc from "fast-check";
import { type DaemonModel, setTag } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker tag <source> <target>`: an existing target tag moves. */
export class TagCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(
    readonly source: string,
    readonly target: string,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const [repo, tag] = this.target.split(":") as [string, string];
    const key = model.tags.get(this.source);
    const run = () => real.daemon.imageTag(this.source, { repo, tag });
    if (key === undefined) await actFails(real, run, "NotFound", /^No such image: /);
    else {
      await act(real, run);
      setTag(model, this.target, key);
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `tag ${this.source} ${this.target}`;
  }
}
