import { goJson } from "../../digest/go-json.ts";
import type { Engine } from "../../engine/engine.ts";
import { isNotFound } from "../../errors/drydock-error.ts";
import { CliError } from "../cli-error.ts";
import type { CommandIo } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { fromJson, type GoStructType, typedValue } from "../formatter/go-typed.ts";
import { CONTAINER_INSPECT, IMAGE_INSPECT, NETWORK, VOLUME } from "../formatter/inspect-types.ts";
import { GoTemplate } from "../go-template/go-template.ts";
import { TemplateError } from "../go-template/template-error.ts";
import { daemonMessage, err, out } from "./common.ts";
import { FORMAT_INSPECT_FLAG } from "./shared-flags.ts";

/** An object found by name: its raw JSON, its Go type, and whether docker falls back to the raw map. */
export interface Inspected {
  readonly raw: unknown;
  readonly type: GoStructType;
  readonly fallback: boolean;
}

/** Finds one object by name; throws the message docker prints when it is not there. */
export type InspectLookup = (name: string) => Promise<Inspected>;

/**
 * docker's `inspect.Inspect`: without a format, a JSON array indented by four spaces; `json`, one
 * compact array; a template runs on each object (typed first, then, if that fails and the type
 * allows, on the raw JSON map with `missingkey=error`). Found objects are printed, lookup
 * errors follow on stderr, and the exit code is 1 if any name failed.
 */
export async function inspectObjects(options: {
  readonly names: readonly string[];
  readonly lookup: InspectLookup;
  readonly format: string;
  readonly io: CommandIo;
}): Promise<number> {
  const { io, format } = options;
  const template = format === "" || format === "json" ? undefined : parseInspectTemplate(format);
  const found: Inspected[] = [];
  const failures: string[] = [];
  let text = "";
  for (const name of options.names) {
    try {
      const item = await options.lookup(name);
      found.push(item);
      if (template !== undefined) text += `${executeInspect(template, item)}\n`;
    } catch (error) {
      failures.push(daemonMessage(error));
    }
  }
  if (template === undefined) {
    const raws = found.map((item) => item.raw);
    out(io, `${format === "json" ? goJson(raws) : goJson(raws, "    ")}\n`);
  } else {
    // docker's inspector writes a lone newline when nothing was formatted.
    out(io, text === "" ? "\n" : text);
  }
  if (failures.length === 0) return 0;
  err(io, `${failures.join("\n")}\n`);
  return 1;
}

function parseInspectTemplate(format: string): GoTemplate {
  try {
    return GoTemplate.parse(format.replaceAll("\\t", "\t").replaceAll("\\n", "\n"));
  } catch (error) {
    if (error instanceof TemplateError)
      throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 64 });
    throw error;
  }
}

function executeInspect(template: GoTemplate, item: Inspected): string {
  try {
    return template.execute(typedValue(item.raw, item.type));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    if (!item.fallback)
      throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
  }
  try {
    return template.execute(fromJson(item.raw), { missingKey: "error" });
  } catch (error) {
    if (error instanceof TemplateError)
      throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
    throw error;
  }
}

const TYPES = [
  "config",
  "container",
  "image",
  "network",
  "node",
  "plugin",
  "secret",
  "service",
  "task",
  "volume",
];

type Kind = "container" | "image" | "network" | "volume";

function lookupOf(engine: Engine, kind: Kind, size: boolean): InspectLookup {
  switch (kind) {
    case "container":
      return async (name) => ({
        raw: await engine.containerInspect(name, { size }),
        type: CONTAINER_INSPECT,
        fallback: true,
      });
    case "image":
      return async (name) => ({
        raw: await engine.imageInspect(name),
        type: IMAGE_INSPECT,
        fallback: true,
      });
    case "network":
      return async (name) => ({
        raw: await engine.networkInspect(name),
        type: NETWORK,
        fallback: true,
      });
    case "volume":
      return async (name) => ({
        raw: await engine.volumeInspect(name),
        type: VOLUME,
        fallback: false,
      });
  }
}

/** `docker inspect`: any object by name, probing containers, images, networks, volumes in turn. */
export const inspectCommand: CommandSpec = {
  name: "inspect",
  useArgs: "[OPTIONS] NAME|ID [NAME|ID...]",
  short: "Return low-level information on Docker objects",
  args: { kind: "min", count: 1 },
  flags: [
    FORMAT_INSPECT_FLAG,
    {
      name: "size",
      short: "s",
      type: "bool",
      usage: "Display total file sizes if the type is container",
    },
    { name: "type", type: "string", usage: "Only inspect objects of the given type" },
  ],
  async run(engine, args, io) {
    const type = args.string("type");
    if (type !== "" && !TYPES.includes(type)) {
      const list = TYPES.map((name) => JSON.stringify(name)).join(", ");
      throw new CliError({
        status: `unknown type: ${JSON.stringify(type)}: must be one of ${list}`,
        exitCode: 1,
      });
    }
    const size = args.bool("size");
    const kinds: readonly Kind[] =
      type === ""
        ? ["container", "image", "network", "volume"]
        : TYPES_WE_HAVE.has(type)
          ? [type as Kind]
          : [];
    const lookup: InspectLookup = async (name) => {
      for (const kind of kinds) {
        try {
          return await lookupOf(engine, kind, size)(name);
        } catch (error) {
          if (!isNotFound(error)) throw error;
          if (type !== "") throw error;
        }
      }
      throw new CliError({ status: `Error: No such object: ${name}`, exitCode: 1 });
    };
    return inspectObjects({ names: args.positional, lookup, format: args.string("format"), io });
  },
};

const TYPES_WE_HAVE: ReadonlySet<string> = new Set(["container", "image", "network", "volume"]);

/** `docker container inspect`, `image inspect`, `volume inspect`, `network inspect`. */
export function typedInspectCommand(
  kind: Kind,
  options: { short: string; aliases?: string; useArgs: string },
): CommandSpec {
  return {
    name: "inspect",
    useArgs: options.useArgs,
    short: options.short,
    ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
    args: { kind: "min", count: 1 },
    flags:
      kind === "container"
        ? [
            FORMAT_INSPECT_FLAG,
            { name: "size", short: "s", type: "bool", usage: "Display total file sizes" },
          ]
        : [FORMAT_INSPECT_FLAG],
    run(engine, args, io) {
      const size = kind === "container" && args.bool("size");
      return inspectObjects({
        names: args.positional,
        lookup: lookupOf(engine, kind, size),
        format: args.string("format"),
        io,
      });
    },
  };
}
