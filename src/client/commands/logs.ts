import type { CommandSpec } from "../command-spec.ts";
import { copyFrames } from "./streams.ts";

const TIME_USAGE = (verb: string) =>
  `Show logs ${verb} a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)`;

/** `docker logs`. */
export const logsCommand: CommandSpec = {
  name: "logs",
  useArgs: "[OPTIONS] CONTAINER",
  short: "Fetch the logs of a container",
  aliases: "docker container logs, docker logs",
  args: { kind: "exact", count: 1 },
  flags: [
    { name: "details", type: "bool", usage: "Show extra details provided to logs" },
    { name: "follow", short: "f", type: "bool", usage: "Follow log output" },
    {
      name: "since",
      type: "string",
      usage: TIME_USAGE("since").replace("logs since a", "logs since"),
    },
    {
      name: "tail",
      short: "n",
      type: "string",
      defaultValue: "all",
      usage: "Number of lines to show from the end of the logs",
    },
    { name: "timestamps", short: "t", type: "bool", usage: "Show timestamps" },
    { name: "until", type: "string", usage: TIME_USAGE("before") },
  ],
  async run(engine, args, io) {
    const name = args.positional[0]!;
    const container = await engine.containerInspect(name);
    const timestamps = args.bool("timestamps");
    const frames = engine.containerLogs(container.Id, {
      stdout: true,
      stderr: true,
      follow: args.bool("follow"),
      timestamps,
      tail: args.string("tail"),
      ...(args.has("since") ? { since: args.string("since") } : {}),
      ...(args.has("until") ? { until: args.string("until") } : {}),
    });
    await copyFrames(frames, io, { timestamps });
    return 0;
  },
};
