import type { BuildContextInput, ImageBuildOptions } from "../../engine/engine.ts";
import { CliError } from "../cli-error.ts";
import { type CommandIo, readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { humanSize } from "../format/units.ts";
import type { ParsedArgs } from "../parsed-args.ts";
import { directoryContextTar, dockerfileTar, isArchive } from "./build-context.ts";
import { out } from "./common.ts";
import { GIT_CONTEXT_ROOT, gitContextFiles, isGitContext } from "./git-build-context.ts";
import { displayJsonMessages } from "./json-messages.ts";

/** Largest build context read from stdin, in bytes. */
const STDIN_CONTEXT_BYTES_MAX = 2 * 1024 * 1024 * 1024;

/** The legacy builder's deprecation notice (stderr), as `build` and `builder` print it. */
export const BANNER_DEFAULT: string =
  "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
  "            Install the buildx component to build images with BuildKit:\n" +
  "            https://docs.docker.com/go/buildx/\n\n";
/** The notice when `DOCKER_BUILDKIT=0` is set. */
export const BANNER_DISABLED: string =
  "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
  "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n" +
  "            environment-variable.\n\n";

function isRemote(context: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context);
}

function keyValues(
  values: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  fromEnv: boolean,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals >= 0) map[value.slice(0, equals)] = value.slice(equals + 1);
    else if (!fromEnv) map[value] = "";
    else if (env[value] !== undefined) map[value] = env[value]!;
  }
  return map;
}

/** Resolves the context argument into what the engine receives. */
async function buildContext(
  args: ParsedArgs,
  io: CommandIo,
): Promise<{ context: BuildContextInput; dockerfile: string }> {
  const where = args.positional[0]!;
  const file = args.string("file");
  if (where === "-") {
    if (file === "-")
      throw new CliError({
        status: "invalid argument: can't use stdin for both build context and dockerfile",
        exitCode: 1,
      });
    const bytes = await readAllStdin(io, STDIN_CONTEXT_BYTES_MAX);
    if (isArchive(bytes))
      return {
        context: { kind: "tar", archive: bytes },
        dockerfile: file === "" ? "Dockerfile" : file,
      };
    if (file !== "")
      throw new CliError({
        status: `unable to prepare context: the Dockerfile (${file}) cannot be used with a Dockerfile from stdin`,
        exitCode: 1,
      });
    return { context: { kind: "tar", archive: dockerfileTar(bytes) }, dockerfile: "Dockerfile" };
  }
  if (io.git !== undefined && isGitContext(where)) {
    let files: Awaited<ReturnType<typeof gitContextFiles>>;
    try {
      files = await gitContextFiles({ ...io, git: io.git }, where);
    } catch (error) {
      // The docker CLI clones into a temporary directory and words its failures this way.
      throw new CliError({
        status: `unable to prepare context: unable to 'git clone' to temporary context directory: ${(error as Error).message}`,
        exitCode: 1,
      });
    }
    return directoryContext({ ...io, files }, GIT_CONTEXT_ROOT, file);
  }
  if (isRemote(where))
    return {
      context: { kind: "remote", url: where },
      dockerfile: file === "" ? "Dockerfile" : file,
    };
  const stat = await io.files.stat(where);
  if (stat === undefined)
    throw new CliError({
      status: `unable to prepare context: path "${where}" not found`,
      exitCode: 1,
    });
  if (stat.type !== "directory") {
    throw new CliError({
      status: `unable to prepare context: context must be a directory: ${io.files.resolve(where)}`,
      exitCode: 1,
    });
  }
  return directoryContext(io, where, file);
}

async function directoryContext(
  io: CommandIo,
  where: string,
  file: string,
): Promise<{ context: BuildContextInput; dockerfile: string }> {
  const root = io.files.resolve(where);
  let dockerfile = "Dockerfile";
  let extra: Uint8Array | undefined;
  if (file === "-") {
    extra = await readAllStdin(io, STDIN_CONTEXT_BYTES_MAX);
    dockerfile = ".dockerfile.drydock-stdin";
  } else if (file !== "") {
    const absolute = io.files.resolve(file);
    if (absolute.startsWith(`${root}/`)) dockerfile = absolute.slice(root.length + 1);
    else {
      if ((await io.files.stat(absolute)) === undefined) {
        throw new CliError({
          status: `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${absolute}: no such file or directory`,
          exitCode: 1,
        });
      }
      extra = await io.files.readFile(absolute);
      dockerfile = ".dockerfile.drydock";
    }
  }
  if (extra === undefined && (await io.files.stat(`${root}/${dockerfile}`)) === undefined) {
    throw new CliError({
      status: `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${root}/${dockerfile}: no such file or directory`,
      exitCode: 1,
    });
  }
  const archive = await directoryContextTar(io.files, {
    root,
    dockerfile,
    dockerfileFromStdin: extra !== undefined,
  });
  const context: BuildContextInput = {
    kind: "tar",
    archive: extra === undefined ? archive : appendFile(archive, dockerfile, extra),
  };
  return { context, dockerfile };
}

