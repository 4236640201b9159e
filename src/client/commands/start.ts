import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { forEachName } from "./common.ts";
import { attachUntilExit } from "./streams.ts";

/** `docker start`: starts each container; with `-a`/`-i`, attaches to one and exits with its code. */
export const startCommand: CommandSpec = {
  name: "start",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Start one or more stopped containers",
  aliases: "docker container start, docker start",
  args: { kind: "min", count: 1 },
  flags: [
    { name: "attach", short: "a", type: "bool", usage: "Attach STDOUT/STDERR and forward signals" },
    {
      name: "detach-keys",
      type: "string",
      usage: "Override the key sequence for detaching a container",
    },
    { name: "interactive", short: "i", type: "bool", usage: "Attach container's STDIN" },
  ],
  async run(engine, args, io) {
    const attach = args.bool("attach");
    const interactive = args.bool("interactive");
    if (!attach && !interactive) {
      return forEachName(io, args.positional, async (name) => {
        await engine.containerStart(name);
        return name;
      });
    }
    if (args.positional.length > 1) {
      throw new CliError({
        status: "you cannot start and attach multiple containers at once",
        exitCode: 1,
      });
    }
    const name = args.positional[0]!;
    const container = await engine.containerInspect(name);
    const stdin = interactive && container.Config.OpenStdin;
    return attachUntilExit({
      engine,
      id: container.Id,
      io,
      stdin,
      beforeOutput: () => engine.containerStart(container.Id),
    });
  },
};
