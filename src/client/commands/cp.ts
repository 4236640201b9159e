import { type TarEntry, tarEntry } from "../../archive/tar-entry.ts";
import { readTar } from "../../archive/tar-reader.ts";
import { TarWriter } from "../../archive/tar-writer.ts";
import type { Engine } from "../../engine/engine.ts";
import { isFsError } from "../../errors/fs-error.ts";
import { CliError } from "../cli-error.ts";
import { type CommandIo, readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";

/** Largest archive `docker cp` moves, in bytes. */
const CP_BYTES_MAX = 2 * 1024 * 1024 * 1024;
/** Go's `os.ModeDir` bit in the path stat's mode. */
const MODE_DIR = 2 ** 31;

/** `CONTAINER:PATH` split; a local path (also one with `/` before the colon) has no container. */
export function splitCpArg(arg: string): { container?: string; path: string } {
  if (arg.startsWith("/") || arg.startsWith(".")) return { path: arg };
  const colon = arg.indexOf(":");
  if (colon <= 0) return { path: arg };
  const container = arg.slice(0, colon);
  if (container.includes("/")) return { path: arg };
  return { container, path: arg.slice(colon + 1) };
}

function base(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The contents-only form (`dir/.`) copies a directory's contents rather than the directory. */
function copiesContents(path: string): boolean {
  return path.endsWith("/.") || path === ".";
}

/** Re-roots archive entries: the source's own name becomes `name` ("" for contents only). */
function rebase(entries: readonly TarEntry[], from: string, to: string): TarEntry[] {
  return entries.flatMap((entry) => {
    if (entry.path !== from && !entry.path.startsWith(`${from}/`)) return [];
    const rest = entry.path.slice(from.length).replace(/^\//, "");
    const path = to === "" ? rest : rest === "" ? to : `${to}/${rest}`;
    if (path === "") return [];
    return [
      {
        ...entry,
        path,
        linkTarget: entry.type === "hardlink" ? entry.linkTarget : entry.linkTarget,
      },
    ];
  });
}

async function fromContainer(
  engine: Engine,
  io: CommandIo,
  source: { container: string; path: string },
  destination: string,
): Promise<void> {
  const { stat, archive } = await engine.containerArchive(source.container, source.path);
  if (destination === "-") {
    io.stdout.write(archive);
    return;
  }
  const sourceIsDir = (stat.mode & MODE_DIR) !== 0;
  const target = await io.files.stat(destination);
  let into: string;
  let name: string;
  if (target?.type === "directory") {
    into = destination;
    name = sourceIsDir && copiesContents(source.path) ? "" : stat.name;
  } else {
    if (destination.endsWith("/")) throw new CliError({ status: "no such directory", exitCode: 1 });
    const parent = destination.includes("/")
      ? destination.slice(0, destination.lastIndexOf("/")) || "/"
      : ".";
    if ((await io.files.stat(parent))?.type !== "directory")
      throw new CliError({ status: "no such directory", exitCode: 1 });
    if (target !== undefined && sourceIsDir) {
      throw new CliError({
        status: `cannot copy a directory to a file: ${destination}`,
        exitCode: 1,
      });
    }
    into = parent;
    name = base(destination);
  }
  await extractToHost(io, rebase(readTar(archive), stat.name, name), into);
}

async function extractToHost(
  io: CommandIo,
  entries: readonly TarEntry[],
  into: string,
): Promise<void> {
  for (const entry of entries) {
    const path = `${into}/${entry.path}`;
    if (entry.type === "directory") {
      if ((await io.files.stat(path))?.type !== "directory")
        await io.files.mkdir(path, { mode: entry.mode });
    } else if (entry.type === "symlink") {
      await io.files.symlink(entry.linkTarget, path);
    } else if (entry.type === "file" || entry.type === "hardlink") {
      await io.files.writeFile(path, entry.data, { mode: entry.mode, mtimeUs: entry.mtimeUs });
    }
  }
}

/** Tars a host path with its base name (or nothing, for `dir/.`) as the archive root. */
async function hostTar(io: CommandIo, path: string, rootName: string): Promise<Uint8Array> {
  const writer = new TarWriter({ sizeBytesMax: CP_BYTES_MAX });
  const walk = async (full: string, name: string): Promise<void> => {
    const stat = await io.files.lstat(full);
    const common = {
      path: name,
      mode: stat.mode & 0o7777,
      mtimeUs: stat.mtimeUs,
      uid: stat.uid,
      gid: stat.gid,
    };
    if (stat.type === "directory") {
      if (name !== "") writer.add(tarEntry({ ...common, type: "directory" }));
      for (const child of await io.files.readDir(full))
        await walk(`${full}/${child}`, name === "" ? child : `${name}/${child}`);
    } else if (stat.type === "symlink")
      writer.add(
        tarEntry({ ...common, type: "symlink", linkTarget: await io.files.readLink(full) }),
      );
    else if (stat.type === "file")
      writer.add(tarEntry({ ...common, type: "file", data: await io.files.readFile(full) }));
  };
  await walk(path, rootName);
  return writer.finish();
}

async function toContainer(
  engine: Engine,
  io: CommandIo,
  source: string,
  destination: { container: string; path: string },
): Promise<void> {
  if (source === "-") {
    const archive = await readAllStdin(io, CP_BYTES_MAX);
    const stat = await engine.containerStatPath(destination.container, destination.path);
    if ((stat.mode & MODE_DIR) === 0) {
      throw new CliError({
        status: `destination "${destination.container}:${destination.path}" must be a directory`,
        exitCode: 1,
      });
    }
    await engine.containerExtract(destination.container, destination.path, archive);
    return;
  }
  const local = await io.files.stat(source);
  if (local === undefined)
    throw new CliError({
      status: `lstat ${io.files.resolve(source)}: no such file or directory`,
      exitCode: 1,
    });
  let target: Awaited<ReturnType<Engine["containerStatPath"]>> | undefined;
  try {
    target = await engine.containerStatPath(destination.container, destination.path);
  } catch (error) {
    if (!(error instanceof Error) || !/Could not find|No such file|not found/i.test(error.message))
      throw error;
  }
  if (target !== undefined && (target.mode & MODE_DIR) !== 0) {
    const name =
      local.type === "directory" && copiesContents(source) ? "" : base(io.files.resolve(source));
    await engine.containerExtract(
      destination.container,
      destination.path,
      await hostTar(io, source, name),
    );
    return;
  }
  if (destination.path.endsWith("/"))
    throw new CliError({ status: "no such directory", exitCode: 1 });
  if (target !== undefined && local.type === "directory") {
    throw new CliError({
      status: `cannot copy a directory to a file: ${destination.path}`,
      exitCode: 1,
    });
  }
  const parent = destination.path.slice(0, destination.path.lastIndexOf("/")) || "/";
  await engine.containerExtract(
    destination.container,
    parent,
    await hostTar(io, source, base(destination.path)),
  );
}

/** `docker cp`: between a container and the host, or a tar stream with `-`. */
export const cpCommand: CommandSpec = {
  name: "cp",
  useArgs: "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-",
  useMore: ["[OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH"],
  short: "Copy files/folders between a container and the local filesystem",
  long:
    "Copy files/folders between a container and the local filesystem\n\n" +
    "Use '-' as the source to read a tar archive from stdin\n" +
    "and extract it to a directory destination in a container.\n" +
    "Use '-' as the destination to stream a tar archive of a\n" +
    "container source to stdout.",
  aliases: "docker container cp, docker cp",
  args: { kind: "exact", count: 2 },
  flags: [
    {
      name: "archive",
      short: "a",
      type: "bool",
      usage: "Archive mode (copy all uid/gid information)",
    },
    {
      name: "follow-link",
      short: "L",
      type: "bool",
      usage: "Always follow symbol link in SRC_PATH",
    },
    {
      name: "quiet",
      short: "q",
      type: "bool",
      usage:
        "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached",
    },
  ],
  async run(engine, args, io) {
    const [from = "", to = ""] = args.positional;
    const source = splitCpArg(from);
    const destination = splitCpArg(to);
    if (source.container !== undefined && destination.container !== undefined) {
      throw new CliError({ status: "copying between containers is not supported", exitCode: 1 });
    }
    if (source.container === undefined && destination.container === undefined) {
      throw new CliError({ status: "must specify at least one container source", exitCode: 1 });
    }
    try {
      if (source.container !== undefined)
        await fromContainer(engine, io, { container: source.container, path: source.path }, to);
      else
        await toContainer(engine, io, from, {
          container: destination.container!,
          path: destination.path,
        });
    } catch (error) {
      if (isFsError(error)) throw new CliError({ status: error.goMessage, exitCode: 1 });
      throw error;
    }
    return 0;
  },
};
