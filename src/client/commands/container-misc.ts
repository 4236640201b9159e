import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { DOCKER_TOP_TABLE, tabwriterFormat } from "../format/tab-writer.ts";
import { naturalCompare } from "../formatter/natural-less.ts";
import { out, writeArchiveOutput } from "./common.ts";
import { parseRepoTag } from "./inspect-helpers.ts";

/** `docker top`. */
export const topCommand: CommandSpec = {
  name: "top",
  useArgs: "CONTAINER [ps OPTIONS]",
  short: "Display the running processes of a container",
  aliases: "docker container top, docker top",
  args: { kind: "min", count: 1 },
  interspersed: false,
  flags: [],
  async run(engine, args, io) {
    const [name = "", ...psArgs] = args.positional;
    const top = await engine.containerTop(
      name,
      psArgs.length === 0 ? {} : { psArgs: psArgs.join(" ") },
    );
    const lines = [top.Titles, ...top.Processes].map((row) => `${row.join("\t")}\n`).join("");
    out(io, tabwriterFormat(lines, DOCKER_TOP_TABLE));
    return 0;
  },
};

const CHANGE_KINDS = ["C", "A", "D"] as const;

/** `docker diff`. */
export const diffCommand: CommandSpec = {
  name: "diff",
  useArgs: "CONTAINER",
  short: "Inspect changes to files or directories on a container's filesystem",
  aliases: "docker container diff, docker diff",
  args: { kind: "exact", count: 1 },
  flags: [],
  async run(engine, args, io) {
    const changes = await engine.containerChanges(args.positional[0]!);
    out(io, changes.map((change) => `${CHANGE_KINDS[change.Kind]} ${change.Path}\n`).join(""));
    return 0;
  },
};

/** Go's `strconv.ParseUint(text, 10, 16)` error, or undefined when `text` is a port number. */
function uint16Error(text: string): string | undefined {
  const quoted = JSON.stringify(text);
  if (!/^[0-9]+$/.test(text)) return `strconv.ParseUint: parsing ${quoted}: invalid syntax`;
  if (Number(text) > 65535) return `strconv.ParseUint: parsing ${quoted}: value out of range`;
  return undefined;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `docker port`. */
export const portCommand: CommandSpec = {
  name: "port",
  useArgs: "CONTAINER [PRIVATE_PORT[/PROTO]]",
  short: "List port mappings or a specific mapping for the container",
  aliases: "docker container port, docker port",
  args: { kind: "range", min: 1, max: 2 },
  flags: [],
  async run(engine, args, io) {
    const [name = "", wanted] = args.positional;
    const container = await engine.containerInspect(name);
    const ports = (container.NetworkSettings.Ports ?? {}) as Record<
      string,
      { HostIp: string; HostPort: string }[] | null
    >;
    if (wanted !== undefined) {
      const slash = wanted.indexOf("/");
      const port = slash < 0 ? wanted : wanted.slice(0, slash);
      const proto = slash < 0 || slash === wanted.length - 1 ? "tcp" : wanted.slice(slash + 1);
      const invalid = uint16Error(port);
      if (invalid !== undefined)
        throw new CliError({ status: `Error: invalid port (${port}): ${invalid}`, exitCode: 1 });
      const bindings = ports[`${port}/${proto}`];
      if (bindings === undefined || bindings === null || bindings.length === 0) {
        // The CLI names the port as it was given (`80`, `80/tcp`).
        throw new CliError({
          status: `Error: No public port '${wanted}' published for ${name}`,
          exitCode: 1,
        });
      }
      out(
        io,
        sortedLines(bindings.map((binding) => joinHostPort(binding.HostIp, binding.HostPort))),
      );
      return 0;
    }
    const lines: string[] = [];
    for (const [key, bindings] of Object.entries(ports)) {
      for (const binding of bindings ?? [])
        lines.push(`${key} -> ${joinHostPort(binding.HostIp, binding.HostPort)}`);
    }
    out(io, sortedLines(lines));
    return 0;
  },
};

/**
 * The CLI 28.2 sorts the lines it prints with `sortorder.NaturalLess` (`80/tcp` before
 * `443/tcp`, `0.0.0.0:8080` before `127.0.0.1:8082` before `[::]:8080`), whatever order
 * dockerd listed the bindings in.
 */
function sortedLines(lines: readonly string[]): string {
  return [...lines]
    .sort(naturalCompare)
    .map((line) => `${line}\n`)
    .join("");
}

/** `docker commit`. */
export const commitCommand: CommandSpec = {
  name: "commit",
  useArgs: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
  short: "Create a new image from a container's changes",
  aliases: "docker container commit, docker commit",
  args: { kind: "range", min: 1, max: 2 },
  flags: [
    {
      name: "author",
      short: "a",
      type: "string",
      usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")',
    },
    {
      name: "change",
      short: "c",
      type: "list",
      usage: "Apply Dockerfile instruction to the created image",
    },
    { name: "message", short: "m", type: "string", usage: "Commit message" },
    {
      name: "pause",
      short: "p",
      type: "bool",
      defaultValue: true,
      usage: "Pause container during commit",
    },
  ],
  async run(engine, args, io) {
    const [container = "", reference] = args.positional;
    const target = reference === undefined ? {} : parseRepoTag(reference);
    const { Id } = await engine.containerCommit({
      container,
      ...target,
      comment: args.string("message"),
      author: args.string("author"),
      changes: args.strings("change"),
      pause: args.bool("pause"),
    });
    out(io, `${Id}\n`);
    return 0;
  },
};

/** `docker export`. */
export const exportCommand: CommandSpec = {
  name: "export",
  useArgs: "[OPTIONS] CONTAINER",
  short: "Export a container's filesystem as a tar archive",
  aliases: "docker container export, docker export",
  args: { kind: "exact", count: 1 },
  flags: [
    { name: "output", short: "o", type: "string", usage: "Write to a file, instead of STDOUT" },
  ],
  async run(engine, args, io) {
    await writeArchiveOutput(io, args.string("output"), () =>
      engine.containerExport(args.positional[0]!),
    );
    return 0;
  },
};
