import type { Engine } from "../../engine/engine.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import {
  familiarString,
  type NamedReference,
  parseNormalizedNamed,
  withDefaultTag,
} from "../../image/reference.ts";
import { CliError } from "../cli-error.ts";
import type { OutputSink } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { out } from "./common.ts";
import { displayJsonMessages } from "./json-messages.ts";

/** A reference as the CLI normalises it before pulling: `busybox` → `busybox:latest`. */
export function pullReference(text: string): { fromImage: string; tag?: string; familiar: string } {
  let named: NamedReference;
  try {
    named = parseNormalizedNamed(text, { dialect: "cli" });
  } catch (error) {
    if (isDrydockError(error)) throw new CliError({ status: error.message, exitCode: 1 });
    throw error;
  }
  const tagged = named.digest === undefined ? withDefaultTag(named) : named;
  const familiar = familiarString(tagged);
  const fromImage = familiarString({ ...tagged, tag: undefined, digest: undefined });
  const tag = tagged.digest ?? tagged.tag;
  return tag === undefined ? { fromImage, familiar } : { fromImage, tag, familiar };
}

/**
 * Pulls an image, printing the progress lines to `sink`; a stream error becomes a `CliError`.
 * Returns the familiar reference pulled (`busybox:latest`).
 */
export async function pullImage(engine: Engine, text: string, sink: OutputSink): Promise<string> {
  const reference = pullReference(text);
  const stream = engine.imagePull({
    fromImage: reference.fromImage,
    ...(reference.tag === undefined ? {} : { tag: reference.tag }),
  });
  const outcome = await displayJsonMessages(stream, sink);
  if (outcome.error !== undefined)
    throw new CliError({ status: outcome.error.message, exitCode: 1 });
  return reference.familiar;
}

/** `docker pull`. */
export const pullCommand: CommandSpec = {
  name: "pull",
  useArgs: "[OPTIONS] NAME[:TAG|@DIGEST]",
  short: "Download an image from a registry",
  aliases: "docker image pull, docker pull",
  args: { kind: "exact", count: 1 },
  flags: [
    {
      name: "all-tags",
      short: "a",
      type: "bool",
      usage: "Download all tagged images in the repository",
    },
    {
      name: "disable-content-trust",
      type: "bool",
      defaultValue: true,
      usage: "Skip image verification",
    },
    { name: "platform", type: "string", usage: "Set platform if server is multi-platform capable" },
    { name: "quiet", short: "q", type: "bool", usage: "Suppress verbose output" },
  ],
  async run(engine, args, io) {
    const quiet = args.bool("quiet");
    const sink = quiet ? { write: () => undefined } : io.stdout;
    const familiar = await pullImage(engine, args.positional[0]!, sink);
    out(io, `${familiar}\n`);
    return 0;
  },
};
