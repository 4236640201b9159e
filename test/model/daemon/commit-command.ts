import type fc from "fast-check";
import { type DaemonModel, setTag } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker commit <name> <tag>`: a new image on top of the container's (its parent). */
export class CommitCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(
    readonly name: string,
    readonly tag: string,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const [repo, tag] = this.tag.split(":") as [string, string];
    const commit = () => real.daemon.containerCommit({ container: this.name, repo, tag });
    if (container === undefined || !model.images.has(container.image)) {
      await actFails(real, commit, "NotFound", /^No such (container|image): /);
    } else {
      const { Id } = await act(real, commit);
      const key = `image${model.nextImage++}`;
      real.imageIds.set(key, Id);
      model.images.set(key, { key, parent: container.image, tags: new Set() });
      setTag(model, this.tag, key);
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `commit ${this.name} ${this.tag}`;
  }
}
