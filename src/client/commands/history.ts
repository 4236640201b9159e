import type { CommandSpec } from "../command-spec.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import {
  HISTORY_HEADER,
  HISTORY_TABLE,
  HISTORY_TABLE_NOT_HUMAN,
  historyContext,
} from "../formatter/history-context.ts";
import { clientNowUs, out } from "./common.ts";
import { FORMAT_TABLE_FLAG, NO_TRUNC_FLAG, quietFlag } from "./shared-flags.ts";

/** `docker history`. */
export const historyCommand: CommandSpec = {
  name: "history",
  useArgs: "[OPTIONS] IMAGE",
  short: "Show the history of an image",
  aliases: "docker image history, docker history",
  args: { kind: "exact", count: 1 },
  flags: [
    FORMAT_TABLE_FLAG,
    {
      name: "human",
      short: "H",
      type: "bool",
      defaultValue: true,
      usage: "Print sizes and dates in human readable format",
    },
    NO_TRUNC_FLAG,
    quietFlag("Only show image IDs"),
  ],
  async run(engine, args, io) {
    const human = args.bool("human");
    const quiet = args.bool("quiet");
    const format = resolveFormat(
      quiet ? "" : args.string("format"),
      quiet ? "{{.ID}}" : human ? HISTORY_TABLE : HISTORY_TABLE_NOT_HUMAN,
    );
    const template = parseFormat(format.template);
    const history = await engine.imageHistory(args.positional[0]!);
    const nowUs = await clientNowUs(engine, io);
    const trunc = !args.bool("no-trunc");
    const rows = history.map((item) => historyContext(item, { trunc, human, nowUs }));
    out(io, renderRows({ format, rows, header: HISTORY_HEADER, template }));
    return 0;
  },
};
