import { isFsError } from "../../errors/fs-error.ts";
import { CliError } from "../cli-error.ts";
import { type CommandIo, readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseRepoTag } from "./inspect-helpers.ts";
import { displayJsonMessages } from "./json-messages.ts";

/** Largest tarball `docker import` reads, in bytes (as `docker load`). */
const IMPORT_BYTES_MAX = 4 * 1024 * 1024 * 1024;

/**
 * `docker import file|- [REPOSITORY[:TAG]]`: the tarball (gzip, bzip2 or xz allowed) becomes a
 * one-layer image; prints the daemon's status line, the image ID. A URL source is refused:
 * the daemon would fetch it, and a simulated world has no web to fetch from.
 */
export const importCommand: CommandSpec = {
  name: "import",
  useArgs: "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
  short: "Import the contents from a tarball to create a filesystem image",
  aliases: "docker image import, docker import",
  args: { kind: "range", min: 1, max: 2 },
  flags: [
    {
      name: "change",
      short: "c",
      type: "list",
      usage: "Apply Dockerfile instruction to the created image",
    },
    {
      name: "message",
      short: "m",
      type: "string",
      usage: "Set commit message for imported image",
    },
    { name: "platform", type: "string", usage: "Set platform if server is multi-platform capable" },
  ],
  async run(engine, args, io) {
    const [source = "", reference] = args.positional;
    const target = reference === undefined ? {} : parseRepoTag(reference);
    if (/^https?:\/\//.test(source))
      throw new CliError({
        status: "drydock cannot import from a URL (no web in a simulation)",
        exitCode: 1,
      });
    const archive =
      source === "-" ? await readAllStdin(io, IMPORT_BYTES_MAX) : await readSource(io, source);
    const stream = engine.imageImport(archive, {
      ...target,
      message: args.string("message"),
      changes: args.strings("change"),
    });
    const outcome = await displayJsonMessages(stream, io.stdout);
    if (outcome.error !== undefined)
      throw new CliError({ status: outcome.error.message, exitCode: 1 });
    return 0;
  },
};

/** The tarball, or the CLI's `open FILE: …` when it cannot be read (Go's os.Open wording). */
async function readSource(io: CommandIo, source: string): Promise<Uint8Array> {
  try {
    return await io.files.readFile(source);
  } catch (error) {
    if (isFsError(error, "ENOENT"))
      throw new CliError({ status: `open ${source}: no such file or directory`, exitCode: 1 });
    throw error;
  }
}
