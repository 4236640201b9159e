import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { daemonMessage, err, out } from "./common.ts";
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
      // Each failure as it happens, then the CLI's summary of the names that failed.
      const failed: string[] = [];
      for (const name of args.positional) {
        try {
          await engine.containerStart(name);
          out(io, `${name}\n`);
        } catch (error) {
          err(io, `${daemonMessage(error)}\n`);
          failed.push(name);
        }
      }
      if (failed.length === 0) return 0;
      throw new CliError({
        status: `Error: failed to start containers: ${failed.join(", ")}`,
        exitCode: 1,
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
