import type fc from "fast-check";
import { type DaemonModel, removeImageByTag } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker rmi [-f] <tag>`: untag, then delete what nothing holds, parents included. */
export class RemoveImageCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(
    readonly tag: string,
    readonly force: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const remove = () => real.daemon.imageRemove(this.tag, { force: this.force });
    const outcome = removeImageByTag(model, this.tag, this.force);
    if (outcome === "not-found") await actFails(real, remove, "NotFound", /^No such image: /);
    else if (outcome === "conflict")
      await actFails(
        real,
        remove,
        "Conflict",
        /^conflict: unable to remove repository reference ".*" \(must force\) - container [a-f0-9]{12} is using its referenced image [a-f0-9]{12}$/,
      );
    else {
      const items = await act(real, remove);
      const untagged = items
        .filter((item) => "Untagged" in item)
        .map((item) => (item as { Untagged: string }).Untagged);
      if (!untagged.includes(this.tag))
        throw new Error(`rmi ${this.tag} answered ${JSON.stringify(items)}`);
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `rmi${this.force ? " -f" : ""} ${this.tag}`;
  }
}
