import type fc from "fast-check";
import type { DaemonModel } from "./daemon-model.ts";
import { act, actFails, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/** `docker restart -t 0 <name>`: from any state, paused included, the container runs afterwards. */
export class RestartCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const container = model.containers.get(this.name);
    const restart = () => real.daemon.containerRestart(this.name, { timeoutSeconds: 0 });
    if (container === undefined) await actFails(real, restart, "NotFound", /^No such container: /);
    else {
      await act(real, restart);
      container.status = "running";
    }
    await assertMatchesModel(model, real);
  }

  toString(): string {
    return `restart ${this.name}`;
  }
}
