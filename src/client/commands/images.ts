import type { CommandSpec } from "../command-spec.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import {
  IMAGE_HEADER,
  IMAGES_TABLE,
  IMAGES_TABLE_DIGESTS,
  imageContext,
  imageRows,
} from "../formatter/image-context.ts";
import { clientNowUs, filtersOf, out } from "./common.ts";
import { FORMAT_TABLE_FLAG, filterFlag, NO_TRUNC_FLAG, quietFlag } from "./shared-flags.ts";

/** `docker images` / `docker image ls`. */
export const imagesCommand: CommandSpec = {
  name: "images",
  useArgs: "[OPTIONS] [REPOSITORY[:TAG]]",
  short: "List images",
  aliases: "docker image ls, docker image list, docker images",
  args: { kind: "max", count: 1 },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Show all images (default hides intermediate images)",
    },
    { name: "digests", type: "bool", usage: "Show digests" },
    filterFlag("Filter output based on conditions provided"),
    FORMAT_TABLE_FLAG,
    NO_TRUNC_FLAG,
    quietFlag("Only show image IDs"),
  ],
  async run(engine, args, io) {
    const filters = { ...filtersOf(args.strings("filter")) };
    const reference = args.positional[0];
    if (reference !== undefined) filters.reference = [...(filters.reference ?? []), reference];
    const quiet = args.bool("quiet");
    const digests = args.bool("digests");
    const format = resolveFormat(
      quiet ? "" : args.string("format"),
      quiet ? "{{.ID}}" : digests ? IMAGES_TABLE_DIGESTS : IMAGES_TABLE,
    );
    const template = parseFormat(format.template);
    const images = await engine.imageList({ all: args.bool("all"), filters });
    const nowUs = await clientNowUs(engine, io);
    const trunc = !args.bool("no-trunc");
    const rows = imageRows(images, { digests }).map((row) => imageContext(row, { trunc, nowUs }));
    out(io, renderRows({ format, rows, header: IMAGE_HEADER, template }));
    return 0;
  },
};
