import type { CommandSpec } from "../command-spec.ts";
import { out } from "./common.ts";
import { CONTAINER_FLAGS, containerOptions } from "./container-options.ts";
import { createContainer, runFailure } from "./run.ts";

/** `docker create`. */
export const createCommand: CommandSpec = {
  name: "create",
  useArgs: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create a new container",
  aliases: "docker container create, docker create",
  args: { kind: "min", count: 1 },
  interspersed: false,
  flags: CONTAINER_FLAGS,
  async run(engine, args, io) {
    // Only the options' errors get `docker: …` and exit 125; the CLI 28 prints the daemon's
    // refusals as any command does (`Error response from daemon: …`, exit 1).
    let options: Awaited<ReturnType<typeof containerOptions>>;
    try {
      options = await containerOptions(args, io, { detach: true });
    } catch (error) {
      throw runFailure(args, error);
    }
    const created = await createContainer(engine, options, io);
    for (const warning of created.Warnings) io.stderr.write(`WARNING: ${warning}\n`);
    out(io, `${created.Id}\n`);
    return 0;
  },
};
