import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { attachUntilExit } from "./streams.ts";

/**
 * `docker attach`: the running container's output until it ends, then its exit code. The CLI
 * checks the state itself first (these messages carry no `Error response from daemon`), and
 * attaches stdin when the container has it open unless `--no-stdin`; drydock hands over what
 * the input holds at once (no interactive TTY sessions).
 */
export const attachCommand: CommandSpec = {
  name: "attach",
  useArgs: "[OPTIONS] CONTAINER",
  short: "Attach local standard input, output, and error streams to a running container",
  aliases: "docker container attach, docker attach",
  args: { kind: "exact", count: 1 },
  flags: [
    {
      name: "detach-keys",
      type: "string",
      usage: "Override the key sequence for detaching a container",
    },
    { name: "no-stdin", type: "bool", usage: "Do not attach STDIN" },
    {
      name: "sig-proxy",
      type: "bool",
      usage: "Proxy all received signals to the process",
      defaultValue: true,
    },
  ],
  async run(engine, args, io) {
    const container = await engine.containerInspect(args.positional[0]!);
    const state = container.State;
    const refuse = (status: string): never => {
      throw new CliError({ status, exitCode: 1 });
    };
    if (!state.Running) refuse("You cannot attach to a stopped container, start it first");
    if (state.Paused) refuse("You cannot attach to a paused container, unpause it first");
    if (state.Restarting)
      refuse("You cannot attach to a restarting container, wait until it is running");
    const stdin = !args.bool("no-stdin") && container.Config.OpenStdin;
    return attachUntilExit({ engine, id: container.Id, io, stdin });
  },
};
