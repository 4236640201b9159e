import type { ContainerCreateResponse, WaitResponse } from "../../engine/api-types.ts";
import type { Engine } from "../../engine/engine.ts";
import { isNotFound } from "../../errors/drydock-error.ts";
import { CliError } from "../cli-error.ts";
import { type CommandIo, readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import type { ParsedArgs } from "../parsed-args.ts";
import { daemonMessage, out } from "./common.ts";
import { CONTAINER_FLAGS, type ContainerOptions, containerOptions } from "./container-options.ts";
import { pullImage, pullReference } from "./pull.ts";
import { copyFrames, quietly, STDIN_BYTES_MAX, sendStdin } from "./streams.ts";

/**
 * The CLI's wrapping of `run`/`create` failures: `docker: <message>` then a hint, exit 125 unless
 * the failure says otherwise (126 cannot execute, 127 not found, as the real CLI maps them).
 */
export function runFailure(args: ParsedArgs, error: unknown): CliError {
  const message = daemonMessage(error);
  return new CliError({
    status: `docker: ${message}\n\nRun '${args.commandLine} --help' for more information`,
    exitCode: exitCodeOf(message),
    cause: error,
  });
}

function exitCodeOf(message: string): number {
  if (/executable file not found|no such file or directory/.test(message) && /exec:/.test(message))
    return 127;
  if (/permission denied/.test(message) && /exec:/.test(message)) return 126;
  return 125;
}

/**
 * Creates the container as the CLI does: when the image is missing and `--pull` allows it,
 * prints `Unable to find image 'x:latest' locally` (stderr), pulls (progress on stderr) and
 * creates again; `--pull=always` pulls first.
 */
export async function createContainer(
  engine: Engine,
  options: ContainerOptions,
  io: CommandIo,
): Promise<ContainerCreateResponse> {
  const create = () =>
    engine.containerCreate(options.request, {
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    });
  if (options.pull === "always") await pullImage(engine, options.image, io.stderr);
  try {
    return await create();
  } catch (error) {
    if (
      options.pull !== "missing" ||
      !isNotFound(error) ||
      !/^No such image/.test((error as Error).message)
    )
      throw error;
    io.stderr.write(`Unable to find image '${pullReference(options.image).familiar}' locally\n`);
    await pullImage(engine, options.image, io.stderr);
    return await create();
  }
}

/** `docker run`. */
export const runCommand: CommandSpec = {
  name: "run",
  useArgs: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create and run a new container from an image",
  aliases: "docker container run, docker run",
  args: { kind: "min", count: 1 },
  interspersed: false,
  flags: [
    ...CONTAINER_FLAGS.slice(0, 2),
    {
      name: "detach",
      short: "d",
      type: "bool",
      usage: "Run container in background and print container ID",
    },
    ...CONTAINER_FLAGS.slice(2),
  ],
  async run(engine, args, io) {
    const detach = args.bool("detach");
    if (!detach && args.bool("tty") && args.bool("interactive") && !io.stdinIsTerminal) {
      throw new CliError({ status: "the input device is not a TTY", exitCode: 1 });
    }
    let created: ContainerCreateResponse;
    let options: ContainerOptions;
    try {
      options = await containerOptions(args, io, { detach });
      created = await createContainer(engine, options, io);
    } catch (error) {
      throw runFailure(args, error);
    }
    for (const warning of created.Warnings) io.stderr.write(`WARNING: ${warning}\n`);
    if (detach) {
      // The CLI prints the ID as soon as the container exists, so it shows even when the
      // start then fails (`--ip` taken, a port already allocated).
      out(io, `${created.Id}\n`);
      try {
        await engine.containerStart(created.Id);
      } catch (error) {
        throw runFailure(args, error);
      }
      return 0;
    }
    // stdin is read to its end before the container starts: a simulated world cannot wait for
    // the host's input (see streams.ts).
    const input =
      options.request.AttachStdin === true ? await readAllStdin(io, STDIN_BYTES_MAX) : undefined;
    return attachAndRun(engine, {
      args,
      io,
      id: created.Id,
      options,
      ...(input === undefined ? {} : { input }),
    });
  },
};

async function attachAndRun(
  engine: Engine,
  run: {
    args: ParsedArgs;
    io: CommandIo;
    id: string;
    options: ContainerOptions;
    input?: Uint8Array;
  },
): Promise<number> {
  const { request } = run.options;
  const session = await engine.containerAttach(run.id, {
    stdin: request.AttachStdin === true,
    stdout: request.AttachStdout === true,
    stderr: request.AttachStderr === true,
    stream: true,
  });
  const autoRemove = request.HostConfig?.AutoRemove === true;
  // The CLI registers the wait before starting, so a fast exit is never missed.
  const waiting: PromiseLike<WaitResponse> = engine.containerWait(run.id, {
    condition: autoRemove ? "removed" : "next-exit",
  });
  quietly(waiting);
  sendStdin(session, request.AttachStdin === true ? run.input : undefined);
  try {
    await engine.containerStart(run.id);
  } catch (error) {
    session.close();
    throw runFailure(run.args, error);
  }
  await copyFrames(session.output, run.io);
  const result = await waiting;
  if (result.Error !== null && result.Error.Message !== "") {
    run.io.stderr.write(`docker: Error response from daemon: ${result.Error.Message}\n`);
  }
  return result.StatusCode;
}
