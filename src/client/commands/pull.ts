import type { Engine } from "../../engine/engine.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import {
  familiarString,
  formatReference,
  isNameOnly,
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
export function pullReference(text: string): PullReference {
  let named: NamedReference;
  try {
    named = parseNormalizedNamed(text, { dialect: "cli" });
  } catch (error) {
    if (isDrydockError(error)) throw new CliError({ status: error.message, exitCode: 1 });
    throw error;
  }
  const defaulted = isNameOnly(named);
  const tagged = named.digest === undefined ? withDefaultTag(named) : named;
  const familiar = familiarString(tagged);
  const full = formatReference(tagged);
  const fromImage = familiarString({ ...tagged, tag: undefined, digest: undefined });
  const tag = tagged.digest ?? tagged.tag;
  return tag === undefined
    ? { fromImage, familiar, full, defaulted }
    : { fromImage, tag, familiar, full, defaulted };
}

/** A reference the CLI is about to pull, in the forms it sends and prints. */
export interface PullReference {
  readonly fromImage: string;
  readonly tag?: string;
  /** `busybox:latest`. */
  readonly familiar: string;
  /** `docker.io/library/busybox:latest`, which `docker pull` prints last. */
  readonly full: string;
  /** True when the user named neither tag nor digest (`Using default tag: latest`). */
  readonly defaulted: boolean;
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
    const text = args.positional[0]!;
    const reference = pullReference(text);
    // The docker CLI says when it chose the tag, then names the full reference it pulled.
    if (reference.defaulted && !quiet) out(io, "Using default tag: latest\n");
    await pullImage(engine, text, sink);
    out(io, `${reference.full}\n`);
    return 0;
  },
};
