import { join } from "node:path";
import type { CommandIo } from "../client/command-io.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { dataRootOf } from "./open-engine.ts";
import { untilStopSignal } from "./stop-signal.ts";

const USAGE = `Usage:
  drydock registry [--addr HOST:PORT] [--data-root DIR] [--delete-enabled] [--auth FILE]

Serves the OCI distribution API (docker push/pull, skopeo) over HTTP on HOST:PORT
(default 127.0.0.1:5000; port 0 picks a free one), keeping images in DIR/registry
(DIR: --data-root, $DRYDOCK_DATA_ROOT, ~/.drydock). Stops on SIGINT or SIGTERM.

Options:
  --addr HOST:PORT    Address to listen on
  --data-root DIR     Where the registry keeps its images
  --delete-enabled    Accept DELETE of manifests and blobs
  --auth FILE         Token auth: users and grants from a YAML file (a token
                      server answers on /token of the same address)
`;

/** `registry`'s arguments, parsed. */
export interface RegistryArgs {
  readonly host: string;
  readonly port: number;
  readonly dataRoot?: string;
  readonly deleteEnabled: boolean;
  readonly authFile?: string;
}

/** How `runRegistryCommand` is run: the global `--data-root`, and when to stop (default: SIGINT/SIGTERM). */
export interface RegistryCommandOptions {
  readonly dataRoot?: string;
  readonly stop?: Promise<void>;
}

/** `drydock registry …`: serves until stopped; returns the exit code (1 when it cannot start). */
export async function runRegistryCommand(
  argv: readonly string[],
  io: CommandIo,
  options: RegistryCommandOptions = {},
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  const args = parseRegistryArgs(argv);
  if (typeof args === "string") {
    io.stderr.write(`drydock registry: ${args}\n\n${USAGE}`);
    return 2;
  }
  const dir = join(dataRootOf(args.dataRoot ?? options.dataRoot, io.env), "registry");
  const { serveRegistry } = await import("../node/serve-registry.ts");
  const { readRegistryAuthFile } = await import("../node/registry-auth-file.ts");
  let running: Awaited<ReturnType<typeof serveRegistry>>;
  try {
    const auth =
      args.authFile === undefined ? undefined : await readRegistryAuthFile(args.authFile);
    running = await serveRegistry({
      ...(auth === undefined ? {} : { auth }),
      host: args.host,
      port: args.port,
      dir,
      deleteEnabled: args.deleteEnabled,
      log: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    const message = isDrydockError(error) || error instanceof Error ? error.message : String(error);
    io.stderr.write(`drydock registry: ${message}\n`);
    return 1;
  }
  io.stderr.write(`drydock registry: listening on http://${running.authority} (storage: ${dir})\n`);
  await (options.stop ?? untilStopSignal());
  await running.close();
  return 0;
}

/** Parses `registry`'s arguments strictly; a string is the error. */
export function parseRegistryArgs(argv: readonly string[]): RegistryArgs | string {
  let addr = "127.0.0.1:5000";
  let dataRoot: string | undefined;
  let deleteEnabled = false;
  let authFile: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const [flag, inline] =
      equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
    const value = () => inline ?? argv[++index];
    if (flag === "--addr") {
      const text = value();
      if (text === undefined || text === "") return "--addr takes HOST:PORT";
      addr = text;
    } else if (flag === "--data-root") {
      dataRoot = value();
      if (dataRoot === undefined || dataRoot === "") return "--data-root takes a directory";
    } else if (flag === "--auth") {
      authFile = value();
      if (authFile === undefined || authFile === "") return "--auth takes a file";
    } else if (flag === "--delete-enabled" && inline === undefined) {
      deleteEnabled = true;
    } else {
      return `unknown argument "${arg}"`;
    }
  }
  const parsed = parseAddr(addr);
  if (parsed === undefined) return `--addr ${addr}: want HOST:PORT, a port from 0 to 65535`;
  return {
    ...parsed,
    ...(dataRoot === undefined ? {} : { dataRoot }),
    deleteEnabled,
    ...(authFile === undefined ? {} : { authFile }),
  };
}

/** `127.0.0.1:5000`, `[::1]:5000`, `:5000` (every interface, as Go's listeners read it). */
function parseAddr(addr: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(addr);
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port > 65_535) return undefined;
  const host = match[1] ?? (match[2] === "" ? "0.0.0.0" : match[2]!);
  return { host, port };
}
