import { CliError } from "../cli-error.ts";
import { readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { readEnvFiles, resolveEnv } from "./env-options.ts";
import { copyFrames, STDIN_BYTES_MAX, sendStdin } from "./streams.ts";

/** `docker exec`. */
export const execCommand: CommandSpec = {
  name: "exec",
  useArgs: "[OPTIONS] CONTAINER COMMAND [ARG...]",
  short: "Execute a command in a running container",
  aliases: "docker container exec, docker exec",
  args: { kind: "min", count: 2 },
  interspersed: false,
  flags: [
    {
      name: "detach",
      short: "d",
      type: "bool",
      usage: "Detached mode: run command in the background",
    },
    {
      name: "detach-keys",
      type: "string",
      usage: "Override the key sequence for detaching a container",
    },
    { name: "env", short: "e", type: "list", usage: "Set environment variables" },
    { name: "env-file", type: "list", usage: "Read in a file of environment variables" },
    {
      name: "interactive",
      short: "i",
      type: "bool",
      usage: "Keep STDIN open even if not attached",
    },
    { name: "privileged", type: "bool", usage: "Give extended privileges to the command" },
    { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
    {
      name: "user",
      short: "u",
      type: "string",
      usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")',
    },
    {
      name: "workdir",
      short: "w",
      type: "string",
      usage: "Working directory inside the container",
    },
  ],
  async run(engine, args, io) {
    const [container = "", ...command] = args.positional;
    const detach = args.bool("detach");
    const interactive = args.bool("interactive");
    const tty = args.bool("tty");
    if (tty && interactive && !io.stdinIsTerminal) {
      throw new CliError({ status: "the input device is not a TTY", exitCode: 1 });
    }
    const env = [
      ...(await readEnvFiles(io, args.strings("env-file"))),
      ...resolveEnv(args.strings("env"), io.env),
    ];
    const { Id } = await engine.execCreate(container, {
      User: args.string("user"),
      Privileged: args.bool("privileged"),
      Tty: tty,
      AttachStdin: interactive && !detach,
      AttachStderr: !detach,
      AttachStdout: !detach,
      Detach: detach,
      DetachKeys: args.string("detach-keys"),
      Env: env.length === 0 ? null : env,
      WorkingDir: args.string("workdir"),
      Cmd: command,
    });
    const session = await engine.execStart(Id, { detach, tty });
    if (detach) {
      session.close();
      return 0;
    }
    sendStdin(session, interactive ? await readAllStdin(io, STDIN_BYTES_MAX) : undefined);
    await copyFrames(session.output, io);
    const inspect = await engine.execInspect(Id);
    return inspect.ExitCode ?? 0;
  },
};
