import type { ImageDeleteItem } from "../../engine/api-types.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { goQuote } from "../../go/quote.ts";
import { parseAnyReference, parseNormalizedNamed } from "../../image/reference.ts";
import { CliError } from "../cli-error.ts";
import { readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { humanSize } from "../format/units.ts";
import { filtersOf, forEachName, out, writeArchiveOutput } from "./common.ts";
import { confirm } from "./confirm.ts";
import { parseRepoTag } from "./inspect-helpers.ts";
import { displayJsonMessages } from "./json-messages.ts";
import { PRUNE_FORCE_FLAG } from "./shared-flags.ts";

/** Largest image archive `docker load` reads, in bytes. */
const LOAD_BYTES_MAX = 4 * 1024 * 1024 * 1024;

function deleteLine(item: ImageDeleteItem): string {
  return "Untagged" in item ? `Untagged: ${item.Untagged}` : `Deleted: ${item.Deleted}`;
}

/** A reference `docker tag` cannot use fails as the Go client library words it. */
function checkTagReference(text: string, parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!isDrydockError(error)) throw error;
    throw new CliError({
      status: `Error parsing reference: ${goQuote(text)} is not a valid repository/tag: ${error.message}`,
      exitCode: 1,
    });
  }
}

/** `docker tag`. */
export const tagCommand: CommandSpec = {
  name: "tag",
  useArgs: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
  short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
  aliases: "docker image tag, docker tag",
  args: { kind: "exact", count: 2 },
  flags: [],
  async run(engine, args) {
    const [source = "", target = ""] = args.positional;
    // The Go client library checks both references before calling the daemon.
    checkTagReference(source, () => parseAnyReference(source, { dialect: "cli" }));
    checkTagReference(target, () => parseNormalizedNamed(target, { dialect: "cli" }));
    await engine.imageTag(source, parseRepoTag(target));
    return 0;
  },
};

/** `docker rmi` / `docker image rm`. */
export const rmiCommand: CommandSpec = {
  name: "rmi",
  useArgs: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Remove one or more images",
  aliases: "docker image rm, docker image remove, docker rmi",
  args: { kind: "min", count: 1 },
  flags: [
    { name: "force", short: "f", type: "bool", usage: "Force removal of the image" },
    { name: "no-prune", type: "bool", usage: "Do not delete untagged parents" },
  ],
  run(engine, args, io) {
    const options = { force: args.bool("force"), noprune: args.bool("no-prune") };
    return forEachName(io, args.positional, async (name) => {
      const items = await engine.imageRemove(name, options);
      return items.length === 0 ? undefined : items.map(deleteLine).join("\n");
    });
  },
};

/** `docker image prune`. */
export const imagePruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "[OPTIONS]",
  short: "Remove unused images",
  args: { kind: "none" },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Remove all unused images, not just dangling ones",
    },
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    PRUNE_FORCE_FLAG,
  ],
  async run(engine, args, io) {
    const all = args.bool("all");
    const warning = all
      ? "WARNING! This will remove all images without at least one container associated to them."
      : "WARNING! This will remove all dangling images.";
    if (!args.bool("force") && !(await confirm(io, warning))) return 0;
    const filters = { ...filtersOf(args.strings("filter")), dangling: [all ? "false" : "true"] };
    const report = await engine.imagePrune({ filters });
    const items = report.deleted as readonly ImageDeleteItem[];
    let text = "";
    if (items.length > 0) {
      text += "Deleted Images:\n";
      text += items
        .map((item) =>
          "Untagged" in item ? `untagged: ${item.Untagged}` : `deleted: ${item.Deleted}`,
        )
        .join("\n");
      text += "\n\n";
    }
    out(io, `${text}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};

/** `docker save`. */
export const saveCommand: CommandSpec = {
  name: "save",
  useArgs: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Save one or more images to a tar archive (streamed to STDOUT by default)",
  aliases: "docker image save, docker save",
  args: { kind: "min", count: 1 },
  flags: [
    { name: "output", short: "o", type: "string", usage: "Write to a file, instead of STDOUT" },
  ],
  async run(engine, args, io) {
    await writeArchiveOutput(io, args.string("output"), () => engine.imageSave(args.positional));
    return 0;
  },
};

/** `docker load`. */
export const loadCommand: CommandSpec = {
  name: "load",
  useArgs: "[OPTIONS]",
  short: "Load an image from a tar archive or STDIN",
  aliases: "docker image load, docker load",
  args: { kind: "none" },
  flags: [
    {
      name: "input",
      short: "i",
      type: "string",
      usage: "Read from tar archive file, instead of STDIN",
    },
    { name: "quiet", short: "q", type: "bool", usage: "Suppress the load output" },
  ],
  async run(engine, args, io) {
    const input = args.string("input");
    if (input === "" && io.stdinIsTerminal) {
      throw new CliError({ status: "requested load from stdin, but stdin is empty", exitCode: 1 });
    }
    const archive =
      input === "" ? await readAllStdin(io, LOAD_BYTES_MAX) : await io.files.readFile(input);
    const quiet = args.bool("quiet") || !io.stdoutIsTerminal;
    const outcome = await displayJsonMessages(engine.imageLoad(archive, { quiet }), io.stdout);
    if (outcome.error !== undefined)
      throw new CliError({ status: outcome.error.message, exitCode: 1 });
    return 0;
  },
};

/** `docker push`. */
export const pushCommand: CommandSpec = {
  name: "push",
  useArgs: "[OPTIONS] NAME[:TAG]",
  short: "Upload an image to a registry",
  aliases: "docker image push, docker push",
  args: { kind: "exact", count: 1 },
  flags: [
    {
      name: "all-tags",
      short: "a",
      type: "bool",
      usage: "Push all tags of an image to the repository",
    },
    {
      name: "disable-content-trust",
      type: "bool",
      defaultValue: true,
      usage: "Skip image signing",
    },
    { name: "quiet", short: "q", type: "bool", usage: "Suppress verbose output" },
  ],
  async run(engine, args, io) {
    const name = args.positional[0]!;
    const target = parseRepoTag(name);
    const allTags = args.bool("all-tags");
    if (allTags && target.tag !== undefined) {
      throw new CliError({ status: "tag can't be used with --all-tags/-a", exitCode: 1 });
    }
    const tag = allTags ? undefined : (target.tag ?? "latest");
    const quiet = args.bool("quiet");
    const sink = quiet ? { write: () => undefined } : io.stdout;
    if (!allTags && target.tag === undefined && !quiet) out(io, "Using default tag: latest\n");
    const outcome = await displayJsonMessages(
      engine.imagePush(target.repo, tag === undefined ? {} : { tag }),
      sink,
    );
    if (outcome.error !== undefined)
      throw new CliError({ status: outcome.error.message, exitCode: 1 });
    if (quiet) out(io, `${target.repo}${tag === undefined ? "" : `:${tag}`}\n`);
    return 0;
  },
};