/** Appends a file to a finished tar (the CLI adds an outside Dockerfile under a hidden name). */
function appendFile(archive: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const trailer = dockerfileTar(data, name);
  const out = new Uint8Array(archive.length - 1024 + trailer.length);
  out.set(archive.subarray(0, archive.length - 1024));
  out.set(trailer, archive.length - 1024);
  return out;
}

function buildOptions(args: ParsedArgs, io: CommandIo, dockerfile: string): ImageBuildOptions {
  return {
    tags: args.strings("tag"),
    dockerfile,
    buildArgs: keyValues(args.strings("build-arg"), io.env, true),
    labels: keyValues(args.strings("label"), io.env, false),
    noCache: args.bool("no-cache"),
    ...(args.string("target") === "" ? {} : { target: args.string("target") }),
    pull: args.bool("pull"),
    rm: args.bool("rm"),
    forceRm: args.bool("force-rm"),
    quiet: args.bool("quiet"),
    ...(args.string("platform") === "" ? {} : { platform: args.string("platform") }),
  };
}

/** `docker build` with the classic builder, as CLI 28 without buildx runs it. */
export const buildCommand: CommandSpec = {
  name: "build",
  useArgs: "[OPTIONS] PATH | URL | -",
  short: "Build an image from a Dockerfile",
  aliases: "docker image build, docker build, docker builder build",
  args: { kind: "exact", count: 1 },
  flags: [
    { name: "build-arg", type: "list", usage: "Set build-time variables" },
    {
      name: "file",
      short: "f",
      type: "string",
      usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")',
    },
    { name: "force-rm", type: "bool", usage: "Always remove intermediate containers" },
    { name: "iidfile", type: "string", usage: "Write the image ID to the file" },
    { name: "label", type: "list", usage: "Set metadata for an image" },
    { name: "no-cache", type: "bool", usage: "Do not use cache when building the image" },
    { name: "platform", type: "string", usage: "Set platform if server is multi-platform capable" },
    { name: "pull", type: "bool", usage: "Always attempt to pull a newer version of the image" },
    {
      name: "quiet",
      short: "q",
      type: "bool",
      usage: "Suppress the build output and print image ID on success",
    },
    {
      name: "rm",
      type: "bool",
      defaultValue: true,
      usage: "Remove intermediate containers after a successful build",
    },
    {
      name: "tag",
      short: "t",
      type: "list",
      usage: 'Name and optionally a tag in the "name:tag" format',
    },
    { name: "target", type: "string", usage: "Set the target build stage to build." },
  ],
  async run(engine, args, io) {
    const buildkit = io.env.DOCKER_BUILDKIT;
    if (buildkit === "1" || buildkit === "true") {
      throw new CliError({
        status:
          "ERROR: BuildKit is enabled but the buildx component is missing or broken.\n" +
          "       Install the buildx component to build images with BuildKit:\n" +
          "       https://docs.docker.com/go/buildx/",
        exitCode: 1,
      });
    }
    io.stderr.write(buildkit === "0" || buildkit === "false" ? BANNER_DISABLED : BANNER_DEFAULT);
    const { context, dockerfile } = await buildContext(args, io);
    const quiet = args.bool("quiet");
    if (context.kind === "tar" && !quiet) {
      // The CLI right-aligns the size in 8 columns (`%8v` in its progress formatter).
      out(
        io,
        `Sending build context to Docker daemon ${humanSize(context.archive.length).padStart(8)}\n`,
      );
    }
    // With -q the CLI buffers the stream (a quiet daemon sends just the image ID) and prints it
    // at the end: on stdout after success, on stderr after a failure.
    let buffered = "";
    const decoder = new TextDecoder();
    const sink = quiet
      ? {
          write: (chunk: string | Uint8Array) =>
            void (buffered += typeof chunk === "string" ? chunk : decoder.decode(chunk)),
        }
      : io.stdout;
    const outcome = await displayJsonMessages(
      engine.imageBuild(context, buildOptions(args, io, dockerfile)),
      sink,
    );
    if (outcome.error !== undefined) {
      if (buffered !== "") io.stderr.write(buffered);
      throw new CliError({
        status: outcome.error.message,
        exitCode: outcome.error.code === 0 ? 1 : outcome.error.code,
      });
    }
    const aux = outcome.aux.map((item) => item.ID).find((value) => typeof value === "string") as
      | string
      | undefined;
    const id = aux ?? /^(sha256:[0-9a-f]{64})\s*$/.exec(buffered)?.[1];
    if (quiet) out(io, buffered !== "" ? buffered : id === undefined ? "" : `${id}\n`);
    const iidfile = args.string("iidfile");
    if (iidfile !== "" && id !== undefined)
      await io.files.writeFile(iidfile, new TextEncoder().encode(id), { mode: 0o666 });
    return 0;
  },
};
