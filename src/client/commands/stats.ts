import type { ContainerStats } from "../../engine/container-stats.ts";
import type { Engine } from "../../engine/engine.ts";
import type { CommandIo } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import {
  parseFormat,
  type ResolvedFormat,
  renderRows,
  resolveFormat,
} from "../formatter/format-writer.ts";
import { STATS_HEADER, STATS_TABLE, statsContext } from "../formatter/stats-context.ts";
import type { ParsedArgs } from "../parsed-args.ts";
import { daemonMessage, err, out } from "./common.ts";
import { FORMAT_TABLE_FLAG } from "./shared-flags.ts";

/** The CLI clears the screen before each refresh of a streaming table. */
const CLEAR_SCREEN = "\u001b[2J\u001b[H";

interface Watched {
  readonly container: string;
  readonly iterator: AsyncIterator<ContainerStats>;
  latest?: ContainerStats;
  done: boolean;
}

/** The containers to watch: those named, else the running ones (all with `-a`), newest first. */
async function targets(engine: Engine, args: ParsedArgs): Promise<string[]> {
  if (args.positional.length > 0) return [...args.positional];
  const listed = await engine.containerList({ all: args.bool("all") });
  return listed.map((container) => container.Id);
}

function render(
  watched: readonly Watched[],
  options: { format: ResolvedFormat; trunc: boolean },
): string {
  const rows = watched
    .filter((entry) => entry.latest !== undefined)
    .map((entry) =>
      statsContext(entry.latest!, { container: entry.container, trunc: options.trunc }),
    );
  const template = parseFormat(options.format.template);
  return renderRows({ format: options.format, rows, header: STATS_HEADER, template });
}

/** Takes the next sample of every stream still open; false when all have ended. */
async function advance(watched: readonly Watched[]): Promise<boolean> {
  let any = false;
  for (const entry of watched) {
    if (entry.done) continue;
    const next = await entry.iterator.next();
    if (next.done === true) entry.done = true;
    else {
      entry.latest = next.value;
      any = true;
    }
  }
  return any;
}

async function watch(engine: Engine, args: ParsedArgs, io: CommandIo): Promise<number> {
  const stream = !args.bool("no-stream");
  const format = resolveFormat(args.string("format"), STATS_TABLE);
  const trunc = !args.bool("no-trunc");
  const watched: Watched[] = [];
  const failures: string[] = [];
  for (const container of await targets(engine, args)) {
    try {
      const iterator = engine.containerStats(container, { stream })[Symbol.asyncIterator]();
      const entry: Watched = { container, iterator, done: false };
      await advance([entry]);
      watched.push(entry);
    } catch (error) {
      failures.push(daemonMessage(error));
    }
  }
  if (failures.length > 0) {
    for (const entry of watched) await entry.iterator.return?.();
    err(io, `${failures.join("\n")}\n`);
    return 1;
  }
  if (!stream) {
    out(io, render(watched, { format, trunc }));
    return 0;
  }
  // Streaming: a fresh table per sample until every container's stream has ended (the engine
  // bounds each stream; the docker CLI would go on until interrupted).
  do out(io, `${CLEAR_SCREEN}${render(watched, { format, trunc })}`);
  while (await advance(watched));
  return 0;
}

/** `docker stats`. */
export const statsCommand: CommandSpec = {
  name: "stats",
  useArgs: "[OPTIONS] [CONTAINER...]",
  short: "Display a live stream of container(s) resource usage statistics",
  aliases: "docker container stats, docker stats",
  args: { kind: "any" },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Show all containers (default shows just running)",
    },
    {
      ...FORMAT_TABLE_FLAG,
      usage:
        "Format output using a custom template:\n" +
        "'table':            Print output in table format\nwith column headers (default)\n" +
        "'table TEMPLATE':   Print output in table format\nusing the given Go template\n" +
        "'json':             Print in JSON format\n" +
        "'TEMPLATE':         Print output using the given\nGo template.\n" +
        "Refer to https://docs.docker.com/go/formatting/\n" +
        "for more information about formatting output with\ntemplates",
    },
    {
      name: "no-stream",
      type: "bool",
      usage: "Disable streaming stats and only pull the first result",
    },
    { name: "no-trunc", type: "bool", usage: "Do not truncate output" },
  ],
  run: watch,
};
