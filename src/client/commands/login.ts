import { CliError } from "../cli-error.ts";
import { readAllStdin } from "../command-io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { out } from "./common.ts";

/** The registry `docker login` means without a server argument. */
const DEFAULT_SERVER = "https://index.docker.io/v1/";

/**
 * `docker login`: checks the credentials with the engine (`POST /auth`). drydock keeps no
 * credential store yet: the engine is told, nothing is written on the host.
 */
export const loginCommand: CommandSpec = {
  name: "login",
  useArgs: "[OPTIONS] [SERVER]",
  short: "Authenticate to a registry",
  long: "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
  args: { kind: "max", count: 1 },
  flags: [
    {
      name: "password",
      short: "p",
      type: "string",
      usage: "Password or Personal Access Token (PAT)",
    },
    {
      name: "password-stdin",
      type: "bool",
      usage: "Take the Password or Personal Access Token (PAT) from stdin",
    },
    { name: "username", short: "u", type: "string", usage: "Username" },
  ],
  async run(engine, args, io) {
    let password = args.string("password");
    if (args.bool("password-stdin")) {
      if (password !== "")
        throw new CliError({
          status: "--password and --password-stdin are mutually exclusive",
          exitCode: 1,
        });
      if (args.string("username") === "")
        throw new CliError({
          status: "Must provide --username with --password-stdin",
          exitCode: 1,
        });
      password = new TextDecoder().decode(await readAllStdin(io, 64 * 1024)).replace(/\r?\n$/, "");
    } else if (password !== "") {
      io.stderr.write("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
    }
    const username = args.string("username");
    if (username === "" || password === "") {
      throw new CliError({
        status: "Error: Cannot perform an interactive login from a non TTY device",
        exitCode: 1,
      });
    }
    const serveraddress = args.positional[0] ?? DEFAULT_SERVER;
    const response = await engine.auth({ username, password, serveraddress });
    out(io, `${response.Status === "" ? "Login Succeeded" : response.Status}\n`);
    return 0;
  },
};

/** `docker logout`: nothing is stored, so nothing to remove; prints what docker prints. */
export const logoutCommand: CommandSpec = {
  name: "logout",
  useArgs: "[SERVER]",
  short: "Log out from a registry",
  long: "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
  args: { kind: "max", count: 1 },
  flags: [],
  async run(_engine, args, io) {
    out(io, `Removing login credentials for ${args.positional[0] ?? DEFAULT_SERVER}\n`);
    return 0;
  },
};
